package project

import (
	"cmp"
	"maps"
	"slices"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/workers"
)

// windowDocs is how many documents a window holds by default.
const windowDocs = 1024

// Windows calls fn with the project a window of documents at a time, in
// path order, for commands that look at one document at a time (status,
// check, render). On a lean Project, each window is a Project holding
// only its documents and, in every locale, their catalogs, so that
// memory follows the window and not the project; a last window, if there
// are such catalogs, holds no document and the catalogs whose document is
// gone. Every window shares the configuration, the assets and the
// sidecars. A Project loaded whole is one window.
func (p *Project) Windows(fn func(w *Project) error) error {
	if !p.lean {
		return fn(p)
	}
	// locales in order, so that of two broken files the same is reported
	locs := slices.Sorted(maps.Keys(p.localeDirs))
	for _, loc := range locs {
		if _, ok := p.Workflow[loc]; !ok {
			if err := p.loadSidecar(loc, p.localeDirs[loc]); err != nil {
				return err
			}
		}
	}
	// every locale's catalog files by slug; a window takes out its own
	files := map[string]map[string]string{}
	for _, loc := range locs {
		slugs, names, err := p.catalogFiles(p.localeDirs[loc])
		if err != nil {
			return err
		}
		files[loc] = make(map[string]string, len(slugs))
		for i, slug := range slugs {
			files[loc][slug] = names[i]
		}
	}
	var u uniqueness
	for start := 0; start < len(p.files); start += p.window {
		w := p.newWindow()
		batch := p.files[start:min(len(p.files), start+p.window)]
		w.Docs = make([]*Doc, len(batch))
		err := workers.Map(len(batch), 0, func(i int) error {
			var err error
			w.Docs[i], err = p.parseFile(batch[i], p.encoding)
			return err
		})
		if err != nil {
			return err
		}
		var want []catalogFile
		for _, d := range w.Docs {
			if err := u.check(p.Config.ContentRoot, d); err != nil {
				return err
			}
			for loc, byslug := range files {
				if name, ok := byslug[d.Slug]; ok {
					want = append(want, catalogFile{loc, d.Slug, name})
					delete(byslug, d.Slug)
				}
			}
		}
		if err := w.readCatalogs(want); err != nil {
			return err
		}
		if w.UIDoc() != nil {
			w.addShippedUI()
		}
		if p.progress != nil {
			p.progress(start+len(batch), len(p.files))
		}
		if err := fn(w); err != nil {
			return err
		}
	}
	var orphans []catalogFile
	for loc, byslug := range files {
		for slug, name := range byslug {
			orphans = append(orphans, catalogFile{loc, slug, name})
		}
	}
	if len(orphans) == 0 {
		return nil
	}
	w := p.newWindow()
	if err := w.readCatalogs(orphans); err != nil {
		return err
	}
	return fn(w)
}

// Documents lists the documents' paths, relative to the content root,
// sorted; on a lean Project, without reading them.
func (p *Project) Documents() []string {
	if p.lean {
		return p.files
	}
	out := make([]string, len(p.Docs))
	for i, d := range p.Docs {
		out[i] = d.Path
	}
	return out
}

// newWindow is an empty window of p: its configuration, assets and
// sidecars, and no document or catalog.
func (p *Project) newWindow() *Project {
	return &Project{Config: p.Config, Assets: p.Assets, Catalogs: map[string]map[string]*catalog.Catalog{},
		Workflow: p.Workflow, fsys: p.fsys, localeDirs: p.localeDirs}
}

// catalogFile is a catalog file to read into a window.
type catalogFile struct{ loc, slug, name string }

// readCatalogs reads files into p.Catalogs on all cores; the first
// error by file name is reported.
func (p *Project) readCatalogs(files []catalogFile) error {
	slices.SortFunc(files, func(a, b catalogFile) int { return cmp.Compare(a.name, b.name) })
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = f.name
	}
	cats, err := p.readCatalogFiles(names)
	if err != nil {
		return err
	}
	for i, f := range files {
		if p.Catalogs[f.loc] == nil {
			p.Catalogs[f.loc] = map[string]*catalog.Catalog{}
		}
		p.Catalogs[f.loc][f.slug] = cats[i]
	}
	return nil
}
