package cli

import (
	"context"
	"encoding/json"
	"fmt"
	stdio "io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/text/language"

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
	cmd := &cobra.Command{
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
		RunE: func(cmd *cobra.Command, args []string) error {
			return runAlign(cmd.Context(), io, g, o, args[0], args[1])
		},
	}
	o.AddFlags(cmd.Flags())
	return cmd
}

// alignReport is align's result. Its counts add up: every source
// segment is paired, refused or unpaired, and so is every translated
// one; pairs are messages or duplicates; and every message has one
// import outcome.
type alignReport struct {
	Source      alignSide `json:"source"`
	Translation alignSide `json:"translation"`
	// Pairs counts the pairs made; Messages the distinct messages they
	// translate, the others being Duplicates.
	Pairs      int              `json:"pairs"`
	Messages   int              `json:"messages"`
	Duplicates []alignDuplicate `json:"duplicates"`
	Refused    []alignRefusal   `json:"refused"`
	Unpaired   []alignSegment   `json:"unpaired"`
	Extra      []alignSegment   `json:"extra"`
	// Warning is what the language check was unsure of.
	Warning string          `json:"warning,omitempty"`
	Import  exchange.Report `json:"import"`
}

// alignSide counts one document's segments.
type alignSide struct {
	File     string `json:"file"`
	Segments int    `json:"segments"`
	Paired   int    `json:"paired"`
	Refused  int    `json:"refused"`
	Unpaired int    `json:"unpaired"`
}

type alignSegment struct {
	File string `json:"file"`
	Line int    `json:"line"`
	Kind string `json:"kind"`
	Text string `json:"text"`
}

// alignRefusal is a pair alignment refused, and why.
type alignRefusal struct {
	Source      alignSegment `json:"source"`
	Translation alignSegment `json:"translation"`
	Reason      string       `json:"reason"`
}

// alignDuplicate is a pair whose source text another pair already has:
// one message, translated once.
type alignDuplicate struct {
	Line      int    `json:"line"`
	FirstLine int    `json:"first_line"`
	ID        string `json:"id"`
	// Differs says the duplicate's translation is not the first one's,
	// which was kept.
	Differs bool `json:"differs"`
}

