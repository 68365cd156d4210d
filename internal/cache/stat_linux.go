package cache

import (
	"io/fs"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// statDir adds the files below the folder rel of root to t. On Linux it
// asks for each file's size and time relative to its open folder
// (fstatat), which spares the kernel walking the whole path again for
// every file: a project has tens of thousands of catalog files.
func statDir(root, rel string, t Tree) error {
	f, err := os.Open(filepath.Join(root, rel))
	if err != nil {
		return err
	}
	defer f.Close()
	entries, err := f.ReadDir(-1)
	if err != nil {
		return err
	}
	fd := int(f.Fd())
	for _, e := range entries {
		r := rel + "/" + e.Name()
		if e.IsDir() {
			if err := statDir(root, r, t); err != nil {
				return err
			}
			continue
		}
		var st unix.Stat_t
		if err := unix.Fstatat(fd, e.Name(), &st, unix.AT_SYMLINK_NOFOLLOW); err != nil {
			return &fs.PathError{Op: "lstat", Path: filepath.Join(root, r), Err: err}
		}
		t[filepath.ToSlash(r)] = FileStat{Size: st.Size, ModTime: st.Mtim.Nano(), Other: st.Mode&unix.S_IFMT != unix.S_IFREG}
	}
	return nil
}
