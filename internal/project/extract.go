package project

import (
	"maps"
	"slices"
	"sort"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/plan"
	"github.com/healthloc/healthloc/internal/workers"
	"github.com/healthloc/healthloc/internal/workflow"
)

// ExtractOptions tunes extraction.
type ExtractOptions struct {
	// Threshold is the word similarity an edited segment needs to inherit
	// the translation of its previous version (0 means the default).
	Threshold float64
	// NoMemory turns off the translation memory.
	NoMemory bool
	// Prune removes obsolete entries.
	Prune bool
}

// ExtractReport says what an extraction changed, per locale.
type ExtractReport struct {
	Documents int
	Messages  int
	Locales   []LocaleChange
}

// LocaleChange counts what extraction did to one locale's catalogs.
type LocaleChange struct {
	Locale string
	catalog.MergeReport
}

// Extract computes the catalogs that match the current content: the
// source catalogs rebuilt from the documents and every target catalog
// merged with them, plus each locale's sidecar. It returns the plan of
// every file; applying it leaves files whose bytes are already right
// untouched, and removes catalogs left with no entries.
func (p *Project) Extract(opts ExtractOptions) (plan.Plan, ExtractReport) {
	var pl plan.Plan
	rep := ExtractReport{Documents: len(p.Docs)}
	src := p.Config.Source()
	sources := map[string]*catalog.Catalog{}
	for _, d := range p.Docs {
		rep.Messages += len(d.Source.Messages)
		sources[d.Slug] = d.Source
	}
	oldSources := p.Catalogs[src.String()]
	for slug := range oldSources {
		if sources[slug] == nil {
			pl.Remove = append(pl.Remove, p.CatalogPath(src, slug))
		}
	}
	// Each locale merges on its own core; the catalogs are then encoded
	// on all cores. Results are gathered in a fixed order.
	targets := p.Config.Targets()
	results := make([]catalog.MergeResult, len(targets))
	workflows := make([]*workflow.State, len(targets))
	for i, loc := range targets {
		workflows[i] = p.WorkflowState(loc)
	}
	workers.Map(len(targets), 0, func(i int) error {
		previous := map[string]string{}
		for id, pr := range workflows[i].Previous {
			previous[id] = pr.Source
		}
		results[i] = catalog.Merge(catalog.MergeInput{
			Sources: sources, OldSources: oldSources, Targets: p.Catalogs[targets[i].String()], Previous: previous,
			Threshold: opts.Threshold, NoMemory: opts.NoMemory, Prune: opts.Prune,
		})
		return nil
	})
	var encode []*catalog.Catalog
	for i, loc := range targets {
		res := results[i]
		rep.Locales = append(rep.Locales, LocaleChange{Locale: loc.String(), MergeReport: res.Report})
		for _, slug := range slices.Sorted(maps.Keys(res.Targets)) {
			c := res.Targets[slug]
			c.Locale = loc.String()
			pl.Files = append(pl.Files, plan.File{Path: p.CatalogPath(loc, slug)})
			encode = append(encode, c)
		}
		for slug := range p.Catalogs[loc.String()] {
			if res.Targets[slug] == nil {
				pl.Remove = append(pl.Remove, p.CatalogPath(loc, slug))
			}
		}
		next := *workflows[i]
		next.Previous = map[string]workflow.Previous{}
		for id, text := range res.Previous {
			next.Previous[id] = workflow.Previous{Source: text}
		}
		if next.Empty() {
			pl.Remove = append(pl.Remove, p.WorkflowPath(loc))
		} else {
			pl.Files = append(pl.Files, plan.File{Path: p.WorkflowPath(loc), Data: next.Marshal()})
			encode = append(encode, nil)
		}
	}
	// The source catalogs go last: a run killed before them still finds
	// the old sources next time, which it needs to carry translations.
	for _, d := range p.Docs {
		pl.Files = append(pl.Files, plan.File{Path: p.CatalogPath(src, d.Slug), Stage: 1})
		encode = append(encode, d.Source)
	}
	workers.Map(len(encode), 0, func(i int) error {
		if encode[i] != nil {
			pl.Files[i].Data = catalog.Marshal(encode[i])
		}
		return nil
	})
	sort.Strings(pl.Remove)
	return pl, rep
}