func runAlign(ctx context.Context, io *IO, g *globalOptions, o *alignOptions, srcPath, trPath string) error {
	if o.Locale == "" {
		return usagef("--locale is required")
	}
	if _, err := locale.Parse(o.Locale); err != nil {
		return usagef("--locale: %w", err)
	}
	// catalogs are written: one run at a time, as extract
	unlock, err := g.lock(ctx, defaultLockTimeout)
	if err != nil {
		return err
	}
	defer unlock()
	p, err := g.load()
	if err != nil {
		return err
	}
	note := io.ErrOut
	if g.Quiet {
		note = stdio.Discard
	}
	locs, err := matchLocales(note, p, []string{o.Locale})
	if err != nil {
		return err
	}
	tag := locs[0]
	d, err := findDoc(p, srcPath)
	if err != nil {
		return err
	}
	raw, err := os.ReadFile(projectPath(p, trPath))
	if err != nil {
		return err
	}
	enc := g.Encoding
	if enc == "" {
		enc = p.Config.Encoding
	}
	tr, err := content.Parse(trPath, raw, content.Options{FrontMatterKeys: p.Config.FrontMatterKeys, Encoding: enc,
		FrontMatter: p.Config.FrontMatterFor(d.Path)})
	if err != nil {
		return err
	}
	g.notes = append(g.notes, tr.Warnings...)
	trName := filepath.ToSlash(trPath)
	rep := alignReport{Duplicates: []alignDuplicate{}, Refused: []alignRefusal{}, Unpaired: []alignSegment{}, Extra: []alignSegment{}}
	switch v := align.CheckLanguage(tag, tr.Segments); v.Level {
	case align.Wrong:
		return fmt.Errorf("%s: %s; nothing aligned (is it the right file and the right --locale?)", trName, v.Message)
	case align.Unsure:
		rep.Warning = fmt.Sprintf("%s: %s", trName, v.Message)
		fmt.Fprintf(io.ErrOut, "healthloc: warning: %s\n", rep.Warning)
	}
	res := align.Align(d.Segments, tr.Segments, align.Options{Links: localizedLinks(p, tag)})
	ed, dups := alignUnits(d, tr, res)
	f := &exchange.File{Path: trPath, Locale: tag.String(), Docs: []exchange.Doc{ed}}
	pl, irep, err := exchange.Import(p, []*exchange.File{f}, exchange.ImportOptions{
		Force: o.Force, AsCandidate: !o.Trust, Plain: true, Origin: "align: " + trName,
	})
	if err != nil {
		return err
	}
	if _, err := applyCatalogs(ctx, g, p, pl); err != nil {
		return err
	}
	rep.fill(d, tr, res, filepath.ToSlash(srcPath), trName)
	rep.Duplicates = append(rep.Duplicates, dups...)
	rep.Messages, rep.Import = len(ed.Units), irep
	if o.Format == "json" {
		if rep.Import.Entries == nil {
			rep.Import.Entries = []exchange.Entry{}
		}
		b, err := json.MarshalIndent(rep, "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(io.Out, "%s\n", b)
		return err
	}
	if g.Quiet {
		return nil
	}
	writeAlignReport(io, rep)
	// Every pair is a candidate without --trust: say it once, not per pair.
	shown := irep
	shown.Entries = nil
	for _, e := range irep.Entries {
		if e.Reason != exchange.ReasonReview {
			shown.Entries = append(shown.Entries, e)
		}
	}
	return writeImportReport(io, g, "text", shown, false)
}

// alignUnits are the pairs as units to import, one per message, and the
// pairs that repeat a message another pair already has.
func alignUnits(d *project.Doc, tr *content.Document, res align.Result) (exchange.Doc, []alignDuplicate) {
	ed := exchange.Doc{Path: d.Path}
	var dups []alignDuplicate
	first := map[string][2]int{} // message ID → its first pair
	for _, pr := range res.Pairs {
		id := d.IDs[pr[0]]
		ts := tr.Segments[pr[1]]
		if fp, ok := first[id]; ok {
			// repeated source text: one message, first pairing wins
			dups = append(dups, alignDuplicate{Line: d.Segments[pr[0]].Line, FirstLine: d.Segments[fp[0]].Line,
				ID: id, Differs: ts.Text != tr.Segments[fp[1]].Text})
			continue
		}
		first[id] = pr
		ed.Units = append(ed.Units, exchange.Unit{ID: id, Target: ts.Text, Line: ts.Line})
	}
	return ed, dups
}

// fill puts the alignment's blocks and counts in the report.
func (rep *alignReport) fill(d *project.Doc, tr *content.Document, res align.Result, srcName, trName string) {
	seg := func(file string, s content.Segment) alignSegment {
		return alignSegment{file, s.Line, string(s.Kind), s.Text}
	}
	for _, i := range res.Unpaired {
		rep.Unpaired = append(rep.Unpaired, seg(srcName, d.Segments[i]))
	}
	for _, j := range res.Extra {
		rep.Extra = append(rep.Extra, seg(trName, tr.Segments[j]))
	}
	for _, r := range res.Refused {
		rep.Refused = append(rep.Refused, alignRefusal{seg(srcName, d.Segments[r.Source]), seg(trName, tr.Segments[r.Translation]), r.Reason})
	}
	rep.Pairs = len(res.Pairs)
	rep.Source = alignSide{srcName, len(d.Segments), len(res.Pairs), len(res.Refused), len(res.Unpaired)}
	rep.Translation = alignSide{trName, len(tr.Segments), len(res.Pairs), len(res.Refused), len(res.Extra)}
}

// writeAlignReport prints the counts of both sides, then every block
// left out, with file, line and why.
func writeAlignReport(io *IO, rep alignReport) {
	for _, s := range []struct {
		side  alignSide
		where string
	}{{rep.Source, "the translation"}, {rep.Translation, "the source"}} {
		fmt.Fprintf(io.Out, "%s: %d segments: %d paired, %d refused, %d not in %s\n",
			s.side.File, s.side.Segments, s.side.Paired, s.side.Refused, s.side.Unpaired, s.where)
	}
	fmt.Fprintf(io.Out, "%s: %s, %s\n", count(rep.Pairs, "pair"), count(rep.Messages, "message"), count(len(rep.Duplicates), "duplicate"))
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

// count is n and a noun, in the plural unless n is 1.
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// localizedLinks is the project's localized_links for loc.
func localizedLinks(p *project.Project, loc language.Tag) map[string]string {
	for l, m := range p.Config.LocalizedLinks {
		if t, err := locale.Parse(l); err == nil && t == loc {
			return m
		}
	}
	return nil
}

// projectPath is a file named on the command line: relative to the
// working directory, or else to the project directory (-C).
func projectPath(p *project.Project, name string) string {
	if _, err := os.Stat(name); err == nil || filepath.IsAbs(name) {
		return name
	}
	if alt := p.Config.Abs(name); alt != name {
		if _, err := os.Stat(alt); err == nil {
			return alt
		}
	}
	return name
}

// findDoc finds the project document of a path given on the command
// line: relative to the working directory, to the project directory
// (-C), or to the content root.
func findDoc(p *project.Project, name string) (*project.Doc, error) {
	root, err := filepath.Abs(p.Config.Abs(p.Config.ContentRoot))
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(name)
	if err != nil {
		return nil, err
	}
	candidates := []string{filepath.ToSlash(filepath.Clean(name))}
	for _, a := range []string{abs, p.Config.Abs(name)} {
		if rel, err := filepath.Rel(root, a); err == nil {
			candidates = append(candidates, filepath.ToSlash(rel))
		}
	}
	for _, c := range candidates {
		for _, d := range p.Docs {
			if d.Path == c {
				return d, nil
			}
		}
	}
	return nil, fmt.Errorf("%s: not a document under the content root %s", name, p.Config.ContentRoot)
}

func excerpt(s string) string {
	r := []rune(s)
	if len(r) > 60 {
		return string(r[:57]) + "..."
	}
	return s
}
