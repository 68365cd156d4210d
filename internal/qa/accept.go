package qa

import (
	"fmt"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/cache"
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
func Gate(rules *Rules) project.Gate { return CachedGate(rules, nil) }

// CachedGate is Gate remembering in fc, when it is not nil, the
// error-level checks that find something in each translation (before
// acceptances, which are read fresh each time), so that a run does not
// check again what an earlier run checked. fc's scope must cover the
// configuration and the checks' version (see cache.Findings).
func CachedGate(rules *Rules, fc *cache.Findings) project.Gate {
	return func(p *project.Project, in project.GateInput) []string {
		if in.Locale == pseudo.Tag {
			return nil
		}
		fc := fc
		if fc == nil {
			// the run's cache of the checks' answers, when the command
			// installed one (project.SetFindings)
			fc = p.Findings()
		}
		var held []string
		for _, check := range gateErrors(p, rules, in, fc) {
			if accepted(p, in.Locale, in.ID, in.SourceHash, in.Text, check) == nil && !slices.Contains(held, check) {
				held = append(held, check)
			}
		}
		slices.Sort(held)
		return held
	}
}

// gateErrors are the error-level checks, on for in's locale, that find
// something in its translation, from fc when it knows them.
func gateErrors(p *project.Project, rules *Rules, in project.GateInput, fc *cache.Findings) []string {
	k := cache.FindingsKey{Locale: in.Locale.String(), Source: fmt.Sprintf("%s %t %t", in.SourceHash, in.Markdown, in.HTMLTags),
		Translation: project.TextHash(in.Text)}
	if v, ok := fc.Get(k); ok {
		if len(v) == 0 {
			return nil
		}
		return strings.Split(string(v), "\n")
	}
	pr := Pair{Source: in.Source, Translation: in.Text, From: p.Config.Source(), To: in.Locale,
		Markdown: in.Markdown, HTMLTags: in.HTMLTags}
	var out []string
	for _, is := range Errors(pr, rules) {
		if is.Severity == Error && rules.off(in.Locale, is.Check) == "" {
			out = append(out, is.Check)
		}
	}
	fc.Put(k, []byte(strings.Join(out, "\n")))
	return out
}
