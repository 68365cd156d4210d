package project

import (
	"maps"
	"strings"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/plan"
	"github.com/healthloc/healthloc/internal/workarea"
)

// The stages a write of catalogs goes in (see plan.File.Stage). Work
// files come first, so that a translation leaving a served catalog is in
// the work area before the catalog is renamed; reviews come first too, so
// that a catalog of a project serving only reviewed text never holds a
// translation whose approval is not on disk. A work file losing
// translations keeps them until every served catalog is written (its
// final bytes are in plan.Plan.Then). Source catalogs come last: a run
// stopped before them still finds the old sources next time, which it
// needs to carry translations.
const (
	StageWork   = 0
	StageServed = 1
	StageSource = 2
)

// DocOut is what one document's files in a locale should hold.
type DocOut struct {
	// Catalog is the logical catalog: served and work-area translations.
	Catalog *catalog.Catalog
	// Current looks up the document's current source message of an ID.
	Current func(id string) (catalog.Message, bool)
	// Previous holds the source texts the stale and obsolete
	// translations were made from, where known.
	Previous map[string]string
	// Candidates are the document's candidate translations.
	Candidates map[string]workarea.Candidate
	// Syntax tells the syntax of message id, for the checks that may hold
	// a translation (see Gate); nil skips them.
	Syntax func(id string) (markdown, htmlTags bool)
}

// Split divides a document's logical catalog in loc into its served
// catalog, which holds only what render publishes by default, and its
// work file, which holds everything else with the reason. st gives the
// reviews, for a project that serves only reviewed text.
func (p *Project) Split(loc language.Tag, d DocOut, st *workarea.State) (*catalog.Catalog, *workarea.DocFile) {
	served := &catalog.Catalog{Locale: loc.String(), Messages: map[string]catalog.Message{}}
	work := workarea.NewDocFile()
	if d.Catalog != nil {
		served.Locale = d.Catalog.Locale
		for id, m := range d.Catalog.Messages {
			if m.Other == "" {
				continue // nothing to serve or keep: the message is missing
			}
			state := p.stateOf(loc, id, &m, d, st)
			if state == "" {
				served.Messages[id] = m
				continue
			}
			e := workarea.Entry{State: state, Description: m.Description, Hash: m.Hash, Other: m.Other}
			if state == workarea.StateStale || state == workarea.StateObsolete {
				e.Previous = d.Previous[id]
			}
			work.Entries[id] = e
		}
	}
	maps.Copy(work.Candidates, d.Candidates)
	return served, work
}

// stateOf is why translation m of message id is not served, or "" when
// it is. A translation without hash, added or confirmed by hand, is one
// of the current source and takes its hash.
func (p *Project) stateOf(loc language.Tag, id string, m *catalog.Message, d DocOut, st *workarea.State) string {
	cur, ok := d.Current(id)
	switch {
	case !ok:
		return workarea.StateObsolete
	case m.Hash == "":
		m.Hash = cur.Hash
	case m.Hash != cur.Hash:
		return workarea.StateStale
	}
	// healthloc's own page text is reviewed as shipped
	shipped := strings.HasPrefix(id, UISlug+".") && shippedReviewed(loc, id, m.Other)
	r, approved := reviewOf(st, id, cur.Hash, m.Other)
	if p.gate != nil && d.Syntax != nil && !shipped && !(approved && r.Override != "") {
		md, tags := d.Syntax(id)
		in := GateInput{Locale: loc, ID: id, Source: cur.Other, SourceHash: cur.Hash, Markdown: md, HTMLTags: tags, Text: m.Other}
		if len(p.held(in)) > 0 {
			return workarea.StateHeld
		}
	}
	if p.Config.RequireReviewed && !shipped && !approved {
		return workarea.StateUnreviewed
	}
	return ""
}

// reviewOf is st's approval of text as the translation of message id's
// source with hash srcHash, if it has one.
func reviewOf(st *workarea.State, id, srcHash, text string) (workarea.Review, bool) {
	if st == nil {
		return workarea.Review{}, false
	}
	r, ok := st.Reviews[id]
	return r, ok && r.SourceHash == srcHash && r.TranslationHash == TextHash(text)
}

// PlanDoc is the plan of one document's files in loc after a change:
// the served catalog (or its removal) and the work file. old is the work
// file as it was (nil when there was none) and hadServed tells that a
// served catalog existed. A work file that loses translations or
// candidates is first written with them still in it, and with its final
// bytes in the plan's second round, so that a run stopped at any point
// loses nothing.
func (p *Project) PlanDoc(loc language.Tag, slug string, d DocOut, st *workarea.State, old *workarea.DocFile, hadServed bool) plan.Plan {
	pl, _ := p.planDoc(loc, slug, d, st, old, hadServed)
	return pl
}

// planDoc is PlanDoc, and how many translations it moves out of a served
// catalog of the layout before the work area (see migrating).
func (p *Project) planDoc(loc language.Tag, slug string, d DocOut, st *workarea.State, old *workarea.DocFile, hadServed bool) (plan.Plan, int) {
	served, work := p.Split(loc, d, st)
	moved := 0
	if hadServed {
		moved = p.movedOut(loc, slug, old, work)
	}
	var pl plan.Plan
	servedPath, workPath := p.CatalogPath(loc, slug), p.WorkDocPath(loc, slug)
	if len(served.Messages) > 0 {
		pl.Files = append(pl.Files, plan.File{Path: servedPath, Data: catalog.Marshal(served), Stage: StageServed})
	} else if hadServed {
		pl.Remove = append(pl.Remove, servedPath)
	}
	final := work.Marshal()
	if kept := leaving(old, work); kept != nil {
		pl.Files = append(pl.Files, plan.File{Path: workPath, Data: kept.Marshal(), Stage: StageWork})
		pl.Then = append(pl.Then, plan.File{Path: workPath, Data: final})
	} else if final != nil {
		pl.Files = append(pl.Files, plan.File{Path: workPath, Data: final, Stage: StageWork})
	} else if old != nil {
		pl.Remove = append(pl.Remove, workPath)
	}
	return pl, moved
}

