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

	"github.com/healthloc/healthloc/internal/content"
	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/pseudo"
	"github.com/healthloc/healthloc/internal/qa"
)

type checkOptions struct {
	Locales []string
	Docs    []string
	Format  string
	FailOn  string
}

func (o *checkOptions) AddFlags(f *pflag.FlagSet) {
	f.StringSliceVarP(&o.Locales, "locale", "l", nil, "check only these `locales` (comma-separated or repeated); "+pseudo.Alias+" is the pseudo-locale")
	f.StringSliceVar(&o.Docs, "doc", nil, "check only these `documents` (path or slug under the content root)")
	f.StringVarP(&o.Format, "format", "f", "text", "output `format`: text, json")
	f.StringVar(&o.FailOn, "fail-on", "error", "exit 1 when a finding has this `severity` or worse: error, warning")
}

func newCheckCmd(io *IO, g *globalOptions) *cobra.Command {
	o := &checkOptions{}
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Check translations for changed numbers, units, links, markup, placeholders and glossary terms",
		Long: `Check every current translation against its source. Errors: numbers,
units, links, markup, placeholders, glossary. Warnings: untranslated,
length. Stale and missing translations are not checked: they are never
published as they are.

` + exitCodesHelp,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runCheck(cmd.Context(), io, g, o)
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

func runCheck(_ context.Context, io *IO, g *globalOptions, o *checkOptions) error {
	if o.Format != "text" && o.Format != "json" {
		return usageError(fmt.Errorf("--format %q: must be text or json", o.Format))
	}
	failOn, ok := qa.ParseSeverity(o.FailOn)
	if !ok {
		return usageError(fmt.Errorf("--fail-on %q: must be error or warning", o.FailOn))
	}
	bar := newProgress(io, g.Quiet, "check")
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
	docs, err := pickDocs(p, o.Docs)
	if err != nil {
		return err
	}
	rules := qa.RulesOf(p.Config)
	// findings by locale, then document and line
	byLocale := make([][]qa.Finding, len(locs))
	err = p.Windows(func(w *project.Project) error {
		if withPseudoLocale {
			pseudo.Install(w)
		}
		for i, loc := range locs {
			byLocale[i] = append(byLocale[i], qa.Check(w, rules, loc, docs)...)
		}
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
	errs, warns := 0, 0
	for _, f := range findings {
		if f.Severity == qa.Error {
			errs++
		} else {
			warns++
		}
	}
	// what the checks cannot read, once per locale and run
	notes := []string{}
	for _, loc := range append([]language.Tag{p.Config.Source()}, locs...) {
		notes = append(notes, qa.LocaleNotes(loc)...)
	}
	for _, n := range notes {
		fmt.Fprintf(io.ErrOut, "warning: %s\n", n)
	}
	if o.Format == "json" {
		err = writeCheckJSON(io.Out, findings, errs, warns, notes)
	} else {
		err = writeCheckText(io.Out, p, findings)
	}
	if err != nil {
		return err
	}
	if !g.Quiet {
		fmt.Fprintf(io.ErrOut, "checked %s: %d errors, %d warnings\n", localeList(locs), errs, warns)
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
		_, err := fmt.Fprintf(w, "%s:%d: %s %s [%s] %s: %s\n  source:      %s\n  translation: %s\n",
			path.Join(p.Config.ContentRoot, f.Document), f.Line, f.Locale, f.ID, f.Check, f.Severity, f.Message,
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

func writeCheckJSON(w io.Writer, fs []qa.Finding, errs, warns int, notes []string) error {
	b, err := json.MarshalIndent(struct {
		Errors   int          `json:"errors"`
		Warnings int          `json:"warnings"`
		Notes    []string     `json:"notes,omitempty"`
		Findings []qa.Finding `json:"findings"`
	}{errs, warns, notes, fs}, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}
