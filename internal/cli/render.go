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

	"github.com/healthloc/healthloc/internal/config"
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
	percentVar(f, &o.MinCoverage, "min-coverage", 0, "skip locales whose published word coverage is below `N` percent")
	enumVar(f, &o.Stale, "stale", "", "fallback", "stale translations: fallback (publish the fallback chain) or use", "fallback", "use")
	f.BoolVar(&o.RequireReviewed, "require-reviewed", false, "publish only reviewed translations; the rest fall back, listed in the manifest (the default with require_reviewed in healthloc.toml)")
}

func newRenderCmd(io *IO, g *globalOptions) *cobra.Command {
	o := &renderOptions{}
	cmd := &cobra.Command{
		Use:   "render",
		Short: "Render a localized bundle for each target locale",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runRender(cmd.Context(), io, g, o)
		},
	}
	o.AddFlags(cmd.Flags())
	return cmd
}

func runRender(ctx context.Context, io *IO, g *globalOptions, o *renderOptions) error {
	bar := newProgress(io, g.Quiet, "render")
	p, err := g.open(bar)
	if err != nil {
		return err
	}
	names, withPseudoLocale := withPseudo(o.Locales)
	locs, err := targetLocales(p, names, true)
	if err != nil {
		return err
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
	tmpl, err := loadTemplates(g, p.Config)
	if err != nil {
		return err
	}
	install := func(w *project.Project) {
		if withPseudoLocale {
			pseudo.Install(w)
		}
	}
	pt, err := p.PageText()
	if err != nil {
		return err
	}
	install(pt)
	site := render.SiteOf(p)
	// require_reviewed in the configuration makes it the default, as the
	// served catalogs hold only reviewed text then
	opts := render.Options{UseStale: o.Stale == "use", RequireReviewed: o.RequireReviewed || p.Config.RequireReviewed,
		Site: site, Templates: tmpl, PageText: pt}
	if opts.Readability, err = readability.RulesOf(p.Config); err != nil {
		return err
	}
	// Only the locales that reach --min-coverage are published, and the
	// language switcher links only those; a page below page_min_coverage
	// is not published in its locale, and links to it lead elsewhere.
	// Both take a pass over the project before rendering.
	published, err := publishable(ctx, io, p, locs, o.MinCoverage, opts, install)
	if err != nil {
		return err
	}
	// The source-language bundle goes with them: it is where x-default
	// and the links to pages a locale does not publish lead.
	published = append([]language.Tag{p.Config.Source()}, published...)
	opts.Locales = published
	// The documents are read a window at a time and rendered for every
	// locale; their files go to temporary files at once, so memory holds
	// one window's pages, and nothing is renamed until every bundle is
	// written.
	bundlers := make([]*render.Bundler, len(published))
	for i, loc := range published {
		if bundlers[i], err = render.NewBundler(p, loc, opts); err != nil {
			return err
		}
	}
	st := plan.Stager{Context: ctx}
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
	warnCoverage(io, p, published[1:], bundlers[1:])
	if !g.Quiet {
		for _, loc := range published {
			fmt.Fprintf(io.Out, "rendered %s to %s\n", loc, filepath.Join(out, loc.String()))
		}
		fmt.Fprintf(io.Out, "%d files written, %d unchanged\n", len(res.Written), len(res.Unchanged))
	}
	return nil
}

// publishable is the locales of locs whose word coverage reaches
// minCoverage (all when it is 0), saying which it skips; it tells
// opts.Site which pages a locale does not publish, below
// page_min_coverage in [site].
func publishable(ctx context.Context, io *IO, p *project.Project, locs []language.Tag, minCoverage float64, opts render.Options, install func(*project.Project)) ([]language.Tag, error) {
	pageMin := p.Config.Site.PageMinCoverage
	if minCoverage <= 0 && pageMin <= 0 {
		return locs, nil
	}
	counts := make([]render.WordCount, len(locs))
	err := p.Windows(func(w *project.Project) error {
		if err := stopped(ctx); err != nil {
			return err
		}
		install(w)
		for i, loc := range locs {
			counts[i].Add(w, loc, opts)
			if pageMin > 0 {
				for _, d := range render.Coverages(w, loc, opts) {
					if d.PercentWords < pageMin {
						opts.Site.Skip(loc, d.Path)
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var out []language.Tag
	for i, loc := range locs {
		if cov := counts[i].Percent(); cov < minCoverage {
			fmt.Fprintf(io.ErrOut, "skipped %s: %.1f%% of words localized, below --min-coverage %g\n", loc, cov, minCoverage)
			continue
		}
		out = append(out, loc)
	}
	return out, nil
}

// warnCoverage says which pages of each bundle are at or below
// warn_coverage in [site] (a page with nothing localized, by default),
// and which were not published, below page_min_coverage.
func warnCoverage(io *IO, p *project.Project, locs []language.Tag, bundlers []*render.Bundler) {
	warn, root := p.Config.Site.Warn(), path.Clean(p.Config.ContentRoot)
	for i, loc := range locs {
		for _, d := range bundlers[i].Documents() {
			switch {
			case d.Skipped:
				fmt.Fprintf(io.ErrOut, "%s: %s/%s not published: %.1f%% of words localized, below page_min_coverage %g in [site]\n",
					loc, root, d.Path, d.PercentWords, p.Config.Site.PageMinCoverage)
			case warn >= 0 && d.PercentWords <= warn:
				fmt.Fprintf(io.ErrOut, "warning: %s: %s/%s: %.1f%% of words localized (warn_coverage %g in [site])\n",
					loc, root, d.Path, d.PercentWords, warn)
			}
		}
	}
}

// loadTemplates reads the project's page and index templates, if [site]
// names them, through the project folder (no link leads out of it).
func loadTemplates(g *globalOptions, cfg *config.Config) (*render.Templates, error) {
	if cfg.Site.PageTemplate == "" && cfg.Site.IndexTemplate == "" {
		return nil, nil
	}
	root, err := os.OpenRoot(g.Dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	return render.LoadTemplates(root.FS(), cfg.Site)
}
