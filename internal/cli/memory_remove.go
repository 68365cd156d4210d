package cli

import (
	"context"
	"fmt"
	"os"
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
	cfg, unlock, err := g.locked(ctx, defaultLockTimeout)
	if err != nil {
		return err
	}
	defer unlock()
	have, err := memory.List(os.DirFS(cfg.Dir), cfg.WorkRoot)
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
			return unknownMemory(n, have)
		}
	}
	// the candidates the memories proposed go with them
	p, err := g.load()
	if err != nil {
		return err
	}
	part, dropped := memory.DropCandidates(p, names)
	pl.Append(part)
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

// unknownMemory is the usage error for a memory name the project does
// not have, listing those it has.
func unknownMemory(name string, have []memory.Info) error {
	var known []string
	for _, m := range have {
		known = append(known, m.Name)
	}
	known = slices.Compact(known)
	if len(known) == 0 {
		return usagef("no memory %q: the project has none", name)
	}
	return usagef("no memory %q; the memories are %s", name, strings.Join(known, ", "))
}
