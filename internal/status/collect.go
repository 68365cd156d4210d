package status

import (
	"slices"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/qa"
	"github.com/healthloc/healthloc/internal/readability"
)

// CollectOptions say what a report holds besides the coverage counts.
type CollectOptions struct {
	// ByDoc breaks the counts down per document.
	ByDoc bool
	// Stale lists each stale translation with a diff of its source;
	// Review each candidate waiting for review.
	Stale, Review bool
	// Readability measures plain language per document.
	Readability bool
	// Dashboard gathers what the html dashboard shows: the counts per
	// document, readability and the stale translations, which the
	// dashboard takes beside the report (see StaleSegments).
	Dashboard bool
}

// Collector adds a report up a window of the project at a time (see
// project.Windows): counts add up, and the stale and review lists are
// kept by locale, in document order.
type Collector struct {
	locs   []language.Tag
	o      CollectOptions
	rules  *qa.Rules
	plain  *readability.Rules
	rep    Report
	read   Readability
	stale  [][]StaleSegment
	review [][]ReviewSegment
}

// NewCollector starts a report on locs of p; it fails on readability
// settings it cannot use, when the report measures readability.
func NewCollector(p *project.Project, locs []language.Tag, o CollectOptions) (*Collector, error) {
	if o.Dashboard {
		o.ByDoc, o.Readability = true, true
	}
	c := &Collector{locs: locs, o: o, rules: qa.RulesOf(p.Config),
		stale: make([][]StaleSegment, len(locs)), review: make([][]ReviewSegment, len(locs))}
	if o.Readability {
		r, err := readability.RulesOf(p.Config)
		if err != nil {
			return nil, err
		}
		c.plain = r
	}
	return c, nil
}

// Add counts a window of the project.
func (c *Collector) Add(w *project.Project) {
	c.rep.Merge(Compute(w, c.locs, c.o.ByDoc))
	if c.plain != nil {
		c.read.Merge(ComputeReadability(w, c.locs, c.plain))
	}
	if c.o.Stale || c.o.Dashboard {
		for i, loc := range c.locs {
			c.stale[i] = append(c.stale[i], Stale(w, []language.Tag{loc})...)
		}
	}
	if c.o.Review {
		for i, loc := range c.locs {
			c.review[i] = append(c.review[i], Candidates(w, []language.Tag{loc}, c.rules)...)
		}
	}
}

// Report is the report of the windows added; p is the project they came
// from, for a report on a project with no document and no catalog, where
// every count is zero.
func (c *Collector) Report(p *project.Project) Report {
	rep := c.rep
	if rep.Locales == nil {
		rep = Compute(p, c.locs, false)
	}
	if c.plain != nil {
		c.read.Finish()
		rep.Readability = &c.read
	}
	for i := range rep.Locales {
		if c.o.Stale {
			rep.Locales[i].StaleSegments = c.stale[i]
		}
		if c.o.Review {
			rep.Locales[i].ReviewSegments = c.review[i]
		}
	}
	return rep
}

// StaleSegments are the stale translations of every locale, locale by
// locale.
func (c *Collector) StaleSegments() []StaleSegment { return slices.Concat(c.stale...) }
