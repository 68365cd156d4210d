package cli

import (
	"context"
	"encoding/csv"
	"fmt"
	"golang.org/x/text/language"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/healthloc/healthloc/internal/diff"
	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/status"
)

type statusOptions struct {
	Locales   []string
	ByDoc     bool
	Format    string
	FailUnder float64
	Stale     bool
	// Readability reports readability instead of coverage.
	Readability bool
	Review      bool
	// ReportLocale is the language of the html dashboard.
	ReportLocale string
}

func (o *statusOptions) AddFlags(f *pflag.FlagSet) {
	f.StringSliceVarP(&o.Locales, "locale", "l", nil, "report only these `locales` (comma-separated or repeated)")
	f.BoolVar(&o.ByDoc, "by-doc", false, "break coverage down per document")
	enumVar(f, &o.Format, "format", "f", "table", "output format", "table", "json", "csv", "markdown", "html")
	f.StringVar(&o.ReportLocale, "report-locale", "", "language and number format of the html dashboard (default: the source locale)")
	percentVar(f, &o.FailUnder, "fail-under", 0, "exit 1 when a locale's word coverage is below `N` percent")
	f.BoolVar(&o.Stale, "stale", false, "list each stale translation with a word diff of its source (json: stale_segments)")
	f.BoolVar(&o.Readability, "readability", false, "report readability per document, source and translation side by side (json: adds readability; html: always shown)")
	f.BoolVar(&o.Review, "review", false, "list each candidate waiting for review beside its source, with its check findings (json: review_segments)")
}

func newStatusCmd(io *IO, g *globalOptions) *cobra.Command {
	o := &statusOptions{}
	return command(&cobra.Command{
		Use:   "status",
		Short: "Report translation coverage per locale",
		Args:  noArgs,
	}, o, func(ctx context.Context, _ []string) error {
		return g.replay(io, "status", o, func(io *IO) error { return runStatus(ctx, io, g, o) })
	})
}

var statusFormats = map[string]func(io.Writer, status.Report, bool) error{
	"table":    writeStatusTable,
	"json":     writeStatusJSON,
	"csv":      writeStatusCSV,
	"markdown": writeStatusMarkdown,
}

func runStatus(ctx context.Context, io *IO, g *globalOptions, o *statusOptions) error {
	write := statusFormats[o.Format]
	bar := newProgress(io, g.Quiet, "status")
	p, err := g.open(bar)
	if err != nil {
		return err
	}
	locs, err := targetLocales(p, o.Locales, false)
	if err != nil {
		return err
	}
	if len(locs) == 0 {
		locs = p.Config.Targets()
	}
	if rw, ok := readabilityFormats[o.Format]; ok && o.Readability {
		write = rw
	}
	html := o.Format == "html"
	rep, stale, err := statusReport(ctx, g, p, locs, o)
	bar.finish()
	if err != nil {
		return err
	}
	if html {
		err = writeStatusHTML(io.Out, p, stale, rep, o.ReportLocale)
	} else {
		err = write(io.Out, rep, o.ByDoc)
	}
	if err != nil {
		return err
	}
	if o.Stale && o.Format == "table" {
		writeStaleList(io, rep)
	}
	if o.Review && o.Format == "table" {
		writeReviewList(io, rep)
	}
	return coverageGate(rep, o.FailUnder)
}

// statusReport reads the project for the report: only the documents
// that changed since the last run when the report is the coverage
// counts, everything otherwise. stale are the stale segments the html
// dashboard shows.
func statusReport(ctx context.Context, g *globalOptions, p *project.Project, locs []language.Tag, o *statusOptions) (_ status.Report, stale []status.StaleSegment, _ error) {
	html := o.Format == "html"
	if !g.NoCache && !html && !o.Stale && !o.Review && !o.Readability {
		rep, ok, err := statusFromDocs(ctx, g, p, locs, o.ByDoc)
		if ok || err != nil {
			return rep, nil, err
		}
	}
	c, err := status.NewCollector(p, locs, status.CollectOptions{ByDoc: o.ByDoc, Stale: o.Stale, Review: o.Review,
		Readability: o.Readability, Dashboard: html})
	if err != nil {
		return status.Report{}, nil, err
	}
	err = p.Windows(func(w *project.Project) error {
		if err := stopped(ctx); err != nil {
			return err
		}
		c.Add(w)
		return nil
	})
	return c.Report(p), c.StaleSegments(), err
}

