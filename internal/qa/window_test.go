package qa

import (
	"reflect"
	"testing"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/project/projecttest"
)

// TestCheckWindows checks that the findings of a project's windows, in
// order, are those of the whole project.
func TestCheckWindows(t *testing.T) {
	var want, got []Finding
	var rules *Rules
	projecttest.CompareWindows(t, 600, 200, func(full *project.Project) {
		rules = RulesOf(full.Config)
		want = Check(full, rules, language.Spanish, nil)
	}, func(w *project.Project) { got = append(got, Check(w, rules, language.Spanish, nil)...) })
	if len(want) == 0 || !reflect.DeepEqual(got, want) {
		t.Errorf("%d findings from windows, %d from the whole project", len(got), len(want))
	}
}
