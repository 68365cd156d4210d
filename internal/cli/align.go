package cli

import (
	"context"
	"encoding/json"
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
	f.BoolVar(&o.Trust, "trust", false, "import aligned pairs as translated instead of stale (needing review)")
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

The two are aligned by structure: segments pair only with segments of the
same kind, in order, with numbers and link targets as anchors. Missing and
extra blocks are tolerated and reported. Aligned pairs are imported as
stale, to be reviewed, unless --trust; translations the catalog already
has are kept unless --force.

` + exitCodesHelp,
		Args: exactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runAlign(cmd.Context(), io, g, o, args[0], args[1])
		},
	}
	o.AddFlags(cmd.Flags())
	return cmd
}

// alignReport is align's result: what paired, what did not, and the
// import counts.
type alignReport struct {
	Aligned  int             `json:"aligned"`
	Unpaired []alignSegment  `json:"unpaired"`
	Extra    []alignSegment  `json:"extra"`
	Import   exchange.Report `json:"import"`
}

type alignSegment struct {
	File string `json:"file"`
	Line int    `json:"line"`
	Kind string `json:"kind"`
	Text string `json:"text"`
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
	locs, err := targetLocales(p, []string{o.Locale}, false)
	if err != nil {
		return err
	}
	tag := locs[0]
	d, err := findDoc(p, srcPath)
	if err != nil {
		return err
	}
	raw, err := os.ReadFile(trPath)
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
	res := align.Align(d.Segments, tr.Segments)
	f := &exchange.File{Path: trPath, Locale: tag.String()}
	ed := exchange.Doc{Path: d.Path}
	seen := map[string]bool{}
	for _, pr := range res.Pairs {
		id := d.IDs[pr[0]]
		if seen[id] {
			continue // repeated source text: one message, first pairing wins
		}
		seen[id] = true
		ts := tr.Segments[pr[1]]
		ed.Units = append(ed.Units, exchange.Unit{ID: id, Target: ts.Text, Line: ts.Line})
	}
	f.Docs = []exchange.Doc{ed}
	pl, irep, err := exchange.Import(p, []*exchange.File{f}, exchange.ImportOptions{
		Force: o.Force, AsCandidate: !o.Trust, Plain: true, Origin: "align: " + filepath.ToSlash(trPath),
	})
	if err != nil {
		return err
	}
	if _, err := applyCatalogs(ctx, g, p, pl); err != nil {
		return err
	}
	rep := alignReport{Aligned: len(res.Pairs), Unpaired: []alignSegment{}, Extra: []alignSegment{}, Import: irep}
	srcName := filepath.ToSlash(srcPath)
	for _, i := range res.Unpaired {
		s := d.Segments[i]
		rep.Unpaired = append(rep.Unpaired, alignSegment{srcName, s.Line, string(s.Kind), s.Text})
	}
	for _, j := range res.Extra {
		s := tr.Segments[j]
		rep.Extra = append(rep.Extra, alignSegment{filepath.ToSlash(trPath), s.Line, string(s.Kind), s.Text})
	}
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
	fmt.Fprintf(io.Out, "aligned %d of %d source segments (%d in the translation)\n", rep.Aligned, len(d.Segments), len(tr.Segments))
	for _, s := range rep.Unpaired {
		fmt.Fprintf(io.Out, "%s:%d: not in the translation: %s %q\n", s.File, s.Line, s.Kind, excerpt(s.Text))
	}
	for _, s := range rep.Extra {
		fmt.Fprintf(io.Out, "%s:%d: not in the source: %s %q\n", s.File, s.Line, s.Kind, excerpt(s.Text))
	}
	// Every pair is stale without --trust: say it once, not per pair.
	shown := irep
	shown.Entries = nil
	for _, e := range irep.Entries {
		if e.Reason != exchange.ReasonReview {
			shown.Entries = append(shown.Entries, e)
		}
	}
	return writeImportReport(io, g, "text", shown)
}

// findDoc finds the project document of a path given on the command
// line: relative to the working directory, or to the content root.
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
	if rel, err := filepath.Rel(root, abs); err == nil {
		candidates = append(candidates, filepath.ToSlash(rel))
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
