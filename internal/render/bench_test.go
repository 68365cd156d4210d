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
	projecttest.BenchLoop(b, func(b *testing.B, p *project.Project, fsys fstest.MapFS) (func(), int) {
		targets := p.Config.Targets()
		return func() {
			for _, loc := range targets {
				if _, err := Render(p, loc, fsys, Options{Locales: targets}); err != nil {
					b.Fatal(err)
				}
			}
		}, len(targets)
	})
}
