// Package render localizes documents and builds the bundle of one locale:
// localized Markdown or text, an HTML page per document (an HTML source
// is localized in place and is its own page), the content's
// assets and a manifest. It returns files; it never writes them.
package render

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"sync/atomic"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/content"
	"github.com/healthloc/healthloc/internal/locale"
	"github.com/healthloc/healthloc/internal/plan"
	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/readability"
	"github.com/healthloc/healthloc/internal/workers"
)

// Options controls what a bundle publishes.
type Options struct {
	// UseStale publishes stale translations instead of falling back.
	UseStale bool
	// Locales are all the locales rendered next to this one, in the order
	// the language switcher and the hreflang links list them; the first
	// is x-default. Empty means the bundle's locale alone.
	Locales []language.Tag
	// Progress, when set, is told how many documents are rendered; it is
	// called from several goroutines.
	Progress func(done, total int)
	// RequireReviewed publishes only reviewed translations; translated
	// but unreviewed ones fall back like missing ones.
	RequireReviewed bool
	// Site knows the project's pages, so that links between them lead to
	// the same bundle; nil leaves links as written and pages published.
	Site *Site
	// Templates lay out the pages; nil means healthloc's own.
	Templates *Templates
	// PageText holds the page-text document and its catalogs (see
	// project.PageText); nil means the project given to NewBundler.
	PageText *project.Project
	// Readability sets the sentence limits of the manifest's readability
	// figures; nil means the defaults.
	Readability *readability.Rules
}

// Manifest describes a bundle. Its JSON form is part of the bundle.
type Manifest struct {
	Locale    string        `json:"locale"`
	Name      string        `json:"name"`
	Direction string        `json:"direction"`
	Chain     []string      `json:"chain"`
	Stale     string        `json:"stale"`
	Documents []DocCoverage `json:"documents"`
	Fallbacks []Fallback    `json:"fallbacks"`
	Files     []FileSum     `json:"files"`

	// RequireReviewed records that only reviewed translations were
	// published.
	RequireReviewed bool `json:"require_reviewed,omitempty"`

	// Readability has each page's readability figures (readability.go).
	Readability []DocReadability `json:"readability"`
}

// DocCoverage is how much of a document the bundle shows localized.
type DocCoverage struct {
	Path          string  `json:"path"`
	Messages      int     `json:"messages"`
	Words         int     `json:"words"`
	LocalizedMsgs int     `json:"localized_messages"`
	LocalizedWrds int     `json:"localized_words"`
	PercentWords  float64 `json:"percent_words"`
	// Skipped is true for a page the locale does not publish (below
	// page_min_coverage in [site]).
	Skipped bool `json:"skipped,omitempty"`
}

// Fallback is one segment that the locale did not provide itself.
type Fallback struct {
	Document string `json:"document"`
	ID       string `json:"id"`
	Kind     string `json:"kind"`
	Line     int    `json:"line"`
	// From is the locale whose text was published.
	From string `json:"from"`
	// Reason is the segment's state in the locale itself.
	Reason string `json:"reason"`
	// Checks are, for a translation held back ("held"), the checks whose
	// errors no reviewer accepted.
	Checks []string `json:"checks,omitempty"`
}

// FileSum is a bundle file and its sha256.
type FileSum struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
}

// Bundle is the rendered output of one locale, paths relative to its
// folder.
type Bundle struct {
	Manifest Manifest
	Files    []plan.File
	articles []Article // for index.html
}

// Coverage is the share of words the bundle shows localized, in percent.
func (b *Bundle) Coverage() float64 {
	var c WordCount
	for _, d := range b.Manifest.Documents {
		c.Total += d.Words
		c.Localized += d.LocalizedWrds
	}
	return c.Percent()
}

// WordCount is how many of a bundle's words are shown localized.
type WordCount struct{ Localized, Total int }

// Add counts the documents of p as a bundle of loc would show them,
// without rendering.
func (c *WordCount) Add(p *project.Project, loc language.Tag, opts Options) {
	for _, d := range p.Docs {
		if d.IsUI() {
			continue
		}
		_, cov := resolveDoc(p, loc, d, opts)
		c.Total += cov.Words
		c.Localized += cov.LocalizedWrds
	}
}

