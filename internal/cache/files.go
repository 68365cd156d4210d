package cache

import (
	"crypto/sha256"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/healthloc/healthloc/internal/workers"
)

// FileStat is what the cache knows of one file: its size and
// modification time from a walk and, once read, the sha256 of its bytes.
type FileStat struct {
	Size    int64
	ModTime int64 // Unix nanoseconds
	Sum     [32]byte
	// Other marks an entry that is not a regular file (a symbolic link):
	// its bytes are never trusted to a cache.
	Other bool
}

// Tree is the files under a folder by their slash-separated path
// relative to it.
type Tree map[string]FileStat

// Walk lists the files under root with their sizes and modification
// times, leaving out names that start with a dot, as the project does;
// a missing root is an empty tree.
func Walk(root string) (Tree, error) { return WalkSome(root, nil) }

// WalkSome is Walk of the folders directly under root that keep keeps
// (all when keep is nil), and of the files directly under root.
func WalkSome(root string, keep func(dir string) bool) (Tree, error) {
	t := Tree{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == root {
				return fs.SkipDir
			}
			return err
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if keep != nil && filepath.Dir(p) == root && !keep(d.Name()) {
				return fs.SkipDir
			}
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(p, root+string(filepath.Separator)))
		t[rel] = FileStat{Size: info.Size(), ModTime: info.ModTime().UnixNano(), Other: !info.Mode().IsRegular()}
		return nil
	})
	return t, err
}

// racyWindow is how close to the moment a tree was recorded a file may
// have changed and still keep its size and time: a file written in the
// same tick as the record is read again, as git does with its index.
const racyWindow = int64(2e9)

// Sum fills in the sha256 of every regular file of t, under root. A file
// whose size and time are those prev recorded, and which changed well
// before prev was recorded (at recorded, Unix nanoseconds), keeps prev's
// sum without being read. read is how many files were read.
func Sum(root string, t Tree, prev Tree, recorded int64) (read int, _ error) {
	var names []string
	for rel, st := range t {
		if st.Other {
			continue
		}
		if old, ok := prev[rel]; ok && !old.Other && old.Size == st.Size && old.ModTime == st.ModTime &&
			st.ModTime < recorded-racyWindow {
			st.Sum = old.Sum
			t[rel] = st
			continue
		}
		names = append(names, rel)
	}
	sums := make([][32]byte, len(names))
	err := workers.Map(len(names), 0, func(i int) error {
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(names[i])))
		sums[i] = sha256.Sum256(data)
		return err
	})
	if err != nil {
		return 0, err
	}
	for i, rel := range names {
		st := t[rel]
		st.Sum = sums[i]
		t[rel] = st
	}
	return len(names), nil
}
