package qa

import (
	"reflect"
	"testing"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/corpus"
	"github.com/healthloc/healthloc/internal/project"
)

// TestCheckWindows checks that the findings of a project's windows, in
// order, are those of the whole project.
func TestCheckWindows(t *testing.T) {
	o := corpus.Options{Docs: 600, Locales: []string{"es", "fr"}, Seed: 3, Translated: 0.6, Stale: 0.1}
	fsys, cfg, err := corpus.Project(o)
	if err != nil {
		t.Fatal(err)
	}
	full, err := project.Load(fsys, cfg, "")
	if err != nil {
		t.Fatal(err)
	}
	lean, err := project.LoadWith(fsys, cfg, project.LoadOptions{Lean: true, Window: 200})
	if err != nil {
		t.Fatal(err)
	}
	rules := RulesOf(cfg)
	want := Check(full, rules, language.Spanish, nil)
	var got []Finding
	err = lean.Windows(func(w *project.Project) error {
		got = append(got, Check(w, rules, language.Spanish, nil)...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(want) == 0 || !reflect.DeepEqual(got, want) {
		t.Errorf("%d findings from windows, %d from the whole project", len(got), len(want))
	}
}
