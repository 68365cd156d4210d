package render

import (
	"bytes"
	"testing"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/plan"
	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/project/projecttest"
)

// TestBundlerWindows checks that a bundle built a window at a time holds
// the files of one rendered from the whole project, byte for byte,
// manifest and index included.
func TestBundlerWindows(t *testing.T) {
	full, lean, fsys := projecttest.Windowed(t, 600, 200)
	es := language.Spanish
	opts := Options{Locales: []language.Tag{es, language.French}}
	want, err := Render(full, es, fsys, opts)
	if err != nil {
		t.Fatal(err)
	}
	bd, err := NewBundler(lean, es, opts)
	if err != nil {
		t.Fatal(err)
	}
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
	// the words render --min-coverage counts, window by window, before
	// rendering are those of the rendered bundle
	var words WordCount
	err = lean.Windows(func(w *project.Project) error {
		words.Add(w, es, opts)
		return nil
	})
	var whole WordCount
	whole.Add(full, es, opts)
	if err != nil || words.Percent() != want.Coverage() || whole.Percent() != want.Coverage() {
		t.Errorf("coverage counted by window %v (%v), whole %v, rendered %v", words.Percent(), err, whole.Percent(), want.Coverage())
	}
}
