package edit

import (
	"fmt"
	"maps"
	"slices"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/plan"
	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/qa"
	"github.com/healthloc/healthloc/internal/workarea"
)

// ReviewOptions tune Review, the command line's review of many entries.
type ReviewOptions struct {
	Reviewer string
	// Override approves despite blocking findings, recording the reason.
	Override string
	// Reject rejects the candidates instead, with Comment for the
	// translator.
	Reject  bool
	Comment string
	// Explicit says the entries were named one by one: one that cannot
	// be approved (stale, missing) or rejected (no candidate) is refused
	// rather than counted.
	Explicit bool
	// TranslatedOnly approves current translations, not candidates (the
	// --all-translated of older versions).
	TranslatedOnly bool
}

// ReviewReport is what Review did: its counts, and one line for each
// entry it refused, saying why.
type ReviewReport struct {
	Approved, Candidates, Already, Refused, Stale, Missing, Rejected int
	Refusals                                                         []string
	// Changed says that files need writing: the plan is empty otherwise.
	Changed bool
}

// Review approves the entries of loc, in order, or with o.Reject rejects
// their candidates, and returns the plan of loc's files. It follows
// Approve's rules, on the text a reviewer reads: the candidate, when one
// would replace the current translation (align --force). A rejected
// candidate stays in the work area as a suggestion, marked with who
// rejected it and why. The project's work-area state of loc is changed in
// place.
func Review(p *project.Project, rules *qa.Rules, loc language.Tag, entries []Entry, o ReviewOptions) (plan.Plan, ReviewReport) {
	b := &batch{p: p, rules: rules, loc: loc, o: o, ws: p.WorkflowState(loc),
		cats: map[string]*catalog.Catalog{}, slugs: map[string]bool{}}
	for _, e := range entries {
		if o.Reject {
			b.reject(e)
		} else {
			b.approve(e)
		}
	}
	if len(b.slugs) == 0 {
		return plan.Plan{}, b.rep
	}
	// an approval can move a translation into the served catalog, and
	// an approved candidate leaves the work file for it
	p.Reconsider() // the findings an override accepted hold nothing back
	b.rep.Changed = true
	return p.PlanWrite(loc, slices.Sorted(maps.Keys(b.slugs)), b.cats, b.ws), b.rep
}

// batch is one run of Review.
type batch struct {
	p     *project.Project
	rules *qa.Rules
	loc   language.Tag
	o     ReviewOptions
	ws    *workarea.State
	cats  map[string]*catalog.Catalog
	slugs map[string]bool
	rep   ReviewReport
}

func (b *batch) refuse(format string, args ...any) {
	b.rep.Refused++
	b.rep.Refusals = append(b.rep.Refusals, fmt.Sprintf(format, args...))
}

// approve approves one entry: a current translation, or a candidate,
// which becomes the current translation.
func (b *batch) approve(e Entry) {
	st, text := b.shown(e)
	switch {
	case st == project.Reviewed && b.o.Override == "":
		b.rep.Already++
		return
	case st == project.Candidate && b.o.TranslatedOnly:
		return
	case st == project.Stale && b.o.Explicit:
		b.refuse("refused %s %s: it is stale (its source changed after it was translated): update the translation, then approve it", b.loc, e.ID)
		return
	case st == project.Missing && b.o.Explicit:
		b.refuse("refused %s %s: it is missing: there is no translation or candidate to approve", b.loc, e.ID)
		return
	case st == project.Stale:
		b.rep.Stale++
		return
	case st == project.Missing:
		b.rep.Missing++
		return
	}
	blocking := blockingFindings(b.p, b.rules, e, text)
	if len(blocking) > 0 && b.o.Override == "" {
		b.rep.Refused++
		for _, f := range blocking {
			b.rep.Refusals = append(b.rep.Refusals, fmt.Sprintf("refused %s %s (%s:%d): [%s] %s", b.loc, e.ID, e.Doc.Path, f.Line, f.Check, f.Message))
		}
		return
	}
	if approveIn(b.p, b.ws, b.cats, e, st, text, blocking, b.o.Reviewer, b.o.Override) {
		b.rep.Candidates++
	}
	b.slugs[e.Doc.Slug] = true
	b.rep.Approved++
}

// shown is the state and text of an entry for review: a candidate that
// would replace the current translation (align --force) is reviewed
// rather than the translation it replaces.
func (b *batch) shown(e Entry) (project.State, string) {
	st, text := b.p.Lookup(e.Loc, e.Doc, e.ID)
	if st >= project.Translated {
		if c, ok := b.ws.Candidates[e.ID]; ok && c.Rejected == "" && c.Other != "" && c.Other != text &&
			c.Hash == e.Doc.Source.Messages[e.ID].Hash {
			return project.Candidate, c.Other
		}
	}
	return st, text
}

// reject sends a candidate back: the entry is missing again, and the
// candidate stays in the work area as a suggestion, with why.
func (b *batch) reject(e Entry) {
	st, _ := b.shown(e)
	if st != project.Candidate {
		if b.o.Explicit {
			b.refuse("refused %s %s: it is %s, not a candidate; only candidates can be rejected", b.loc, e.ID, st)
		}
		return
	}
	c := b.ws.Candidates[e.ID]
	c.Rejected = "rejected by " + b.o.Reviewer
	if b.o.Comment != "" {
		c.Rejected += ": " + b.o.Comment
	}
	b.ws.Candidates[e.ID] = c
	b.slugs[e.Doc.Slug] = true
	b.rep.Rejected++
}
