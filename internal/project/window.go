package project

import (
	"cmp"
	"path"
	"slices"
	"strings"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/workarea"
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
	return p.windows(p.files, true, fn)
}

// WindowsOf is Windows over the documents of a lean Project whose paths
// (as Documents lists them) only keeps, in path order, without the last
// window of catalogs whose document is gone: for a command that redoes
// the documents that changed since its last run. A Project loaded whole
// is one window, all of it.
func (p *Project) WindowsOf(only func(docPath string) bool, fn func(w *Project) error) error {
	if !p.lean {
		return fn(p)
	}
	var files []string
	for _, f := range p.files {
		if only(f) {
			files = append(files, f)
		}
	}
	if len(files) == 0 {
		return nil
	}
	return p.windows(files, false, fn)
}

// windows reads files a window at a time, then, with orphans, the
// catalogs left over.
func (p *Project) windows(docFiles []string, orphans bool, fn func(w *Project) error) error {
	locs, err := p.readStates()
	if err != nil {
		return err
	}
	files, err := p.docFiles(locs, docFiles, orphans)
	if err != nil {
		return err
	}
	var u uniqueness
	for start := 0; start < len(docFiles); start += p.window {
		w := p.newWindow()
		batch := docFiles[start:min(len(docFiles), start+p.window)]
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
				if ref, ok := byslug[d.Slug]; ok {
					want = append(want, catalogFile{loc, d.Slug, ref})
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
			p.progress(start+len(batch), len(docFiles))
		}
		if err := fn(w); err != nil {
			return err
		}
	}
	var left []catalogFile
	for loc, byslug := range files {
		for slug, ref := range byslug {
			left = append(left, catalogFile{loc, slug, ref})
		}
	}
	if !orphans || len(left) == 0 {
		return nil
	}
	w := p.newWindow()
	if err := w.readCatalogs(left); err != nil {
		return err
	}
	return fn(w)
}

// readStates reads every locale's state the windows share, once, and
// lists the locales in order, so that of two broken files the same is
// reported.
func (p *Project) readStates() ([]string, error) {
	locs := p.locales()
	for _, loc := range locs {
		if _, ok := p.Workflow[loc]; !ok {
			st, err := p.readState(loc)
			if err != nil {
				return nil, err
			}
			p.Workflow[loc] = st
		}
	}
	return locs, nil
}

// OrphanWindow calls fn with a window of a lean Project that holds no
// document and, in every locale, the catalogs of slugs, whose documents
// are gone: for a command that redoes what changed since its last run.
func (p *Project) OrphanWindow(slugs []string, fn func(w *Project) error) error {
	locs, err := p.readStates()
	if err != nil {
		return err
	}
	var want []catalogFile
	for _, loc := range locs {
		for _, slug := range slugs {
			if ref := p.refOf(loc, slug); ref != (docRef{}) {
				want = append(want, catalogFile{loc, slug, ref})
			}
		}
	}
	w := p.newWindow()
	if err := w.readCatalogs(want); err != nil {
		return err
	}
	return fn(w)
}

// refOf is slug's files in loc, looked up one by one.
func (p *Project) refOf(loc, slug string) docRef {
	var ref docRef
	if dir, ok := p.localeDirs[loc]; ok {
		if f := path.Join(dir, slug+"."+path.Base(dir)+".toml"); exists(p.fsys, f) {
			ref.served = f
		}
	}
	if dir, ok := p.workDirs[loc]; ok {
		if f := path.Join(dir, workarea.DocsDir, slug+".toml"); exists(p.fsys, f) {
			ref.work = f
		}
	}
	return ref
}

// docFiles is every locale's files by slug, of which a window takes out
// its own: listed from the folders, or, for a few documents and no
// orphans, looked up one by one.
func (p *Project) docFiles(locs, docFiles []string, orphans bool) (map[string]map[string]docRef, error) {
	files := map[string]map[string]docRef{}
	if !orphans && len(docFiles)*8 < len(p.files) {
		for _, loc := range locs {
			files[loc] = map[string]docRef{}
			for _, name := range docFiles {
				slug := strings.TrimSuffix(name, path.Ext(name))
				if name == UIPath {
					slug = UISlug
				}
				if ref := p.refOf(loc, slug); ref != (docRef{}) {
					files[loc][slug] = ref
				}
			}
		}
		return files, nil
	}
	for _, loc := range locs {
		slugs, refs, err := p.localeFiles(loc)
		if err != nil {
			return nil, err
		}
		files[loc] = make(map[string]docRef, len(slugs))
		for i, slug := range slugs {
			files[loc][slug] = refs[i]
		}
	}
	return files, nil
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
		Workflow: p.Workflow, workDocs: map[string]map[string]*workarea.DocFile{}, fsys: p.fsys,
		localeDirs: p.localeDirs, workDirs: p.workDirs, legacy: p.legacy, reviews: p.reviews, legacyReviews: p.legacyReviews,
		served: map[string]map[string]bool{}, ctx: p.ctx, notes: p.notes, gate: p.gate.fresh(), findings: p.findings}
}

// catalogFile is a document's files to read into a window.
type catalogFile struct {
	loc, slug string
	ref       docRef
}

// name is the file errors are reported for first.
func (f catalogFile) name() string { return cmp.Or(f.ref.served, f.ref.work) }

// readCatalogs reads files into p.Catalogs on all cores, and what their
// work files hold beyond translations into the shared states; the first
// error by file name is reported.
func (p *Project) readCatalogs(files []catalogFile) error {
	slices.SortFunc(files, func(a, b catalogFile) int { return cmp.Compare(a.name(), b.name()) })
	cats := make([]*catalog.Catalog, len(files))
	docs := make([]*workarea.DocFile, len(files))
	err := workers.Map(len(files), 0, func(i int) error {
		var err error
		cats[i], docs[i], err = p.readDoc(files[i].loc, files[i].ref)
		return err
	})
	if err != nil {
		return err
	}
	for i, f := range files {
		if cats[i] != nil {
			if p.Catalogs[f.loc] == nil {
				p.Catalogs[f.loc] = map[string]*catalog.Catalog{}
			}
			p.Catalogs[f.loc][f.slug] = cats[i]
		}
		if docs[i] != nil {
			if p.workDocs[f.loc] == nil {
				p.workDocs[f.loc] = map[string]*workarea.DocFile{}
			}
			p.workDocs[f.loc][f.slug] = docs[i]
			absorb(p.Workflow[f.loc], f.slug, docs[i])
		}
	}
	return nil
}