// movedOut counts the translations of work, new to the work area, that
// the served catalog held although they did not translate the source as
// it was before this run: what a served catalog of the layout before the
// work area held and a write moves out. It reads the catalogs only when
// the work area gains entries.
func (p *Project) movedOut(loc language.Tag, slug string, old, work *workarea.DocFile) int {
	var gained []string
	for id, e := range work.Entries {
		if (e.State == workarea.StateStale || e.State == workarea.StateObsolete) && (old == nil || old.Entries[id].Other != e.Other) {
			gained = append(gained, id)
		}
	}
	if len(gained) == 0 {
		return 0
	}
	served, err := p.readCatalog(p.CatalogPath(loc, slug))
	if err != nil {
		return 0
	}
	src, err := p.readCatalog(p.CatalogPath(p.Config.Source(), slug))
	if err != nil {
		return 0 // nothing is known of the source before this run
	}
	n := 0
	for _, id := range gained {
		e := work.Entries[id]
		m, ok := served.Messages[id]
		if !ok || m.Other != e.Other {
			continue
		}
		if s, ok := src.Messages[id]; !ok || s.Hash != m.Hash && m.Hash != "" {
			n++
		}
	}
	return n
}

// leaving is work with the entries and candidates of old that are not in
// it as they were, or nil when nothing leaves.
func leaving(old, work *workarea.DocFile) *workarea.DocFile {
	if old == nil {
		return nil
	}
	var kept *workarea.DocFile
	keep := func() {
		if kept == nil {
			kept = workarea.NewDocFile()
			maps.Copy(kept.Entries, work.Entries)
			maps.Copy(kept.Candidates, work.Candidates)
		}
	}
	for id, e := range old.Entries {
		if n, ok := work.Entries[id]; !ok || n.Other != e.Other {
			keep()
			if _, taken := kept.Entries[id]; !taken {
				kept.Entries[id] = e
			}
		}
	}
	for id, c := range old.Candidates {
		if n, ok := work.Candidates[id]; !ok || n.Other != c.Other {
			keep()
			if _, taken := kept.Candidates[id]; !taken {
				kept.Candidates[id] = c
			}
		}
	}
	return kept
}

// PlanReviews is the plan of loc's review file, and the removal of the
// old sidecar of a project not migrated yet.
func (p *Project) PlanReviews(loc language.Tag, st *workarea.State) plan.Plan {
	var pl plan.Plan
	if data := st.MarshalReviews(); data != nil {
		pl.Files = append(pl.Files, plan.File{Path: p.WorkReviewsPath(loc), Data: data, Stage: StageWork})
	} else if p.reviews[loc.String()] {
		pl.Remove = append(pl.Remove, p.WorkReviewsPath(loc))
	}
	if p.legacy[loc.String()] {
		pl.Remove = append(pl.Remove, p.legacyPath(loc.String()))
	}
	return pl
}

// sourceLookup is Current for a document's source catalog.
func sourceLookup(c *catalog.Catalog) func(string) (catalog.Message, bool) {
	return func(id string) (catalog.Message, bool) {
		if c == nil {
			return catalog.Message{}, false
		}
		m, ok := c.Messages[id]
		return m, ok
	}
}

// PlanWrite is the plan of loc's files after a command changed the
// logical catalogs of slugs (given in cats, where a nil one has no
// translation left, else in p.Catalogs) and the state st: each document's served catalog and work file, and the review
// file. It is for a Project loaded whole.
func (p *Project) PlanWrite(loc language.Tag, slugs []string, cats map[string]*catalog.Catalog, st *workarea.State) plan.Plan {
	var pl plan.Plan
	bySlug := candidatesBySlug(st)
	docs := map[string]*Doc{}
	for _, d := range p.Docs {
		docs[d.Slug] = d
	}
	for _, slug := range slugs {
		c, ok := cats[slug]
		if !ok {
			c = p.Catalog(loc, slug)
		}
		var src *catalog.Catalog
		if d := docs[slug]; d != nil {
			src = d.Source
		}
		prev := map[string]string{}
		if c != nil {
			for id := range c.Messages {
				if pr, ok := st.Previous[id]; ok {
					prev[id] = pr.Source
				}
			}
		}
		out := DocOut{Catalog: c, Current: sourceLookup(src), Previous: prev, Candidates: bySlug[slug]}
		p.index.noteOrphan(slug, c)
		if d := docs[slug]; d != nil {
			out.Syntax = docSyntax(d)
			p.index.noteSettled(slug, c, len(src.Messages), func(id string) bool { _, ok := src.Messages[id]; return ok })
		}
		part, moved := p.planDoc(loc, slug, out, st, p.WorkDoc(loc, slug), p.served[loc.String()][slug])
		p.moved.add(loc.String(), moved)
		pl.Append(part)
	}
	pl.Append(p.PlanReviews(loc, st))
	return pl
}

// candidatesBySlug is st's candidates, by slug.
func candidatesBySlug(st *workarea.State) map[string]map[string]workarea.Candidate {
	out := map[string]map[string]workarea.Candidate{}
	for id, c := range st.Candidates {
		if out[c.Slug] == nil {
			out[c.Slug] = map[string]workarea.Candidate{}
		}
		out[c.Slug][id] = c
	}
	return out
}