// Percent is the share of words localized, rounded down to one decimal.
func (c WordCount) Percent() float64 {
	return project.Percent(c.Localized, c.Total)
}

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
	bd.b.Files = append(files, rest[len(rest)-1])
	return &bd.b, nil
}

// Bundler builds the bundle of a locale a window of documents at a time
// (see project.Windows), so that only a window's pages are in memory. It
// keeps what the index page and the manifest need: a title, a coverage
// and a checksum per document.
type Bundler struct {
	loc  language.Tag
	opts Options
	// chrome is the page text of loc.
	chrome map[string]Text
	source language.Tag
	// b holds the manifest and the index entries; never files.
	b        Bundle
	sums     []FileSum
	hasIndex bool
}

// NewBundler starts the bundle of loc in project p (any window of it,
// or the lean project itself when opts.PageText is set).
func NewBundler(p *project.Project, loc language.Tag, opts Options) (*Bundler, error) {
	bd := &Bundler{loc: loc, opts: opts, source: p.Config.Source()}
	bd.b.Manifest = Manifest{
		Locale:          loc.String(),
		Name:            locale.Name(loc),
		Direction:       locale.Direction(loc),
		Stale:           "fallback",
		Documents:       []DocCoverage{},
		Fallbacks:       []Fallback{},
		Readability:     []DocReadability{},
		RequireReviewed: opts.RequireReviewed,
	}
	if opts.UseStale {
		bd.b.Manifest.Stale = "use"
	}
	for _, t := range p.Chain(loc) {
		bd.b.Manifest.Chain = append(bd.b.Manifest.Chain, t.String())
	}
	pt := opts.PageText
	if pt == nil {
		var err error
		if pt, err = p.PageText(); err != nil {
			return nil, err
		}
	}
	var fbs []Fallback
	bd.chrome, fbs = chromeFor(pt, loc, opts)
	bd.b.Manifest.Fallbacks = append(bd.b.Manifest.Fallbacks, fbs...)
	return bd, nil
}

// Documents is the coverage of every document rendered so far.
func (bd *Bundler) Documents() []DocCoverage { return bd.b.Manifest.Documents }

