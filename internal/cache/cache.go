// Package cache lets a run skip the work whose inputs did not change
// since an earlier run: it fingerprints files (sha256 of the content, size
// and modification time of the catalogs healthloc wrote itself), walks
// folders as the project does, and keeps what commands record (extract's
// index, the checks' answers, status and check reports, render's index)
// in the cache folder. The cache is never needed for correctness: a
// missing, corrupt or outdated cache only means the work is done again.
package cache

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/healthloc/healthloc/internal/workers"
)

// Dir is the cache folder, beside healthloc.toml. It is safe to delete.
const Dir = ".healthloc-cache"

// Inputs hashes the bytes of every file under the content root, plus
// extra strings (configuration, options, tool version).
func Inputs(projectDir, contentRoot string, extra ...string) (string, error) {
	root := filepath.Join(projectDir, contentRoot)
	var names []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			names = append(names, p)
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	sort.Strings(names)
	sums := make([][32]byte, len(names))
	err = workers.Map(len(names), 0, func(i int) error {
		data, err := os.ReadFile(names[i])
		sums[i] = sha256.Sum256(data)
		return err
	})
	if err != nil {
		return "", err
	}
	h := sha256.New()
	for _, e := range extra {
		fmt.Fprintf(h, "%q\n", e)
	}
	for i, n := range names {
		fmt.Fprintf(h, "%s %x\n", filepath.ToSlash(strings.TrimPrefix(n, root)), sums[i])
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Outputs fingerprints the files under dirs by path, size and
// modification time.
func Outputs(dirs ...string) (string, error) {
	h := sha256.New()
	for i, dir := range dirs {
		fmt.Fprintf(h, "folder %d\n", i)
		if err := outputs(h, dir); err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// outputs writes the fingerprint of the files under dir to h.
func outputs(h io.Writer, dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) && p == dir {
			return nil
		}
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s %d %d\n", filepath.ToSlash(strings.TrimPrefix(p, dir)), info.Size(), info.ModTime().UnixNano())
		return nil
	})
}
