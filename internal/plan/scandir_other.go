//go:build !linux

package plan

import (
	"io/fs"
	"os"
)

// scanDir calls fn for every folder and symbolic link in the folder dir.
func scanDir(dir string, fn func(name string, link bool) error) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		link := e.Type()&fs.ModeSymlink != 0
		if link || e.IsDir() {
			if err := fn(e.Name(), link); err != nil {
				return err
			}
		}
	}
	return nil
}
