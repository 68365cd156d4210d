package status

import (
	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/qa"
)

// ReviewSegment is a candidate translation waiting for a reviewer,
// beside its source, with what the checks find in it.
type ReviewSegment struct {
	Document string `json:"document"`
	Line     int    `json:"line"`
	ID       string `json:"id"`
	Locale   string `json:"locale"`
	// Source is the current source text; Candidate the proposed
	// translation, and Origin where it came from ("align: es/guide.md").
	Source    string `json:"source"`
	Candidate string `json:"candidate"`
	Origin    string `json:"origin,omitempty"`
	// Replaces is the current translation the candidate would replace
	// once approved (align --force); "" for a message with none.
	Replaces string `json:"replaces,omitempty"`
	// Findings are the checks' findings on the candidate; one of
	// severity error makes review refuse it without --override.
	Findings []ReviewFinding `json:"findings"`
}

// ReviewFinding is one check finding on a candidate.
type ReviewFinding struct {
	Check    string      `json:"check"`
	Severity qa.Severity `json:"severity"`
	Message  string      `json:"message"`
	// Translation is the candidate with the offending parts marked ⟦ ⟧.
	Translation string `json:"translation"`
}

// Candidates lists the candidate translations of the locales (all
// targets when locales is empty) waiting for review, by locale, document
// and line, each with its check findings.
func Candidates(p *project.Project, locales []language.Tag, rules *qa.Rules) []ReviewSegment {
	if len(locales) == 0 {
		locales = p.Config.Targets()
	}
	var out []ReviewSegment
	for _, loc := range locales {
		wf := p.Workflow[loc.String()]
		if wf == nil || len(wf.Candidates) == 0 {
			continue
		}
		for _, d := range p.Docs {
			eachMessage(d, func(i int, id string) {
				st, text := p.Lookup(loc, d, id)
				c := wf.Candidates[id]
				replaces := ""
				switch {
				case st == project.Candidate:
				case st >= project.Translated && c.Rejected == "" && c.Other != "" && c.Other != text && c.Hash == d.Source.Messages[id].Hash:
					// align --force: a candidate to replace the translation
					replaces, text = text, c.Other
				default:
					return
				}
				s := ReviewSegment{Document: d.Path, Line: d.Segments[i].Line, ID: id, Locale: loc.String(),
					Source: d.Source.Messages[id].Other, Candidate: text, Replaces: replaces, Origin: c.Origin, Findings: []ReviewFinding{}}
				for _, f := range qa.CheckText(p, rules, loc, d, id, text) {
					s.Findings = append(s.Findings, ReviewFinding{Check: f.Check, Severity: f.Severity, Message: f.Message, Translation: f.Translation})
				}
				out = append(out, s)
			})
		}
	}
	return out
}

// eachMessage calls fn with each message of d once, at its first
// segment, in document order.
func eachMessage(d *project.Doc, fn func(seg int, id string)) {
	seen := map[string]bool{}
	for i, id := range d.IDs {
		if !seen[id] {
			seen[id] = true
			fn(i, id)
		}
	}
}
