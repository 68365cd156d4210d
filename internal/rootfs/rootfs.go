// Package rootfs reads a project through an os.Root, which refuses any
// path that leads out of it, while keeping each folder open: an os.Root
// opens every folder on a path for every lookup, which for thousands of
// files in a few hundred folders is most of the time spent in the kernel.
package rootfs

import (
	"io/fs"
	"os"
	"path"
	"sync"
)

// FS is an fs.FS over an os.Root that opens each folder once.
type FS struct {
	root *os.Root
	base fs.FS
	mu   sync.Mutex
	dirs map[string]*os.Root
}

// New returns an FS reading root.
func New(root *os.Root) *FS {
	return &FS{root: root, base: root.FS(), dirs: map[string]*os.Root{}}
}

// dir is the open folder of name, and name's last element. ok is false
// when the folder cannot be opened on its own (a link in the path that
// the project root allows but a sub-root would not), and then the caller
// goes through the project root.
func (f *FS) dir(name string) (*os.Root, string, bool) {
	if !fs.ValidPath(name) {
		return nil, "", false
	}
	dir, file := path.Split(name)
	if dir == "" {
		return f.root, file, true
	}
	dir = dir[:len(dir)-1]
	f.mu.Lock()
	defer f.mu.Unlock()
	d, ok := f.dirs[dir]
	if !ok {
		var err error
		if d, err = f.root.OpenRoot(dir); err != nil {
			return nil, "", false
		}
		f.dirs[dir] = d
	}
	return d, file, true
}

// Open opens name.
func (f *FS) Open(name string) (fs.File, error) {
	if d, file, ok := f.dir(name); ok {
		if fl, err := d.Open(file); err == nil {
			return fl, nil
		}
	}
	return f.base.Open(name)
}

// Stat describes name, following links.
func (f *FS) Stat(name string) (fs.FileInfo, error) {
	if d, file, ok := f.dir(name); ok {
		if info, err := d.Stat(file); err == nil {
			return info, nil
		}
	}
	return fs.Stat(f.base, name)
}

// Lstat describes name without following a final link.
func (f *FS) Lstat(name string) (fs.FileInfo, error) {
	if d, file, ok := f.dir(name); ok {
		if info, err := d.Lstat(file); err == nil {
			return info, nil
		}
	}
	return fs.Lstat(f.base, name)
}

// ReadLink returns the destination of the link name.
func (f *FS) ReadLink(name string) (string, error) {
	return fs.ReadLink(f.base, name)
}

// ReadDir lists the folder name.
func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	return fs.ReadDir(f.base, name)
}
