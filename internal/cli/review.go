package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/edit"
	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/qa"
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

// newReviewCmd is the review command; runF, when a test gives it, runs
// instead of runReview with the options the flags set, once they are
// valid (gh's seam).
func newReviewCmd(io *IO, g *globalOptions, runF func(context.Context, *reviewOptions) error) *cobra.Command {
	o := &reviewOptions{}
	return command(&cobra.Command{
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
	}, o, func(ctx context.Context, _ []string) error {
		if err := o.validate(); err != nil {
			return err
		}
		if runF != nil {
			return runF(ctx, o)
		}
		return runReview(ctx, io, g, o)
	})
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

// runReview approves or rejects; its options are valid (validate).
func runReview(ctx context.Context, io *IO, g *globalOptions, o *reviewOptions) error {
	if o.AllTranslated {
		fmt.Fprintln(io.ErrOut, "healthloc: --all-translated is deprecated: use --all, which approves candidates too")
	}
	// catalogs are written: one run at a time, as extract
	p, unlock, err := g.loadLocked(ctx)
	if err != nil {
		return err
	}
	defer unlock()
	locs, err := targetLocales(p, []string{o.Locale}, false)
	if err != nil {
		return err
	}
	entries, err := reviewEntries(p, locs[0], o)
	if err != nil {
		return err
	}
	pl, rep := edit.Review(p, qa.RulesOf(p.Config), locs[0], entries, edit.ReviewOptions{Reviewer: o.Reviewer,
		Override: o.Override, Reject: o.Reject, Comment: o.Comment, Explicit: len(o.IDs) > 0, TranslatedOnly: o.AllTranslated})
	for _, r := range rep.Refusals {
		fmt.Fprintln(io.ErrOut, r)
	}
	if rep.Changed {
		if _, err := applyCatalogs(ctx, g, p, pl); err != nil {
			return err
		}
	}
	return reviewSummary(io, g, o, locs[0], rep)
}

// reviewEntries are the messages of loc --id, --doc or --all pick, each
// once, in document order (--id: as given).
func reviewEntries(p *project.Project, loc language.Tag, o *reviewOptions) ([]edit.Entry, error) {
	var entries []edit.Entry
	if len(o.IDs) > 0 {
		for _, id := range o.IDs {
			d := docOf(p, id)
			if d == nil {
				return nil, usageError(fmt.Errorf("--id %q: no such message in the content", id))
			}
			entries = append(entries, edit.Entry{Loc: loc, Doc: d, ID: id})
		}
		return entries, nil
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
			entries = append(entries, edit.Entry{Loc: loc, Doc: d, ID: id})
		}
	}
	return entries, nil
}

// reviewSummary prints what the run did and turns a refusal, or a run
// that found nothing to do, into a failed gate.
func reviewSummary(io *IO, g *globalOptions, o *reviewOptions, loc language.Tag, n edit.ReviewReport) error {
	if o.Reject {
		if !g.Quiet {
			fmt.Fprintf(io.Out, "%s: %d candidates rejected by %s; they stay in the work area as suggestions\n", loc, n.Rejected, o.Reviewer)
		}
		switch {
		case n.Refused > 0:
			return gateError("%d messages are not candidates: nothing to reject there", n.Refused)
		case n.Rejected == 0:
			return gateError("no candidate to reject")
		}
		return nil
	}
	if !g.Quiet {
		fmt.Fprintf(io.Out, "%s: %d approved by %s, %d already approved, %d refused, %d stale, %d missing\n",
			loc, n.Approved, o.Reviewer, n.Already, n.Refused, n.Stale, n.Missing)
		if n.Candidates > 0 {
			fmt.Fprintf(io.Out, "%s: %d candidates approved: they are current translations now, and render publishes them\n", loc, n.Candidates)
		}
	}
	switch {
	case n.Refused > 0:
		return gateError("%d translations refused: fix them, or approve with --override \"reason\"", n.Refused)
	case n.Approved == 0 && n.Already == 0:
		return gateError("nothing to approve: %d stale and %d missing messages have no current translation or candidate", n.Stale, n.Missing)
	}
	return nil
}
