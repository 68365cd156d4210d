package status

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"sort"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/locale"
	"github.com/healthloc/healthloc/internal/ui"
)

//go:embed dashboard.tmpl
var dashboardText string

var dashboardTemplate = template.Must(template.New("dashboard").Parse(dashboardText))

// barWidth is the width of a coverage bar in SVG user units; segment
// widths are whole units so that the output is exact and deterministic.
const barWidth = 1000

// barPart is one coloured segment of a coverage bar.
type barPart struct {
	Class string
	X, W  int
	Label string
}

// bar is a stacked coverage bar by words: reviewed, translated but not
// reviewed, candidates awaiting review, stale, missing.
type bar struct {
	Label  string
	Parts  []barPart
	Mirror bool
}

type row struct {
	Name, Lang, Dir   string
	Bar               bar
	Total, Translated string
	Reviewed, Stale   string
	Candidates        string
	Missing, Percent  string
}

type docTable struct {
	Path string
	Rows []row
}

type staleRow struct {
	StaleSegment
	Line            string
	LocLang, LocDir string
	SrcLang, SrcDir string
	LocName         string
}

// WriteDashboard writes the report as one self-contained HTML page in the
// language of tag: a coverage bar per locale as inline SVG, the totals, a
// table per document and the stale segments. rep should be computed with
// byDoc. The page has no scripts and no external requests, and the same
// input gives the same bytes.
func WriteDashboard(w io.Writer, rep Report, stale []StaleSegment, tag language.Tag) error {
	x := ui.For(tag)
	dir := locale.Direction(tag)
	mk := func(name, lang, ldir string, t Tally) row {
		return row{
			Name: name, Lang: lang, Dir: ldir,
			Bar:   newBar(x, name, t, dir == "rtl"),
			Total: x.Number(t.Total.Words), Translated: x.Number(t.Translated.Words),
			Reviewed: x.Number(t.Reviewed.Words), Candidates: x.Number(t.Candidates.Words), Stale: x.Number(t.Stale.Words),
			Missing: x.Number(t.Missing.Words), Percent: x.Percent(t.PercentWords),
		}
	}
	var locales []row
	var total Tally
	docs := map[string][]row{}
	for _, l := range rep.Locales {
		t, _ := language.Parse(l.Locale)
		locales = append(locales, mk(l.Name, l.Locale, locale.Direction(t), l.Tally))
		total.plus(l.Tally)
		for _, d := range l.Documents {
			docs[d.Path] = append(docs[d.Path], mk(l.Name, l.Locale, locale.Direction(t), d.Tally))
		}
	}
	total.finish()
	var paths []string
	for p := range docs {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var tables []docTable
	for _, p := range paths {
		tables = append(tables, docTable{Path: p, Rows: docs[p]})
	}
	src, _ := language.Parse(rep.SourceLocale)
	var srows []staleRow
	for _, s := range stale {
		t, _ := language.Parse(s.Locale)
		srows = append(srows, staleRow{StaleSegment: s, Line: x.Number(s.Line),
			LocLang: s.Locale, LocDir: locale.Direction(t), LocName: locale.Name(t),
			SrcLang: rep.SourceLocale, SrcDir: locale.Direction(src)})
	}
	return dashboardTemplate.Execute(w, map[string]any{
		"Lang": tag.String(), "Dir": dir, "T": x.T,
		"Source": locale.Name(src), "SourceLang": rep.SourceLocale, "SourceDir": locale.Direction(src),
		"Locales": locales, "Total": mk(x.T("Totals"), "", "", total),
		"Docs": tables, "Stale": srows,
		"Readability": readabilityCharts(x, rep, dir == "rtl"),
	})
}

func newBar(x *ui.Text, name string, t Tally, mirror bool) bar {
	b := bar{Mirror: mirror}
	words := []struct {
		class, label string
		n            int
	}{
		{"reviewed", x.T("Reviewed"), t.Reviewed.Words},
		{"translated", x.T("Translated"), t.Translated.Words - t.Reviewed.Words},
		{"candidates", x.T("Candidates"), t.Candidates.Words},
		{"stale", x.T("Stale"), t.Stale.Words},
		{"missing", x.T("Missing"), t.Missing.Words},
	}
	b.Label = name + ": "
	cum := 0
	for i, p := range words {
		if i > 0 {
			b.Label += ", "
		}
		b.Label += fmt.Sprintf("%s %s", p.label, x.Number(p.n))
		if t.Total.Words == 0 || p.n == 0 {
			continue
		}
		x0 := cum * barWidth / t.Total.Words
		cum += p.n
		x1 := cum * barWidth / t.Total.Words
		b.Parts = append(b.Parts, barPart{Class: p.class, X: x0, W: x1 - x0, Label: fmt.Sprintf("%s: %s", p.label, x.Number(p.n))})
	}
	return b
}
