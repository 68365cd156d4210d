// Package render localizes documents and builds the bundle of one locale:
// localized Markdown or text, an HTML page per document (an HTML source
// is localized in place and is its own page), the content's
// assets and a manifest. It returns files; it never writes them.
package render

import (
	"path"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/content"
	"github.com/healthloc/healthloc/internal/plan"
	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/readability"
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