// coverageGate fails the run when a locale's word coverage is below
// failUnder (--fail-under), when it is set.
func coverageGate(rep status.Report, failUnder float64) error {
	if failUnder <= 0 {
		return nil
	}
	low := rep.Below(failUnder)
	if len(low) == 0 {
		return nil
	}
	var parts []string
	for _, l := range low {
		parts = append(parts, fmt.Sprintf("%s at %.1f%%", l.Locale, l.PercentWords))
	}
	return gateError("word coverage below --fail-under %g: %s", failUnder, strings.Join(parts, ", "))
}

func writeStatusJSON(w io.Writer, rep status.Report, _ bool) error { return writeJSON(w, rep) }

var statusHeader = []string{"locale", "document", "messages", "translated", "reviewed", "candidates", "held", "stale", "missing", "obsolete",
	"words", "words_translated", "words_candidates", "words_held", "words_stale", "words_missing", "percent_words", "percent_messages"}

// statusRows flattens a report: one row per locale, and with byDoc one per
// document after it.
func statusRows(rep status.Report, byDoc bool) [][]string {
	row := func(loc, doc string, t status.Tally) []string {
		i := strconv.Itoa
		return []string{loc, doc, i(t.Total.Messages), i(t.Translated.Messages), i(t.Reviewed.Messages), i(t.Candidates.Messages),
			i(t.Held.Messages), i(t.Stale.Messages), i(t.Missing.Messages), i(t.Obsolete), i(t.Total.Words), i(t.Translated.Words),
			i(t.Candidates.Words), i(t.Held.Words), i(t.Stale.Words), i(t.Missing.Words), pct(t.PercentWords), pct(t.PercentMessages)}
	}
	var rows [][]string
	for _, l := range rep.Locales {
		all := ""
		if byDoc {
			all = "(all)"
		}
		rows = append(rows, row(l.Locale, all, l.Tally))
		for _, d := range l.Documents {
			rows = append(rows, row(l.Locale, d.Path, d.Tally))
		}
	}
	return rows
}

// uiRows are the page text's rows, one per locale that has them.
func uiRows(rep status.Report) [][]string {
	var rep2 status.Report
	for _, l := range rep.Locales {
		if l.UI != nil {
			rep2.Locales = append(rep2.Locales, status.Locale{Locale: l.Locale, Tally: *l.UI})
		}
	}
	return statusRows(rep2, false)
}

// uiHeading introduces the page text's table, which the content's
// totals leave out.
const uiHeading = "page text (the _ui catalog: \"Skip to content\", \"Contents\", the fallback notices):"

func pct(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }

func dropDocColumn(row []string, byDoc bool) []string {
	if byDoc {
		return row
	}
	return append(append([]string{}, row[:1]...), row[2:]...)
}

func writeStatusCSV(w io.Writer, rep status.Report, byDoc bool) error {
	cw := csv.NewWriter(w)
	cw.Write(dropDocColumn(statusHeader, byDoc))
	for _, r := range statusRows(rep, byDoc) {
		cw.Write(dropDocColumn(r, byDoc))
	}
	if byDoc {
		for _, r := range uiRows(rep) {
			r[1] = "_ui"
			cw.Write(r)
		}
	}
	cw.Flush()
	return cw.Error()
}

var tableHeader = []string{"LOCALE", "DOCUMENT", "MSGS", "TRANSLATED", "REVIEWED", "CANDIDATES", "HELD", "STALE", "MISSING", "OBSOLETE",
	"WORDS", "W-TRANSLATED", "W-CANDIDATES", "W-HELD", "W-STALE", "W-MISSING", "%WORDS", "%MSGS"}

func writeStatusTable(w io.Writer, rep status.Report, byDoc bool) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	line := func(cells []string) {
		fmt.Fprintln(tw, strings.Join(cells, "\t")+"\t")
	}
	line(dropDocColumn(tableHeader, byDoc))
	for _, r := range statusRows(rep, byDoc) {
		r[len(r)-2] += "%"
		r[len(r)-1] += "%"
		line(dropDocColumn(r, byDoc))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if note := memoryNote(rep); note != "" {
		fmt.Fprintln(w, note)
	}
	rows := uiRows(rep)
	if len(rows) == 0 {
		return nil
	}
	fmt.Fprintf(w, "\n%s\n", uiHeading)
	line(dropDocColumn(tableHeader, false))
	for _, r := range rows {
		r[len(r)-2] += "%"
		r[len(r)-1] += "%"
		line(dropDocColumn(r, false))
	}
	return tw.Flush()
}

