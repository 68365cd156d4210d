package plan

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// ErrOutside is wrapped by Within's error.
var ErrOutside = errors.New("outside the folder it must stay in")

// Within checks that every file of p, written or removed, lands inside
// root: its path, made absolute and cleaned, is below root, and so is the
// deepest folder of it that exists once symbolic links are followed. Commands call it before
// Apply with the folder they own (the catalog root, dist/<locale>), so
// that no name taken from content or from an imported file, whatever
// "..", absolute path or link it holds, can write elsewhere.
func Within(root string, p Plan) error {
	realRoot, err := Resolve(root)
	if err != nil {
		return fmt.Errorf("%s: %w", root, err)
	}
	absRoot, err := filepath.Abs(root)
	if err != nil {
		return err
	}
	// Files share folders: each folder is resolved once, and a file
	// itself only when it is a link.
	realDirs := map[string]string{}
	for _, f := range p.Files {
		abs, err := filepath.Abs(f.Path)
		if err != nil {
			return fmt.Errorf("%s: %w", f.Path, err)
		}
		if !inside(absRoot, abs) {
			return fmt.Errorf("%s: %w %s", f.Path, ErrOutside, root)
		}
		var real string
		if info, err := os.Lstat(abs); err == nil && info.Mode()&fs.ModeSymlink != 0 {
			real, err = Resolve(abs)
			if err != nil {
				return fmt.Errorf("%s: %w", f.Path, err)
			}
		} else {
			dir := filepath.Dir(abs)
			realDir, ok := realDirs[dir]
			if !ok {
				if realDir, err = Resolve(dir); err != nil {
					return fmt.Errorf("%s: %w", f.Path, err)
				}
				realDirs[dir] = realDir
			}
			real = filepath.Join(realDir, filepath.Base(abs))
		}
		if !inside(realRoot, real) {
			return fmt.Errorf("%s: a symbolic link takes it to %s, %w %s", f.Path, real, ErrOutside, root)
		}
	}
	// A removal goes through the links of its folders too; the file
	// itself, when it is a link, is what is removed.
	for _, name := range p.Remove {
		abs, err := filepath.Abs(name)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if !inside(absRoot, abs) {
			return fmt.Errorf("%s: %w %s", name, ErrOutside, root)
		}
		realDir, err := Resolve(filepath.Dir(abs))
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if real := filepath.Join(realDir, filepath.Base(abs)); !inside(realRoot, real) {
			return fmt.Errorf("%s: a symbolic link takes it to %s, %w %s", name, real, ErrOutside, root)
		}
	}
	return nil
}

// inside reports whether path is root or below it; both are absolute
// and clean.
func inside(root, path string) bool {
	rel, err := filepath.Rel(root, path)
	return err == nil && (rel == "." || filepath.IsLocal(rel))
}

// Resolve makes path absolute and follows the symbolic links of its
// deepest existing part; the part that does not exist yet is appended.
func Resolve(path string) (string, error) {
	path, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	rest := ""
	for {
		real, err := filepath.EvalSymlinks(path)
		if err == nil {
			return filepath.Join(real, rest), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(path)
		if parent == path {
			return "", err
		}
		rest = filepath.Join(filepath.Base(path), rest)
		path = parent
	}
}

// WithinAny is Within for a plan whose files may land in any of roots,
// each inside one of them: every file, removal and second-round file
// (Then) is checked against the root that holds it as written.
func WithinAny(roots []string, p Plan) error {
	abs := make([]string, len(roots))
	for i, r := range roots {
		var err error
		if abs[i], err = filepath.Abs(r); err != nil {
			return err
		}
	}
	groups := make([]Plan, len(roots))
	paths := append([]File(nil), p.Files...)
	paths = append(paths, p.Then...)
	for _, r := range p.Remove {
		paths = append(paths, File{Path: r})
	}
	for _, f := range paths {
		a, err := filepath.Abs(f.Path)
		if err != nil {
			return fmt.Errorf("%s: %w", f.Path, err)
		}
		found := false
		for i := range abs {
			if inside(abs[i], a) {
				groups[i].Files = append(groups[i].Files, f)
				found = true
				break
			}
		}
		if !found {
			return fmt.Errorf("%s: %w %s", f.Path, ErrOutside, strings.Join(roots, " or "))
		}
	}
	for i, g := range groups {
		if len(g.Files) > 0 {
			if err := Within(roots[i], g); err != nil {
				return err
			}
		}
	}
	return nil
}
