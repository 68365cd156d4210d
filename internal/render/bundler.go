package render

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"sync/atomic"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/locale"
	"github.com/healthloc/healthloc/internal/plan"
	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/workers"
)

// Render builds the bundle of loc. assets reads content files that are not
// documents, by their path relative to the content root.
func Render(p *project.Project, loc language.Tag, assets fs.FS, opts Options) (*Bundle, error) {
	bd, err := NewBundler(p, loc, opts)
	if err != nil {
		return nil, err
	}
	files, err := bd.Add(p)
	if err != nil {
		return nil, err
	}
	rest, err := bd.Finish(p.Assets, assets)
	if err != nil {
		return nil, err
	}
	// by path, and the manifest, which Finish returns last, last
	files = append(files, rest[:len(rest)-1]...)
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	b := &Bundle{Files: append(files, rest[len(rest)-1])}
	if err := json.Unmarshal(rest[len(rest)-1].Data, &b.Manifest); err != nil {
		return nil, fmt.Errorf("manifest.json: %w", err) // a bug: it was just written
	}
	return b, nil
}

// Bundler builds the bundle of a locale a window of documents at a time
// (see project.Windows), so that only a window's pages are in memory. It
// keeps what the index page and the manifest need of each document: its
// entry on the index, its coverage, its manifest entries (encoded) and
// its files' checksums.
type Bundler struct {
	loc  language.Tag
	opts Options
	// chrome is the page text of loc; chromeFbs the page text that fell
	// back, which the manifest lists first.
	chrome    map[string]Text
	chromeFbs []Fallback
	source    language.Tag
	// head holds the manifest's fields that are not lists of documents.
	head Manifest
	// want, when set, picks the documents Add renders.
	want  func(docPath string) bool
	parts map[string]*docPart
	order []string
	done  atomic.Int64
}

// docPart is what a rendered document adds to the bundle besides its
// files: fb and rd are its manifest entries in fallbacks and
// readability, encoded (see writeList), empty when it has none.
type docPart struct {
	cov      DocCoverage
	fb, rd   []byte
	art      Article
	sums     []FileSum
	hasIndex bool
}

// NewBundler starts the bundle of loc in project p (any window of it,
// or the lean project itself when opts.PageText is set).
func NewBundler(p *project.Project, loc language.Tag, opts Options) (*Bundler, error) {
	bd := &Bundler{loc: loc, opts: opts, source: p.Config.Source(), parts: map[string]*docPart{}}
	bd.head = Manifest{
		Locale:          loc.String(),
		Name:            locale.Name(loc),
		Direction:       locale.Direction(loc),
		Stale:           "fallback",
		RequireReviewed: opts.RequireReviewed,
	}
	if opts.UseStale {
		bd.head.Stale = "use"
	}
	for _, t := range p.Chain(loc) {
		bd.head.Chain = append(bd.head.Chain, t.String())
	}
	pt := opts.PageText
	if pt == nil {
		var err error
		if pt, err = p.PageText(); err != nil {
			return nil, err
		}
	}
	bd.chrome, bd.chromeFbs = chromeFor(pt, loc, opts)
	return bd, nil
}

// Documents is the coverage of every document rendered so far.
func (bd *Bundler) Documents() []DocCoverage {
	out := make([]DocCoverage, len(bd.order))
	for i, path := range bd.order {
		out[i] = bd.parts[path].cov
	}
	return out
}

// Add renders the documents of w and returns their files.
func (bd *Bundler) Add(w *project.Project) ([]plan.File, error) {
	// Documents render on all cores into parts that are joined in
	// document order, so the bundle does not depend on scheduling.
	outs := make([]*pageOut, len(w.Docs))
	parts := make([]*docPart, len(w.Docs))
	err := workers.Map(len(w.Docs), 0, func(i int) error {
		d := w.Docs[i]
		if d.IsUI() || bd.want != nil && !bd.want(d.Path) {
			return nil // the page text is on every page, not a page of its own
		}
		var err error
		if outs[i], err = bd.renderDoc(w, d); err != nil {
			return err
		}
		parts[i], err = partOf(outs[i])
		if bd.opts.Progress != nil {
			bd.opts.Progress(int(bd.done.Add(1)), len(w.Docs))
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	var files []plan.File
	for i, o := range outs {
		if o == nil {
			continue
		}
		files = append(files, o.files...)
		bd.parts[w.Docs[i].Path] = parts[i]
		bd.order = append(bd.order, w.Docs[i].Path)
	}
	return files, nil
}

// partOf is what a rendered document keeps for its bundle.
func partOf(o *pageOut) (*docPart, error) {
	part := &docPart{cov: o.cov, art: o.art, sums: sumsOf(o.files)}
	var err error
	if part.fb, err = encodeItems(o.fbs); err != nil {
		return nil, err
	}
	if part.rd, err = encodeItems(o.rds); err != nil {
		return nil, err
	}
	for _, f := range o.files {
		part.hasIndex = part.hasIndex || f.Path == "index.html"
	}
	return part, nil
}

// sumsOf is the checksums of files for the manifest.
func sumsOf(files []plan.File) []FileSum {
	out := make([]FileSum, len(files))
	for i, f := range files {
		sum := sha256.Sum256(f.Data)
		out[i] = FileSum{Path: f.Path, SHA256: hex.EncodeToString(sum[:])}
	}
	return out
}

// Finish returns the files that need every document: the index page
// (unless a document is index.html), the assets, read from fsys by
// their path relative to the content root, and the manifest.
func (bd *Bundler) Finish(assets []string, fsys fs.FS) ([]plan.File, error) {
	files, err := readAssets(assets, fsys)
	if err != nil {
		return nil, err
	}
	out, _, err := bd.finish(bd.order, nil, files, nil)
	return out, err
}

// readAssets reads the content's assets into bundle files.
func readAssets(assets []string, fsys fs.FS) ([]plan.File, error) {
	var files []plan.File
	for _, a := range assets {
		data, err := fs.ReadFile(fsys, a)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", a, err)
		}
		files = append(files, plan.File{Path: a, Data: data})
	}
	return files, nil
}

// finish is Finish for the documents at paths order, taking each from
// what Add rendered or else from cached (a document rendered by an
// earlier run), with the asset files given and, not to write again, the
// sums of the assets already there. It also returns where each
// document's entries landed in the manifest.
func (bd *Bundler) finish(order []string, cached func(string) (*docPart, bool), assets []plan.File, kept []FileSum) ([]plan.File, []docRanges, error) {
	parts := make([]*docPart, len(order))
	hasIndex := false
	for i, path := range order {
		part, ok := bd.parts[path]
		if !ok && cached != nil {
			part, ok = cached(path)
		}
		if !ok {
			return nil, nil, fmt.Errorf("%s: not rendered", path) // a bug of the caller
		}
		parts[i] = part
		hasIndex = hasIndex || part.hasIndex
	}
	var files []plan.File
	if !hasIndex {
		articles := make([]Article, len(parts))
		for i, part := range parts {
			articles[i] = part.art
		}
		index, err := bd.index(articles)
		if err != nil {
			return nil, nil, err
		}
		files = append(files, index)
	}
	files = append(files, assets...)
	sums := append(sumsOf(files), kept...)
	for _, part := range parts {
		sums = append(sums, part.sums...)
	}
	sort.Slice(sums, func(i, j int) bool { return sums[i].Path < sums[j].Path })
	data, ranges, err := bd.manifest(parts, sums)
	if err != nil {
		return nil, nil, err
	}
	return append(files, plan.File{Path: "manifest.json", Data: data}), ranges, nil
}
