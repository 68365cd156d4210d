package cli

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/locale"
	"github.com/healthloc/healthloc/internal/readability"
	"github.com/healthloc/healthloc/internal/status"
)

// readabilityFormats replace the coverage report under --readability;
// json adds a readability field to it instead, and html always shows
// both.
var readabilityFormats = map[string]func(io.Writer, status.Report, bool) error{
	"table":    writeReadabilityTable,
	"csv":      writeReadabilityCSV,
	"markdown": writeReadabilityMarkdown,
}

// readabilityColumn is one column of a locale's table: a figure of the
// source or of the translation.
type readabilityColumn struct {
	short, long string
	cell        func(readability.Figures) string
}

// readabilityColumns are the figures of one side (source or
// translation) as f's language has them: its formulas, sentence and
// word length, long sentences.
func readabilityColumns(f readability.Figures) []readabilityColumn {
	var cols []readabilityColumn
	for i, s := range f.Scores {
		cols = append(cols, readabilityColumn{strings.ToUpper(s.ID), s.Name, func(f readability.Figures) string {
			if i >= len(f.Scores) {
				return "-"
			}
			return f.Scores[i].Value.String()
		}})
	}
	per := "W/SENT"
	if f.Units == "characters" {
		per = "CH/SENT"
	}
	cols = append(cols, readabilityColumn{per, f.Units + " per sentence", func(f readability.Figures) string {
		return f.SentenceLength.String()
	}})
	if f.WordLength != nil {
		cols = append(cols, readabilityColumn{"L/WORD", "letters per word", func(f readability.Figures) string {
			if f.WordLength == nil {
				return "-"
			}
			return f.WordLength.String()
		}})
	}
	cols = append(cols, readabilityColumn{"LONG", fmt.Sprintf("sentences over %d %s", f.SentenceLimit, f.Units),
		func(f readability.Figures) string { return strconv.Itoa(f.LongSentences) }})
	return cols
}

// readabilityTable is one target locale's table: a row per document
// and one for all of them, the source's figures before the locale's.
type readabilityTable struct {
	locale, name, source, sourceName string
	header, longHeader               []string
	rows                             [][]string
}

func readabilityTables(rep status.Report) []readabilityTable {
	rd := rep.Readability
	if rd == nil {
		return nil
	}
	var out []readabilityTable
	for i, tr := range rd.Total.Translations {
		src := rd.Total.Source
		scols, tcols := readabilityColumns(src), readabilityColumns(tr)
		t := readabilityTable{locale: tr.Locale, name: localeName(tr.Locale), source: rep.SourceLocale,
			sourceName: localeName(rep.SourceLocale), header: []string{"DOCUMENT"}, longHeader: []string{"document"}}
		for _, c := range scols {
			t.header = append(t.header, src.Locale+" "+c.short)
			t.longHeader = append(t.longHeader, src.Locale+": "+c.long)
		}
		for _, c := range tcols {
			t.header = append(t.header, tr.Locale+" "+c.short)
			t.longHeader = append(t.longHeader, tr.Locale+": "+c.long)
		}
		t.header = append(t.header, tr.Locale+" FALLBACK")
		t.longHeader = append(t.longHeader, tr.Locale+": "+tr.Units+" fallen back")
		row := func(name string, d status.ReadabilityDoc) []string {
			r := []string{name}
			for _, c := range scols {
				r = append(r, c.cell(d.Source))
			}
			for _, c := range tcols {
				r = append(r, c.cell(d.Translations[i]))
			}
			return append(r, strconv.Itoa(d.Translations[i].FallbackWords))
		}
		for _, d := range rd.Documents {
			t.rows = append(t.rows, row(d.Path, d))
		}
		t.rows = append(t.rows, row("(all)", rd.Total))
		out = append(out, t)
	}
	return out
}

func localeName(tag string) string {
	t, err := language.Parse(tag)
	if err != nil {
		return tag
	}
	return locale.Name(t)
}

// writeReadabilityTable writes one aligned table per target locale.
func writeReadabilityTable(w io.Writer, rep status.Report, _ bool) error {
	for i, t := range readabilityTables(rep) {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "%s (%s), source %s (%s)\n", t.locale, t.name, t.source, t.sourceName)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		for _, r := range append([][]string{t.header}, t.rows...) {
			fmt.Fprintln(tw, strings.Join(r, "\t")+"\t")
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return nil
}

// writeReadabilityMarkdown writes a heading and a table per locale.
func writeReadabilityMarkdown(w io.Writer, rep status.Report, _ bool) error {
	for i, t := range readabilityTables(rep) {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "### %s (%s), source %s (%s)\n\n", t.locale, t.name, t.source, t.sourceName)
		fmt.Fprintf(w, "| %s |\n|:---%s|\n", strings.Join(t.longHeader, " | "), strings.Repeat("|---:", len(t.longHeader)-1))
		for _, r := range t.rows {
			r[0] = strings.ReplaceAll(r[0], "|", `\|`)
			if _, err := fmt.Fprintf(w, "| %s |\n", strings.Join(r, " | ")); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeReadabilityCSV writes one row per locale, document and figure,
// the source's value and the translation's side by side: one header
// whatever the languages. A formula only one of the two languages has
// leaves the other cell empty.
func writeReadabilityCSV(w io.Writer, rep status.Report, _ bool) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"locale", "document", "figure", "source", "translation"})
	rd := rep.Readability
	if rd == nil {
		cw.Flush()
		return cw.Error()
	}
	docs := append(append([]status.ReadabilityDoc{}, rd.Documents...), rd.Total)
	for i, tr := range rd.Total.Translations {
		for _, d := range docs {
			name := d.Path
			if name == "" {
				name = "(all)"
			}
			for _, f := range figureRows(d.Source, d.Translations[i]) {
				cw.Write(append([]string{tr.Locale, name}, f...))
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// figureRows pairs the figures of a source and a translation: the
// formulas of both languages (one row for a formula both have), then the
// statistics.
func figureRows(src, tr readability.Figures) [][]string {
	var rows [][]string
	idx := map[string]int{}
	for _, s := range src.Scores {
		idx[s.ID] = len(rows)
		rows = append(rows, []string{s.ID, s.Value.String(), ""})
	}
	for _, s := range tr.Scores {
		if i, ok := idx[s.ID]; ok {
			rows[i][2] = s.Value.String()
			continue
		}
		rows = append(rows, []string{s.ID, "", s.Value.String()})
	}
	wl := func(f readability.Figures) string {
		if f.WordLength == nil {
			return ""
		}
		return f.WordLength.String()
	}
	i := strconv.Itoa
	return append(rows,
		[]string{"units", src.Units, tr.Units},
		[]string{"sentences", i(src.Sentences), i(tr.Sentences)},
		[]string{"words", i(src.Words), i(tr.Words)},
		[]string{"sentence_length", src.SentenceLength.String(), tr.SentenceLength.String()},
		[]string{"word_length", wl(src), wl(tr)},
		[]string{"long_sentences", i(src.LongSentences), i(tr.LongSentences)},
		[]string{"sentence_limit", i(src.SentenceLimit), i(tr.SentenceLimit)},
		[]string{"fallback_words", i(src.FallbackWords), i(tr.FallbackWords)},
	)
}
