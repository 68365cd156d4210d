package edit

import (
	"reflect"
	"strings"
	"testing"

	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/qa"
)

// TestReview runs the command line's review over the guide's entries: a
// candidate with a changed dose is refused without an override and
// approved with one, a missing entry named by ID is refused, and a
// rejection keeps the candidate as a suggestion.
func TestReview(t *testing.T) {
	f := newFixture(t, map[string]string{})
	rules := qa.RulesOf(f.cfg)
	_, e, w := f.doseCandidate(false)
	for _, tc := range []struct {
		name    string
		o       ReviewOptions
		entries []Entry
		want    ReviewReport
		refusal string
	}{
		{name: "refused", o: ReviewOptions{Reviewer: "ana"}, entries: []Entry{e},
			want: ReviewReport{Refused: 1}, refusal: "refused es " + e.ID + " (guide.md:3): [numbers]"},
		{name: "missing named", o: ReviewOptions{Reviewer: "ana", Explicit: true}, entries: []Entry{w},
			want: ReviewReport{Refused: 1}, refusal: "refused es " + w.ID + ": it is missing"},
		{name: "missing counted", o: ReviewOptions{Reviewer: "ana"}, entries: []Entry{w}, want: ReviewReport{Missing: 1}},
		{name: "translations only", o: ReviewOptions{Reviewer: "ana", TranslatedOnly: true}, entries: []Entry{e}},
		{name: "override", o: ReviewOptions{Reviewer: "ana", Override: "checked"}, entries: []Entry{e, w},
			want: ReviewReport{Approved: 1, Candidates: 1, Missing: 1, Changed: true}},
		{name: "reject", o: ReviewOptions{Reviewer: "ana", Reject: true, Comment: "too literal"}, entries: []Entry{e, w},
			want: ReviewReport{Rejected: 1, Changed: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := f.load()
			pl, rep := Review(p, rules, e.Loc, tc.entries, tc.o)
			refusals := rep.Refusals
			rep.Refusals = nil
			if !reflect.DeepEqual(rep, tc.want) {
				t.Errorf("report %+v, want %+v", rep, tc.want)
			}
			if tc.refusal != "" && (len(refusals) != 1 || !strings.HasPrefix(refusals[0], tc.refusal)) {
				t.Errorf("refusals %q, want one starting %q", refusals, tc.refusal)
			}
			if !rep.Changed && len(pl.Files)+len(pl.Remove)+len(pl.Then) > 0 {
				t.Errorf("a plan with nothing changed: %+v", pl)
			}
		})
	}
	// the override approves the candidate as it is, and says why
	p := f.load()
	pl, _ := Review(p, rules, e.Loc, []Entry{e}, ReviewOptions{Reviewer: "ana", Override: "checked"})
	f.apply(Change{Plan: pl})
	p = f.load()
	if st, text := Shown(p, e); st != project.Reviewed || text != "Tome 5 mg cada 8 horas." {
		t.Errorf("after the override: %s %q", st, text)
	}
	if !strings.Contains(f.read("workarea/es/reviews.toml"), `override = "checked"`) {
		t.Error("the override reason is not recorded")
	}
	// a rejection is kept with who rejected it and why
	f.write("workarea/es/docs/guide.toml", `[candidate."`+w.ID+`"]
hash = "`+w.Doc.Source.Messages[w.ID].Hash+`"
other = "Beba agua."
origin = "memory"
`)
	p = f.load()
	pl, _ = Review(p, rules, w.Loc, []Entry{w}, ReviewOptions{Reviewer: "ana", Reject: true, Comment: "too informal"})
	f.apply(Change{Plan: pl})
	if work := f.read("workarea/es/docs/guide.toml"); !strings.Contains(work, `rejected = "rejected by ana: too informal"`) {
		t.Errorf("work file:\n%s", work)
	}
}
