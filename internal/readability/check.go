package readability

import (
	"fmt"
	"strings"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/pseudo"
	"github.com/healthloc/healthloc/internal/qa"
)

// The check names, as healthloc check reports them.
const (
	CheckTarget        = "readability"
	CheckGap           = "readability-gap"
	CheckLongSentence  = "long-sentence"
	CheckPlainLanguage = "plain-language"
)

// worstShown is how many of the hardest sentences a finding names.
const worstShown = 3

// Check measures the documents of p in the source locale and in locs and
// returns warnings: documents over their locale's targets (naming their
// hardest sentences), translations much harder than their source,
// sentences over the length limit, and plain-language terms used without
// their plain words. withSource checks the source text itself too; docs
// limits the documents (nil: all). Pseudo-locales are not measured.
func Check(p *project.Project, r *Rules, locs []language.Tag, docs map[string]bool, withSource bool) []qa.Finding {
	if r.Off {
		return nil
	}
	src := p.Config.Source()
	var out []qa.Finding
	for _, d := range p.Docs {
		if docs != nil && !docs[d.Path] && !docs[d.Slug] || d.IsUI() {
			continue // page text is a set of labels, not prose to read
		}
		source := MeasureDoc(p, src, d)
		if withSource {
			out = append(out, r.checkDoc(d, source, nil)...)
		}
		for _, loc := range locs {
			if loc == src || pseudo.Is(loc) {
				continue
			}
			out = append(out, r.checkDoc(d, MeasureDoc(p, loc, d), &source)...)
		}
	}
	return out
}

// checkDoc checks one document in one locale; source is the source's
// measure when m is a translation.
func (r *Rules) checkDoc(d *project.Doc, m Doc, source *Doc) []qa.Finding {
	loc := m.tag
	l := m.Lang()
	var out []qa.Finding
	finding := func(check string, s Sentence, msg string) qa.Finding {
		seg := d.Segments[m.Blocks[s.Block].Segment]
		id := d.IDs[m.Blocks[s.Block].Segment]
		f := qa.Finding{Locale: m.Locale, Document: d.Path, ID: id, Line: seg.Line,
			Issue:  qa.Issue{Check: check, Severity: qa.Warning, Message: msg},
			Source: d.Source.Messages[id].Other}
		if source != nil {
			f.Translation = s.Text
		}
		return f
	}
	if len(m.Sentences) == 0 {
		return nil
	}
	for _, t := range r.Targets(loc) {
		sc, ok := m.Score(t.Measure.ID)
		if !ok || (t.Min && sc.Value >= t.Value) || (!t.Min && sc.Value <= t.Value) {
			continue
		}
		worst := l.Worst(m.Result, t.Measure, worstShown)
		bound := "over the target"
		if t.Min {
			bound = "under the target"
		}
		msg := fmt.Sprintf("%s %.1f is %s %g; hardest sentences: %s", t.Measure.Name, sc.Value, bound, t.Value, l.quote(worst, t.Measure))
		out = append(out, finding(CheckTarget, worst[0], msg))
	}
	if source != nil && l.Graded() && source.Lang().Graded() {
		gap := r.Gap(loc)
		se, te := source.Scores[0], m.Scores[0]
		if gap >= 0 && se.Value-te.Value > gap {
			worst := l.Worst(m.Result, l.Measures[0], worstShown)
			msg := fmt.Sprintf("much harder to read than the source: %s %.1f against %s %.1f (%s), more than %g points apart; hardest sentences: %s",
				te.Name, te.Value, se.Name, se.Value, source.Locale, gap, l.quote(worst, l.Measures[0]))
			out = append(out, finding(CheckGap, worst[0], msg))
		}
	}
	limit := r.MaxSentence(loc, l)
	for _, s := range m.Sentences {
		if s.Length > limit && m.Blocks[s.Block].From.String() == m.Locale {
			out = append(out, finding(CheckLongSentence, s, fmt.Sprintf("sentence of %d %s (limit %d): %q", s.Length, l.Units(), limit, s.Text)))
		}
	}
	if terms := r.Glossary.For(loc); len(terms) > 0 {
		var own []Sentence
		for _, s := range m.Sentences {
			if m.Blocks[s.Block].From.String() == m.Locale {
				own = append(own, s)
			}
		}
		for _, u := range Unexplained(terms, own) {
			s := own[u.Sentence]
			out = append(out, finding(CheckPlainLanguage, s, fmt.Sprintf("%q without plain words: say %s, or explain it next to it",
				u.Term.Term, quoteAll(u.Term.Plain))))
		}
	}
	return out
}

// quote lists sentences with their own score.
func (l *Lang) quote(ss []Sentence, m Measure) string {
	parts := make([]string, len(ss))
	for i, s := range ss {
		v := float64(s.Length)
		if m.Kind != KindStatistic {
			v = m.fn(s.Counts)
		}
		parts[i] = fmt.Sprintf("%q (%.1f)", s.Text, v)
	}
	return strings.Join(parts, ", ")
}

func quoteAll(ps []string) string {
	q := make([]string, len(ps))
	for i, p := range ps {
		q[i] = fmt.Sprintf("%q", p)
	}
	return strings.Join(q, " or ")
}
