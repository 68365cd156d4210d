package project

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/locale"
	"github.com/healthloc/healthloc/internal/workarea"
	"github.com/healthloc/healthloc/internal/workers"
)

// A document's translations in a locale live in two files: the served
// catalog under catalog_root, which holds only what render publishes by
// default, and the document's file in the work area, which holds the
// rest. The project reads both into one logical catalog, which is what
// the merges, status, check and render work on, and writes it back split.

// docRef names the two files of one document in one locale,
// project-relative; either may be "" when it does not exist.
type docRef struct{ served, work string }

// WorkDocPath is the project-relative path of a document's file in loc's
// work area.
func (p *Project) WorkDocPath(loc language.Tag, slug string) string {
	return path.Join(path.Clean(p.Config.WorkRoot), loc.String(), workarea.DocsDir, slug+".toml")
}

// WorkReviewsPath is the project-relative path of loc's review file.
func (p *Project) WorkReviewsPath(loc language.Tag) string {
	return path.Join(path.Clean(p.Config.WorkRoot), loc.String(), workarea.ReviewsFile)
}

// legacyPath is where older versions kept loc's sidecar.
func (p *Project) legacyPath(loc string) string {
	return path.Join(path.Clean(p.Config.CatalogRoot), loc, workarea.LegacyFileName)
}

// listLocales notes every locale with a folder under catalog_root or in
// the work area.
func (p *Project) listLocales() error {
	for _, r := range []struct {
		root string
		dirs map[string]string
	}{{path.Clean(p.Config.CatalogRoot), p.localeDirs}, {path.Clean(p.Config.WorkRoot), p.workDirs}} {
		entries, err := fs.ReadDir(p.fsys, r.root)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return fmt.Errorf("%s: %w", r.root, err)
		}
		for _, e := range entries {
			if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
				continue
			}
			dir := r.root + "/" + e.Name()
			tag, err := locale.Parse(e.Name())
			if err != nil {
				return fmt.Errorf("%s: %w", dir, err)
			}
			r.dirs[tag.String()] = dir
		}
	}
	return nil
}

// locales lists every locale with a folder, sorted.
func (p *Project) locales() []string {
	set := maps.Clone(p.localeDirs)
	maps.Copy(set, p.workDirs)
	return slices.Sorted(maps.Keys(set))
}

// readState reads loc's reviews and accepted findings from the work area
// and, from a project not migrated yet, the old sidecar in the catalog
// folder.
func (p *Project) readState(loc string) (*workarea.State, error) {
	st := workarea.New()
	if dir, ok := p.workDirs[loc]; ok {
		name := dir + "/" + workarea.ReviewsFile
		data, err := fs.ReadFile(p.fsys, name)
		switch {
		case err == nil:
			if err := st.ParseReviews(name, data); err != nil {
				return nil, err
			}
			p.reviews[loc] = true
		case !errors.Is(err, fs.ErrNotExist):
			return nil, err
		}
	}
	if dir, ok := p.localeDirs[loc]; ok {
		name := dir + "/" + workarea.LegacyFileName
		data, err := fs.ReadFile(p.fsys, name)
		switch {
		case err == nil:
			before := len(st.Reviews)
			if err := st.ParseLegacy(name, data); err != nil {
				return nil, err
			}
			p.legacy[loc] = true
			p.legacyReviews[loc] = len(st.Reviews) - before
		case !errors.Is(err, fs.ErrNotExist):
			return nil, err
		}
	}
	return st, nil
}

// localeFiles lists the files of loc's documents, sorted by slug:
// refs[i] are slugs[i]'s.
func (p *Project) localeFiles(loc string) (slugs []string, refs []docRef, err error) {
	if p.subset != nil {
		return p.localeFilesOf(loc)
	}
	var sslugs, snames, wslugs, wnames []string
	if dir, ok := p.localeDirs[loc]; ok {
		if sslugs, snames, err = p.catalogFiles(dir); err != nil {
			return nil, nil, err
		}
	}
	if dir, ok := p.workDirs[loc]; ok {
		if wslugs, wnames, err = p.workFiles(dir + "/" + workarea.DocsDir); err != nil {
			return nil, nil, err
		}
	}
	joinSorted(sslugs, wslugs, func(slug string, i, j int) {
		ref := docRef{}
		if i >= 0 {
			ref.served = snames[i]
		}
		if j >= 0 {
			ref.work = wnames[j]
		}
		slugs, refs = append(slugs, slug), append(refs, ref)
	})
	return slugs, refs, nil
}

