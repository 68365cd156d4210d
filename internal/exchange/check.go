package exchange

import (
	"maps"
	"slices"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/qa"
)

// firstFindings is how many findings a summary holds in full.
const firstFindings = 5

// CheckSummary is what the translation checks found in an import: the
// findings per check and the first few in full.
type CheckSummary struct {
	Checked  int            `json:"checked"`
	Errors   int            `json:"errors"`
	Warnings int            `json:"warnings"`
	ByCheck  map[string]int `json:"by_check"`
	First    []qa.Finding   `json:"first"`
}

// imported is a translation an import wrote, to be checked against the
// source it was made from.
type imported struct {
	loc  language.Tag
	t    target
	text string
	prev string // the file's source when it is not the current one
}

// checks runs the checks on every imported translation, in input order.
func (im *importer) checks() *CheckSummary {
	sum := &CheckSummary{ByCheck: map[string]int{}, First: []qa.Finding{}}
	rules := qa.RulesOf(im.p.Config)
	for _, c := range im.checked {
		pr := qa.SegmentPair(im.p, c.loc, c.t.doc, c.t.seg, c.text)
		if c.prev != "" {
			pr.Source = c.prev
		}
		sum.Checked++
		for _, is := range qa.CheckPair(pr, rules) {
			if is.Severity == qa.Error {
				sum.Errors++
			} else {
				sum.Warnings++
			}
			sum.ByCheck[is.Check]++
			if len(sum.First) < firstFindings {
				seg := c.t.doc.Segments[c.t.seg]
				sum.First = append(sum.First, qa.Finding{
					Locale: c.loc.String(), Document: c.t.doc.Path, ID: c.t.doc.IDs[c.t.seg], Line: seg.Line, Issue: is,
					Source: qa.Mark(pr.Source, is.SourceSpans), Translation: qa.Mark(pr.Translation, is.TranslationSpans),
				})
			}
		}
	}
	return sum
}

// SortedChecks lists the checks of a summary by name.
func (s *CheckSummary) SortedChecks() []string { return slices.Sorted(maps.Keys(s.ByCheck)) }
