package project

import (
	"cmp"
	"maps"
	"runtime"
	"slices"
	"sort"
	"sync"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/plan"
	"github.com/healthloc/healthloc/internal/workarea"
	"github.com/healthloc/healthloc/internal/workers"
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
	// Memory, when set, proposes translations from outside the project
	// for messages left without one: candidates for review.
	Memory OutsideMemory
	// subsetCounts, set by ExtractSubset, are the donor counts by
	// locale: the merges then leave the memory out and check that it
	// could not fill anything.
	subsetCounts map[string]catalog.DonorCounts
}

// ExtractReport says what an extraction changed, per locale.
type ExtractReport struct {
	Documents int
	Messages  int
	Locales   []LocaleChange
	// Migrated tells that the project's catalogs were written before the
	// work area existed (they held what is not served, or a sidecar), and
	// that this extraction moved it into the work area.
	Migrated bool
}

// LocaleChange counts what extraction did to one locale's catalogs.
type LocaleChange struct {
	Locale string
	catalog.MergeReport
	// MovedOut counts the translations moved from the served catalogs to
	// the work area by a migration, and MovedReviews the review records
	// moved from an old sidecar.
	MovedOut, MovedReviews int
	// FromMemory counts the candidates the memory from outside proposed.
	FromMemory int
	// memoryMayFill tells, for ExtractSubset, that the memory could have
	// filled a message the merge left open.
	memoryMayFill bool
}

// finish completes a locale's change once its files are planned.
func (p *Project) finish(c *LocaleChange) {
	c.MovedOut, c.MovedReviews = p.moved.get(c.Locale), p.legacyReviews[c.Locale]
	c.FromMemory = p.fromMemory.get(c.Locale)
}

// Extract computes the catalogs that match the current content: the
// source catalogs rebuilt from the documents and every target catalog
// merged with them, plus each locale's sidecar. It returns the plan of
// every file; applying it leaves files whose bytes are already right
// untouched, and removes catalogs left with no entries. Extract is for a
// Project loaded whole, whose catalogs are all in memory, so it cannot
// fail; a lean Project reads as it goes and uses ExtractTo, which reports
// what it could not read.
func (p *Project) Extract(opts ExtractOptions) (plan.Plan, ExtractReport) {
	var pl plan.Plan
	rep, _ := p.ExtractTo(opts, func(part plan.Plan) error {
		pl.Files = append(pl.Files, part.Files...)
		pl.Remove = append(pl.Remove, part.Remove...)
		pl.Then = append(pl.Then, part.Then...)
		return nil
	})
	sortPlan(&pl)
	return pl, rep
}

// sortPlan puts a plan gathered from parts, which arrive as locales
// finish, in a fixed order: by stage and path.
func sortPlan(pl *plan.Plan) {
	slices.SortFunc(pl.Files, func(a, b plan.File) int {
		return cmp.Or(cmp.Compare(a.Stage, b.Stage), cmp.Compare(a.Path, b.Path))
	})
	sort.Strings(pl.Remove)
	slices.SortFunc(pl.Then, func(a, b plan.File) int { return cmp.Compare(a.Path, b.Path) })
}

// ExtractTo is Extract handing the plan over in parts: the source
// catalogs (in plan stage 1, so that they are written last) and then the
// target locales' catalogs and sidecars. It stops at the first error from
// emit or from reading the project. On a lean Project it streams (see
// streamExtract) and can run once.
func (p *Project) ExtractTo(opts ExtractOptions, emit func(plan.Plan) error) (ExtractReport, error) {
	if p.lean {
		return p.streamExtract(opts, emit)
	}
	rep := ExtractReport{Documents: len(p.Docs)}
	src := p.Config.Source()
	sources := make(map[string]*catalog.Catalog, len(p.Docs))
	for _, d := range p.Docs {
		if d.IsUI() {
			rep.Documents-- // the report counts content
		} else {
			rep.Messages += len(d.Source.Messages)
		}
		sources[d.Slug] = d.Source
	}
	oldSources := shareUnchanged(p.Catalogs[src.String()], sources)
	base := catalog.NewMergeBase(sources, oldSources)
	// The source catalogs are in stage 1, so they are written last: a run
	// killed before them still finds the old sources next time, which it
	// needs to carry translations.
	var part plan.Plan
	for slug := range oldSources {
		if sources[slug] == nil {
			part.Remove = append(part.Remove, p.CatalogPath(src, slug))
		}
	}
	encode := make([]*catalog.Catalog, len(p.Docs))
	for i, d := range p.Docs {
		part.Files = append(part.Files, plan.File{Path: p.CatalogPath(src, d.Slug), Stage: StageSource})
		encode[i] = d.Source
	}
	marshalAll(part.Files, encode)
	sort.Strings(part.Remove)
	if err := emit(part); err != nil {
		return rep, err
	}
	// A few locales merge at once, each on its own core; more would only
	// hold more catalogs in memory. Parts are handed over one at a time.
	targets := p.Config.Targets()
	rep.Locales = make([]LocaleChange, len(targets))
	var mu sync.Mutex
	err := workers.Map(len(targets), min(localesAtOnce, runtime.GOMAXPROCS(0)), func(i int) error {
		part, change := p.extractLocale(targets[i], base, p.Catalogs[targets[i].String()], opts)
		p.finish(&change)
		rep.Locales[i] = change
		if change.MovedOut+change.MovedReviews > 0 || p.legacy[change.Locale] {
			rep.Migrated = true
		}
		mu.Lock()
		defer mu.Unlock()
		return emit(part)
	})
	return rep, err
}