// joinSorted walks two sorted lists of slugs together, calling add once
// for each slug with its index in a and in b, -1 where a list lacks it.
func joinSorted(a, b []string, add func(slug string, i, j int)) {
	for i, j := 0, 0; i < len(a) || j < len(b); {
		switch {
		case j == len(b) || i < len(a) && a[i] < b[j]:
			add(a[i], i, -1)
			i++
		case i == len(a) || b[j] < a[i]:
			add(b[j], -1, j)
			j++
		default:
			add(a[i], i, j)
			i, j = i+1, j+1
		}
	}
}

// workFiles lists the document files in a locale's work-area folder,
// sorted by slug.
func (p *Project) workFiles(dir string) (slugs, names []string, err error) {
	return p.tomlFiles(dir, ".toml", true)
}

// readDoc reads one document's files in loc: its logical catalog (nil
// when it has no translation) and its work file (nil when there is
// none).
func (p *Project) readDoc(loc string, ref docRef) (*catalog.Catalog, *workarea.DocFile, error) {
	var served *catalog.Catalog
	var doc *workarea.DocFile
	if ref.served != "" {
		var err error
		if served, err = p.readCatalog(ref.served); err != nil {
			return nil, nil, err
		}
	}
	if ref.work != "" {
		data, err := p.readLimited(ref.work)
		if err != nil {
			return nil, nil, err
		}
		if doc, err = workarea.ParseDoc(ref.work, data); err != nil {
			return nil, nil, err
		}
	}
	return join(loc, served, doc), doc, nil
}

// readDocs reads documents' files on all cores; the first error in
// refs' order is reported.
func (p *Project) readDocs(loc string, refs []docRef) ([]*catalog.Catalog, []*workarea.DocFile, error) {
	cats := make([]*catalog.Catalog, len(refs))
	docs := make([]*workarea.DocFile, len(refs))
	err := workers.Map(len(refs), 0, func(i int) error {
		var err error
		cats[i], docs[i], err = p.readDoc(loc, refs[i])
		return err
	})
	return cats, docs, err
}

// join is the logical catalog of a document: its served catalog and the
// translations of its work file. When both hold an ID, the served one
// wins: the two only overlap after a run was stopped between writing
// them, or after a hand edit that replaced the work file's text.
func join(loc string, served *catalog.Catalog, doc *workarea.DocFile) *catalog.Catalog {
	if doc == nil || len(doc.Entries) == 0 {
		return served
	}
	c := &catalog.Catalog{Locale: loc, Messages: make(map[string]catalog.Message, len(doc.Entries))}
	if served != nil {
		c.Locale = served.Locale
		maps.Copy(c.Messages, served.Messages)
	}
	for id, e := range doc.Entries {
		if _, ok := c.Messages[id]; ok {
			continue
		}
		m := catalog.Message{ID: id, Description: e.Description, Hash: e.Hash, Other: e.Other}
		if e.State == workarea.StateTranslated {
			// confirmed by a translator: a translation of the source as
			// it is now, as a hand-added entry without hash is
			m.Hash = ""
		}
		c.Messages[id] = m
	}
	return c
}

// absorb adds what a document's work file holds beyond translations to
// loc's state: the previous sources and the candidates.
func absorb(st *workarea.State, slug string, doc *workarea.DocFile) {
	if doc == nil {
		return
	}
	for id, e := range doc.Entries {
		if e.Previous != "" {
			if _, ok := st.Previous[id]; !ok {
				st.Previous[id] = workarea.Previous{Source: e.Previous}
			}
		}
	}
	for id, c := range doc.Candidates {
		c.Slug = slug
		st.Candidates[id] = c
	}
}

// counts are numbers by locale, safe for concurrent use.
type counts struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *counts) add(loc string, n int) {
	if n == 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.n == nil {
		c.n = map[string]int{}
	}
	c.n[loc] += n
}

func (c *counts) get(loc string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n[loc]
}
