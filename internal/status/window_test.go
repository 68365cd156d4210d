package status

import (
	"encoding/json"
	"testing"

	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/project/projecttest"
)

// TestComputeWindows checks that reports of a project's windows merge
// into the report of the whole project.
func TestComputeWindows(t *testing.T) {
	var want []byte
	var rep Report
	_, windows := projecttest.CompareWindows(t, 600, 200, func(full *project.Project) {
		want, _ = json.Marshal(Compute(full, nil, true))
	}, func(w *project.Project) { rep.Merge(Compute(w, nil, true)) })
	got, _ := json.Marshal(rep)
	if string(got) != string(want) {
		t.Errorf("merged windows:\n%.600s\nwhole project:\n%.600s", got, want)
	}
	if windows < 3 || rep.Locales[0].Obsolete == 0 {
		t.Errorf("%d windows, %d obsolete: the corpus does not test windows", windows, rep.Locales[0].Obsolete)
	}
}

// TestReadabilityWindows checks that readability measured a window at a
// time merges into the measure of the whole project, totals included.
func TestReadabilityWindows(t *testing.T) {
	full, lean, _ := projecttest.Windowed(t, 300, 100)
	locs := full.Config.Targets()
	whole := ComputeReadability(full, locs, nil)
	whole.Finish()
	want, _ := json.Marshal(whole)
	var rd Readability
	windows := projecttest.Windows(t, lean, func(w *project.Project) { rd.Merge(ComputeReadability(w, locs, nil)) })
	rd.Finish()
	got, _ := json.Marshal(rd)
	if string(got) != string(want) {
		t.Errorf("merged windows:\n%.600s\nwhole project:\n%.600s", got, want)
	}
	if windows < 2 || len(rd.Documents) != len(full.Docs)-1 || len(rd.Total.Translations) != len(locs) { // the page text is not measured
		t.Errorf("%d windows, %d documents of %d, %d totals: the corpus does not test windows", windows, len(rd.Documents), len(full.Docs), len(rd.Total.Translations))
	}
	if rd.Total.Source.Words == 0 || len(rd.Total.Source.Scores) == 0 {
		t.Errorf("source total measured nothing: %+v", rd.Total.Source)
	}
}
