package config

import (
	"fmt"
	"maps"
	"slices"

	"github.com/healthloc/healthloc/internal/locale"
)

// Readability is the [readability] table:
//
//	[readability]
//	max_sentence_words = 25   # default sentence limit (words)
//	max_gap = 15              # ease points a translation may lose
//	[readability.en]
//	max_grade = 8             # or min_<measure>, max_<measure>, max_sentence, max_gap
//	[readability.plain_language.en]
//	"myocardial infarction" = "heart attack"
//
// Measure names are checked by package readability, which knows them.
type Readability struct {
	// Off turns the readability checks off (check = false).
	Off bool
	// MaxSentence is the default sentence limit in words; 0 means 25.
	MaxSentence int
	// MaxGap is how many ease points a translation may lose against its
	// source; 0 means the default, negative turns the comparison off.
	MaxGap float64
	// Targets maps a locale to its settings (max_grade = 8 …).
	Targets map[string]map[string]float64
	// PlainLanguage maps a locale to terms and their plain words, added
	// to the built-in list.
	PlainLanguage map[string]map[string]string
	// NoBuiltin turns the built-in plain-language list off.
	NoBuiltin bool
}

// UnmarshalTOML reads the [readability] table, whose keys mix settings
// and locale tables.
func (r *Readability) UnmarshalTOML(data any) error {
	m, ok := data.(map[string]any)
	if !ok {
		return fmt.Errorf("readability: must be a table")
	}
	for _, k := range sortedKeys(m) {
		v := m[k]
		switch k {
		case "check", "builtin_plain_language":
			b, ok := v.(bool)
			if !ok {
				return fmt.Errorf("readability.%s: must be true or false", k)
			}
			if k == "check" {
				r.Off = !b
			} else {
				r.NoBuiltin = !b
			}
		case "max_sentence_words":
			n, ok := v.(int64)
			if !ok || n <= 0 {
				return fmt.Errorf("readability.max_sentence_words: must be a positive whole number")
			}
			r.MaxSentence = int(n)
		case "max_gap":
			f, ok := number(v)
			if !ok {
				return fmt.Errorf("readability.max_gap: must be a number")
			}
			r.MaxGap = f
		case "plain_language":
			pl, err := plainLanguage(v)
			if err != nil {
				return err
			}
			r.PlainLanguage = pl
		default:
			if err := r.target(k, v); err != nil {
				return err
			}
		}
	}
	return nil
}

// plainLanguage reads the [readability.plain_language] table: locale →
// term → plain words.
func plainLanguage(v any) (map[string]map[string]string, error) {
	t, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("readability.plain_language: must be a table of locales")
	}
	pl := map[string]map[string]string{}
	for _, loc := range sortedKeys(t) {
		tag, err := locale.Parse(loc)
		if err != nil {
			return nil, fmt.Errorf("readability.plain_language: %w", err)
		}
		terms, ok := t[loc].(map[string]any)
		if !ok {
			return nil, fmt.Errorf("readability.plain_language.%s: must be a table of term = \"plain words\"", loc)
		}
		out := map[string]string{}
		for term, plain := range terms {
			s, ok := plain.(string)
			if !ok {
				return nil, fmt.Errorf("readability.plain_language.%s.%q: must be the plain words, a string (\"\" accepts the term)", loc, term)
			}
			out[term] = s
		}
		pl[tag.String()] = out
	}
	return pl, nil
}

// target reads a locale's table [readability.<k>] into r.Targets.
func (r *Readability) target(k string, v any) error {
	tag, err := locale.Parse(k)
	if err != nil {
		return fmt.Errorf("readability: unknown setting %q (not a locale: %v)", k, err)
	}
	t, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("readability.%s: must be a table", k)
	}
	if r.Targets == nil {
		r.Targets = map[string]map[string]float64{}
	}
	out := map[string]float64{}
	for _, key := range sortedKeys(t) {
		f, ok := number(t[key])
		if !ok {
			return fmt.Errorf("readability.%s.%s: must be a number", k, key)
		}
		out[key] = f
	}
	r.Targets[tag.String()] = out
	return nil
}

func number(v any) (float64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}

func sortedKeys(m map[string]any) []string {
	return slices.Sorted(maps.Keys(m))
}
