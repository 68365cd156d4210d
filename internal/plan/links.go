package plan

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
)

// LinkError is a symbolic link found by CheckLinks.
type LinkError struct {
	// Link is the link's path relative to the project, slash-separated;
	// Folder is the folder checked, as CheckLinks was given it.
	Link, Folder string
	// Target is where the link points, as written in it.
	Target string
	// Outside is set when the link leads out of the project, or nowhere.
	Outside bool
}

func (e *LinkError) Error() string {
	where := ""
	if e.Outside {
		where = ", outside the project"
	}
	return fmt.Sprintf("%s: symbolic link to %s%s: refused; nothing in %s is read or written through a link (put the folder itself there)",
		e.Link, e.Target, where, e.Folder)
}

// CheckLinks refuses any symbolic link under folder, a path relative to
// the project directory dir, and returns a *LinkError for the first one
// in path order. It is for the folders healthloc both reads and writes
// (catalog_root, the work area): a read through an os.Root does not
// follow a link out of the project, so the folder would read as empty,
// while a write or a removal would land at the far end, outside the
// project; a link that stays inside would be read as one folder and
// written as another. Refusing every link keeps reads and writes in
// agreement, and a contribution that plants a link cannot make a CI run
// touch anything outside the checkout. A folder that does not exist yet
// is fine; folder itself may be a link inside the project (config checks
// where it leads).
func CheckLinks(dir, folder string) error {
	root, err := Resolve(filepath.Join(dir, filepath.FromSlash(folder)))
	if err != nil {
		return fmt.Errorf("%s: %w", folder, err)
	}
	if _, err := os.Lstat(root); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	realDir, err := Resolve(dir)
	if err != nil {
		return fmt.Errorf("%s: %w", dir, err)
	}
	var links []string
	if err := findLinks(root, "", &links); err != nil {
		return err
	}
	if len(links) == 0 {
		return nil
	}
	// the first in path order, whatever order the folders listed them in
	rel := slices.Min(links)
	path := filepath.Join(root, rel)
	e := &LinkError{Link: filepath.ToSlash(filepath.Join(folder, rel)), Folder: folder, Outside: true}
	e.Target, _ = os.Readlink(path)
	if real, err := Resolve(path); err == nil {
		_, err = os.Stat(real)
		e.Outside = err != nil || !inside(realDir, real)
	}
	return e
}

// findLinks adds to links the symbolic links under root/rel, relative to
// root. It lists each folder in the order the system gives, without
// sorting or a stat per file: a catalog root can hold a million files,
// and this runs before every command.
func findLinks(root, rel string, links *[]string) error {
	return scanDir(filepath.Join(root, rel), func(name string, link bool) error {
		if link {
			*links = append(*links, filepath.Join(rel, name))
			return nil
		}
		return findLinks(root, filepath.Join(rel, name), links)
	})
}
