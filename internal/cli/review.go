package cli

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/qa"
	"github.com/healthloc/healthloc/internal/workarea"
)

type reviewOptions struct {
	Locale string
	IDs    []string
	Docs   []string
	All    bool
	// AllTranslated is the flag of older versions: every translated
	// message, not the candidates.
	AllTranslated bool
	Reviewer      string
	Override      string
	Reject        bool
	Comment       string
}

func (o *reviewOptions) AddFlags(f *pflag.FlagSet) {
	f.StringVarP(&o.Locale, "locale", "l", "", "the `locale` whose translations are approved (required)")
	f.StringSliceVar(&o.IDs, "id", nil, "approve these message `IDs`")
	f.StringSliceVar(&o.Docs, "doc", nil, "approve every translation and candidate of these `documents`")
	f.BoolVar(&o.All, "all", false, "approve every translation and candidate of the locale")
	f.BoolVar(&o.AllTranslated, "all-translated", false, "deprecated: approve every translated message, not the candidates (use --all)")
	_ = f.MarkHidden("all-translated")
	f.StringVar(&o.Reviewer, "reviewer", "", "`name` of the medical reviewer, recorded with each approval (required)")
	f.StringVar(&o.Override, "override", "", "approve despite check errors, recording this `reason`")
	f.BoolVar(&o.Reject, "reject", false, "reject the candidates instead: they go back to missing and stay as suggestions")
	f.StringVar(&o.Comment, "comment", "", "with --reject, why, for the translator (`text`)")
}

func newReviewCmd(io *IO, g *globalOptions) *cobra.Command {
	o := &reviewOptions{}
	cmd := &cobra.Command{
		Use:   "review",
		Short: "Approve translations and candidates after medical review",
		Long: `Approve translations after medical review: current translations, and
candidates (pairs made by align without --trust) waiting in the work area.
Pick them by --id, --doc or --all.

An approved candidate becomes a current, reviewed translation, which
render publishes. Each approval is written to the locale's review file in
the work area (<work_root>/<locale>/reviews.toml) with the reviewer and the
hashes of the source and the translation: any later change to either voids
it. A translation or candidate with an error-level check finding is
refused unless --override gives a reason, which is recorded. Refused
messages are listed on stderr with their findings and make the command exit
1; the others are still approved. Stale and missing messages cannot be
approved: --doc and --all count them, and exit 1 when nothing at all could
be approved.

--reject sends candidates back to missing. They stay in the work area as
suggestions for the translator, with --comment, and align does not offer
them again.

Read the candidates first with "healthloc status --review", or hand them to
an outside reviewer with "healthloc export --only review".

` + exitCodesHelp,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runReview(cmd.Context(), io, g, o)
		},
	}
	o.AddFlags(cmd.Flags())
	return cmd
}

// reviewTarget is one message picked for approval.
type reviewTarget struct {
	doc *project.Doc
	id  string
}

// reviewCounts are what a review run did, for the summary.
type reviewCounts struct {
	approved, candidates, already, refused, stale, missing, rejected int
}

func (o *reviewOptions) validate() error {
	if o.Locale == "" {
		return usagef("--locale is required")
	}
	if strings.TrimSpace(o.Reviewer) == "" {
		return usagef("--reviewer is required: approvals record who reviewed")
	}
	picks := 0
	for _, b := range []bool{len(o.IDs) > 0, len(o.Docs) > 0, o.All, o.AllTranslated} {
		if b {
			picks++
		}
	}
	if picks != 1 {
		return usagef("give exactly one of --id, --doc or --all")
	}
	if o.Reject && o.Override != "" {
		return usagef("--override approves; it does not go with --reject")
	}
	if o.Comment != "" && !o.Reject {
		return usagef("--comment goes with --reject")
	}
	return nil
}

