package cli

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/healthloc/healthloc/internal/edit"
	"github.com/healthloc/healthloc/internal/qa"
)

// runCheckAccept records the acceptance of the findings --accept names
// (ID:CHECK) in one locale: each must be a finding check reports now, on
// a current translation. The acceptance holds for exactly this source and
// this translation, and moves a translation its findings held into the
// served catalog.
func runCheckAccept(ctx context.Context, io *IO, g *globalOptions, o *checkOptions) error {
	if len(o.Locales) != 1 {
		return usagef("--accept needs exactly one --locale")
	}
	if strings.TrimSpace(o.Reviewer) == "" || strings.TrimSpace(o.Reason) == "" {
		return usagef("--accept needs --reviewer NAME and --reason TEXT: an acceptance records who and why")
	}
	p, unlock, err := g.loadLocked(ctx)
	if err != nil {
		return err
	}
	defer unlock()
	locs, err := targetLocales(p, o.Locales, false)
	if err != nil {
		return err
	}
	loc := locs[0]
	rules := qa.RulesOf(p.Config)
	wf := p.WorkflowState(loc)
	slugs := map[string]bool{}
	for _, spec := range o.Accept {
		id, check, ok := strings.Cut(spec, ":")
		if !ok || id == "" || check == "" {
			return usagef("--accept %q: write the message ID and the check, as ID:CHECK (check --format json lists them)", spec)
		}
		d := docOf(p, id)
		if d == nil {
			return usagef("--accept %q: no message %s in the content", spec, id)
		}
		if err := edit.AcceptCurrent(p, rules, wf, edit.Entry{Loc: loc, Doc: d, ID: id}, check, o.Reviewer, o.Reason); err != nil {
			return fmt.Errorf("--accept %q: %w", spec, err)
		}
		slugs[d.Slug] = true
		if !g.Quiet {
			fmt.Fprintf(io.Out, "accepted %s %s [%s] by %s: %s\n", loc, id, check, o.Reviewer, o.Reason)
		}
	}
	// an accepted finding may free a held translation for the served
	// catalog
	p.Reconsider()
	pl := p.PlanWrite(loc, slices.Sorted(maps.Keys(slugs)), nil, wf)
	_, err = applyCatalogs(ctx, g, p, pl)
	return err
}
