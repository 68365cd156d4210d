// Package plan collects the files a command wants to write and writes
// them. It is the only code in healthloc that writes files: every write is
// atomic (temp file, fsync, rename), so an interrupted run never leaves a
// half-written file and two runs at once never corrupt one.
package plan

import (
	"bytes"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
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
	var s Stager
	if err := s.Add(p); err != nil {
		return Result{}, err
	}
	return s.Commit()
}

// Stager writes a plan that arrives in parts, so that a command producing
// thousands of files never holds all their bytes at once. Add writes each
// changed file of a part to a temporary file beside its path, on several
// goroutines, and keeps only the names. Commit then makes the temporaries
// durable with one sync, renames them over their paths stage by stage
// (every file of a stage is renamed before any file of a later stage, so
// a caller can write what depends on other files last: extract writes
// the source catalogs after the translations that refer to them),
// makes the renames durable and removes the files the plan removes.
// A file whose current content is already the planned bytes is not
// rewritten, so its modification time is kept.
//
// The zero Stager is ready to use. After an error from Add, or when a
// caller gives up, Abort removes every temporary file.
type Stager struct {
	// seen holds a hash of every path added, to refuse a path listed
	// twice: 8 bytes a file, where thousands of files are staged.
	seen map[uint64]struct{}
	// tmps holds the temporary files' names end to end: the i-th is
	// tmps[ends[i-1]:ends[i]], in stage stages[i]. A name says the path
	// it goes to (see target), so the path is not kept.
	tmps   []byte
	ends   []int
	stages []int32
	// order is the renaming order, set by Commit; order[:renamed] are
	// renamed.
	order   []int
	renamed int
	res     Result
	removes []string
	// created are the folders Add made for temporaries, which Abort
	// removes again if they are still empty; dirs are the folders known
	// to exist.
	created []string
	dirs    sync.Map
}

// pathKey is the hash seen keeps of a path.
func pathKey(path string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(filepath.Clean(path)))
	return h.Sum64()
}

// tmp is the name of the i-th temporary file.
func (s *Stager) tmp(i int) string {
	start := 0
	if i > 0 {
		start = s.ends[i-1]
	}
	return string(s.tmps[start:s.ends[i]])
}

// target is the path a temporary file made by writeTemp goes to:
// dir/.<name>.tmp-<random> goes to dir/<name>.
func target(tmp string) string {
	dir, name := filepath.Split(tmp)
	name = strings.TrimPrefix(name, ".")
	if i := strings.LastIndex(name, tmpMark); i >= 0 {
		name = name[:i]
	}
	return filepath.Join(dir, name)
}

// tmpMark separates a temporary file's target name from its random part.
const tmpMark = ".tmp-"

// Add writes the temporary files of p's changed files and records p's
// removals. On error every temporary file written so far is removed.
func (s *Stager) Add(p Plan) error {
	if s.seen == nil {
		s.seen = map[uint64]struct{}{}
	}
	for _, f := range p.Files {
		k := pathKey(f.Path)
		if _, dup := s.seen[k]; dup {
			s.Abort()
			return fmt.Errorf("%s: listed twice in the plan", f.Path)
		}
		s.seen[k] = struct{}{}
	}
	s.noteMissingDirs(p.Files)
	tmps := make([]string, len(p.Files))
	order := spread(p.Files)
	err := workers.Map(len(p.Files), writers, func(j int) error {
		i := order[j]
		var err error
		tmps[i], err = writeTemp(p.Files[i], &s.dirs)
		return err
	})
	for i, t := range tmps {
		switch {
		case t != "":
			s.tmps = append(s.tmps, t...)
			s.ends = append(s.ends, len(s.tmps))
			s.stages = append(s.stages, int32(p.Files[i].Stage))
		case err == nil:
			s.res.Unchanged = append(s.res.Unchanged, p.Files[i].Path)
		}
	}
	if err != nil {
		s.Abort()
		return err
	}
	s.removes = append(s.removes, p.Remove...)
	return nil
}

