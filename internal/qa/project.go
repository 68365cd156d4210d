package qa

import (
	"golang.org/x/text/language"
	"slices"

	"github.com/healthloc/healthloc/internal/config"
	"github.com/healthloc/healthloc/internal/content"
	"github.com/healthloc/healthloc/internal/project"
)

// Finding is an issue in one message of one locale.
type Finding struct {
	Locale   string `json:"locale"`
	Document string `json:"document"`
	ID       string `json:"id"`
	Line     int    `json:"line"`
	Issue
	// Source and Translation are the texts with the offending parts
	// marked ⟦ ⟧.
	Source      string `json:"source"`
	Translation string `json:"translation"`
	// Accepted is set when a reviewer accepted the finding for exactly
	// this source and translation: it no longer fails check, and holds
	// nothing back from publishing.
	Accepted *Acceptance `json:"accepted,omitempty"`
}

// RulesOf reads the checks' settings from a configuration.
func RulesOf(cfg *config.Config) *Rules {
	return &Rules{Glossary: cfg.Glossary.Terms, Keep: cfg.Glossary.Keep, Links: cfg.LocalizedLinks, Off: cfg.CheckOff}
}

// Markdown reports whether a segment's text is inline Markdown.
func Markdown(s content.Segment) bool { return s.Markdown() }

// CheckMessage checks the translation of message id of doc in loc, if
// it has a current one (translated or reviewed).
func CheckMessage(p *project.Project, rules *Rules, loc language.Tag, d *project.Doc, id string) []Finding {
	i := slices.Index(d.IDs, id)
	if i < 0 {
		return nil
	}
	return checkSegment(p, rules, loc, d, i)
}

// SegmentPair is the pair to check for a translation of segment i of d
// into loc: the segment's source, its syntax and the locales.
func SegmentPair(p *project.Project, loc language.Tag, d *project.Doc, i int, translation string) Pair {
	seg := d.Segments[i]
	return Pair{Source: d.Source.Messages[d.IDs[i]].Other, Translation: translation, From: p.Config.Source(), To: loc,
		Markdown: seg.Markdown(), HTMLTags: seg.HTMLTags()}
}

// checkSegment checks the translation of segment i of d in loc, if it
// has a current one (held by a check, translated or reviewed).
func checkSegment(p *project.Project, rules *Rules, loc language.Tag, d *project.Doc, i int) []Finding {
	id := d.IDs[i]
	st, tr := p.Lookup(loc, d, id)
	if st < project.Held {
		return nil
	}
	return CheckText(p, rules, loc, d, id, tr)
}

// Check checks every current translation of the documents in loc, in
// document and segment order. docs limits the documents by path or slug;
// nil checks all.
func Check(p *project.Project, rules *Rules, loc language.Tag, docs map[string]bool) []Finding {
	var out []Finding
	for _, d := range p.Docs {
		if docs != nil && !docs[d.Path] && !docs[d.Slug] {
			continue
		}
		seen := map[string]bool{}
		for i, id := range d.IDs {
			if seen[id] {
				continue
			}
			seen[id] = true
			out = append(out, checkSegment(p, rules, loc, d, i)...)
		}
	}
	return out
}
