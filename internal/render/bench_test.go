package render

import (
	"fmt"
	"testing"

	"github.com/healthloc/healthloc/internal/config"
	"github.com/healthloc/healthloc/internal/corpus"
	"github.com/healthloc/healthloc/internal/project"
)

// BenchmarkRender renders the bundles of both locales of a loaded
// project, without writing.
func BenchmarkRender(b *testing.B) {
	for _, n := range corpus.BenchSizes() {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			o := corpus.Options{Docs: n, Locales: []string{"es", "fr"}, Seed: 1, Translated: 0.6, Stale: 0.1}
			fsys, size, err := corpus.MapFS(o)
			if err != nil {
				b.Fatal(err)
			}
			cfg, _ := config.Parse("healthloc.toml", []byte(corpus.Config(o.Locales)))
			p, err := project.Load(fsys, cfg, "")
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(size * int64(len(cfg.Targets())))
			b.ReportAllocs()
			for b.Loop() {
				for _, loc := range cfg.Targets() {
					if _, err := Render(p, loc, fsys, Options{Locales: cfg.Targets()}); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
