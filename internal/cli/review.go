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

	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/qa"
	"github.com/healthloc/healthloc/internal/workarea"
)

type reviewOptions struct {
	Locale        string
	IDs           []string
	Docs          []string
	AllTranslated bool
	Reviewer      string
	Override      string
}

func (o *reviewOptions) AddFlags(f *pflag.FlagSet) {
	f.StringVarP(&o.Locale, "locale", "l", "", "the `locale` whose translations are approved (required)")
	f.StringSliceVar(&o.IDs, "id", nil, "approve these message `IDs`")
	f.StringSliceVar(&o.Docs, "doc", nil, "approve every translated message of these `documents`")
	f.BoolVar(&o.AllTranslated, "all-translated", false, "approve every translated message of the locale")
	f.StringVar(&o.Reviewer, "reviewer", "", "`name` of the medical reviewer, recorded with each approval (required)")
	f.StringVar(&o.Override, "override", "", "approve despite check errors, recording this `reason`")
}

func newReviewCmd(io *IO, g *globalOptions) *cobra.Command {
	o := &reviewOptions{}
	cmd := &cobra.Command{
		Use:   "review",
		Short: "Approve translations after medical review",
		Long: `Approve translations after medical review. Each approval is written to the
locale's review file in the work area (<work_root>/<locale>/reviews.toml)
with the reviewer and the hashes of the source and the translation: any later change
to either voids it. A translation with an error-level check finding is
refused unless --override gives a reason, which is recorded. Refused
messages are listed on stderr and make the command exit 1; the others are
still approved.

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

func runReview(ctx context.Context, io *IO, g *globalOptions, o *reviewOptions) error {
	if o.Locale == "" {
		return usagef("--locale is required")
	}
	if strings.TrimSpace(o.Reviewer) == "" {
		return usagef("--reviewer is required: approvals record who reviewed")
	}
	picks := 0
	for _, b := range []bool{len(o.IDs) > 0, len(o.Docs) > 0, o.AllTranslated} {
		if b {
			picks++
		}
	}
	if picks != 1 {
		return usagef("give exactly one of --id, --doc or --all-translated")
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
	var targets []reviewTarget
	explicit := len(o.IDs) > 0
	switch {
	case explicit:
		for _, id := range o.IDs {
			d := docOf(p, id)
			if d == nil {
				return usageError(fmt.Errorf("--id %q: no such message in the content", id))
			}
			targets = append(targets, reviewTarget{d, id})
		}
	default:
		docs, err := pickDocs(p, o.Docs)
		if err != nil {
			return err
		}
		for _, d := range p.Docs {
			if docs != nil && !docs[d.Path] {
				continue
			}
			for _, id := range sortedIDs(d) {
				targets = append(targets, reviewTarget{d, id})
			}
		}
	}
	rules := qa.RulesOf(p.Config)
	wf := p.WorkflowState(loc)
	approved, already, refused := 0, 0, 0
	slugs := map[string]bool{}
	for _, t := range targets {
		st, tr := p.Lookup(loc, t.doc, t.id)
		switch {
		case st == project.Reviewed && o.Override == "":
			already++
			continue
		case st < project.Translated:
			if explicit {
				fmt.Fprintf(io.ErrOut, "refused %s %s: it is %s; only a current translation can be approved\n", loc, t.id, st)
				refused++
			}
			continue
		}
		var errs []qa.Finding
		for _, f := range qa.CheckMessage(p, rules, loc, t.doc, t.id) {
			if f.Severity == qa.Error {
				errs = append(errs, f)
			}
		}
		if len(errs) > 0 && o.Override == "" {
			refused++
			for _, f := range errs {
				fmt.Fprintf(io.ErrOut, "refused %s %s: [%s] %s\n", loc, t.id, f.Check, f.Message)
			}
			continue
		}
		r := workarea.Review{
			Reviewer:        o.Reviewer,
			SourceHash:      t.doc.Source.Messages[t.id].Hash,
			TranslationHash: project.TextHash(tr),
		}
		if len(errs) > 0 {
			r.Override = o.Override
		}
		wf.Reviews[t.id] = r
		slugs[t.doc.Slug] = true
		approved++
	}
	if approved > 0 {
		// an approval can move a translation into the served catalog
		pl := p.PlanWrite(loc, slices.Sorted(maps.Keys(slugs)), nil, wf)
		if _, err := applyCatalogs(ctx, g, p, pl); err != nil {
			return err
		}
	}
	if !g.Quiet {
		fmt.Fprintf(io.Out, "%s: %d approved by %s, %d already approved, %d refused\n", loc, approved, o.Reviewer, already, refused)
	}
	if refused > 0 {
		return gateError("%d translations refused: fix them, or approve with --override \"reason\"", refused)
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
