package qa

import (
	"slices"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/pseudo"
)

// Acceptance is a reviewer's acceptance of a finding, with the reason.
type Acceptance struct {
	Reviewer string `json:"reviewer"`
	Reason   string `json:"reason"`
}

// off is why check is switched off for loc, or "".
func (r *Rules) off(loc language.Tag, check string) string {
	if r == nil || r.Off == nil {
		return ""
	}
	return r.Off(loc.String(), check)
}

// accepted is the acceptance of check's finding on translation text of
// message id (whose source has hash srcHash) in loc, or nil: it holds
// only while both hashes match.
func accepted(p *project.Project, loc language.Tag, id, srcHash, text, check string) *Acceptance {
	wf := p.Workflow[loc.String()]
	if wf == nil {
		return nil
	}
	a, ok := wf.Accepted[id][check]
	if !ok || a.SourceHash != srcHash || a.TranslationHash != project.TextHash(text) {
		return nil
	}
	return &Acceptance{Reviewer: a.Reviewer, Reason: a.Reason}
}

// Gate is the project's gate (see project.Gate): a translation is held
// by every error-level check that finds something in it, is on for its
// locale, and whose finding no reviewer accepted. The pseudo-locale is
// never held: it only tests layouts.
func Gate(rules *Rules) project.Gate {
	return func(p *project.Project, in project.GateInput) []string {
		if in.Locale == pseudo.Tag {
			return nil
		}
		pr := Pair{Source: in.Source, Translation: in.Text, From: p.Config.Source(), To: in.Locale,
			Markdown: in.Markdown, HTMLTags: in.HTMLTags}
		var held []string
		for _, is := range memoIssues(p, "errors", pr, func() []Issue { return Errors(pr, rules) }) {
			if is.Severity != Error || rules.off(in.Locale, is.Check) != "" ||
				accepted(p, in.Locale, in.ID, in.SourceHash, in.Text, is.Check) != nil {
				continue
			}
			if !slices.Contains(held, is.Check) {
				held = append(held, is.Check)
			}
		}
		slices.Sort(held)
		return held
	}
}
