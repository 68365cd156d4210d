package status

import (
	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/pseudo"
	"github.com/healthloc/healthloc/internal/readability"
)

// Readability is how easy each document is to read in the source and in
// each target locale, measured on the text a bundle publishes (see
// readability.MeasureDoc): status --readability and the dashboard.
type Readability struct {
	Documents []ReadabilityDoc `json:"documents"`
	// Total measures every document together, as one text.
	Total ReadabilityDoc `json:"total"`
}

// ReadabilityDoc is one document's figures: the source's, and each
// target locale's in the order of the report's locales.
type ReadabilityDoc struct {
	Path         string                `json:"path,omitempty"`
	Source       readability.Figures   `json:"source"`
	Translations []readability.Figures `json:"translations"`
}

// ComputeReadability measures the documents of p (the whole project or
// one window of it) in the source and in locs, with the sentence limits
// of r. Pseudo-locales are left out.
func ComputeReadability(p *project.Project, locs []language.Tag, r *readability.Rules) Readability {
	src := p.Config.Source()
	var out Readability
	for _, d := range p.Docs {
		if d.IsUI() {
			continue // page text is labels, not prose
		}
		rd := ReadabilityDoc{Path: d.Path, Source: r.FiguresOf(readability.MeasureDoc(p, src, d)),
			Translations: []readability.Figures{}}
		for _, loc := range locs {
			if loc == src || pseudo.Is(loc) {
				continue
			}
			rd.Translations = append(rd.Translations, r.FiguresOf(readability.MeasureDoc(p, loc, d)))
		}
		out.Documents = append(out.Documents, rd)
	}
	return out
}

// Merge adds the documents of another window.
func (x *Readability) Merge(o Readability) {
	x.Documents = append(x.Documents, o.Documents...)
}

// Finish computes the totals once every window is merged.
func (x *Readability) Finish() {
	if x.Documents == nil {
		x.Documents = []ReadabilityDoc{}
	}
	var src []readability.Figures
	var tr [][]readability.Figures
	for _, d := range x.Documents {
		src = append(src, d.Source)
		for i, f := range d.Translations {
			if i >= len(tr) {
				tr = append(tr, nil)
			}
			tr[i] = append(tr[i], f)
		}
	}
	x.Total = ReadabilityDoc{Source: readability.Total(src), Translations: []readability.Figures{}}
	for _, fs := range tr {
		x.Total.Translations = append(x.Total.Translations, readability.Total(fs))
	}
}
