package qa

import (
	"testing"
	"testing/fstest"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/project/projecttest"
)

// BenchmarkCheck runs every check on every translation of both locales
// of a loaded project.
func BenchmarkCheck(b *testing.B) {
	projecttest.BenchLoop(b, func(_ *testing.B, p *project.Project, _ fstest.MapFS) (func(), int) {
		rules := RulesOf(p.Config)
		return func() {
			for _, loc := range p.Config.Targets() {
				Check(p, rules, loc, nil)
			}
		}, len(p.Config.Targets())
	})
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
