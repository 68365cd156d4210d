// Package plan collects the files a command wants to write and writes
// them. Every file healthloc writes as a whole goes through it: every
// write is atomic (temp file, fsync, rename), so an interrupted run never
// leaves a half-written file and two runs at once never corrupt one. The
// lock files that keep two runs apart are its own too (lock.go), and so
// is the cache's (cache.Save and cache.WriteGob, the render index and the
// findings, write through Apply).
//
// Two files may not go through plan, because they are not written whole
// and renamed over a path, which is what makes plan's writes atomic:
//
//   - the scratch file in which a lean extract keeps its record of the
//     sources (project's spill), with the folder it is made in. It is not
//     output: it is unlinked as soon as it is made, so no path ever names
//     it and not even a killed run leaves it behind, and it is appended
//     to and read back in place while the extract runs;
//   - the review server's audit log (server's appendAudit), which is
//     append-only: a line is added and synced, through an os.Root, and
//     the lines before it are never rewritten.
//
// The developer tools (cmd/healthloc-corpus, the go:generate programs)
// are not healthloc and write with the os package.
package plan

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"

	"github.com/healthloc/healthloc/internal/workers"
)

// File is one file to write. A zero Mode means 0o644.
type File struct {
	Path string
	Data []byte
	Mode fs.FileMode
	// Stage orders writes: every file of a stage is on disk before any
	// file of a later stage is written. Files of one stage are written
	// concurrently.
	Stage int
}

// Plan is a set of files to write and files to remove.
type Plan struct {
	Files []File
	// Remove lists files to delete once every file is written, so that
	// moving content from one file to another never loses it.
	Remove []string
	// Then lists files written once every file is written and every
	// removal done, in a second round; a nil Data removes the file. A
	// file may be both in Files and in Then: Files holds what is safe
	// while the other files of the plan are still being renamed (a work
	// file that still holds the translations leaving it), Then the final
	// bytes.
	Then []File

	index map[string]int // Files by clean path, so Add stays O(1)
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

// Append adds q's files, removals and second-round files after p's own.
func (p *Plan) Append(q Plan) {
	p.Files, p.Remove, p.Then = append(p.Files, q.Files...), append(p.Remove, q.Remove...), append(p.Then, q.Then...)
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
	Written, Unchanged, Removed []string
}

const defaultMode fs.FileMode = 0o644

// writers is how many files Apply writes at once.
const writers = 8

// Apply writes the files of p: see Stager. Apply stops at the first
// error, which names the file; the Result then lists what was done before
// it. A failure while the temporary files are written leaves every path
// as it was; a failure while renaming leaves the files already renamed
// written: each file is atomic, the plan as a whole is not. A path listed
// twice is an error and nothing is written.
func Apply(p Plan) (Result, error) {
	return ApplyContext(context.Background(), p)
}

// ApplyContext is Apply that writes nothing once ctx is done; see
// Stager.Context.
func ApplyContext(ctx context.Context, p Plan) (Result, error) {
	s := Stager{Context: ctx}
	if err := s.Add(p); err != nil {
		return Result{}, err
	}
	return s.Commit()
}

// writeTemp writes f's data to a hidden temporary file in f's folder and
// returns its name, or "" when f already holds its data. dirs holds the
// folders known to exist.
func writeTemp(f File, dirs *sync.Map) (string, error) {
	if f.Path == "" {
		return "", errors.New("plan: file with an empty path")
	}
	old, err := os.ReadFile(f.Path)
	if err == nil && bytes.Equal(old, f.Data) {
		return "", nil
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("%s: %w", f.Path, err) // a directory among them
	}
	mode := f.Mode
	if mode == 0 {
		mode = defaultMode
	}
	dir := filepath.Dir(f.Path)
	if _, ok := dirs.Load(dir); !ok {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return "", fmt.Errorf("%s: %w", f.Path, err)
		}
		dirs.Store(dir, true)
	}
	// Hidden and in the same folder, so the rename stays within one file
	// system and is atomic.
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(f.Path)+tmpMark+"*")
	if err != nil {
		return "", fmt.Errorf("%s: %w", f.Path, err)
	}
	_, err = tmp.Write(f.Data)
	if err == nil {
		err = tmp.Chmod(mode) // CreateTemp makes 0o600 files
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp.Name())
		return "", fmt.Errorf("%s: %w", f.Path, err)
	}
	return tmp.Name(), nil
}

// beforeRename, when a test sets it, runs before a temp file is renamed
// over path, to inject a crash.
var beforeRename func(path string)

// fewSyncs is how many files or folders are synced one by one rather
// than with their whole file system: syncfs also waits for whatever else
// is dirty there (the caches the last commands wrote, another program's
// files), which costs far more than a few fsyncs after a small edit.
const fewSyncs = 64

// durable makes the data of files reach the disk.
func durable(files []string, dirs map[string]bool) error {
	if len(files) > fewSyncs && syncFileSystems(dirs) == nil {
		return nil
	}
	return workers.Map(len(files), writers, func(i int) error {
		f, err := os.Open(files[i])
		if err != nil {
			return err
		}
		err = f.Sync()
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return err
	})
}

// durableDirs makes renames in dirs reach the disk.
func durableDirs(dirs map[string]bool) error {
	if len(dirs) > fewSyncs && syncFileSystems(dirs) == nil {
		return nil
	}
	var list []string
	for d := range dirs {
		list = append(list, d)
	}
	sort.Strings(list)
	return workers.Map(len(list), writers, func(i int) error { return syncDir(list[i]) })
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
