// Package cache lets a run with nothing changed skip its work. It records
// a fingerprint of a project's inputs after a successful run: a sha256 of
// every content file's bytes and of the configuration and options, and the
// size and modification time of every catalog file, which healthloc wrote
// itself. The cache is never needed for correctness: a missing, corrupt or
// outdated cache only means the work is done again.
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

	"github.com/healthloc/healthloc/internal/plan"
	"github.com/healthloc/healthloc/internal/workers"
)

// Dir is the cache folder, beside healthloc.toml. It is safe to delete.
const Dir = ".healthloc-cache"

// Key fingerprints a project. Inputs covers content, configuration and
// options; Outputs covers the catalog files.
type Key struct {
	Inputs, Outputs string
}

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

// Load reads the key recorded for a command; ok is false when there is
// none or it cannot be read.
func Load(projectDir, command string) (Key, bool) {
	data, err := os.ReadFile(filepath.Join(projectDir, Dir, command))
	if err != nil {
		return Key{}, false
	}
	in, out, ok := strings.Cut(strings.TrimSpace(string(data)), " ")
	if !ok || len(in) != 64 || len(out) != 64 {
		return Key{}, false // corrupt: ignore it
	}
	return Key{in, out}, true
}

// Save records the key for a command. It writes through plan, as every
// file healthloc writes. A failure to save is not an error of the run, so
// Save returns it for the caller to report as a warning.
func Save(projectDir, command string, k Key) error {
	f := plan.File{Path: filepath.Join(projectDir, Dir, command), Data: []byte(k.Inputs + " " + k.Outputs + "\n")}
	_, err := plan.Apply(plan.Plan{Files: []plan.File{f}})
	return err
}