// spread orders files so that the writers running at once work in
// different folders where it can: creating files in one folder takes
// that folder's lock, which writers in the same folder wait on.
func spread(files []File) []int {
	byDir := map[string][]int{}
	var dirs []string
	for i, f := range files {
		d := filepath.Dir(f.Path)
		if byDir[d] == nil {
			dirs = append(dirs, d)
		}
		byDir[d] = append(byDir[d], i)
	}
	order := make([]int, 0, len(files))
	for k := 0; len(order) < len(files); k++ {
		for _, d := range dirs {
			if k < len(byDir[d]) {
				order = append(order, byDir[d][k])
			}
		}
	}
	return order
}

// noteMissingDirs records the folders, and their missing parents, that
// writing files will create.
func (s *Stager) noteMissingDirs(files []File) {
	checked := map[string]bool{}
	for _, f := range files {
		for dir := filepath.Dir(f.Path); !checked[dir]; dir = filepath.Dir(dir) {
			checked[dir] = true
			if _, err := os.Lstat(dir); err == nil || !errors.Is(err, fs.ErrNotExist) {
				break
			}
			s.created = append(s.created, dir)
		}
	}
}

// Abort removes the temporary files not yet renamed, and the folders
// made for them that are still empty.
func (s *Stager) Abort() {
	if s.order == nil {
		for i := range s.ends {
			os.Remove(s.tmp(i))
		}
	} else {
		for _, i := range s.order[s.renamed:] {
			os.Remove(s.tmp(i))
		}
	}
	s.tmps, s.ends, s.stages, s.order, s.renamed = nil, nil, nil, nil, 0
	// deepest first, so a parent is empty when its turn comes
	sort.Slice(s.created, func(i, j int) bool { return len(s.created[i]) > len(s.created[j]) })
	for _, d := range s.created {
		os.Remove(d)
	}
	s.created = nil
	s.dirs.Clear()
}

// Commit renames every temporary file over its path and removes what the
// plan removes; see Stager. The Result lists paths sorted.
func (s *Stager) Commit() (Result, error) {
	// A panic (a bug) unwinds through here too: no temporary is left.
	// Folders made for renamed files are not empty, so Abort keeps them.
	defer s.Abort()
	res := &s.res
	sort.Strings(res.Unchanged)
	if n := len(s.ends); n > 0 {
		dirs := map[string]bool{}
		names := make([]string, n)
		for i := range n {
			names[i] = s.tmp(i)
			dirs[filepath.Dir(names[i])] = true
		}
		if err := durable(names, dirs); err != nil {
			return Result{Unchanged: res.Unchanged}, err
		}
		names = nil
		// Renames are cheap and done in order on this goroutine. Each
		// stage's renames are made durable before the next stage starts.
		s.order = make([]int, n)
		for i := range s.order {
			s.order[i] = i
		}
		sort.SliceStable(s.order, func(a, b int) bool { return s.stages[s.order[a]] < s.stages[s.order[b]] })
		stageDirs := map[string]bool{}
		for k, i := range s.order {
			tmp := s.tmp(i)
			path := target(tmp)
			if beforeRename != nil {
				beforeRename(path)
			}
			if err := os.Rename(tmp, path); err != nil {
				sort.Strings(res.Written)
				return *res, fmt.Errorf("%s: %w", path, err)
			}
			s.renamed = k + 1
			res.Written = append(res.Written, path)
			stageDirs[filepath.Dir(path)] = true
			if k+1 == n || s.stages[s.order[k+1]] != s.stages[i] {
				if err := durableDirs(stageDirs); err != nil {
					sort.Strings(res.Written)
					return *res, err
				}
				stageDirs = map[string]bool{}
			}
		}
		sort.Strings(res.Written)
	}
	removes := s.removes
	sort.Strings(removes)
	for _, name := range removes {
		if _, written := s.seen[pathKey(name)]; written {
			continue // written by this plan: never remove what it just wrote
		}
		err := os.Remove(name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return *res, fmt.Errorf("%s: %w", name, err)
		}
		res.Removed = append(res.Removed, name)
	}
	return *res, nil
}

// Settle ends staging: it commits when err, the outcome of the work that
// staged, is nil, and otherwise removes every temporary file and returns
// err.
func (s *Stager) Settle(err error) (Result, error) {
	if err != nil {
		s.Abort()
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

// durable makes the data of files reach the disk.
func durable(files []string, dirs map[string]bool) error {
	if syncFileSystems(dirs) == nil {
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
	if syncFileSystems(dirs) == nil {
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
