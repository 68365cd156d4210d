package qa

import (
	"slices"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/project"
)

// CheckText checks text as loc's translation of message id of d,
// whatever loc's catalog holds: a candidate waiting for review, or the
// text a reviewer edited in a hand-off file. CheckMessage checks only a
// current translation.
func CheckText(p *project.Project, rules *Rules, loc language.Tag, d *project.Doc, id, text string) []Finding {
	i := slices.Index(d.IDs, id)
	if i < 0 || text == "" {
		return nil
	}
	seg := d.Segments[i]
	src := d.Source.Messages[id]
	var out []Finding
	pr := SegmentPair(p, loc, d, i, text)
	for _, is := range memoIssues(p, "pair", pr, func() []Issue { return CheckPair(pr, rules) }) {
		if rules.off(loc, is.Check) != "" {
			continue
		}
		out = append(out, Finding{
			Locale: loc.String(), Document: d.Path, ID: id, Line: seg.Line, Issue: is,
			Source: Mark(src.Other, is.SourceSpans), Translation: Mark(text, is.TranslationSpans),
			Accepted: accepted(p, loc, id, src.Hash, text, is.Check),
		})
	}
	return out
}
