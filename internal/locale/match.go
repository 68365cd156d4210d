package locale

import (
	"golang.org/x/text/language"
)

// TargetMatch is what a language named by a file or a flag (fr-FR, as
// translation tools write it) means among a project's target locales.
type TargetMatch struct {
	// Locale is the target meant, when there is exactly one; Und else.
	Locale language.Tag
	// Exact tells that the language is that target itself.
	Exact bool
	// Close are the targets language.Matcher finds close to the language,
	// the confident ones first: the choices to offer when there is no
	// single one.
	Close []language.Tag
	// Ambiguous tells that several targets are confident matches.
	Ambiguous bool
}

// Found reports whether the language means exactly one target.
func (m TargetMatch) Found() bool { return m.Locale != language.Und }

// MatchTarget matches a language with the target locales. A target is
// the language itself, or a confident match: language.Matcher takes the
// two for the same language (High confidence or better), and their
// scripts agree (fr-FR → fr, zh-CN → zh-Hans, but not zh-TW → zh-Hans).
// Exactly one confident target is a match; several (fr-FR with fr and
// fr-CA) or none are not, and Close lists what came near.
func MatchTarget(tag language.Tag, targets []language.Tag) TargetMatch {
	for _, t := range targets {
		if t == tag {
			return TargetMatch{Locale: t, Exact: true, Close: []language.Tag{t}}
		}
	}
	script, _ := tag.Script()
	var confident, near []language.Tag
	for _, t := range targets {
		_, _, conf := language.NewMatcher([]language.Tag{t}).Match(tag)
		ts, _ := t.Script()
		switch {
		case conf >= language.High && ts == script:
			confident = append(confident, t)
		case conf >= language.Low:
			near = append(near, t)
		}
	}
	m := TargetMatch{Close: append(confident, near...), Ambiguous: len(confident) > 1}
	if len(confident) == 1 {
		m.Locale = confident[0]
	}
	return m
}

// SameLanguage reports whether a and b are one language, whatever their
// regions and scripts: the same base language, or two that
// language.Matcher takes for the same (High confidence or better).
func SameLanguage(a, b language.Tag) bool {
	ba, _ := a.Base()
	bb, _ := b.Base()
	if ba == bb {
		return true
	}
	_, _, conf := language.NewMatcher([]language.Tag{b}).Match(a)
	return conf >= language.High
}
