package render

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/readability"
)

// TestManifestReadability: by default the manifest's figures are those
// status --readability reports (the same published text); with
// --stale=use they are measured on the stale translations the bundle
// then publishes, and the JSON carries the fixed decimals.
func TestManifestReadability(t *testing.T) {
	p := loadFixture(t)
	assets := os.DirFS(filepath.Join("testdata", "project", "content"))
	for _, loc := range p.Config.Targets() {
		b, err := Render(p, loc, assets, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var docs []*project.Doc
		for _, d := range p.Docs {
			if !d.IsUI() {
				docs = append(docs, d)
			}
		}
		if len(b.Manifest.Readability) != len(docs) {
			t.Fatalf("%s: %d readability entries for %d documents", loc, len(b.Manifest.Readability), len(docs))
		}
		var r *readability.Rules
		for i, d := range docs {
			want := r.FiguresOf(readability.MeasureDoc(p, loc, d))
			got := b.Manifest.Readability[i]
			gj, _ := json.Marshal(got.Figures)
			wj, _ := json.Marshal(want)
			if got.Path != d.Path || string(gj) != string(wj) {
				t.Errorf("%s %s: manifest %s %s, status %s", loc, d.Path, got.Path, gj, wj)
			}
		}
		stale, err := Render(p, loc, assets, Options{UseStale: true})
		if err != nil {
			t.Fatal(err)
		}
		fellBack := 0
		for _, f := range b.Manifest.Fallbacks {
			if f.Reason == "stale" {
				fellBack++
			}
		}
		if fellBack > 0 && reflect.DeepEqual(stale.Manifest.Readability, b.Manifest.Readability) {
			t.Errorf("%s: --stale=use publishes %d stale translations but the readability figures did not change", loc, fellBack)
		}
	}
}
