// Package projecttest builds generated projects for the tests of the
// packages that read projects.
package projecttest

import (
	"testing"
	"testing/fstest"

	"github.com/healthloc/healthloc/internal/corpus"
	"github.com/healthloc/healthloc/internal/project"
)

// Windowed generates a project of docs documents in es and fr, deletes
// every 100th document (its catalogs stay, with no document), and loads
// it whole and lean, the lean one read window documents at a time.
func Windowed(t testing.TB, docs, window int) (full, lean *project.Project, fsys fstest.MapFS) {
	t.Helper()
	o := corpus.Options{Docs: docs, Locales: []string{"es", "fr"}, Seed: 3, Translated: 0.6, Stale: 0.1}
	fsys, cfg, err := corpus.Project(o)
	if err != nil {
		t.Fatal(err)
	}
	corpus.DropDocs(fsys, o, 100)
	if full, err = project.Load(fsys, cfg, ""); err != nil {
		t.Fatal(err)
	}
	if lean, err = project.LoadWith(fsys, cfg, project.LoadOptions{Lean: true, Window: window}); err != nil {
		t.Fatal(err)
	}
	return full, lean, fsys
}
