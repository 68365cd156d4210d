package exchange

import (
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/workarea"
)

// candidateProject is the test project with a candidate for "Dose",
// "Dosis", waiting for review.
func candidateProject(t *testing.T) (*project.Project, string) {
	t.Helper()
	p := testProject(t, nil)
	id := ids(p)["Dose"]
	st := p.WorkflowState(language.Make("es"))
	st.Candidates[id] = workarea.Candidate{Slug: "guide", Hash: p.Docs[0].Source.Messages[id].Hash, Other: "Dosis", Origin: "align: es/guide.md"}
	return p, id
}

func TestImportReviewedCandidates(t *testing.T) {
	tests := []struct {
		name     string
		unit     Unit
		reviewer string
		refuse   string // what Approve says
		want     Outcome
		reason   string
		planned  string // a file the plan writes, "" for none
	}{
		{"kept, signed", Unit{Target: "Dosis"}, "Dr. Ruiz", "", Approved, "", "locales/es/guide.es.toml"},
		{"edited, signed", Unit{Target: "Dosis diaria"}, "Dr. Ruiz", "", Approved, "approved as the reviewer edited it", "workarea/es/reviews.toml"},
		{"kept, a check error", Unit{Target: "Dosis"}, "Dr. Ruiz", "[units] unit changed", Refused, "[units] unit changed", ""},
		{"still marked", Unit{Target: "Dosis", Fuzzy: true}, "Dr. Ruiz", "", Unchanged, "", ""},
		{"emptied, signed", Unit{Target: ""}, "Dr. Ruiz", "", Rejected, "emptied by the reviewer; kept as a suggestion", "workarea/es/docs/guide.toml"},
		{"kept, unsigned", Unit{Target: "Dosis"}, "", "", Skipped, ReasonNeedsReviewer, ""},
		{"emptied, unsigned", Unit{Target: ""}, "", "", Skipped, ReasonEmpty, ""},
		// a translator's own text is a translation like any other, and
		// the candidate it replaces goes
		{"edited, unsigned", Unit{Target: "Dosis nueva"}, "", "", Imported, "", "locales/es/guide.es.toml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, id := candidateProject(t)
			u := tt.unit
			u.ID, u.Source = id, "Dose"
			f := &File{Path: "es.po", Locale: "es", Reviewer: tt.reviewer, Docs: []Doc{{Units: []Unit{u}}}}
			approve := func(language.Tag, *project.Doc, string, string) string { return tt.refuse }
			pl, rep, err := Import(p, []*File{f}, ImportOptions{Approve: approve})
			if err != nil {
				t.Fatal(err)
			}
			got := Entry{Outcome: Imported}
			if len(rep.Entries) > 0 {
				got = rep.Entries[0]
			} else if rep.Unchanged == 1 {
				got = Entry{Outcome: Unchanged}
			} else if rep.Approved == 1 {
				got = Entry{Outcome: Approved}
			}
			if got.Outcome != tt.want || got.Reason != tt.reason && got.Detail != tt.reason {
				t.Fatalf("outcome %s %q, want %s %q (report %+v)", got.Outcome, got.Why(), tt.want, tt.reason, rep)
			}
			var names []string
			for _, pf := range pl.Files {
				names = append(names, pf.Path)
			}
			if tt.planned == "" && len(names) > 0 || tt.planned != "" && !strings.Contains(strings.Join(names, " "), tt.planned) {
				t.Errorf("plan writes %v, want %q", names, tt.planned)
			}
		})
	}
}

// The reviewer's name comes from the file, unless ImportOptions names
// one; either way it is recorded with the approval.
func TestImportReviewerFromOptions(t *testing.T) {
	p, id := candidateProject(t)
	f := &File{Path: "es.po", Locale: "es", Reviewer: "In the file", Docs: []Doc{{Units: []Unit{{ID: id, Source: "Dose", Target: "Dosis"}}}}}
	pl, rep, err := Import(p, []*File{f}, ImportOptions{Reviewer: "Dr. Flag"})
	if err != nil || rep.Approved != 1 {
		t.Fatalf("err %v, report %+v", err, rep)
	}
	for _, pf := range pl.Files {
		if pf.Path == "workarea/es/reviews.toml" && !strings.Contains(string(pf.Data), `reviewer = "Dr. Flag"`) {
			t.Errorf("reviews.toml:\n%s", pf.Data)
		}
	}
}

func TestExportCandidates(t *testing.T) {
	p, id := candidateProject(t)
	only, ok := ParseOnly([]string{"review"})
	if !ok {
		t.Fatal("--only review is not understood")
	}
	f := Export(p, language.Make("es"), only, false)
	units := f.Units()
	if len(units) != 1 || units[0].ID != id || units[0].State != project.Candidate || units[0].Target != "Dosis" || units[0].Origin != "align: es/guide.md" {
		t.Fatalf("units %+v", units)
	}
	if !f.HasCandidates() || !strings.Contains(units[0].NeedsReview(), "(align: es/guide.md)") {
		t.Errorf("a candidate's file and note: %v %q", f.HasCandidates(), units[0].NeedsReview())
	}
	all, _ := ParseOnly([]string{"all"})
	n := 0
	for _, u := range Export(p, language.Make("es"), all, false).Units() {
		if !strings.HasPrefix(u.ID, project.UISlug+".") { // healthloc's page text comes too
			n++
		}
	}
	if n != 6 {
		t.Errorf("--only all exports %d units of the content, want all 6 messages, the candidate too", n)
	}
	// rejected, it is a suggestion on the missing message
	c := p.Workflow["es"].Candidates[id]
	c.Rejected = "rejected by Dr. Ruiz: too vague"
	p.Workflow["es"].Candidates[id] = c
	missing, _ := ParseOnly([]string{"missing"})
	for _, u := range Export(p, language.Make("es"), missing, false).Units() {
		if u.ID == id && (u.Suggestion != "Dosis" || u.Rejected != c.Rejected || u.Target != "") {
			t.Errorf("rejected candidate: %+v", u)
		}
	}
}