func writeStatusMarkdown(w io.Writer, rep status.Report, byDoc bool) error {
	h := dropDocColumn(tableHeader, byDoc)
	fmt.Fprintf(w, "| %s |\n", strings.Join(h, " | "))
	align := make([]string, len(h))
	for i := range align {
		align[i] = "---:"
		if i == 0 || (byDoc && i == 1) {
			align[i] = ":---"
		}
	}
	fmt.Fprintf(w, "|%s|\n", strings.Join(align, "|"))
	for _, r := range statusRows(rep, byDoc) {
		r[len(r)-2] += "%"
		r[len(r)-1] += "%"
		_, err := fmt.Fprintf(w, "| %s |\n", strings.Join(dropDocColumn(r, byDoc), " | "))
		if err != nil {
			return err
		}
	}
	if note := memoryNote(rep); note != "" {
		fmt.Fprintf(w, "\n%s\n", note)
	}
	if rows := uiRows(rep); len(rows) > 0 {
		h := dropDocColumn(tableHeader, false)
		fmt.Fprintf(w, "\n%s\n\n| %s |\n|:---|%s|\n", uiHeading, strings.Join(h, " | "), strings.TrimSuffix(strings.Repeat("---:|", len(h)-1), "|"))
		for _, r := range rows {
			r[len(r)-2] += "%"
			r[len(r)-1] += "%"
			if _, err := fmt.Fprintf(w, "| %s |\n", strings.Join(dropDocColumn(r, false), " | ")); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeStaleList prints each stale translation with a word diff of its
// source: [-removed-]{+added+}, in colour on a terminal. A changed number
// gets its own warning line, because a dose must never keep its old value.
func writeStaleList(io *IO, rep status.Report) {
	delOpen, delClose, insOpen, insClose := "[-", "-]", "{+", "+}"
	if io.ColorEnabled() {
		delOpen, delClose, insOpen, insClose = "\x1b[31m[-", "-]\x1b[0m", "\x1b[32m{+", "+}\x1b[0m"
	}
	for _, l := range rep.Locales {
		for _, s := range l.StaleSegments {
			fmt.Fprintf(io.Out, "\n%s  %s:%d  %s\n", l.Locale, s.Document, s.Line, s.ID)
			if s.Previous == "" {
				fmt.Fprintf(io.Out, "    previous source unknown; current: %s\n", s.Source)
				continue
			}
			var b strings.Builder
			for _, c := range s.Diff {
				switch c.Op {
				case diff.Delete:
					b.WriteString(delOpen + c.Text + delClose)
				case diff.Insert:
					b.WriteString(insOpen + c.Text + insClose)
				default:
					b.WriteString(c.Text)
				}
			}
			fmt.Fprintf(io.Out, "    %s\n", strings.ReplaceAll(b.String(), "\n", "\n    "))
			if s.NumbersChanged {
				rm, add := diff.Numbers(s.Diff)
				fmt.Fprintf(io.Out, "    NUMBER CHANGED: %s -> %s\n", strings.Join(rm, ", "), strings.Join(add, ", "))
			}
		}
	}
}

// writeReviewList prints each candidate waiting for review beside its
// source, with where it came from and every check finding on it: what a
// reviewer reads before running review.
func writeReviewList(io *IO, rep status.Report) {
	for _, l := range rep.Locales {
		if len(l.ReviewSegments) == 0 {
			fmt.Fprintf(io.Out, "\n%s: no candidates waiting for review\n", l.Locale)
			continue
		}
		for _, s := range l.ReviewSegments {
			fmt.Fprintf(io.Out, "\n%s  %s:%d  %s", l.Locale, s.Document, s.Line, s.ID)
			if s.Origin != "" {
				fmt.Fprintf(io.Out, "  (%s)", s.Origin)
			}
			fmt.Fprintf(io.Out, "\n    source:    %s\n", indentMore(s.Source))
			if s.Replaces != "" {
				fmt.Fprintf(io.Out, "    replaces:  %s\n", indentMore(s.Replaces))
			}
			fmt.Fprintf(io.Out, "    candidate: %s\n", indentMore(s.Candidate))
			for _, f := range s.Findings {
				fmt.Fprintf(io.Out, "    %s [%s] %s\n", f.Severity, f.Check, f.Message)
			}
		}
	}
}

// indentMore indents the lines after the first of a multi-line text under
// the review list's labels.
func indentMore(s string) string { return strings.ReplaceAll(s, "\n", "\n               ") }

// memoryNote counts the candidates that came from a translation memory
// from outside, per locale; "" when there are none.
func memoryNote(rep status.Report) string {
	var parts []string
	for _, l := range rep.Locales {
		if n := l.FromMemory; n.Messages > 0 {
			parts = append(parts, fmt.Sprintf("%s %d (%d words)", l.Locale, n.Messages, n.Words))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "candidates from a translation memory (healthloc memory list): " + strings.Join(parts, ", ")
}
