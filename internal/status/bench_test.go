package status

import (
	"testing"
	"testing/fstest"

	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/project/projecttest"
)

// BenchmarkStatus computes coverage of every locale and document of a
// loaded project.
func BenchmarkStatus(b *testing.B) {
	projecttest.Bench(b, func(b *testing.B, p *project.Project, _ fstest.MapFS, size int64) {
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			Compute(p, nil, true)
		}
	})
}
