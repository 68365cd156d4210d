package plan

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/healthloc/healthloc/internal/workers"
)

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
//
// Context, when set, stops the staging once it is done (a signal): Add
// writes no more temporary files and Commit renames nothing; both remove
// every temporary file and return the context's cause. Renaming, once
// begun, is finished, so that a signal never leaves half a plan.
type Stager struct {
	Context context.Context
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
	then    []File
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
	if err := s.stopped(); err != nil {
		s.Abort()
		return err
	}
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
		if err := s.stopped(); err != nil {
			return err
		}
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
	s.then = append(s.then, p.Then...)
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
	if err := s.stopped(); err != nil {
		return Result{}, err
	}
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
		// the sync may take a while: the last moment to stop
		if err := s.stopped(); err != nil {
			return Result{}, err
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
	return s.commitThen()
}

// commitThen writes the plan's second round, Then, once the first is
// done, and merges its result into the Stager's.
func (s *Stager) commitThen() (Result, error) {
	res := &s.res
	if len(s.then) == 0 {
		return *res, nil
	}
	var next Plan
	for _, f := range s.then {
		if f.Data == nil {
			next.Remove = append(next.Remove, f.Path)
		} else {
			next.Files = append(next.Files, f)
		}
	}
	s.then = nil
	var st Stager
	if err := st.Add(next); err != nil {
		return *res, err
	}
	r, err := st.Commit()
	written := map[string]bool{}
	for _, w := range res.Written {
		written[w] = true
	}
	for _, w := range r.Written {
		if !written[w] {
			res.Written = append(res.Written, w)
		}
	}
	sort.Strings(res.Written)
	res.Removed = append(res.Removed, r.Removed...)
	sort.Strings(res.Removed)
	if err != nil {
		return *res, err
	}
	return *res, nil
}

// stopped is the cause of the Stager's context once it is done.
func (s *Stager) stopped() error {
	if s.Context == nil {
		return nil
	}
	return context.Cause(s.Context)
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
