package status

import (
	"encoding/json"
	"testing"

	"github.com/healthloc/healthloc/internal/corpus"
	"github.com/healthloc/healthloc/internal/project"
)

// TestComputeWindows checks that reports of a project's windows merge
// into the report of the whole project.
func TestComputeWindows(t *testing.T) {
	o := corpus.Options{Docs: 600, Locales: []string{"es", "fr"}, Seed: 3, Translated: 0.6, Stale: 0.1}
	fsys, cfg, err := corpus.Project(o)
	if err != nil {
		t.Fatal(err)
	}
	corpus.DropDocs(fsys, o, 100)
	full, err := project.Load(fsys, cfg, "")
	if err != nil {
		t.Fatal(err)
	}
	lean, err := project.LoadWith(fsys, cfg, project.LoadOptions{Lean: true, Window: 200})
	if err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(Compute(full, nil, true))
	var rep Report
	windows := 0
	err = lean.Windows(func(w *project.Project) error {
		windows++
		rep.Merge(Compute(w, nil, true))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := json.Marshal(rep)
	if string(got) != string(want) {
		t.Errorf("merged windows:\n%.600s\nwhole project:\n%.600s", got, want)
	}
	if windows < 3 || rep.Locales[0].Obsolete == 0 {
		t.Errorf("%d windows, %d obsolete: the corpus does not test windows", windows, rep.Locales[0].Obsolete)
	}
}
