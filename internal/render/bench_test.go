package render

import (
	"fmt"
	"testing"

	"github.com/healthloc/healthloc/internal/corpus"
	"github.com/healthloc/healthloc/internal/project/projecttest"
)

// BenchmarkRender renders the bundles of both locales of a loaded
// project, without writing.
func BenchmarkRender(b *testing.B) {
	for _, n := range corpus.BenchSizes() {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			p, fsys, size := projecttest.Bench(b, n)
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
}
