package render

import (
	"testing"
	"testing/fstest"

	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/project/projecttest"
)

// BenchmarkRender renders the bundles of both locales of a loaded
// project, without writing.
func BenchmarkRender(b *testing.B) {
	projecttest.Bench(b, func(b *testing.B, p *project.Project, fsys fstest.MapFS, size int64) {
		targets := p.Config.Targets()
		b.SetBytes(size * int64(len(targets)))
		b.ReportAllocs()
		for b.Loop() {
			for _, loc := range targets {
				if _, err := Render(p, loc, fsys, Options{Locales: targets}); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
