package render

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/healthloc/healthloc/internal/golden"
	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/project/projecttest"
)

func loadFixture(t *testing.T) *project.Project {
	t.Helper()
	return projecttest.LoadDir(t, filepath.Join("testdata", "project"))
}

// TestGolden renders every locale of the fixture project and compares each
// bundle file with testdata/golden/<locale>/.
func TestGolden(t *testing.T) {
	p := loadFixture(t)
	assets := os.DirFS(filepath.Join("testdata", "project", "content"))
	for _, loc := range p.Config.Targets() {
		b, err := Render(p, loc, assets, Options{})
		if err != nil {
			t.Fatalf("%s: %v", loc, err)
		}
		again, err := Render(p, loc, assets, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(b.Files) != len(again.Files) {
			t.Fatalf("%s: %d files, then %d", loc, len(b.Files), len(again.Files))
		}
		for i, f := range b.Files {
			if !bytes.Equal(f.Data, again.Files[i].Data) {
				t.Errorf("%s/%s: two renders differ", loc, f.Path)
			}
			golden.Check(t, filepath.Join("testdata", "golden", loc.String(), filepath.FromSlash(f.Path)), f.Data)
		}
	}
}

// TestIdentityRender renders the source locale, where every translation
// is the source text: each localized file must be its source byte for byte.
func TestIdentityRender(t *testing.T) {
	p := loadFixture(t)
	content := filepath.Join("testdata", "project", "content")
	b, err := Render(p, p.Config.Source(), os.DirFS(content), Options{})
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range b.Files {
		files[f.Path] = f.Data
	}
	for _, d := range p.Docs {
		if d.IsUI() {
			continue
		}
		src, err := os.ReadFile(filepath.Join(content, filepath.FromSlash(d.Path)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(files[d.Path], src) {
			t.Errorf("%s: rendering the source locale changed bytes", d.Path)
		}
	}
}
