package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/config"
	"github.com/healthloc/healthloc/internal/content"
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
	cmd := &cobra.Command{
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
		RunE: func(cmd *cobra.Command, _ []string) error {
			if len(o.Accept) > 0 {
				return runCheck(cmd.Context(), io, g, o) // writes: never replayed
			}
			return g.replay(io, "check", o, func(io *IO) error { return runCheck(cmd.Context(), io, g, o) })
		},
	}
	o.AddFlags(cmd.Flags())
	return cmd
}

// withPseudo resolves the pseudo-locale's alias, and tells whether the
// pseudo-locale is asked for: its catalogs are then made for each window
// of the project (pseudo.Install).
func withPseudo(names []string) ([]string, bool) {
	out := make([]string, len(names))
	asked := false
	for i, n := range names {
		if n == pseudo.Alias {
			n = pseudo.Tag.String()
		}
		asked = asked || n == pseudo.Tag.String()
		out[i] = n
	}
	return out, asked
}

func runCheck(ctx context.Context, io *IO, g *globalOptions, o *checkOptions) error {
	if len(o.Accept) > 0 {
		return runCheckAccept(ctx, io, g, o)
	}
	if o.Reason != "" || o.Reviewer != "" {
		return usagef("--reason and --reviewer go with --accept")
	}
	failOn, ok := qa.ParseSeverity(o.FailOn)
	if !ok {
		return usagef("--fail-on %q: must be error or warning", o.FailOn)
	}
	bar := newProgress(io, g.Quiet, "check")
	p, err := g.open(bar)
	if err != nil {
		return err
	}
	names, withPseudoLocale := withPseudo(o.Locales)
	locs, err := targetLocales(p, names, true)
	if err != nil {
		return err
	}
	docs, err := pickDocs(p, o.Docs)
	if err != nil {
		return err
	}
	rules := qa.RulesOf(p.Config)
	plain, err := readability.RulesOf(p.Config)
	if err != nil {
		return err
	}
	// findings by locale, then document and line; readability's last
	byLocale := make([][]qa.Finding, len(locs)+1)
	err = p.Windows(func(w *project.Project) error {
		if err := stopped(ctx); err != nil {
			return err
		}
		if withPseudoLocale {
			pseudo.Install(w)
		}
		for i, loc := range locs {
			byLocale[i] = append(byLocale[i], qa.Check(w, rules, loc, docs)...)
		}
		byLocale[len(locs)] = append(byLocale[len(locs)], readability.Check(w, plain, locs, docs, len(o.Locales) == 0)...)
		return nil
	})
	bar.finish()
	if err != nil {
		return err
	}
	findings := []qa.Finding{}
	for _, fs := range byLocale {
		findings = append(findings, fs...)
	}
	errs, warns, accepted := 0, 0, 0
	for _, f := range findings {
		switch {
		case f.Accepted != nil:
			accepted++
		case f.Severity == qa.Error:
			errs++
		default:
			warns++
		}
	}
	// what the checks cannot read, and the checks switched off, once per
	// locale and run
	notes := []string{}
	for _, loc := range append([]language.Tag{p.Config.Source()}, locs...) {
		notes = append(notes, qa.LocaleNotes(loc)...)
		for _, name := range config.CheckNames {
			if why := p.Config.CheckOff(loc.String(), name); why != "" && loc != p.Config.Source() {
				notes = append(notes, fmt.Sprintf("the %s check is off for %s: %s", name, loc, why))
			}
		}
	}
	for _, n := range notes {
		fmt.Fprintf(io.ErrOut, "warning: %s\n", n)
	}
	if o.Format == "json" {
		err = writeCheckJSON(io.Out, findings, errs, warns, accepted, notes)
	} else {
		err = writeCheckText(io.Out, p, findings)
	}
	if err != nil {
		return err
	}
	if !g.Quiet {
		more := ""
		if accepted > 0 {
			more = fmt.Sprintf(", %d accepted", accepted)
		}
		fmt.Fprintf(io.ErrOut, "checked %s: %d errors, %d warnings%s\n", localeList(locs), errs, warns, more)
	}
	if errs > 0 || (failOn == qa.Warning && warns > 0) {
		return gateError("check failed: %d errors, %d warnings (--fail-on %s)", errs, warns, o.FailOn)
	}
	return nil
}

func localeList(locs []language.Tag) string {
	s := ""
	for i, l := range locs {
		if i > 0 {
			s += ", "
		}
		s += l.String()
	}
	return s
}

// pickDocs resolves --doc values to documents; nil means all.
func pickDocs(p *project.Project, names []string) (map[string]bool, error) {
	if len(names) == 0 {
		return nil, nil
	}
	out := map[string]bool{}
	for _, n := range names {
		found := false
		for _, doc := range p.Documents() {
			if doc == n || content.SlugOf(doc) == n || path.Join(p.Config.ContentRoot, doc) == path.Clean(n) {
				out[doc] = true
				found = true
			}
		}
		if !found {
			return nil, usageError(fmt.Errorf("--doc %q: no such document under %s", n, p.Config.ContentRoot))
		}
	}
	return out, nil
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

func writeCheckJSON(w io.Writer, fs []qa.Finding, errs, warns, accepted int, notes []string) error {
	b, err := json.MarshalIndent(struct {
		Errors   int          `json:"errors"`
		Warnings int          `json:"warnings"`
		Accepted int          `json:"accepted"`
		Notes    []string     `json:"notes,omitempty"`
		Findings []qa.Finding `json:"findings"`
	}{errs, warns, accepted, notes, fs}, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}
