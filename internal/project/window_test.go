package project

import (
	"reflect"
	"testing"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/corpus"
)

// TestWindowsCoverProject checks that the windows of a lean project hold
// every document once, in path order, as a full load parses it, and every
// catalog once, including those whose document is gone.
func TestWindowsCoverProject(t *testing.T) {
	o := corpus.Options{Docs: 610, Locales: []string{"es", "fr"}, Seed: 3, Translated: 0.6, Stale: 0.1}
	fsys, cfg, _ := corpusFS(t, o)
	corpus.DropDocs(fsys, o, 100)
	full, err := Load(fsys, cfg, "")
	if err != nil {
		t.Fatal(err)
	}
	lean, err := LoadWith(fsys, cfg, LoadOptions{Lean: true, Window: 200})
	if err != nil {
		t.Fatal(err)
	}
	var docs []*Doc
	cats := map[string]map[string]*catalog.Catalog{}
	windows, orphans := 0, 0
	err = lean.Windows(func(w *Project) error {
		windows++
		if len(w.Docs) == 0 {
			orphans++
		}
		docs = append(docs, w.Docs...)
		for loc, byslug := range w.Catalogs {
			if cats[loc] == nil {
				cats[loc] = map[string]*catalog.Catalog{}
			}
			for slug, c := range byslug {
				if cats[loc][slug] != nil {
					t.Errorf("%s/%s in two windows", loc, slug)
				}
				cats[loc][slug] = c
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if windows != 5 || orphans != 1 {
		t.Errorf("%d windows, %d of them for catalogs without a document; want 5 and 1", windows, orphans)
	}
	if len(docs) != len(full.Docs) {
		t.Fatalf("windows hold %d documents, the project %d", len(docs), len(full.Docs))
	}
	for i, d := range docs {
		if d.Path != full.Docs[i].Path || !reflect.DeepEqual(d.Source, full.Docs[i].Source) {
			t.Fatalf("document %d: window has %s, project %s", i, d.Path, full.Docs[i].Path)
		}
	}
	if !reflect.DeepEqual(cats, full.Catalogs) {
		t.Errorf("the windows' catalogs are not the project's")
	}
	if !reflect.DeepEqual(lean.Workflow, full.Workflow) {
		t.Errorf("sidecars differ")
	}
}
