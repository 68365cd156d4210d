package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/healthloc/healthloc/internal/align"
	"github.com/healthloc/healthloc/internal/content"
	"github.com/healthloc/healthloc/internal/exchange"
	"github.com/healthloc/healthloc/internal/locale"
	"github.com/healthloc/healthloc/internal/project"
)

type alignOptions struct {
	Locale string
	Trust  bool
	Force  bool
	Format string
}

func (o *alignOptions) AddFlags(f *pflag.FlagSet) {
	f.StringVarP(&o.Locale, "locale", "l", "", "`locale` of the translated document (required)")
	f.BoolVar(&o.Trust, "trust", false, "import aligned pairs as translated instead of as candidates waiting for review")
	f.BoolVar(&o.Force, "force", false, "overwrite translations the catalog already has")
	enumVar(f, &o.Format, "format", "", "text", "report format", "text", "json")
}

func newAlignCmd(io *IO, g *globalOptions) *cobra.Command {
	o := &alignOptions{}
	return command(&cobra.Command{
		Use:   "align --locale L SOURCE TRANSLATED",
		Short: "Seed catalogs from a document translated outside healthloc",
		Long: `Seed a locale's catalog from a document that was already translated
outside healthloc. SOURCE is a document under the content root; TRANSLATED
is its translation in the same format (--encoding applies to it).

TRANSLATED must be written in the locale's script and language: a
document in another script (Hangul for es) is refused, and one that may be
in another language gets a warning.

The two are aligned by structure: segments pair only with segments of the
same kind, in order, and only when their anchors agree: the same number of
links with the same targets (localized_links applied), the same numbers,
the same inline code, and the same place in a list or table of the same
shape. Blocks whose anchors disagree are never paired; they are reported
as refused, with the reason. Missing and extra blocks are tolerated and
reported, and so is source text that repeats (one message, translated
once). The counts add up: every segment of either document is paired,
refused or unpaired.

Aligned pairs are kept in the work area as candidates that a medical
reviewer approves (healthloc review) before they are published, unless
--trust imports them as translated. Translations the catalog already has
are kept unless --force.

` + exitCodesHelp,
		Args: exactArgs(2),
	}, o, func(ctx context.Context, args []string) error { return runAlign(ctx, io, g, o, args[0], args[1]) })
}

// validate checks align's flags before anything is read.
func (o *alignOptions) validate() error {
	if o.Locale == "" {
		return usagef("--locale is required")
	}
	if _, err := locale.Parse(o.Locale); err != nil {
		return usagef("--locale: %w", err)
	}
	return nil
}

func runAlign(ctx context.Context, io *IO, g *globalOptions, o *alignOptions, srcPath, trPath string) error {
	if err := o.validate(); err != nil {
		return err
	}
	// catalogs are written: one run at a time, as extract
	p, unlock, err := g.loadLocked(ctx)
	if err != nil {
		return err
	}
	defer unlock()
	locs, err := matchLocales(noteWriter(io, g.Quiet), p, []string{o.Locale})
	if err != nil {
		return err
	}
	d, err := findDoc(p, srcPath)
	if err != nil {
		return err
	}
	tr, err := readTranslated(g, p, d, trPath)
	if err != nil {
		return err
	}
	pl, rep, err := align.Seed(p, d, tr, locs[0], align.SeedOptions{SourceName: filepath.ToSlash(srcPath),
		TranslationName: filepath.ToSlash(trPath), TranslationPath: trPath, Trust: o.Trust, Force: o.Force})
	if rep.Warning != "" {
		fmt.Fprintf(io.ErrOut, "healthloc: warning: %s\n", rep.Warning)
	}
	if err != nil {
		return err
	}
	if _, err := applyCatalogs(ctx, g, p, pl); err != nil {
		return err
	}
	if o.Format == "json" {
		if rep.Import.Entries == nil {
			rep.Import.Entries = []exchange.Entry{}
		}
		return writeJSON(io.Out, rep)
	}
	if g.Quiet {
		return nil
	}
	writeAlignReport(io, rep)
	// Every pair is a candidate without --trust: say it once, not per pair.
	shown := rep.Import
	shown.Entries = nil
	for _, e := range rep.Import.Entries {
		if e.Reason != exchange.ReasonReview {
			shown.Entries = append(shown.Entries, e)
		}
	}
	return writeImportReport(io, g, "text", shown, false)
}

// readTranslated parses the translated document of d named on the
// command line; its warnings join the run's.
func readTranslated(g *globalOptions, p *project.Project, d *project.Doc, name string) (*content.Document, error) {
	raw, err := os.ReadFile(projectPath(p, name))
	if err != nil {
		return nil, err
	}
	enc := g.Encoding
	if enc == "" {
		enc = p.Config.Encoding
	}
	tr, err := content.Parse(name, raw, content.Options{FrontMatterKeys: p.Config.FrontMatterKeys, Encoding: enc,
		FrontMatter: p.Config.FrontMatterFor(d.Path)})
	if err != nil {
		return nil, err
	}
	g.notes = append(g.notes, tr.Warnings...)
	return tr, nil
}

// writeAlignReport prints the counts of both sides, then every block
// left out, with file, line and why.
func writeAlignReport(io *IO, rep align.Report) {
	for _, s := range []struct {
		side  align.Side
		where string
	}{{rep.Source, "the translation"}, {rep.Translation, "the source"}} {
		fmt.Fprintf(io.Out, "%s: %d segments: %d paired, %d refused, %d not in %s\n",
			s.side.File, s.side.Segments, s.side.Paired, s.side.Refused, s.side.Unpaired, s.where)
	}
	fmt.Fprintf(io.Out, "%s: %s, %s\n", plural(rep.Pairs, "pair"), plural(rep.Messages, "message"), plural(len(rep.Duplicates), "duplicate"))
	for _, r := range rep.Refused {
		fmt.Fprintf(io.Out, "%s:%d: refused: %s %q against %s:%d %q: %s\n", r.Source.File, r.Source.Line, r.Source.Kind,
			excerpt(r.Source.Text), r.Translation.File, r.Translation.Line, excerpt(r.Translation.Text), r.Reason)
	}
	for _, s := range rep.Unpaired {
		fmt.Fprintf(io.Out, "%s:%d: not in the translation: %s %q\n", s.File, s.Line, s.Kind, excerpt(s.Text))
	}
	for _, s := range rep.Extra {
		fmt.Fprintf(io.Out, "%s:%d: not in the source: %s %q\n", s.File, s.Line, s.Kind, excerpt(s.Text))
	}
	for _, dup := range rep.Duplicates {
		what := "translated once"
		if dup.Differs {
			what = "its translation differs from the first one's, which is kept"
		}
		fmt.Fprintf(io.Out, "%s:%d: duplicate of line %d (the same source text, one message %s): %s\n",
			rep.Source.File, dup.Line, dup.FirstLine, dup.ID, what)
	}
}

// excerpt shortens a block's text for a report line.
func excerpt(s string) string {
	r := []rune(s)
	if len(r) > 60 {
		return string(r[:57]) + "..."
	}
	return s
}
