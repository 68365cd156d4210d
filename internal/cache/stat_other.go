//go:build !linux

package cache

import (
	"io/fs"
	"path/filepath"
)

// statDir adds the files below the folder rel of root to t.
func statDir(root, rel string, t Tree) error {
	return filepath.WalkDir(filepath.Join(root, rel), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		return t.note(root, p, d)
	})
}
