package qa

import (
	"fmt"
	"testing"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/config"
	"github.com/healthloc/healthloc/internal/corpus"
	"github.com/healthloc/healthloc/internal/project"
)

// BenchmarkCheck runs every check on every translation of both locales
// of a loaded project.
func BenchmarkCheck(b *testing.B) {
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
			rules := RulesOf(cfg)
			b.SetBytes(size * int64(len(cfg.Targets())))
			b.ReportAllocs()
			for b.Loop() {
				for _, loc := range cfg.Targets() {
					Check(p, rules, loc, nil)
				}
			}
		})
	}
}

// BenchmarkErrors runs the error-level checks on every pair of the
// corpora, as extract will on each translation; ns/op is per pair.
func BenchmarkErrors(b *testing.B) {
	var prs []Pair
	for _, f := range []string{"testdata/base.txt", "testdata/heldout.txt", "testdata/world.txt"} {
		for _, p := range withDefects(readBlocksB(b, f, "p")) {
			prs = append(prs, Pair{Source: p.source, Translation: p.translation, From: language.English, To: language.MustParse(p.locale), Markdown: true})
		}
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		Errors(prs[i%len(prs)], nil)
		i++
	}
}
