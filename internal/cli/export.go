package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/healthloc/healthloc/internal/exchange"
	"github.com/healthloc/healthloc/internal/memory"
	"github.com/healthloc/healthloc/internal/plan"
	"github.com/healthloc/healthloc/internal/po"
	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/tmx"
	"github.com/healthloc/healthloc/internal/xliff"
)

type exportOptions struct {
	Locales    []string
	Format     string
	Only       []string
	Split      string
	Out        string
	CopySource bool
}

func (o *exportOptions) AddFlags(f *pflag.FlagSet) {
	f.StringSliceVarP(&o.Locales, "locale", "l", nil, "export these `locales` (comma-separated or repeated; default: every target)")
	enumVar(f, &o.Format, "format", "f", "po", "file format", "po", "xliff12", "xliff20", "tmx")
	enumSliceVar(f, &o.Only, "only", "", []string{"all"}, "states to export, comma-separated or repeated: review is the candidates waiting for review (tmx: translated pairs only)",
		"missing", "stale", "review", "translated", "reviewed", "all")
	enumVar(f, &o.Split, "split", "", "locale", "one file per locale, or per document", "locale", "doc")
	f.StringVarP(&o.Out, "out", "o", "l10n", "output `directory`, relative to the working directory")
	f.BoolVar(&o.CopySource, "copy-source", false, "fill missing targets with the source, left unfinished (OmegaT needs it for XLIFF 1.2)")
}

func newExportCmd(io *IO, g *globalOptions) *cobra.Command {
	o := &exportOptions{}
	return command(&cobra.Command{
		Use:   "export",
		Short: "Write translator hand-off files (gettext PO, XLIFF 1.2/2.0, TMX)",
		Long: `Write translator hand-off files (gettext PO, XLIFF 1.2 or 2.0, or a TMX
translation memory) for each locale: <out>/<locale>.<ext>, or with
--split doc <out>/<locale>/<document>.<ext>.

Inline Markdown (link targets, inline code, emphasis markers, HTML) is
protected as numbered placeholders <1/> (inline codes in XLIFF), so a
translator cannot break it; import restores the exact bytes. Each entry
records the translation it was made from, so that import can tell when
the catalog changed in the meantime.

--copy-source fills each missing target with its source, marked unfinished
(XLIFF needs-translation or initial, PO fuzzy): OmegaT 3.6 translates the
targets of an XLIFF 1.2 file and leaves units with an empty target alone.
Import skips a target still equal to its source, and keeps one a tool
changed but left unfinished as a candidate for review.

When the project has translation memories from outside (healthloc memory
add), each missing or stale entry carries up to 3 similar translations, 70%
alike or more: PO comments, XLIFF 1.2 alt-trans, XLIFF 2.0 mtc:matches.

--only review hands the candidates waiting for medical review (pairs made
by align) to an outside reviewer: each is marked as needing review (PO
fuzzy with a comment, XLIFF needs-review-translation or initial with a
note). The reviewer signs the file (PO header X-Reviewer, XLIFF
healthloc-reviewer note), removes the mark from each candidate they
approve, corrects or empties what they do not, and the file is imported.

` + exitCodesHelp,
		Args: noArgs,
	}, o, func(ctx context.Context, _ []string) error { return runExport(ctx, io, g, o) })
}

// exportFormat is how one format is encoded and named.
type exportFormat struct {
	ext     string
	marshal func(*exchange.File) ([]byte, error)
}

var exportFormats = map[string]exportFormat{
	"po":      {".po", func(f *exchange.File) ([]byte, error) { return po.Marshal(f), nil }},
	"xliff12": {".xlf", xliff.Marshal12},
	"xliff20": {".xliff", xliff.Marshal20},
	"tmx":     {".tmx", tmx.Marshal},
}

func runExport(ctx context.Context, io *IO, g *globalOptions, o *exportOptions) error {
	ef := exportFormats[o.Format]
	only, ok := exchange.ParseOnly(o.Only)
	if !ok {
		return usagef("--only %q: must list missing, stale, review, translated, reviewed or all", strings.Join(o.Only, ","))
	}
	if o.Format == "tmx" {
		if o.CopySource {
			return usagef("--copy-source: a TMX memory holds translations only; use it with po, xliff12 or xliff20")
		}
		only = exchange.Only{project.Translated: true, project.Reviewed: true}
	}
	p, err := g.load()
	if err != nil {
		return err
	}
	locs, err := matchLocales(noteWriter(io, g.Quiet), p, o.Locales)
	if err != nil {
		return err
	}
	var pl plan.Plan
	var summary []string
	for _, loc := range locs {
		f := exchange.Export(p, loc, only, o.Format != "po")
		if o.CopySource {
			f.CopySource()
		}
		if o.Format != "tmx" {
			// suggestions from the translation memories from outside
			ix, err := memory.Load(os.DirFS(p.Config.Dir), p.Config.WorkRoot, loc)
			if err != nil {
				return err
			}
			memory.Annotate(f, ix)
		}
		if len(f.Docs) == 0 {
			// XLIFF needs at least one <file>; an empty hand-off helps nobody.
			summary = append(summary, fmt.Sprintf("%s: nothing to export", loc))
			continue
		}
		files := []*exchange.File{f}
		f.Path = filepath.Join(o.Out, loc.String()+ef.ext)
		if o.Split == "doc" {
			files = f.Split()
			for _, sf := range files {
				slug := strings.TrimSuffix(sf.Path, filepath.Ext(sf.Path))
				sf.Path = filepath.Join(o.Out, loc.String(), filepath.FromSlash(slug)+ef.ext)
			}
		}
		for _, sf := range files {
			data, err := ef.marshal(sf)
			if err != nil {
				return fmt.Errorf("%s: %w", sf.Path, err)
			}
			pl.Add(sf.Path, data)
		}
		summary = append(summary, fmt.Sprintf("%s: %s", loc, countStates(f)))
	}
	res, err := plan.ApplyContext(ctx, pl)
	if err != nil {
		return err
	}
	if !g.Quiet {
		for _, s := range summary {
			fmt.Fprintln(io.Out, s)
		}
		fmt.Fprintf(io.Out, "%d files written to %s, %d unchanged\n", len(res.Written), o.Out, len(res.Unchanged))
	}
	return nil
}

// countStates describes the units of an export by state.
func countStates(f *exchange.File) string {
	n := map[project.State]int{}
	total := 0
	for _, u := range f.Units() {
		n[u.State]++
		total++
	}
	return fmt.Sprintf("%d messages (%d missing, %d stale, %d candidates, %d translated, %d reviewed)",
		total, n[project.Missing], n[project.Stale], n[project.Candidate], n[project.Translated], n[project.Reviewed])
}
