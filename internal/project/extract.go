package project

import (
	"sort"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/plan"
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
	for _, loc := range p.Config.Targets() {
		wf := p.WorkflowState(loc)
		previous := map[string]string{}
		for id, pr := range wf.Previous {
			previous[id] = pr.Source
		}
		old := p.Catalogs[loc.String()]
		res := catalog.Merge(catalog.MergeInput{
			Sources: sources, OldSources: oldSources, Targets: old, Previous: previous,
			Threshold: opts.Threshold, NoMemory: opts.NoMemory, Prune: opts.Prune,
		})
		rep.Locales = append(rep.Locales, LocaleChange{Locale: loc.String(), MergeReport: res.Report})
		for _, slug := range sortedKeys(res.Targets) {
			c := res.Targets[slug]
			c.Locale = loc.String()
			pl.Add(p.CatalogPath(loc, slug), catalog.Marshal(c))
		}
		for slug := range old {
			if res.Targets[slug] == nil {
				pl.Remove = append(pl.Remove, p.CatalogPath(loc, slug))
			}
		}
		next := *wf
		next.Previous = map[string]workflow.Previous{}
		for id, text := range res.Previous {
			next.Previous[id] = workflow.Previous{Source: text}
		}
		if next.Empty() {
			pl.Remove = append(pl.Remove, p.WorkflowPath(loc))
		} else {
			pl.Add(p.WorkflowPath(loc), next.Marshal())
		}
	}
	// The source catalogs go last: a run killed before them still finds
	// the old sources next time, which it needs to carry translations.
	for _, d := range p.Docs {
		pl.Files = append(pl.Files, plan.File{Path: p.CatalogPath(src, d.Slug), Data: catalog.Marshal(d.Source), Stage: 1})
	}
	sort.Strings(pl.Remove)
	return pl, rep
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
