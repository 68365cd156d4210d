package projecttest

import (
	"testing"
	"testing/fstest"

	"github.com/healthloc/healthloc/internal/project"
)

// BenchLoop is Bench with the timed loop written once. setup prepares
// what the benchmark needs, untimed, and returns the operation to time
// and how many times one operation reads the content (for SetBytes).
func BenchLoop(b *testing.B, setup func(b *testing.B, p *project.Project, fsys fstest.MapFS) (op func(), reads int)) {
	Bench(b, func(b *testing.B, p *project.Project, fsys fstest.MapFS, size int64) {
		op, reads := setup(b, p, fsys)
		b.SetBytes(size * int64(reads))
		b.ReportAllocs()
		for b.Loop() {
			op()
		}
	})
}
