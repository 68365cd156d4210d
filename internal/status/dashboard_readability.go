package status

import (
	_ "embed"
	"fmt"
	"html/template"
	"math"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/locale"
	"github.com/healthloc/healthloc/internal/readability"
	"github.com/healthloc/healthloc/internal/ui"
)

//go:embed dashboard_readability.tmpl
var readabilityText string

// The readability section's templates ("readability", and
// "readability-css" for the page's style sheet) join the dashboard's.
var _ = template.Must(dashboardTemplate.Parse(readabilityText))

// readChart is one document's readability chart and its table: the
// source first, then every target locale.
type readChart struct {
	ID    string
	Title string
	// Path is set for a document; the totals chart has none.
	Path string
	Rows []readRow
}

// readRow is one locale's bars and figures. Values (data value="…")
// are the figures as status --readability --format json gives them;
// the visible text is formatted for the page's language.
type readRow struct {
	Name, Lang, Dir string
	Source          bool
	Mirror          bool

	HasEase                   bool
	EaseName, Ease, EaseValue string
	EaseBar                   int
	EaseLabel                 string
	Per, Length, LengthValue  string
	LengthBar, LimitX         int
	Limit, LengthLabel        string
	Formulas                  []readFormula
	Sentences, WordLength     string
	Long, Fallback            string
}

// readFormula is one formula's value in the table.
type readFormula struct{ ID, Name, Value, Text string }

// readBarWidth is the width of a readability bar in SVG user units.
const readBarWidth = 1000

// readabilityCharts builds the readability section: a chart for all the
// documents together, then one per document. It is empty when the report
// was computed without readability.
func readabilityCharts(x *ui.Text, rep Report, mirror bool) []readChart {
	rd := rep.Readability
	if rd == nil {
		return nil
	}
	out := []readChart{{ID: "readability-total", Title: x.T("Totals"), Rows: readRows(x, rd.Total, mirror)}}
	for i, d := range rd.Documents {
		out = append(out, readChart{ID: fmt.Sprintf("readability-%d", i+1), Path: d.Path, Rows: readRows(x, d, mirror)})
	}
	return out
}

func readRows(x *ui.Text, d ReadabilityDoc, mirror bool) []readRow {
	rows := []readRow{readRowOf(x, d.Source, true, mirror)}
	for _, f := range d.Translations {
		rows = append(rows, readRowOf(x, f, false, mirror))
	}
	return rows
}

func readRowOf(x *ui.Text, f readability.Figures, source, mirror bool) readRow {
	tag, _ := language.Parse(f.Locale)
	r := readRow{Name: locale.Name(tag), Lang: f.Locale, Dir: locale.Direction(tag), Source: source, Mirror: mirror}
	who := r.Name
	if source {
		who += " (" + x.T("SourceTag") + ")"
	}
	if e, ok := f.Ease(); ok {
		r.HasEase = true
		r.EaseName, r.EaseValue, r.Ease = e.Name, e.Value.String(), x.Decimal(float64(e.Value))
		r.EaseBar = barUnits(float64(e.Value) / 100)
		r.EaseLabel = fmt.Sprintf("%s: %s %s", who, e.Name, r.Ease)
	}
	r.Per = x.T("WordsPerSentence")
	if f.Units == "characters" {
		r.Per = x.T("CharactersPerSentence")
	}
	r.LengthValue, r.Length = f.SentenceLength.String(), x.Decimal(float64(f.SentenceLength))
	r.Limit = x.Number(f.SentenceLimit)
	if f.SentenceLimit > 0 {
		r.LengthBar = barUnits(float64(f.SentenceLength) / float64(2*f.SentenceLimit))
		r.LimitX = readBarWidth / 2
	}
	r.LengthLabel = fmt.Sprintf("%s: %s %s, %s %s", who, r.Length, r.Per, x.T("Limit"), r.Limit)
	for _, s := range f.Scores {
		r.Formulas = append(r.Formulas, readFormula{ID: s.ID, Name: s.Name, Value: s.Value.String(), Text: x.Decimal(float64(s.Value))})
	}
	r.Sentences, r.Long, r.Fallback = x.Number(f.Sentences), x.Number(f.LongSentences), x.Number(f.FallbackWords)
	r.WordLength = "–"
	if f.WordLength != nil {
		r.WordLength = x.Decimal(float64(*f.WordLength))
	}
	return r
}

// barUnits turns a share (clamped to 0–1) into whole bar units, so that
// the page is the same bytes every time.
func barUnits(share float64) int {
	return int(math.Round(min(max(share, 0), 1) * readBarWidth))
}
