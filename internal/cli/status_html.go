package cli

import (
	"fmt"
	"io"

	"github.com/healthloc/healthloc/internal/locale"
	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/status"
)

// writeStatusHTML writes the dashboard in the --report-locale language,
// the source locale by default.
func writeStatusHTML(w io.Writer, p *project.Project, stale []status.StaleSegment, rep status.Report, reportLocale string) error {
	tag := p.Config.Source()
	if reportLocale != "" {
		t, err := locale.Parse(reportLocale)
		if err != nil {
			return usageError(fmt.Errorf("--report-locale: %w", err))
		}
		tag = t
	}
	return status.WriteDashboard(w, rep, stale, tag)
}