func runReview(ctx context.Context, io *IO, g *globalOptions, o *reviewOptions) error {
	if err := o.validate(); err != nil {
		return err
	}
	if o.AllTranslated {
		fmt.Fprintln(io.ErrOut, "healthloc: --all-translated is deprecated: use --all, which approves candidates too")
	}
	// catalogs are written: one run at a time, as extract
	unlock, err := g.lock(ctx, defaultLockTimeout)
	if err != nil {
		return err
	}
	defer unlock()
	p, err := g.load()
	if err != nil {
		return err
	}
	locs, err := targetLocales(p, []string{o.Locale}, false)
	if err != nil {
		return err
	}
	loc := locs[0]
	targets, err := reviewTargets(p, o)
	if err != nil {
		return err
	}
	r := &reviewer{p: p, io: io, o: o, loc: loc, rules: qa.RulesOf(p.Config), wf: p.WorkflowState(loc),
		cats: map[string]*catalog.Catalog{}, slugs: map[string]bool{}, explicit: len(o.IDs) > 0, quiet: g.Quiet}
	for _, t := range targets {
		if o.Reject {
			r.reject(t)
		} else {
			r.approve(t)
		}
	}
	if len(r.slugs) > 0 {
		// an approval can move a translation into the served catalog, and
		// an approved candidate leaves the work file for it
		p.Reconsider() // the findings an override accepted hold nothing back
		pl := p.PlanWrite(loc, slices.Sorted(maps.Keys(r.slugs)), r.cats, r.wf)
		if _, err := applyCatalogs(ctx, g, p, pl); err != nil {
			return err
		}
	}
	return r.summary()
}

// reviewTargets are the messages --id, --doc or --all pick, each once,
// in document order (--id: as given).
func reviewTargets(p *project.Project, o *reviewOptions) ([]reviewTarget, error) {
	var targets []reviewTarget
	if len(o.IDs) > 0 {
		for _, id := range o.IDs {
			d := docOf(p, id)
			if d == nil {
				return nil, usageError(fmt.Errorf("--id %q: no such message in the content", id))
			}
			targets = append(targets, reviewTarget{d, id})
		}
		return targets, nil
	}
	docs, err := pickDocs(p, o.Docs)
	if err != nil {
		return nil, err
	}
	for _, d := range p.Docs {
		if docs != nil && !docs[d.Path] {
			continue
		}
		for _, id := range sortedIDs(d) {
			targets = append(targets, reviewTarget{d, id})
		}
	}
	return targets, nil
}

// reviewer approves or rejects messages of one locale.
type reviewer struct {
	p        *project.Project
	io       *IO
	o        *reviewOptions
	loc      language.Tag
	rules    *qa.Rules
	wf       *workarea.State
	cats     map[string]*catalog.Catalog
	slugs    map[string]bool
	explicit bool
	quiet    bool
	n        reviewCounts
}

// approve approves one message: a current translation, or a candidate,
// which becomes the current translation.
func (r *reviewer) approve(t reviewTarget) {
	st, text := r.lookup(t)
	switch {
	case st == project.Reviewed && r.o.Override == "":
		r.n.already++
		return
	case st == project.Candidate && r.o.AllTranslated:
		return // the flag of older versions approves translations only
	case st == project.Stale && r.explicit:
		r.n.refused++
		fmt.Fprintf(r.io.ErrOut, "refused %s %s: it is stale (its source changed after it was translated): update the translation, then approve it\n", r.loc, t.id)
		return
	case st == project.Missing && r.explicit:
		r.n.refused++
		fmt.Fprintf(r.io.ErrOut, "refused %s %s: it is missing: there is no translation or candidate to approve\n", r.loc, t.id)
		return
	case st == project.Stale:
		r.n.stale++
		return
	case st == project.Missing:
		r.n.missing++
		return
	}
	var errs []qa.Finding
	for _, f := range qa.CheckText(r.p, r.rules, r.loc, t.doc, t.id, text) {
		if f.Severity == qa.Error && f.Accepted == nil {
			errs = append(errs, f)
		}
	}
	if len(errs) > 0 && r.o.Override == "" {
		r.n.refused++
		for _, f := range errs {
			fmt.Fprintf(r.io.ErrOut, "refused %s %s (%s:%d): [%s] %s\n", r.loc, t.id, t.doc.Path, f.Line, f.Check, f.Message)
		}
		return
	}
	src := t.doc.Source.Messages[t.id]
	rev := workarea.Review{Reviewer: r.o.Reviewer, SourceHash: src.Hash, TranslationHash: project.TextHash(text)}
	if len(errs) > 0 {
		// the reason accepts each finding, so that check and render let
		// the approved translation through
		rev.Override = r.o.Override
		for _, f := range errs {
			r.wf.Accept(t.id, f.Check, workarea.Accepted{Reviewer: r.o.Reviewer, Reason: r.o.Override,
				SourceHash: src.Hash, TranslationHash: rev.TranslationHash})
		}
	}
	r.wf.Reviews[t.id] = rev
	if st == project.Candidate {
		r.catalog(t.doc.Slug).Messages[t.id] = catalog.Message{ID: t.id, Description: src.Description, Hash: src.Hash, Other: text}
		delete(r.wf.Previous, t.id)
		delete(r.wf.Candidates, t.id)
		r.n.candidates++
	}
	r.slugs[t.doc.Slug] = true
	r.n.approved++
}

