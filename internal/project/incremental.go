package project

import (
	"sync"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/plan"
)

// An incremental extract reads only what an edit touched: the edited
// documents and every document that is not settled (see DocInfo), with
// their catalogs in every locale. Everything else is as the last extract
// left it, so a merge of the subset makes the decisions the merge of the
// whole project would: every translation that may move or carry over
// (left) and every message without one (open) is in the subset. The
// memory is the exception, as its donors are everywhere: the subset
// merges without it, and each locale checks, with the donor counts the
// last extract recorded, that the memory could fill nothing (see
// catalog.MemoryReaches). When it could, the caller extracts the whole
// project.

// ExtractSubset is Extract for a Project loaded with a Subset. counts are
// each target locale's donor counts as the last extract left them;
// ExtractSubset updates them. ok is false when the whole project must be
// extracted instead: the plan and counts are then to be thrown away.
func (p *Project) ExtractSubset(opts ExtractOptions, counts map[string]catalog.DonorCounts) (pl plan.Plan, rep ExtractReport, ok bool) {
	for _, d := range p.Docs {
		p.index.noteDoc(d)
	}
	opts.subsetCounts = counts
	pl, rep = p.Extract(opts)
	for _, l := range rep.Locales {
		if l.memoryMayFill {
			return plan.Plan{}, rep, false
		}
	}
	return pl, rep, true
}

// DonorCounts are the donor counts of each target locale after a whole
// extract of a lean Project, for the next ExtractSubset.
func (p *Project) DonorCounts() map[string]catalog.DonorCounts {
	p.donors.mu.Lock()
	defer p.donors.mu.Unlock()
	return p.donors.m
}

// donorCounts collects each locale's donor counts as a whole extract
// merges it.
type donorCounts struct {
	mu sync.Mutex
	m  map[string]catalog.DonorCounts
}

func (d *donorCounts) set(loc string, words []string, counts []int32) {
	c := catalog.DonorCounts{}
	for t, n := range counts {
		if n > 0 {
			c[words[t]] = n
		}
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.m == nil {
		d.m = map[string]catalog.DonorCounts{}
	}
	d.m[loc] = c
}

// upToDate tells that translation m is in the memory as a translation of
// source message sm: as the merge keeps it, a translation without hash
// translates the source as it is.
func upToDate(m, sm catalog.Message) bool {
	return m.Other != "" && (m.Hash == "" || m.Hash == sm.Hash)
}

// memoryMayFill tells whether the memory, which the subset's merge of loc
// left out, could have filled one of its open messages; it updates
// counts. old are the subset's catalogs in loc before the merge, merged
// after it.
func (p *Project) memoryMayFill(loc language.Tag, old, merged map[string]*catalog.Catalog, threshold float64, counts catalog.DonorCounts) bool {
	oldSrc := map[string]catalog.Message{}
	for _, c := range p.Catalogs[p.Config.Source().String()] {
		if c != nil {
			for id, m := range c.Messages {
				oldSrc[id] = m
			}
		}
	}
	newSrc := map[string]catalog.Message{}
	for _, d := range p.Docs {
		for id, m := range d.Source.Messages {
			newSrc[id] = m
		}
	}
	had := map[string]bool{}
	before, after := map[string]string{}, map[string]string{}
	for _, c := range old {
		for id, m := range messagesOf(c) {
			had[id] = true
			if sm, ok := oldSrc[id]; ok && upToDate(m, sm) {
				before[id] = sm.Other
			}
		}
	}
	has := map[string]bool{}
	for _, c := range merged {
		for id, m := range messagesOf(c) {
			has[id] = true
			if sm, ok := newSrc[id]; ok && upToDate(m, sm) {
				after[id] = sm.Other
			}
		}
	}
	var ch catalog.MemoryChange
	for id, text := range before {
		if t, ok := after[id]; !ok || t != text {
			ch.Left = append(ch.Left, text)
		}
	}
	for id, text := range after {
		if t, ok := before[id]; !ok || t != text {
			ch.Joined = append(ch.Joined, text)
		}
	}
	var open []string
	fresh := false
	for id, sm := range newSrc {
		if has[id] {
			continue
		}
		if o, ok := oldSrc[id]; !ok || had[id] || o.Other != sm.Other {
			// open now, not before: what the memory holds for it is
			// unknown here
			fresh = true
		}
		open = append(open, sm.Other)
	}
	return catalog.MemoryReaches(open, ch, threshold, counts) || fresh
}

func messagesOf(c *catalog.Catalog) map[string]catalog.Message {
	if c == nil {
		return nil
	}
	return c.Messages
}
