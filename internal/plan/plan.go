// Package plan collects the files a command wants to write and writes
// them. It is the only code in healthloc that writes files: every write is
// atomic (temp file, fsync, rename), so an interrupted run never leaves a
// half-written file and two runs at once never corrupt one.
package plan

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
)

// File is one file to write. A zero Mode means 0o644.
type File struct {
	Path string
	Data []byte
	Mode fs.FileMode
}

// Plan is a set of files to write.
type Plan struct {
	Files []File
	// index maps a cleaned path to its position in Files, so that Add
	// stays linear over a plan of 100,000 catalogs.
	index map[string]int
}

// Add adds a file with the default mode, replacing any earlier file with
// the same path.
func (p *Plan) Add(path string, data []byte) {
	clean := filepath.Clean(path)
	if i, ok := p.lookup(clean); ok {
		p.Files[i] = File{Path: path, Data: data}
		return
	}
	p.index[clean] = len(p.Files)
	p.Files = append(p.Files, File{Path: path, Data: data})
}

// lookup finds clean in Files through the index, rebuilding the index
// when Files was changed directly since.
func (p *Plan) lookup(clean string) (int, bool) {
	if p.index == nil || len(p.index) != len(p.Files) {
		p.reindex()
	}
	i, ok := p.index[clean]
	if ok && filepath.Clean(p.Files[i].Path) != clean {
		p.reindex()
		i, ok = p.index[clean]
	}
	return i, ok
}

func (p *Plan) reindex() {
	p.index = make(map[string]int, len(p.Files))
	for i, f := range p.Files {
		p.index[filepath.Clean(f.Path)] = i
	}
}

// Result lists the paths Apply wrote and the ones it left alone because
// they already held the planned bytes, each in path order.
type Result struct {
	Written, Unchanged []string
}

const defaultMode fs.FileMode = 0o644

// Apply writes the files of p in sorted path order. It creates missing
// parent directories and skips a file whose current content is already
// the planned bytes, so its modification time is kept. Otherwise it
// writes a temporary file in the same directory, syncs it, renames it
// over the path and syncs the directory.
//
// Apply stops at the first error, which names the file; the Result then
// lists what was done before it. Files already written stay written:
// each file is atomic, the plan as a whole is not. A path listed twice
// is an error and nothing is written.
func Apply(p Plan) (Result, error) {
	files := append([]File(nil), p.Files...)
	sort.SliceStable(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	seen := map[string]bool{}
	for _, f := range files {
		clean := filepath.Clean(f.Path)
		if seen[clean] {
			return Result{}, fmt.Errorf("%s: listed twice in the plan", f.Path)
		}
		seen[clean] = true
	}
	var res Result
	for _, f := range files {
		changed, err := write(f)
		if err != nil {
			return res, err
		}
		if changed {
			res.Written = append(res.Written, f.Path)
		} else {
			res.Unchanged = append(res.Unchanged, f.Path)
		}
	}
	return res, nil
}

// write writes f unless it already holds f.Data, and reports whether it
// wrote.
func write(f File) (bool, error) {
	if f.Path == "" {
		return false, errors.New("plan: file with an empty path")
	}
	old, err := os.ReadFile(f.Path)
	if err == nil && bytes.Equal(old, f.Data) {
		return false, nil
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return false, fmt.Errorf("%s: %w", f.Path, err)
	}
	mode := f.Mode
	if mode == 0 {
		mode = defaultMode
	}
	dir := filepath.Dir(f.Path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return false, fmt.Errorf("%s: %w", f.Path, err)
	}
	if err := writeAtomic(dir, f.Path, f.Data, mode); err != nil {
		return false, fmt.Errorf("%s: %w", f.Path, err)
	}
	return true, nil
}

// beforeRename, when a test sets it, runs between writing a temp file and
// renaming it over path, to inject a crash.
var beforeRename func(path string)

func writeAtomic(dir, path string, data []byte, mode fs.FileMode) (err error) {
	// The temp file is hidden and in the same directory, so the rename
	// stays within one file system and is atomic.
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	// Clean up on an error and on a panic alike: renamed is set only
	// once the file is in place.
	renamed := false
	defer func() {
		if !renamed {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	// CreateTemp makes 0o600 files; set the planned mode explicitly.
	if err = tmp.Chmod(mode); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if beforeRename != nil {
		beforeRename(path)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	renamed = true
	return syncDir(dir)
}

// syncDir makes a rename in dir durable. Windows cannot sync a directory
// handle and does not need to.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	if err := d.Sync(); err != nil {
		d.Close()
		return err
	}
	return d.Close()
}
