package cli

import (
	"context"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/pseudo"
	"github.com/healthloc/healthloc/internal/qa"
	"github.com/healthloc/healthloc/internal/readability"
)

type checkOptions struct {
	Locales []string
	Docs    []string
	Format  string
	FailOn  string
	// Accept, Reason and Reviewer record a reviewer's acceptance of
	// findings instead of checking.
	Accept   []string
	Reason   string
	Reviewer string
}

func (o *checkOptions) AddFlags(f *pflag.FlagSet) {
	f.StringSliceVarP(&o.Locales, "locale", "l", nil, "check only these `locales` (comma-separated or repeated); "+pseudo.Alias+" is the pseudo-locale")
	f.StringSliceVar(&o.Docs, "doc", nil, "check only these `documents` (path or slug under the content root)")
	enumVar(f, &o.Format, "format", "f", "text", "output format", "text", "json")
	enumVar(f, &o.FailOn, "fail-on", "", "error", "exit 1 when a finding has this severity or worse", "error", "warning")
	f.StringSliceVar(&o.Accept, "accept", nil, "accept these findings, as `ID:CHECK` (with --locale, --reason and --reviewer): they no longer fail check or hold a translation back")
	f.StringVar(&o.Reason, "reason", "", "why the findings of --accept are acceptable, recorded with them")
	f.StringVar(&o.Reviewer, "reviewer", "", "`name` of the reviewer who accepts the findings of --accept")
}

func newCheckCmd(io *IO, g *globalOptions) *cobra.Command {
	o := &checkOptions{}
	return command(&cobra.Command{
		Use:   "check",
		Short: "Check translations for changed numbers, units, links, markup, placeholders and glossary terms",
		Long: `Check every current translation against its source. Errors: numbers,
units, links, markup, placeholders, glossary. Warnings: untranslated,
length, and plain language in the source and every translation
(readability targets, readability-gap, long-sentence, plain-language;
see [readability] in healthloc.toml). Stale and missing translations are not checked: they are never
published as they are.

A translation with an error no reviewer accepted is held: render does not
publish it and the served catalogs do not hold it. A reviewer accepts a
finding with --accept ID:CHECK --locale L --reason TEXT --reviewer NAME (or
with review --override); the acceptance is recorded in the work area with
the hashes of the source and the translation, and any change to either
voids it. Accepted findings are listed as accepted and do not fail check.
[checks.off.<locale>] in healthloc.toml switches a check off for a locale,
with the reason.

` + exitCodesHelp,
		Args: noArgs,
	}, o, func(ctx context.Context, _ []string) error {
		if len(o.Accept) > 0 {
			return runCheck(ctx, io, g, o) // writes: never replayed
		}
		return g.replay(io, "check", o, func(io *IO) error { return runCheck(ctx, io, g, o) })
	})
}

// validate checks the flags of a check run (not --accept's) and
// returns the severity that fails it.
func (o *checkOptions) validate() (qa.Severity, error) {
	if o.Reason != "" || o.Reviewer != "" {
		return 0, usagef("--reason and --reviewer go with --accept")
	}
	failOn, ok := qa.ParseSeverity(o.FailOn)
	if !ok {
		return 0, usagef("--fail-on %q: must be error or warning", o.FailOn)
	}
	return failOn, nil
}

