// Package status computes translation coverage from content and catalogs,
// with nothing cached, and models the reports.
package status

import (
	"sort"
	"strings"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/locale"
	"github.com/healthloc/healthloc/internal/project"
)

// Count is a number of messages and the source words they hold.
type Count struct {
	Messages int `json:"messages"`
	Words    int `json:"words"`
}

func (c *Count) add(words int) {
	c.Messages++
	c.Words += words
}

func (c *Count) plus(o Count) {
	c.Messages += o.Messages
	c.Words += o.Words
}

// Tally is the coverage of a set of messages in one locale.
type Tally struct {
	Total Count `json:"total"`
	// Translated includes Reviewed.
	Translated Count `json:"translated"`
	Reviewed   Count `json:"reviewed"`
	// Candidates are translations of the current source waiting in the
	// work area for a reviewer; they are not translated yet.
	Candidates Count `json:"candidates"`
	// Held are the locale's own current translations that an error-level
	// check finding no reviewer accepted keeps from being published.
	Held Count `json:"held"`
	// FromMemory is the part of Candidates that a translation memory
	// from outside proposed (healthloc memory add).
	FromMemory Count `json:"candidates_from_memory"`
	Stale      Count `json:"stale"`
	Missing    Count `json:"missing"`
	// Inherited is the part of Translated that comes from a parent locale
	// (es for es-MX) rather than the locale's own catalog.
	Inherited Count `json:"inherited"`
	// Obsolete counts catalog entries that match no source segment.
	Obsolete int `json:"obsolete"`
	// PercentWords and PercentMessages are Translated over Total, rounded
	// down to one decimal so that 99.96% never shows as 100%.
	PercentWords    float64 `json:"percent_words"`
	PercentMessages float64 `json:"percent_messages"`
}

func (t *Tally) plus(o Tally) {
	t.Total.plus(o.Total)
	t.Translated.plus(o.Translated)
	t.Reviewed.plus(o.Reviewed)
	t.Candidates.plus(o.Candidates)
	t.Held.plus(o.Held)
	t.FromMemory.plus(o.FromMemory)
	t.Stale.plus(o.Stale)
	t.Missing.plus(o.Missing)
	t.Inherited.plus(o.Inherited)
	t.Obsolete += o.Obsolete
}

func (t *Tally) finish() {
	t.PercentWords = project.Percent(t.Translated.Words, t.Total.Words)
	t.PercentMessages = project.Percent(t.Translated.Messages, t.Total.Messages)
}

// Document is one document's coverage in a locale.
type Document struct {
	Path string `json:"path"`
	Tally
}

// Locale is one target locale's coverage.
type Locale struct {
	Locale    string     `json:"locale"`
	Name      string     `json:"name"`
	Direction string     `json:"direction"`
	Chain     []string   `json:"chain"`
	Documents []Document `json:"documents,omitempty"`
	// StaleSegments is filled on request (status --stale).
	StaleSegments []StaleSegment `json:"stale_segments,omitempty"`
	// ReviewSegments is filled on request (status --review).
	ReviewSegments []ReviewSegment `json:"review_segments,omitempty"`
	Tally
	// UI is the coverage of the page text (the _ui catalog), which the
	// content's counts above leave out.
	UI *Tally `json:"ui,omitempty"`
}

// Report is the status of every requested locale.
type Report struct {
	SourceLocale string   `json:"source_locale"`
	Locales      []Locale `json:"locales"`
	// Readability is filled on request (status --readability).
	Readability *Readability `json:"readability,omitempty"`
}

// Compute builds the report for the given locales (all targets when
// empty). byDoc keeps the per-document breakdown.
func Compute(p *project.Project, locales []language.Tag, byDoc bool) Report {
	if len(locales) == 0 {
		locales = p.Config.Targets()
	}
	docs := make([]DocTallies, len(p.Docs))
	for i, d := range p.Docs {
		docs[i] = DocTallies{Path: d.Path, Tallies: TallyDoc(p, locales, d)}
	}
	orphaned := make([]int, len(locales))
	for i, loc := range locales {
		orphaned[i] = orphans(p, loc)
	}
	return Assemble(p, locales, byDoc, docs, orphaned)
}

