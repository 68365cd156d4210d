package render

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/healthloc/healthloc/internal/config"
	"github.com/healthloc/healthloc/internal/corpus"
	"github.com/healthloc/healthloc/internal/plan"
	"github.com/healthloc/healthloc/internal/project"
)

// incrementalSizes are the corpus sizes of the incremental benchmarks:
// each needs a cold render first, so -short keeps it small.
func incrementalSizes() []int {
	if testing.Short() {
		return []int{200}
	}
	return corpus.BenchSizes()
}

// renderProject renders the project in dir into dir/dist with the index
// prev, as render does, and returns the index to keep.
func renderProject(tb testing.TB, dir string, prev *Index) (*Index, *Report) {
	tb.Helper()
	cfg, err := config.Load(dir)
	if err != nil {
		tb.Fatal(err)
	}
	p, err := project.LoadWith(os.DirFS(dir), cfg, project.LoadOptions{Lean: true})
	if err != nil {
		tb.Fatal(err)
	}
	job := Job{Targets: cfg.Targets(), Out: filepath.Join(dir, "dist"), Assets: os.DirFS(cfg.Abs(cfg.ContentRoot)),
		Key: "bench", Cache: true, Prev: prev}
	var st plan.Stager
	rep, err := Run(p, job, st.Add)
	if _, err := st.Settle(err); err != nil {
		tb.Fatal(err)
	}
	if err := rep.Index.Record(); err != nil {
		tb.Fatal(err)
	}
	return rep.Index, rep
}

// writeCorpus writes a generated project of n documents to a new folder.
func writeCorpus(tb testing.TB, n int) string {
	dir := tb.TempDir()
	o := corpus.Options{Docs: n, Locales: []string{"es", "fr"}, Seed: 1, Translated: 0.6, Stale: 0.1}
	err := corpus.Generate(o, func(name string, data []byte) error {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, data, 0o644)
	})
	if err != nil {
		tb.Fatal(err)
	}
	return dir
}

// BenchmarkRenderNoop renders a project whose inputs did not change
// since the last render: every page comes from the index.
func BenchmarkRenderNoop(b *testing.B) {
	for _, n := range incrementalSizes() {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			dir := writeCorpus(b, n)
			ix, _ := renderProject(b, dir, nil)
			b.ResetTimer()
			for b.Loop() {
				var rep *Report
				ix, rep = renderProject(b, dir, ix)
				if rep.Rendered != 0 {
					b.Fatalf("%d pages rendered, none changed", rep.Rendered)
				}
			}
		})
	}
}

// BenchmarkRenderOneEdit renders a project after one article changed:
// only its pages are rendered.
func BenchmarkRenderOneEdit(b *testing.B) {
	for _, n := range incrementalSizes() {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			dir := writeCorpus(b, n)
			ix, _ := renderProject(b, dir, nil)
			name := filepath.Join(dir, "content", filepath.FromSlash(corpus.Slug(n/2))+".md")
			src, err := os.ReadFile(name)
			if err != nil {
				b.Fatal(err)
			}
			i := 0
			b.ResetTimer()
			for b.Loop() {
				i++
				b.StopTimer()
				edited := append(bytes.Clone(src), fmt.Sprintf("\nEdit number %d.\n", i)...)
				if err := os.WriteFile(name, edited, 0o644); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				var rep *Report
				ix, rep = renderProject(b, dir, ix)
				if rep.Rendered == 0 || rep.Rendered > 3 {
					b.Fatalf("%d pages rendered after one edit", rep.Rendered)
				}
			}
		})
	}
}
