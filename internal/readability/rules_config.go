package readability

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/config"
	"github.com/healthloc/healthloc/internal/locale"
)

// DefaultMaxGap is how many ease points a translation may lose against
// its source before check warns: about one band of Flesch's scale.
const DefaultMaxGap = 15

// Rules are the project's readability settings, checked.
type Rules struct {
	Off bool
	// MaxGap: ease points a translation may lose; negative: no check.
	MaxGap float64
	// maxSentence is the project's default limit in words (0: 25).
	maxSentence int
	locales     map[string]*localeRules
	Glossary    *Glossary
}

// Target is one limit on a measure.
type Target struct {
	Measure Measure
	// Min is a floor (ease), else Value is a ceiling (grade).
	Min   bool
	Value float64
}

type localeRules struct {
	targets     []Target
	maxSentence int
	maxGap      *float64
}

// RulesOf checks and reads the [readability] table of cfg.
func RulesOf(cfg *config.Config) (*Rules, error) {
	rc := cfg.Readability
	r := &Rules{Off: rc.Off, MaxGap: rc.MaxGap, maxSentence: rc.MaxSentence, locales: map[string]*localeRules{}}
	if r.MaxGap == 0 {
		r.MaxGap = DefaultMaxGap
	}
	for _, loc := range slices.Sorted(maps.Keys(rc.Targets)) {
		tag, err := locale.Parse(loc)
		if err != nil {
			return nil, fmt.Errorf("%s: readability.%s: %w", cfg.Path, loc, err)
		}
		lr, err := localeRulesOf(LangOf(tag), rc.Targets[loc])
		if err != nil {
			return nil, fmt.Errorf("%s: readability.%s.%w", cfg.Path, loc, err)
		}
		r.locales[loc] = lr
	}
	g, err := newGlossary(!rc.NoBuiltin, rc.PlainLanguage)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", cfg.Path, err)
	}
	// The project glossary's source terms are established names ("oral
	// rehydration solution"): a plain-language term inside one is fine.
	var established []string
	for term := range cfg.Glossary.Terms {
		established = append(established, term)
	}
	established = append(established, cfg.Glossary.Keep...)
	g.establish(cfg.Source(), established)
	r.Glossary = g
	return r, nil
}

func localeRulesOf(l *Lang, m map[string]float64) (*localeRules, error) {
	lr := &localeRules{}
	for _, key := range slices.Sorted(maps.Keys(m)) {
		v := m[key]
		switch {
		case key == "max_sentence":
			if v <= 0 {
				return nil, fmt.Errorf("%s: must be positive", key)
			}
			lr.maxSentence = int(v)
			continue
		case key == "max_gap":
			lr.maxGap = &v
			continue
		}
		t, ok := targetOf(l, key)
		if !ok {
			return nil, fmt.Errorf("%s: unknown target; this language has %s", key, strings.Join(targetKeys(l), ", "))
		}
		t.Value = v
		lr.targets = append(lr.targets, t)
	}
	return lr, nil
}

// targetOf reads a key such as max_grade, min_ease, min_inflesz.
func targetOf(l *Lang, key string) (Target, bool) {
	switch key {
	case "max_grade":
		for _, m := range l.Measures {
			if m.Kind == KindGrade {
				return Target{Measure: m}, true
			}
		}
		return Target{}, false
	case "min_ease":
		if l.Measures[0].Kind == KindEase {
			return Target{Measure: l.Measures[0], Min: true}, true
		}
		return Target{}, false
	}
	if id, ok := strings.CutPrefix(key, "min_"); ok {
		if m, ok := l.MeasureByID(id); ok && m.Kind == KindEase {
			return Target{Measure: m, Min: true}, true
		}
	}
	if id, ok := strings.CutPrefix(key, "max_"); ok {
		if m, ok := l.MeasureByID(id); ok && m.Kind != KindEase {
			return Target{Measure: m}, true
		}
	}
	return Target{}, false
}

func targetKeys(l *Lang) []string {
	keys := []string{"max_sentence", "max_gap"}
	for _, m := range l.Measures {
		if m.Kind == KindEase {
			keys = append(keys, "min_"+m.ID)
		} else {
			keys = append(keys, "max_"+m.ID)
		}
	}
	if l.Measures[0].Kind == KindEase {
		keys = append(keys, "min_ease")
	}
	for _, m := range l.Measures {
		if m.Kind == KindGrade {
			keys = append(keys, "max_grade")
			break
		}
	}
	return keys
}

// Targets are the targets set for loc (or its parents).
func (r *Rules) Targets(loc language.Tag) []Target {
	if lr := r.lookup(loc); lr != nil {
		return lr.targets
	}
	return nil
}

// lookup finds the settings of loc, or of its nearest parent that has
// some (es-MX uses es).
func (r *Rules) lookup(loc language.Tag) *localeRules {
	for t := loc; ; t = t.Parent() {
		if lr, ok := r.locales[t.String()]; ok {
			return lr
		}
		if t == language.Und {
			return nil
		}
	}
}

// MaxSentence is the sentence length limit of loc, in its units.
func (r *Rules) MaxSentence(loc language.Tag, l *Lang) int {
	if lr := r.lookup(loc); lr != nil && lr.maxSentence > 0 {
		return lr.maxSentence
	}
	if !l.Chars && r.maxSentence > 0 {
		return r.maxSentence
	}
	return l.MaxSentence
}

// Gap is how many ease points loc may lose against the source.
func (r *Rules) Gap(loc language.Tag) float64 {
	if lr := r.lookup(loc); lr != nil && lr.maxGap != nil {
		return *lr.maxGap
	}
	return r.MaxGap
}
