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
	full, lean, _ := projecttest.Windowed(t, 600, 200)
	want, _ := json.Marshal(Compute(full, nil, true))
	var rep Report
	windows := projecttest.Windows(t, lean, func(w *project.Project) { rep.Merge(Compute(w, nil, true)) })
	got, _ := json.Marshal(rep)
	if string(got) != string(want) {
		t.Errorf("merged windows:\n%.600s\nwhole project:\n%.600s", got, want)
	}
	if windows < 3 || rep.Locales[0].Obsolete == 0 {
		t.Errorf("%d windows, %d obsolete: the corpus does not test windows", windows, rep.Locales[0].Obsolete)
	}
}
