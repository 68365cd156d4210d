package cli

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/healthloc/healthloc/internal/plan"
	"github.com/healthloc/healthloc/internal/project"
)

type extractOptions struct {
	Threshold float64
}

func (o *extractOptions) AddFlags(f *pflag.FlagSet) {
	f.Float64Var(&o.Threshold, "threshold", 0.5, "word similarity (0-1) an edited segment needs to keep its old translation as stale")
}

func newExtractCmd(io *IO, g *globalOptions) *cobra.Command {
	o := &extractOptions{}
	cmd := &cobra.Command{
		Use:   "extract",
		Short: "Pull translatable segments from the content into the catalogs",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runExtract(cmd.Context(), io, g, o)
		},
	}
	o.AddFlags(cmd.Flags())
	return cmd
}

func runExtract(_ context.Context, io *IO, g *globalOptions, o *extractOptions) error {
	if o.Threshold <= 0 || o.Threshold > 1 {
		return usageError(fmt.Errorf("--threshold %g: must be above 0 and at most 1", o.Threshold))
	}
	p, err := g.load()
	if err != nil {
		return err
	}
	pl, rep := p.Extract(project.ExtractOptions{Threshold: o.Threshold})
	pl = rooted(g.Dir, pl)
	if err := plan.Within(p.Config.Abs(p.Config.CatalogRoot), pl); err != nil {
		return err
	}
	res, err := plan.Apply(pl)
	if err != nil {
		return err
	}
	if g.Quiet {
		return nil
	}
	fmt.Fprintf(io.Out, "extracted %d messages from %d documents; %d catalogs written, %d unchanged\n",
		rep.Messages, rep.Documents, len(res.Written), len(res.Unchanged))
	for _, l := range rep.Locales {
		if l.Carried > 0 || l.Obsolete > 0 {
			fmt.Fprintf(io.Out, "%s: %d translations carried over as stale, %d obsolete\n", l.Locale, l.Carried, l.Obsolete)
		}
	}
	return nil
}

// rooted makes a plan's project-relative paths relative to the process.
func rooted(dir string, pl plan.Plan) plan.Plan {
	out := plan.Plan{Files: make([]plan.File, len(pl.Files))}
	for i, f := range pl.Files {
		f.Path = filepath.Join(dir, filepath.FromSlash(f.Path))
		out.Files[i] = f
	}
	return out
}