// lookup is the state and text of a message for review: a candidate that
// would replace the current translation (align --force) is reviewed
// rather than the translation it replaces.
func (r *reviewer) lookup(t reviewTarget) (project.State, string) {
	st, text := r.p.Lookup(r.loc, t.doc, t.id)
	if st >= project.Translated {
		if c, ok := r.wf.Candidates[t.id]; ok && c.Rejected == "" && c.Other != "" && c.Other != text &&
			c.Hash == t.doc.Source.Messages[t.id].Hash {
			return project.Candidate, c.Other
		}
	}
	return st, text
}

// reject sends a candidate back: the message is missing again, and the
// candidate stays in the work area as a suggestion, with why.
func (r *reviewer) reject(t reviewTarget) {
	st, _ := r.lookup(t)
	if st != project.Candidate {
		if r.explicit {
			r.n.refused++
			fmt.Fprintf(r.io.ErrOut, "refused %s %s: it is %s, not a candidate; only candidates can be rejected\n", r.loc, t.id, st)
		}
		return
	}
	c := r.wf.Candidates[t.id]
	c.Rejected = "rejected by " + r.o.Reviewer
	if r.o.Comment != "" {
		c.Rejected += ": " + r.o.Comment
	}
	r.wf.Candidates[t.id] = c
	r.slugs[t.doc.Slug] = true
	r.n.rejected++
}

// catalog is the logical catalog of slug in the run's locale, copied
// once to be changed.
func (r *reviewer) catalog(slug string) *catalog.Catalog {
	if c := r.cats[slug]; c != nil {
		return c
	}
	c := &catalog.Catalog{Locale: r.loc.String(), Messages: map[string]catalog.Message{}}
	if old := r.p.Catalog(r.loc, slug); old != nil {
		c.Locale = old.Locale
		maps.Copy(c.Messages, old.Messages)
	}
	r.cats[slug] = c
	return c
}

// summary prints what the run did and turns a refusal, or a run that
// found nothing to do, into a failed gate.
func (r *reviewer) summary() error {
	n := r.n
	if r.o.Reject {
		if !r.quiet {
			fmt.Fprintf(r.io.Out, "%s: %d candidates rejected by %s; they stay in the work area as suggestions\n", r.loc, n.rejected, r.o.Reviewer)
		}
		switch {
		case n.refused > 0:
			return gateError("%d messages are not candidates: nothing to reject there", n.refused)
		case n.rejected == 0:
			return gateError("no candidate to reject")
		}
		return nil
	}
	if !r.quiet {
		fmt.Fprintf(r.io.Out, "%s: %d approved by %s, %d already approved, %d refused, %d stale, %d missing\n",
			r.loc, n.approved, r.o.Reviewer, n.already, n.refused, n.stale, n.missing)
		if n.candidates > 0 {
			fmt.Fprintf(r.io.Out, "%s: %d candidates approved: they are current translations now, and render publishes them\n", r.loc, n.candidates)
		}
	}
	switch {
	case n.refused > 0:
		return gateError("%d translations refused: fix them, or approve with --override \"reason\"", n.refused)
	case n.approved == 0 && n.already == 0:
		return gateError("nothing to approve: %d stale and %d missing messages have no current translation or candidate", n.stale, n.missing)
	}
	return nil
}

// docOf is the document holding message id.
func docOf(p *project.Project, id string) *project.Doc {
	for _, d := range p.Docs {
		if _, ok := d.Source.Messages[id]; ok {
			return d
		}
	}
	return nil
}

func sortedIDs(d *project.Doc) []string {
	ids := make([]string, 0, len(d.Source.Messages))
	for id := range d.Source.Messages {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}
