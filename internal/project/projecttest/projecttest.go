// Package projecttest builds projects for the tests of the packages that
// read projects: from a few files in memory, from a folder, or generated.
package projecttest

import (
	"fmt"
	"os"
	"testing"
	"testing/fstest"

	"github.com/healthloc/healthloc/internal/config"
	"github.com/healthloc/healthloc/internal/corpus"
	"github.com/healthloc/healthloc/internal/project"
)

// Load loads the project of files with conf as its healthloc.toml.
func Load(t testing.TB, conf string, files fstest.MapFS) *project.Project {
	t.Helper()
	cfg, err := config.Parse("healthloc.toml", []byte(conf))
	if err != nil {
		t.Fatal(err)
	}
	p, err := project.Load(files, cfg, "")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// LoadDir loads the project in the folder dir.
func LoadDir(t testing.TB, dir string) *project.Project {
	t.Helper()
	cfg, err := config.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	p, err := project.Load(os.DirFS(dir), cfg, "")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Bench runs f as a sub-benchmark "docs=N" for each of corpus.BenchSizes,
// with a generated project of N documents in es and fr, loaded, its
// files and the size of its content.
func Bench(b *testing.B, f func(b *testing.B, p *project.Project, fsys fstest.MapFS, size int64)) {
	for _, n := range corpus.BenchSizes() {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			o := corpus.Options{Docs: n, Locales: []string{"es", "fr"}, Seed: 1, Translated: 0.6, Stale: 0.1}
			fsys, size, err := corpus.MapFS(o)
			if err != nil {
				b.Fatal(err)
			}
			cfg, err := config.Parse("healthloc.toml", []byte(corpus.Config(o.Locales)))
			if err != nil {
				b.Fatal(err)
			}
			p, err := project.Load(fsys, cfg, "")
			if err != nil {
				b.Fatal(err)
			}
			f(b, p, fsys, size)
		})
	}
}

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

// Windows calls f with each window of the lean project, failing t on an
// error, and returns how many there were.
func Windows(t testing.TB, lean *project.Project, f func(w *project.Project)) int {
	t.Helper()
	n := 0
	err := lean.Windows(func(w *project.Project) error {
		n++
		f(w)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// CompareWindows loads Windowed(t, docs, window), calls whole with the
// full project and then part with each window of the lean one, and
// returns the full project and how many windows there were: the harness
// of the tests that check a window-at-a-time result against the whole.
func CompareWindows(t testing.TB, docs, window int, whole, part func(p *project.Project)) (*project.Project, int) {
	t.Helper()
	full, lean, _ := Windowed(t, docs, window)
	whole(full)
	return full, Windows(t, lean, part)
}