// extractLocale merges one target locale's catalogs with the sources and
// returns the plan of its files: served catalogs, work files and
// reviews.
func (p *Project) extractLocale(loc language.Tag, base *catalog.MergeBase, targets map[string]*catalog.Catalog, opts ExtractOptions) (plan.Plan, LocaleChange) {
	wf := p.workflowOf(loc)
	previous := make(map[string]string, len(wf.Previous))
	for id, pr := range wf.Previous {
		previous[id] = pr.Source
	}
	res := catalog.Merge(catalog.MergeInput{
		Base: base, Targets: targets, Previous: previous,
		Threshold: opts.Threshold, NoMemory: opts.NoMemory || opts.subsetCounts != nil, Prune: opts.Prune,
	})
	mayFill := false
	if opts.subsetCounts != nil {
		counts := opts.subsetCounts[loc.String()]
		if counts == nil {
			counts = catalog.DonorCounts{}
		}
		mayFill = p.memoryMayFill(loc, targets, res.Targets, opts.Threshold, counts) && !opts.NoMemory
	}
	next := wf.Clone()
	next.Previous = make(map[string]workarea.Previous, len(res.Previous))
	for id, text := range res.Previous {
		next.Previous[id] = workarea.Previous{Source: text}
	}
	slugs := map[string]bool{}
	for slug := range res.Targets {
		slugs[slug] = true
	}
	for slug := range p.workDocs[loc.String()] {
		slugs[slug] = true
	}
	for slug := range targets {
		slugs[slug] = true
	}
	for _, c := range wf.Candidates {
		slugs[c.Slug] = true
	}
	p.memoryCandidates(loc, res.Targets, next, slugs, opts)
	cats := make(map[string]*catalog.Catalog, len(slugs))
	for slug := range slugs {
		cats[slug] = res.Targets[slug]
	}
	pl := p.PlanWrite(loc, slices.Sorted(maps.Keys(slugs)), cats, next)
	return pl, LocaleChange{Locale: loc.String(), MergeReport: res.Report, memoryMayFill: mayFill}
}

// shareUnchanged returns the old source catalogs with every catalog
// whose messages are those of the current one replaced by the current
// one, and every unchanged message sharing the current one's strings,
// so that the project's source text is held once, not twice. It changes
// the old catalogs in place, to values equal to what they held.
func shareUnchanged(old, current map[string]*catalog.Catalog) map[string]*catalog.Catalog {
	out := make(map[string]*catalog.Catalog, len(old))
	for slug, oc := range old {
		nc := current[slug]
		if nc == nil {
			out[slug] = oc
			continue
		}
		same := len(oc.Messages) == len(nc.Messages)
		for id, m := range oc.Messages {
			n, ok := nc.Messages[id]
			if ok && n == m {
				oc.Messages[id] = n
				continue
			}
			same = false
			if ok && n.Other == m.Other {
				m.Other = n.Other
				oc.Messages[id] = m
			}
		}
		if same {
			out[slug] = nc
		} else {
			out[slug] = oc
		}
	}
	return out
}

// localesAtOnce is how many target locales ExtractTo merges at once.
const localesAtOnce = 2

// marshalAll encodes catalogs[i] into files[i] on all cores; a nil
// catalog leaves its file's data as it is.
func marshalAll(files []plan.File, catalogs []*catalog.Catalog) {
	workers.Map(len(catalogs), 0, func(i int) error {
		if catalogs[i] != nil {
			files[i].Data = catalog.Marshal(catalogs[i])
		}
		return nil
	})
}
