package qa

import (
	"fmt"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/config"
)

// Counts are a check run's findings by what they mean for its gate.
type Counts struct {
	Errors, Warnings, Accepted int
}

// CountOf counts findings: an accepted one is neither an error nor a
// warning.
func CountOf(findings []Finding) Counts {
	var c Counts
	for _, f := range findings {
		switch {
		case f.Accepted != nil:
			c.Accepted++
		case f.Severity == Error:
			c.Errors++
		default:
			c.Warnings++
		}
	}
	return c
}

// Fails reports whether the counts fail a gate on findings of severity
// failOn or worse.
func (c Counts) Fails(failOn Severity) bool {
	return c.Errors > 0 || (failOn == Warning && c.Warnings > 0)
}

// RunNotes are what a check of locs says once per locale and run: what
// the checks cannot read (in the source too), and the checks switched
// off in the configuration.
func RunNotes(cfg *config.Config, locs []language.Tag) []string {
	notes := []string{}
	for _, loc := range append([]language.Tag{cfg.Source()}, locs...) {
		notes = append(notes, LocaleNotes(loc)...)
		for _, name := range config.CheckNames {
			if why := cfg.CheckOff(loc.String(), name); why != "" && loc != cfg.Source() {
				notes = append(notes, fmt.Sprintf("the %s check is off for %s: %s", name, loc, why))
			}
		}
	}
	return notes
}

// Add adds o to c.
func (c *Counts) Add(o Counts) {
	c.Errors += o.Errors
	c.Warnings += o.Warnings
	c.Accepted += o.Accepted
}