// DocTallies is one document's coverage in each locale of a report.
type DocTallies struct {
	Path    string
	Tallies []Tally
}

// TallyDoc is document d's coverage in each of locales.
func TallyDoc(p *project.Project, locales []language.Tag, d *project.Doc) []Tally {
	out := make([]Tally, len(locales))
	for i, loc := range locales {
		out[i] = docTally(p, loc, d)
		out[i].finish()
	}
	return out
}

// Assemble builds the report from each document's coverage, in document
// order, and the number of entries in each locale's catalogs whose
// document is gone (orphaned[i] for locales[i]).
func Assemble(p *project.Project, locales []language.Tag, byDoc bool, docs []DocTallies, orphaned []int) Report {
	rep := Report{SourceLocale: p.Config.Source().String()}
	for i, loc := range locales {
		l := Locale{Locale: loc.String(), Name: locale.Name(loc), Direction: locale.Direction(loc)}
		for _, t := range p.Chain(loc) {
			l.Chain = append(l.Chain, t.String())
		}
		for _, d := range docs {
			dt := Document{Path: d.Path, Tally: d.Tallies[i]}
			if d.Path == project.UIPath {
				l.UI = &dt.Tally
				continue
			}
			l.plus(dt.Tally)
			if byDoc {
				l.Documents = append(l.Documents, dt)
			}
		}
		l.Obsolete += orphaned[i]
		l.finish()
		rep.Locales = append(rep.Locales, l)
	}
	return rep
}

func docTally(p *project.Project, loc language.Tag, d *project.Doc) Tally {
	var t Tally
	ids := make([]string, 0, len(d.Source.Messages))
	for id := range d.Source.Messages {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		words := d.Words[id]
		t.Total.add(words)
		r := p.Resolve(loc, d, id, false)
		switch {
		case r.State >= project.Translated:
			t.Translated.add(words)
			if r.State == project.Reviewed {
				t.Reviewed.add(words)
			}
			if !r.Own {
				t.Inherited.add(words)
			}
		case r.Reason == project.Candidate:
			// the locale's own candidate, whatever a parent has
			t.Candidates.add(words)
			if wf := p.Workflow[loc.String()]; wf != nil && strings.HasPrefix(wf.Candidates[id].Origin, project.MemoryOrigin) {
				t.FromMemory.add(words)
			}
		case r.Reason == project.Held:
			t.Held.add(words)
		case r.State == project.Stale:
			t.Stale.add(words)
		default:
			t.Missing.add(words)
		}
	}
	if c := p.Catalog(loc, d.Slug); c != nil {
		for id := range c.Messages {
			if _, ok := d.Source.Messages[id]; !ok {
				t.Obsolete++
			}
		}
	}
	return t
}

// orphans counts entries of catalogs whose document no longer exists.
func orphans(p *project.Project, loc language.Tag) int {
	live := map[string]bool{}
	for _, d := range p.Docs {
		live[d.Slug] = true
	}
	n := 0
	for slug, c := range p.Catalogs[loc.String()] {
		if !live[slug] {
			n += len(c.Messages)
		}
	}
	return n
}

// Merge adds o, a report of the same locales over other documents (a
// window of the project), to r.
func (r *Report) Merge(o Report) {
	if r.Locales == nil {
		*r = o
		return
	}
	for i := range r.Locales {
		l, ol := &r.Locales[i], &o.Locales[i]
		l.plus(ol.Tally)
		if ol.UI != nil {
			l.UI = ol.UI
		}
		l.Documents = append(l.Documents, ol.Documents...)
		l.StaleSegments = append(l.StaleSegments, ol.StaleSegments...)
		l.ReviewSegments = append(l.ReviewSegments, ol.ReviewSegments...)
		l.finish()
	}
}

// Below lists the locales whose word coverage is under min percent.
func (r Report) Below(min float64) []Locale {
	var out []Locale
	for _, l := range r.Locales {
		if l.PercentWords < min {
			out = append(out, l)
		}
	}
	return out
}
