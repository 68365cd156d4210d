package cli

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/healthloc/healthloc/internal/memory"
	"github.com/healthloc/healthloc/internal/plan"
)

func newMemoryRemoveCmd(io *IO, g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "remove NAME...",
		Short: "Remove translation memories, and the candidates they proposed",
		Long: `Remove translation memories by name (see memory list), in every locale,
and the candidates they proposed that no reviewer approved yet, rejected
ones included. Approved candidates are translations now, and stay.

` + exitCodesHelp,
		Args: minArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runMemoryRemove(cmd.Context(), io, g, args)
		},
	}
}

func runMemoryRemove(ctx context.Context, io *IO, g *globalOptions, names []string) error {
	unlock, err := g.lock(ctx, defaultLockTimeout)
	if err != nil {
		return err
	}
	defer unlock()
	cfg, err := g.config()
	if err != nil {
		return err
	}
	have, err := listMemories(cfg)
	if err != nil {
		return err
	}
	var pl plan.Plan
	locales := map[string][]string{} // name → its locales
	for _, n := range names {
		for _, m := range have {
			if m.Name == n {
				pl.Remove = append(pl.Remove, m.Path)
				locales[n] = append(locales[n], m.Locale)
			}
		}
		if len(locales[n]) == 0 {
			var known []string
			for _, m := range have {
				known = append(known, m.Name)
			}
			known = slices.Compact(known)
			if len(known) == 0 {
				return usagef("no memory %q: the project has none", n)
			}
			return usagef("no memory %q; the memories are %s", n, strings.Join(known, ", "))
		}
	}
	// the candidates the memories proposed go with them
	p, err := g.load()
	if err != nil {
		return err
	}
	dropped := map[string]int{}
	for _, loc := range p.Config.Targets() {
		st := p.WorkflowState(loc).Clone()
		slugs := map[string]bool{}
		for id, c := range st.Candidates {
			for _, n := range names {
				if c.Origin == memory.OriginPrefix+n {
					delete(st.Candidates, id)
					slugs[c.Slug] = true
					dropped[n]++
				}
			}
		}
		if len(slugs) > 0 {
			part := p.PlanWrite(loc, slices.Sorted(maps.Keys(slugs)), nil, st)
			pl.Files, pl.Remove, pl.Then = append(pl.Files, part.Files...), append(pl.Remove, part.Remove...), append(pl.Then, part.Then...)
		}
	}
	if _, err := applyCatalogs(ctx, g, p, pl); err != nil {
		return err
	}
	if g.Quiet {
		return nil
	}
	for _, n := range names {
		fmt.Fprintf(io.Out, "removed memory %q (%s) and %s it proposed\n", n, strings.Join(locales[n], ", "), plural(dropped[n], "candidate"))
	}
	return nil
}