func runCheck(ctx context.Context, io *IO, g *globalOptions, o *checkOptions) error {
	if len(o.Accept) > 0 {
		return runCheckAccept(ctx, io, g, o)
	}
	failOn, err := o.validate()
	if err != nil {
		return err
	}
	bar := newProgress(io, g.Quiet, "check")
	p, locs, withPseudoLocale, err := g.openTargets(bar, o.Locales)
	if err != nil {
		return err
	}
	docs, err := pickDocs(p, o.Docs)
	if err != nil {
		return err
	}
	plain, err := readability.RulesOf(p.Config)
	if err != nil {
		return err
	}
	var res checked
	cached := false
	if !g.NoCache && !withPseudoLocale && docs == nil {
		res, cached, err = checkFromDocs(ctx, g, p, locs, plain, len(o.Locales) == 0, o.Format != "json")
	}
	if !cached && err == nil {
		res.findings, err = checkWindows(ctx, p, locs, docs, plain, withPseudoLocale, len(o.Locales) == 0)
		res.n = qa.CountOf(res.findings)
	}
	bar.finish()
	if err != nil {
		return err
	}
	n := res.n
	notes := qa.RunNotes(p.Config, locs)
	for _, note := range notes {
		fmt.Fprintf(io.ErrOut, "warning: %s\n", note)
	}
	switch {
	case o.Format == "json":
		err = writeCheckJSON(io.Out, res.findings, n, notes)
	case cached:
		_, err = io.Out.Write(res.text)
	default:
		err = writeCheckText(io.Out, p, res.findings)
	}
	if err != nil {
		return err
	}
	if !g.Quiet {
		more := ""
		if n.Accepted > 0 {
			more = fmt.Sprintf(", %d accepted", n.Accepted)
		}
		fmt.Fprintf(io.ErrOut, "checked %s: %d errors, %d warnings%s\n", localeList(locs), n.Errors, n.Warnings, more)
	}
	if n.Fails(failOn) {
		return gateError("check failed: %d errors, %d warnings (--fail-on %s)", n.Errors, n.Warnings, o.FailOn)
	}
	return nil
}

// checkWindows checks the project a window at a time: the translations
// of locs (the pseudo-locale's made for each window when asked for), and
// plain language, in the source too when every locale is checked. The
// findings come by locale, then document and line; readability's last.
func checkWindows(ctx context.Context, p *project.Project, locs []language.Tag, docs map[string]bool, plain *readability.Rules,
	withPseudo, allLocales bool) ([]qa.Finding, error) {
	rules := qa.RulesOf(p.Config)
	byLocale := make([][]qa.Finding, len(locs)+1)
	err := p.Windows(func(w *project.Project) error {
		if err := stopped(ctx); err != nil {
			return err
		}
		if withPseudo {
			pseudo.Install(w)
		}
		for i, loc := range locs {
			byLocale[i] = append(byLocale[i], qa.Check(w, rules, loc, docs)...)
		}
		byLocale[len(locs)] = append(byLocale[len(locs)], readability.Check(w, plain, locs, docs, allLocales)...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	findings := []qa.Finding{}
	for _, fs := range byLocale {
		findings = append(findings, fs...)
	}
	return findings, nil
}

func writeCheckText(w io.Writer, p *project.Project, fs []qa.Finding) error {
	for _, f := range fs {
		where := fmt.Sprintf("%s:%d", path.Join(p.Config.ContentRoot, f.Document), f.Line)
		if f.Document == project.UIPath {
			// the page text has no content file: name its catalog
			where = p.CatalogPath(language.Make(f.Locale), project.UISlug)
		}
		sev := f.Severity.String()
		if f.Accepted != nil {
			sev += fmt.Sprintf(", accepted by %s (%s)", f.Accepted.Reviewer, f.Accepted.Reason)
		}
		_, err := fmt.Fprintf(w, "%s: %s %s [%s] %s: %s\n  source:      %s\n  translation: %s\n",
			where, f.Locale, f.ID, f.Check, sev, f.Message,
			oneLine(f.Source), oneLine(f.Translation))
		if err == nil && f.Hint != "" {
			_, err = fmt.Fprintf(w, "  hint: %s\n", strings.ReplaceAll(f.Hint, "\n", "\n        "))
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// oneLine quotes a text so that a finding stays on its lines.
func oneLine(s string) string { return strconv.Quote(s) }

func writeCheckJSON(w io.Writer, fs []qa.Finding, n qa.Counts, notes []string) error {
	return writeJSON(w, struct {
		Errors   int          `json:"errors"`
		Warnings int          `json:"warnings"`
		Accepted int          `json:"accepted"`
		Notes    []string     `json:"notes,omitempty"`
		Findings []qa.Finding `json:"findings"`
	}{n.Errors, n.Warnings, n.Accepted, notes, fs})
}
