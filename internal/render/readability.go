package render

import (
	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/pseudo"
	"github.com/healthloc/healthloc/internal/readability"
)

// DocReadability is how easy one page of the bundle is to read: the
// figures of status --readability, measured on exactly the text the
// bundle publishes (its fallbacks, --stale and --require-reviewed
// included).
type DocReadability struct {
	Path string `json:"path"`
	readability.Figures
}

// readabilityOf measures document d as rendered in loc, from its
// resolved segments; nil for a pseudo-locale, whose text is no language.
func readabilityOf(p *project.Project, loc language.Tag, d *project.Doc, res []project.Resolution, rules *readability.Rules) []DocReadability {
	if pseudo.Is(loc) {
		return nil
	}
	m := readability.MeasureResolved(p, loc, d, func(i int) (language.Tag, string) { return res[i].From, res[i].Text })
	return []DocReadability{{Path: d.Path, Figures: rules.FiguresOf(m)}}
}
