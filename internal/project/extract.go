package project

import (
	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/plan"
)

// ExtractOptions tunes extraction.
type ExtractOptions struct {
	// Threshold is the word similarity an edited segment needs to inherit
	// the translation of its previous version (0 means the default).
	Threshold float64
}

// ExtractReport says what an extraction changed, per locale.
type ExtractReport struct {
	Documents int
	Messages  int
	Locales   []LocaleChange
}

// LocaleChange counts what extraction did to one locale's catalogs.
type LocaleChange struct {
	Locale   string
	Carried  int
	Obsolete int
}

// Extract computes the catalogs that match the current content: the
// source catalogs rebuilt from the documents and every target catalog
// synchronized with them. It returns the plan of every catalog file; applying it leaves
// files whose bytes are already right untouched.
func (p *Project) Extract(opts ExtractOptions) (plan.Plan, ExtractReport) {
	var pl plan.Plan
	rep := ExtractReport{Documents: len(p.Docs)}
	src := p.Config.Source()
	for _, d := range p.Docs {
		rep.Messages += len(d.Source.Messages)
		pl.Add(p.CatalogPath(src, d.Slug), catalog.Marshal(d.Source))
	}
	for _, loc := range p.Config.Targets() {
		lc := LocaleChange{Locale: loc.String()}
		for _, d := range p.Docs {
			old := p.Catalog(loc, d.Slug)
			synced, r := catalog.Sync(p.Catalog(src, d.Slug), d.Source, old, catalog.SyncOptions{Threshold: opts.Threshold})
			lc.Carried += len(r.Carried)
			lc.Obsolete += len(r.Obsolete)
			if old == nil && len(synced.Messages) == 0 {
				continue // a locale with no translations for this document needs no file
			}
			synced.Locale = loc.String()
			pl.Add(p.CatalogPath(loc, d.Slug), catalog.Marshal(synced))
		}
		rep.Locales = append(rep.Locales, lc)
	}
	return pl, rep
}
