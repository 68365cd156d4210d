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
	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/pseudo"
	"github.com/healthloc/healthloc/internal/readability"
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
	f.BoolVar(&o.RequireReviewed, "require-reviewed", false, "publish only reviewed translations; the rest fall back, listed in the manifest (the default with require_reviewed in healthloc.toml)")
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
	bar := newProgress(io, g.Quiet, "render")
	p, err := g.open(bar)
	if err != nil {
		return err
	}
	names, withPseudoLocale := withPseudo(o.Locales)
	locs, err := pickLocales(p, names)
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
	// require_reviewed in the configuration makes it the default, as the
	// served catalogs hold only reviewed text then
	opts := render.Options{UseStale: o.Stale == "use", RequireReviewed: o.RequireReviewed || p.Config.RequireReviewed}
	if opts.Readability, err = readability.RulesOf(p.Config); err != nil {
		return err
	}
	install := func(w *project.Project) {
		if withPseudoLocale {
			pseudo.Install(w)
		}
	}
	// Only the locales that reach --min-coverage are published, and the
	// language switcher links only those: counting their words takes a
	// pass over the project before rendering.
	published := locs
	if o.MinCoverage > 0 {
		counts := make([]render.WordCount, len(locs))
		err := p.Windows(func(w *project.Project) error {
			install(w)
			for i, loc := range locs {
				counts[i].Add(w, loc, opts)
			}
			return nil
		})
		if err != nil {
			return err
		}
		published = nil
		for i, loc := range locs {
			if cov := counts[i].Percent(); cov < o.MinCoverage {
				fmt.Fprintf(io.ErrOut, "skipped %s: %.1f%% of words localized, below --min-coverage %g\n", loc, cov, o.MinCoverage)
				continue
			}
			published = append(published, loc)
		}
	}
	opts.Locales = published
	// The documents are read a window at a time and rendered for every
	// locale; their files go to temporary files at once, so memory holds
	// one window's pages, and nothing is renamed until every bundle is
	// written.
	bundlers := make([]*render.Bundler, len(published))
	for i, loc := range published {
		bundlers[i] = render.NewBundler(p, loc, opts)
	}
	var st plan.Stager
	stage := func(loc language.Tag, files []plan.File) error {
		var pl plan.Plan
		for _, f := range files {
			f.Path = filepath.Join(out, loc.String(), filepath.FromSlash(path.Clean(f.Path)))
			pl.Files = append(pl.Files, f)
		}
		// Whatever a document's slug holds, its files stay in
		// <out>/<locale>/.
		if err := plan.Within(filepath.Join(out, loc.String()), pl); err != nil {
			return err
		}
		return st.Add(pl)
	}
	err = p.Windows(func(w *project.Project) error {
		install(w)
		for i, loc := range published {
			files, err := bundlers[i].Add(w)
			if err != nil {
				return err
			}
			if err := stage(loc, files); err != nil {
				return err
			}
		}
		return nil
	})
	bar.finish()
	for i := 0; err == nil && i < len(published); i++ {
		var files []plan.File
		if files, err = bundlers[i].Finish(p.Assets, assets); err == nil {
			err = stage(published[i], files)
		}
	}
	res, err := st.Settle(err)
	if err != nil {
		return err
	}
	if !g.Quiet {
		for _, loc := range published {
			fmt.Fprintf(io.Out, "rendered %s to %s\n", loc, filepath.Join(out, loc.String()))
		}
		fmt.Fprintf(io.Out, "%d files written, %d unchanged\n", len(res.Written), len(res.Unchanged))
	}
	return nil
}
