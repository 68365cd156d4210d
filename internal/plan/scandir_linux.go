package plan

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"syscall"

	"golang.org/x/sys/unix"
)

// scanDir calls fn for every folder and symbolic link in the folder dir,
// in the order the system lists them. It reads the entries' types from
// getdents(2) into one buffer, with no allocation for the files, which
// are most of a catalog root; an entry of unknown type is looked up.
func scanDir(dir string, fn func(name string, link bool) error) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	buf := make([]byte, 64<<10)
	for {
		n, err := unix.Getdents(int(f.Fd()), buf)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return &os.PathError{Op: "getdents", Path: dir, Err: err}
		}
		if n <= 0 {
			return nil
		}
		// struct linux_dirent64: ino 8, off 8, reclen 2, type 1, name
		for off := 0; off+19 < n; {
			reclen := int(binary.NativeEndian.Uint16(buf[off+16:]))
			if reclen == 0 || off+reclen > n {
				break
			}
			typ := buf[off+18]
			name := buf[off+19 : off+reclen]
			for i, c := range name {
				if c == 0 {
					name = name[:i]
					break
				}
			}
			off += reclen
			if typ == unix.DT_REG || string(name) == "." || string(name) == ".." {
				continue
			}
			if typ == unix.DT_UNKNOWN {
				info, err := os.Lstat(filepath.Join(dir, string(name)))
				if err != nil {
					return err
				}
				switch {
				case info.Mode()&os.ModeSymlink != 0:
					typ = unix.DT_LNK
				case info.IsDir():
					typ = unix.DT_DIR
				}
			}
			if typ == unix.DT_DIR || typ == unix.DT_LNK {
				if err := fn(string(name), typ == unix.DT_LNK); err != nil {
					return err
				}
			}
		}
	}
}
