package cli

import (
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"path"
	"path/filepath"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/cache"
	"github.com/healthloc/healthloc/internal/config"
	"github.com/healthloc/healthloc/internal/plan"
	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/pseudo"
	"github.com/healthloc/healthloc/internal/qa"
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
	job, err := renderJob(ctx, g, p, o, locs)
	if err != nil {
		return err
	}
	if withPseudoLocale {
		job.Install = pseudo.Install
	}
	// Translations already checked under this configuration and this
	// program are not checked again (see cache.Findings).
	var findings *cache.Findings
	if job.Cache {
		findings = cache.OpenFindings(p.Config.Dir, renderFindings, job.Key)
		job.Findings = findings
		job.Prev = new(render.Index)
		if !cache.ReadGob(p.Config.Dir, render.IndexName(job.Out), render.IndexVersion, job.Prev) {
			job.Prev = nil
		}
	}
	p.SetGate(qa.CachedGate(qa.RulesOf(p.Config), findings))
	// The documents are read a window at a time and rendered for every
	// locale; their files go to temporary files at once, so memory holds
	// one window's pages, and nothing is renamed until every bundle is
	// written.
	st := plan.Stager{Context: ctx}
	rep, err := render.Run(p, job, st.Add)
	bar.finish()
	if rep != nil {
		// the warnings of the documents not read again, said again
		g.notes = append(g.notes, rep.Warnings...)
	}
	res, err := st.Settle(err)
	if err != nil {
		return err
	}
	if rep.Index != nil {
		saveRenderCache(io, g, p.Config.Dir, job.Out, rep.Index, findings)
	}
	for _, s := range rep.Skipped {
		fmt.Fprintf(io.ErrOut, "skipped %s: %.1f%% of words localized, below --min-coverage %g\n", s.Locale, s.Percent, o.MinCoverage)
	}
	warnCoverage(io, p, rep.Published[1:], rep.Documents[1:])
	if !g.Quiet {
		for _, loc := range rep.Published {
			fmt.Fprintf(io.Out, "rendered %s to %s\n", loc, filepath.Join(job.Out, loc.String()))
		}
		fmt.Fprintf(io.Out, "%d files written, %d unchanged\n", len(res.Written), len(res.Unchanged)+rep.Unchanged)
	}
	return nil
}

// renderFindings is the cache file of the checks' findings render keeps.
const renderFindings = "render-findings"

// renderJob is the render job of the options.
func renderJob(ctx context.Context, g *globalOptions, p *project.Project, o *renderOptions, locs []language.Tag) (render.Job, error) {
	out := o.Out
	if out == "" {
		out = p.Config.Abs(p.Config.OutDir)
	}
	croot, err := os.OpenRoot(p.Config.Abs(p.Config.ContentRoot))
	if err != nil {
		return render.Job{}, err
	}
	tmpl, err := loadTemplates(g, p.Config)
	if err != nil {
		return render.Job{}, err
	}
	// require_reviewed in the configuration makes it the default, as the
	// served catalogs hold only reviewed text then
	job := render.Job{Options: render.Options{UseStale: o.Stale == "use", RequireReviewed: o.RequireReviewed || p.Config.RequireReviewed,
		Templates: tmpl}, Targets: locs, MinCoverage: o.MinCoverage, Out: out,
		Assets: croot.FS(), // no link out of the content root is followed
		Cache:  !g.NoCache, Context: ctx}
	if job.Readability, err = readability.RulesOf(p.Config); err != nil {
		return render.Job{}, err
	}
	if job.Cache {
		conf, err := os.ReadFile(p.Config.Path)
		if err != nil {
			return render.Job{}, err
		}
		job.Key = fmt.Sprintf("%x %s encoding=%q", sha256.Sum256(conf), programHash(), g.Encoding)
	}
	return job, nil
}

// saveRenderCache saves render's index and findings; a failure is a
// warning, as the cache is never needed.
func saveRenderCache(io *IO, g *globalOptions, dir, out string, ix *render.Index, findings *cache.Findings) {
	err := ix.Record()
	if err == nil && ix.Changed() {
		err = cache.WriteGob(dir, render.IndexName(out), render.IndexVersion, ix)
	}
	if err == nil {
		err = findings.Save()
	}
	if err != nil && !g.Quiet {
		fmt.Fprintf(io.ErrOut, "warning: cache not saved: %v\n", err)
	}
}

// warnCoverage says which pages of each bundle are at or below
// warn_coverage in [site] (a page with nothing localized, by default),
// and which were not published, below page_min_coverage.
func warnCoverage(io *IO, p *project.Project, locs []language.Tag, docs [][]render.DocCoverage) {
	warn, root := p.Config.Site.Warn(), path.Clean(p.Config.ContentRoot)
	for i, loc := range locs {
		for _, d := range docs[i] {
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
