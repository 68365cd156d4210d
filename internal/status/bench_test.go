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
	projecttest.BenchLoop(b, func(_ *testing.B, p *project.Project, _ fstest.MapFS) (func(), int) {
		return func() { Compute(p, nil, true) }, 1
	})
}
