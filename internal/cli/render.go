package cli

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/plan"
	"github.com/healthloc/healthloc/internal/render"
)

type renderOptions struct {
	Locales     []string
	Out         string
	MinCoverage float64
	Stale       string
	// RequireReviewed publishes only approved translations.
	RequireReviewed bool
}

func (o *renderOptions) AddFlags(f *pflag.FlagSet) {
	f.StringSliceVarP(&o.Locales, "locale", "l", nil, "render only these `locales` (comma-separated or repeated)")
	f.StringVarP(&o.Out, "out", "o", "", "output `directory` (default: out_dir from healthloc.toml)")
	f.Float64Var(&o.MinCoverage, "min-coverage", 0, "skip locales whose published word coverage is below `N` percent")
	f.StringVar(&o.Stale, "stale", "fallback", "stale translations: fallback (publish the fallback chain) or use")
	f.BoolVar(&o.RequireReviewed, "require-reviewed", false, "publish only reviewed translations; the rest fall back, listed in the manifest")
}

func newRenderCmd(io *IO, g *globalOptions) *cobra.Command {
	o := &renderOptions{}
	cmd := &cobra.Command{
		Use:   "render",
		Short: "Render a localized bundle for each target locale",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runRender(cmd.Context(), io, g, o)
		},
	}
	o.AddFlags(cmd.Flags())
	return cmd
}

func runRender(_ context.Context, io *IO, g *globalOptions, o *renderOptions) error {
	if o.Stale != "fallback" && o.Stale != "use" {
		return usageError(fmt.Errorf("--stale %q: must be fallback or use", o.Stale))
	}
	if o.MinCoverage < 0 || o.MinCoverage > 100 {
		return usageError(fmt.Errorf("--min-coverage %g: must be between 0 and 100", o.MinCoverage))
	}
	p, err := g.load()
	if err != nil {
		return err
	}
	locs, err := pickLocales(p, withPseudo(p, o.Locales))
	if err != nil {
		return err
	}
	if len(locs) == 0 {
		locs = p.Config.Targets()
	}
	out := o.Out
	if out == "" {
		out = p.Config.Abs(p.Config.OutDir)
	}
	croot, err := os.OpenRoot(p.Config.Abs(p.Config.ContentRoot))
	if err != nil {
		return err
	}
	assets := croot.FS() // no link out of the content root is followed
	// The language switcher links only the locales that get published.
	linked := locs
	if o.MinCoverage > 0 {
		linked = nil
		for _, loc := range locs {
			if render.Coverage(p, loc, render.Options{UseStale: o.Stale == "use", RequireReviewed: o.RequireReviewed}) >= o.MinCoverage {
				linked = append(linked, loc)
			}
		}
	}
	// Each locale is written as soon as it is rendered, so that memory
	// holds one bundle at a time.
	var res plan.Result
	var done []language.Tag
	for _, loc := range locs {
		bar := newProgress(io, g.Quiet, "render "+loc.String())
		b, err := render.Render(p, loc, assets, render.Options{UseStale: o.Stale == "use", Locales: linked, Progress: bar.set, RequireReviewed: o.RequireReviewed})
		bar.finish()
		if err != nil {
			return err
		}
		if cov := b.Coverage(); cov < o.MinCoverage {
			fmt.Fprintf(io.ErrOut, "skipped %s: %.1f%% of words localized, below --min-coverage %g\n", loc, cov, o.MinCoverage)
			continue
		}
		var pl plan.Plan
		for _, f := range b.Files {
			f.Path = filepath.Join(out, loc.String(), filepath.FromSlash(path.Clean(f.Path)))
			pl.Files = append(pl.Files, f)
		}
		// Whatever a document's slug holds, its files stay in
		// <out>/<locale>/.
		if err := plan.Within(filepath.Join(out, loc.String()), pl); err != nil {
			return err
		}
		r, err := plan.Apply(pl)
		res.Written = append(res.Written, r.Written...)
		res.Unchanged = append(res.Unchanged, r.Unchanged...)
		if err != nil {
			return err
		}
		done = append(done, loc)
	}
	if !g.Quiet {
		for _, loc := range done {
			fmt.Fprintf(io.Out, "rendered %s to %s\n", loc, filepath.Join(out, loc.String()))
		}
		fmt.Fprintf(io.Out, "%d files written, %d unchanged\n", len(res.Written), len(res.Unchanged))
	}
	return nil
}
