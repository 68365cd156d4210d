package render

import (
	"bytes"
	"testing"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/corpus"
	"github.com/healthloc/healthloc/internal/plan"
	"github.com/healthloc/healthloc/internal/project"
)

// TestBundlerWindows checks that a bundle built a window at a time holds
// the files of one rendered from the whole project, byte for byte,
// manifest and index included.
func TestBundlerWindows(t *testing.T) {
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
	es := language.Spanish
	opts := Options{Locales: []language.Tag{es, language.French}}
	want, err := Render(full, es, fsys, opts)
	if err != nil {
		t.Fatal(err)
	}
	bd := NewBundler(lean, es, opts)
	got := map[string][]byte{}
	add := func(files []plan.File) {
		for _, f := range files {
			if got[f.Path] != nil {
				t.Errorf("%s twice", f.Path)
			}
			got[f.Path] = f.Data
		}
	}
	err = lean.Windows(func(w *project.Project) error {
		files, err := bd.Add(w)
		add(files)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	files, err := bd.Finish(lean.Assets, fsys)
	if err != nil {
		t.Fatal(err)
	}
	add(files)
	if len(got) != len(want.Files) {
		t.Errorf("%d files from windows, %d from the whole project", len(got), len(want.Files))
	}
	for _, f := range want.Files {
		if !bytes.Equal(got[f.Path], f.Data) {
			t.Errorf("%s differs", f.Path)
		}
	}
	if bd.Coverage() != want.Coverage() || Coverage(full, es, opts) != want.Coverage() {
		t.Errorf("coverage %v, %v, want %v", bd.Coverage(), Coverage(full, es, opts), want.Coverage())
	}
}
