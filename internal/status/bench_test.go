package status

import (
	"fmt"
	"testing"

	"github.com/healthloc/healthloc/internal/corpus"
	"github.com/healthloc/healthloc/internal/project/projecttest"
)

// BenchmarkStatus computes coverage of every locale and document of a
// loaded project.
func BenchmarkStatus(b *testing.B) {
	for _, n := range corpus.BenchSizes() {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			p, _, size := projecttest.Bench(b, n)
			b.SetBytes(size)
			b.ReportAllocs()
			for b.Loop() {
				Compute(p, nil, true)
			}
		})
	}
}