// Add renders the documents of w and returns their files.
func (bd *Bundler) Add(w *project.Project) ([]plan.File, error) {
	// Documents render on all cores into parts that are joined in
	// document order, so the bundle does not depend on scheduling.
	parts := make([]*Bundle, len(w.Docs))
	var done atomic.Int64
	err := workers.Map(len(w.Docs), 0, func(i int) error {
		parts[i] = &Bundle{}
		err := parts[i].renderDoc(bd, w, w.Docs[i])
		if bd.opts.Progress != nil {
			bd.opts.Progress(int(done.Add(1)), len(w.Docs))
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	var files []plan.File
	m := &bd.b.Manifest
	for _, part := range parts {
		files = append(files, part.Files...)
		m.Documents = append(m.Documents, part.Manifest.Documents...)
		m.Fallbacks = append(m.Fallbacks, part.Manifest.Fallbacks...)
		m.Readability = append(m.Readability, part.Manifest.Readability...)
		bd.b.articles = append(bd.b.articles, part.articles...)
	}
	bd.note(files)
	return files, nil
}

// note records the checksums of files for the manifest.
func (bd *Bundler) note(files []plan.File) {
	for _, f := range files {
		sum := sha256.Sum256(f.Data)
		bd.sums = append(bd.sums, FileSum{Path: f.Path, SHA256: hex.EncodeToString(sum[:])})
		bd.hasIndex = bd.hasIndex || f.Path == "index.html"
	}
}

// Finish returns the files that need every document: the index page
// (unless a document is index.html), the assets, read from fsys by
// their path relative to the content root, and the manifest.
func (bd *Bundler) Finish(assets []string, fsys fs.FS) ([]plan.File, error) {
	var files []plan.File
	if !bd.hasIndex {
		index, err := bd.index()
		if err != nil {
			return nil, err
		}
		files = append(files, index)
	}
	for _, a := range assets {
		data, err := fs.ReadFile(fsys, a)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", a, err)
		}
		files = append(files, plan.File{Path: a, Data: data})
	}
	bd.note(files)
	m := bd.b.Manifest
	m.Files = bd.sums
	sort.Slice(m.Files, func(i, j int) bool { return m.Files[i].Path < m.Files[j].Path })
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	bd.b.Manifest = m
	return append(files, plan.File{Path: "manifest.json", Data: append(data, '\n')}), nil
}

// block is one segment as published: where it landed and which locale's
// text it carries.
type block struct {
	seg   content.Segment
	start int // in the localized output, BOM excluded
	end   int
	from  language.Tag
}

// resolveDoc resolves every segment of d in loc and counts what the
// bundle will show localized.
func resolveDoc(p *project.Project, loc language.Tag, d *project.Doc, opts Options) ([]project.Resolution, DocCoverage) {
	cov := DocCoverage{Path: d.Path}
	res := make([]project.Resolution, len(d.Segments))
	counted := map[string]bool{}
	for i, id := range d.IDs {
		r := resolve(p, loc, d, id, opts)
		res[i] = r
		if !counted[id] {
			counted[id] = true
			cov.Messages++
			cov.Words += d.Words[id]
			if r.From != p.Config.Source() || loc == p.Config.Source() {
				cov.LocalizedMsgs++
				cov.LocalizedWrds += d.Words[id]
			}
		}
	}
	cov.PercentWords = project.Percent(cov.LocalizedWrds, cov.Words)
	return res, cov
}

func (b *Bundle) renderDoc(bd *Bundler, p *project.Project, d *project.Doc) error {
	if d.IsUI() {
		return nil // the page text is on every page, not a page of its own
	}
	loc, opts := bd.loc, bd.opts
	res, cov := resolveDoc(p, loc, d, opts)
	if !opts.Site.Published(loc, d.Path) {
		// Not in this bundle: the index links where other pages' links
		// to it lead, in the source language.
		cov.Skipped = true
		b.Manifest.Documents = append(b.Manifest.Documents, cov)
		href, lang := opts.Site.link(loc, "index.html", d.Path, "", true)
		a := Article{Href: href, Hreflang: lang, run: run{Text: sourceTitle(d)}}
		a.Lang, a.Dir = attrPair(p.Config.Source(), loc)
		b.articles = append(b.articles, a)
		return nil
	}
	for i, id := range d.IDs {
		if r := res[i]; !r.Own {
			fb := Fallback{
				Document: d.Path, ID: id, Kind: string(d.Segments[i].Kind), Line: d.Segments[i].Line,
				From: r.From.String(), Reason: reasonOf(r, opts),
			}
			if r.Reason == project.Held {
				_, text := p.Lookup(loc, d, id)
				fb.Checks = p.HeldBy(loc, d, id, text)
			}
			b.Manifest.Fallbacks = append(b.Manifest.Fallbacks, fb)
		}
	}
	b.Manifest.Documents = append(b.Manifest.Documents, cov)
	b.Manifest.Readability = append(b.Manifest.Readability, readabilityOf(p, loc, d, res, opts.Readability)...)

	out, spans, err := content.Localize(d.Document, func(i int, _ content.Segment) (string, bool) {
		return res[i].Text, true
	})
	if err != nil {
		return fmt.Errorf("%s: %w", d.Path, err)
	}
	links := func(html bool) func(string) (string, string) {
		if opts.Site == nil {
			return nil
		}
		return func(href string) (string, string) {
			to, rest, ok := opts.Site.target(href, d.Path)
			if !ok {
				return href, ""
			}
			return opts.Site.link(loc, d.Path, to, rest, html)
		}
	}
	if d.Format == content.FormatHTML {
		// The localized source is the page; the index still lists it.
		page := rewriteHTMLLinks(htmlDocument(d, out, spans, res, loc), links(true))
		b.Files = append(b.Files, plan.File{Path: d.Path, Data: page})
		b.articles = append(b.articles, newArticle(d.Path, title(d, res), d, res, loc))
		return nil
	}
	body := out
	if d.BOM {
		body = body[len(bom):]
	}
	blocks := make([]block, len(spans))
	bodyStart := d.BodyStart
	for i, s := range spans {
		seg := d.Segments[s.Segment]
		blocks[i] = block{seg: seg, start: s.Start - bomLen(d), end: s.End - bomLen(d), from: res[s.Segment].From}
		if seg.End <= d.BodyStart {
			bodyStart += (s.End - s.Start) - (seg.End - seg.Start)
		}
	}
	var html string
	switch d.Format {
	case content.FormatText:
		html = textHTML(blocks, body, loc)
	default:
		html, err = markdownHTML(body, bodyStart, blocks, loc)
		if err != nil {
			return fmt.Errorf("%s: %w", d.Path, err)
		}
		body = rewriteMarkdownLinks(body, bodyStart, links(false))
		if fields := content.FrontMatterFields(body, p.Config.Site.LanguageKeys); len(fields) > 0 {
			body = content.ReplaceFields(body, fields, languageValues(fields, loc))
		}
		out = body
		if d.BOM {
			out = append([]byte(bom), body...)
		}
	}
	b.Files = append(b.Files, plan.File{Path: d.Path, Data: out})
	page := b.newPage(bd, p, d, res, blocks)
	data, err := page.render(bd.opts.Templates.article(), html, links(true))
	if err != nil {
		return fmt.Errorf("%s: %w", d.Path, err)
	}
	b.Files = append(b.Files, plan.File{Path: pagePath(d), Data: data})
	return nil
}

// reasonOf is why a message fell back, as the manifest says it.
func reasonOf(r project.Resolution, opts Options) string {
	if opts.RequireReviewed && r.Reason == project.Translated {
		return "unreviewed"
	}
	return r.Reason.String()
}

// sourceTitle is title() of the document in its source language.
func sourceTitle(d *project.Doc) string {
	res := make([]project.Resolution, len(d.Segments))
	for i, s := range d.Segments {
		res[i].Text = s.Text
	}
	return title(d, res)
}

// resolve is where a message's text comes from. With RequireReviewed
// only reviewed translations along the chain count, so a medical text is
// published in the locale only after approval.
func resolve(p *project.Project, loc language.Tag, d *project.Doc, id string, opts Options) project.Resolution {
	if src := p.Config.Source(); loc == src {
		// the source-language bundle: every text is its own
		return project.Resolution{State: project.Translated, From: src, Text: d.Source.Messages[id].Other, Own: true, Reason: project.Translated}
	}
	if !opts.RequireReviewed {
		return p.Resolve(loc, d, id, opts.UseStale)
	}
	src := p.Config.Source()
	own, _ := p.Lookup(loc, d, id)
	for _, t := range p.Chain(loc) {
		if t == src {
			break
		}
		if st, text := p.Lookup(t, d, id); st == project.Reviewed {
			return project.Resolution{State: st, From: t, Text: text, Own: t == loc, Reason: own}
		}
	}
	return project.Resolution{State: own, From: src, Text: d.Source.Messages[id].Other, Reason: own}
}

const bom = "\ufeff"

func bomLen(d *project.Doc) int {
	if d.BOM {
		return len(bom)
	}
	return 0
}

// title is the page title: the front-matter title, else the first
// heading, else the slug.
func title(d *project.Doc, res []project.Resolution) string {
	for _, kind := range []content.Kind{content.KindTitle, content.KindHeading} {
		for i, s := range d.Segments {
			if s.Kind == kind {
				return plainText(res[i].Text)
			}
		}
	}
	return path.Base(d.Slug)
}

// Coverages is how much of each document of p (a window) the bundle of
// loc shows localized, without rendering.
func Coverages(p *project.Project, loc language.Tag, opts Options) []DocCoverage {
	var out []DocCoverage
	for _, d := range p.Docs {
		if !d.IsUI() {
			_, cov := resolveDoc(p, loc, d, opts)
			out = append(out, cov)
		}
	}
	return out
}
