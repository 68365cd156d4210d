package status

import (
	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/diff"
	"github.com/healthloc/healthloc/internal/project"
)

// StaleSegment is a translation made for an older version of its source,
// with what changed since.
type StaleSegment struct {
	Document string `json:"document"`
	Line     int    `json:"line"`
	ID       string `json:"id"`
	// Locale is the locale whose catalog holds the stale translation.
	Locale      string `json:"locale"`
	Translation string `json:"translation"`
	// Previous is the source the translation was made from; empty when
	// it is not known (the change predates healthloc's record of it).
	Previous string `json:"previous,omitempty"`
	// Source is the current source text.
	Source string       `json:"source"`
	Diff   []diff.Chunk `json:"diff,omitempty"`
	// NumbersChanged flags an edit that adds, removes or changes a
	// number: a dose, a duration, a frequency.
	NumbersChanged bool `json:"numbers_changed"`
}

// Stale lists the stale translations in the locales' own catalogs (all
// targets when locales is empty), by locale, document and line.
func Stale(p *project.Project, locales []language.Tag) []StaleSegment {
	if len(locales) == 0 {
		locales = p.Config.Targets()
	}
	var out []StaleSegment
	for _, loc := range locales {
		wf := p.Workflow[loc.String()]
		for _, d := range p.Docs {
			eachMessage(d, func(i int, id string) {
				st, text := p.Lookup(loc, d, id)
				if st != project.Stale {
					return
				}
				s := StaleSegment{Document: d.Path, Line: d.Segments[i].Line, ID: id, Locale: loc.String(),
					Translation: text, Source: d.Source.Messages[id].Other}
				if wf != nil {
					s.Previous = wf.Previous[id].Source
				}
				if s.Previous != "" {
					s.Diff = diff.Words(s.Previous, s.Source)
					s.NumbersChanged = diff.NumbersChanged(s.Diff)
				}
				out = append(out, s)
			})
		}
	}
	return out
}
