package server

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/config"
	"github.com/healthloc/healthloc/internal/memory"
	"github.com/healthloc/healthloc/internal/plan"
	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/qa"
	"github.com/healthloc/healthloc/internal/rootfs"
)

// LockName is the lock file beside healthloc.toml that every healthloc
// command writing catalogs takes (see plan.Lock): the workspace takes the
// same one, so the command line and the workspace can run at once.
const LockName = ".healthloc.lock"

// store reads the project from disk and writes it back. Reads share a
// snapshot that is read again when any file under the configuration,
// content, catalog or work root changes (a command-line run, an editor,
// git); every write takes the lock and reads the project afresh.
type store struct {
	dir         string
	encoding    string
	lockTimeout time.Duration

	mu  sync.Mutex
	cur *snapshot
	// roots are the content, catalog and work roots of the configuration
	// last read.
	roots []string
}

// snapshot is the project as read at one moment, and what was computed
// from it. It is shared by requests and never changed.
type snapshot struct {
	p     *project.Project
	cfg   *config.Config
	rules *qa.Rules
	// key identifies the files the snapshot was read from.
	key string

	overviewOnce sync.Once
	overview     *overview

	mu       sync.Mutex
	previews map[string]*preview
	// memories are the locales' translation memories from outside
	// (healthloc memory add), read when first asked for.
	memories map[string]*memory.Index
}

// load reads the configuration and the whole project from dir.
func (s *store) load(ctx context.Context) (*project.Project, error) {
	cfg, err := config.Load(s.dir)
	if err != nil {
		return nil, err
	}
	for _, root := range []string{cfg.CatalogRoot, cfg.WorkRoot} {
		if err := plan.CheckLinks(cfg.Dir, root); err != nil {
			return nil, err
		}
	}
	// An os.Root refuses any path, ".." or symbolic link, that leads out
	// of the project.
	root, err := os.OpenRoot(s.dir)
	if err != nil {
		return nil, err
	}
	return project.LoadWith(rootfs.New(root), cfg, project.LoadOptions{Encoding: s.encoding, Context: ctx})
}

// snapshot is the project as it is on disk now.
func (s *store) snapshot(ctx context.Context) (*snapshot, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	key, err := s.fingerprint()
	if err != nil {
		return nil, err
	}
	if s.cur != nil && s.cur.key == key {
		return s.cur, nil
	}
	p, err := s.load(ctx)
	if err != nil {
		return nil, err
	}
	s.roots = rootsOf(p.Config)
	s.cur = &snapshot{p: p, cfg: p.Config, rules: qa.RulesOf(p.Config), key: key, previews: map[string]*preview{}, memories: map[string]*memory.Index{}}
	return s.cur, nil
}

// memory is loc's translation memory from outside the project, nil when
// it has none or it cannot be read: suggestions are a help, and a broken
// memory file is reported by the commands that read it (memory list,
// extract).
func (s *store) memory(snap *snapshot, loc language.Tag) *memory.Index {
	snap.mu.Lock()
	defer snap.mu.Unlock()
	if ix, ok := snap.memories[loc.String()]; ok {
		return ix
	}
	var ix *memory.Index
	if root, err := os.OpenRoot(s.dir); err == nil {
		ix, _ = memory.Load(rootfs.New(root), snap.cfg.WorkRoot, loc)
		root.Close()
	}
	snap.memories[loc.String()] = ix
	return ix
}

func rootsOf(cfg *config.Config) []string {
	return []string{cfg.ContentRoot, cfg.CatalogRoot, cfg.WorkRoot}
}

// fingerprint hashes the name, size and modification time of the
// configuration and of every file under the content, catalog and work
// roots: any change to the project's files changes it.
func (s *store) fingerprint() (string, error) {
	h := sha256.New()
	add := func(name string, info fs.FileInfo) {
		fmt.Fprintf(h, "%s\x00%d\x00%d\x00", name, info.Size(), info.ModTime().UnixNano())
	}
	info, err := os.Stat(filepath.Join(s.dir, config.FileName))
	if err != nil {
		return "", err
	}
	add(config.FileName, info)
	for _, root := range s.roots {
		dir := filepath.Join(s.dir, filepath.FromSlash(root))
		err := filepath.WalkDir(dir, func(name string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) && name == dir {
					return nil
				}
				return err
			}
			if d.IsDir() || d.Name() == auditName {
				return nil
			}
			info, err := d.Info()
			if err != nil {
				return nil // removed meanwhile: the next look sees it
			}
			add(name, info)
			return nil
		})
		if err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)[:12]), nil
}

// write runs change on the project read afresh under the project's lock
// and writes the plan it returns atomically, as the command line does:
// within the catalog and work roots only, in stages, temporary files
// first. record is called, still under the lock, once the files are
// written, for the audit log.
func (s *store) write(ctx context.Context, change func(p *project.Project) (plan.Plan, error), record func(p *project.Project) error) error {
	cfg, err := config.Load(s.dir)
	if err != nil {
		return err
	}
	unlock, err := plan.LockContext(ctx, filepath.Join(cfg.Dir, LockName), s.lockTimeout)
	if err != nil {
		return err
	}
	defer unlock()
	p, err := s.load(ctx)
	if err != nil {
		return err
	}
	pl, err := change(p)
	if err != nil {
		return err
	}
	if len(pl.Files)+len(pl.Remove)+len(pl.Then) > 0 {
		if err := commit(ctx, p.Config, pl); err != nil {
			return err
		}
		s.mu.Lock()
		s.cur = nil // read again on the next request
		s.mu.Unlock()
	}
	return record(p)
}

// commit writes a plan of project-relative paths, refusing any path
// outside the catalog and work roots.
func commit(ctx context.Context, cfg *config.Config, pl plan.Plan) error {
	abs := plan.Plan{}
	for _, f := range pl.Files {
		f.Path = cfg.Abs(f.Path)
		abs.Files = append(abs.Files, f)
	}
	for _, f := range pl.Then {
		f.Path = cfg.Abs(f.Path)
		abs.Then = append(abs.Then, f)
	}
	for _, r := range pl.Remove {
		abs.Remove = append(abs.Remove, cfg.Abs(r))
	}
	if err := plan.WithinAny([]string{cfg.Abs(cfg.CatalogRoot), cfg.Abs(cfg.WorkRoot)}, abs); err != nil {
		return err
	}
	st := plan.Stager{Context: ctx}
	if err := st.Add(abs); err != nil {
		return err
	}
	_, err := st.Commit()
	return err
}
