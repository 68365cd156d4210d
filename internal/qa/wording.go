package qa

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/healthloc/healthloc/internal/pseudo"
)

// foldWord is how glossary matching compares words: lower case, no
// accents, no Arabic clitic prefix.
func foldWord(w, lang string) string {
	w = strings.ToLower(Unaccent(w))
	if lang == "ar" {
		w = stripArabicPrefix(w)
	}
	return w
}

// wordsMatch tolerates simple inflection: equal words, or words that
// share a stem of at least 3 letters covering half of the longer word and
// differ only in endings of up to 3 letters ("comprimé"/"comprimés",
// "solución"/"soluciones", "таблетка"/"таблетки").
func wordsMatch(a, b string) bool {
	if a == b {
		return true
	}
	ra, rb := []rune(a), []rune(b)
	p := 0
	for p < len(ra) && p < len(rb) && ra[p] == rb[p] {
		p++
	}
	return p >= 3 && len(ra)-p <= 3 && len(rb)-p <= 3 && 2*p >= max(len(ra), len(rb))
}

// phraseAt finds a term in a text's words: a run of words each matching
// the term's words in order. It returns the rune range.
func phraseAt(t *text, term string, lang string) (int, int, bool) {
	var tw []string
	for _, w := range strings.FieldsFunc(term, func(r rune) bool { return !isWordRune(r) }) {
		tw = append(tw, foldWord(w, lang))
	}
	if len(tw) == 0 {
		return 0, 0, false
	}
	ws := t.words()
	for i := 0; i+len(tw) <= len(ws); i++ {
		ok := true
		for k := range tw {
			if !wordsMatch(tw[k], foldWord(ws[i+k].w, lang)) {
				ok = false
				break
			}
		}
		if ok {
			return ws[i].i, ws[i+len(tw)-1].j, true
		}
	}
	return 0, 0, false
}

// glossary checks that source terms use the required translation, and
// that kept terms (drug names) stay as written.
func (c *pairCheck) glossary() []Issue {
	var out []Issue
	required := func(term string) string {
		m := c.rules.Glossary[term]
		if m == nil {
			return ""
		}
		if r := m[c.pr.To.String()]; r != "" {
			return r
		}
		return m[langOf(c.pr.To)]
	}
	check := func(term, want, why string) {
		si, sj, ok := phraseAt(c.src, term, c.src.lang)
		if !ok {
			return
		}
		if _, _, ok := phraseAt(c.tr, want, c.tr.lang); ok {
			return
		}
		out = append(out, Issue{Check: CheckGlossary, Severity: Error,
			Message:     fmt.Sprintf("glossary: %q must be %s %q", term, why, want),
			SourceSpans: []Span{c.src.span(si, sj)}})
	}
	for _, term := range slices.Sorted(maps.Keys(c.rules.Glossary)) {
		if want := required(term); want != "" {
			check(term, want, "translated as")
		}
	}
	for _, term := range c.rules.Keep {
		if required(term) == "" {
			check(term, term, "kept as")
		}
	}
	return out
}

var spaceRun = regexp.MustCompile(`\s+`)

// sameWords reports whether two texts are equal but for runs of white
// space, without building either.
func sameWords(a, b string) bool {
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		sa, sb := isASCIISpace(a[i]), isASCIISpace(b[j])
		switch {
		case sa && sb:
			for i < len(a) && isASCIISpace(a[i]) {
				i++
			}
			for j < len(b) && isASCIISpace(b[j]) {
				j++
			}
		case a[i] != b[j]:
			return false
		default:
			i++
			j++
		}
	}
	return i == len(a) && j == len(b)
}

func isASCIISpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// untranslated warns when the translation is the source unchanged, unless
// the source is only numbers and units, names, or a kept term.
func (c *pairCheck) untranslated() []Issue {
	if !sameWords(c.pr.Source, c.pr.Translation) {
		return nil
	}
	a := strings.TrimSpace(spaceRun.ReplaceAllString(c.pr.Source, " "))
	b := strings.TrimSpace(spaceRun.ReplaceAllString(c.pr.Translation, " "))
	if a != b || a == "" {
		return nil
	}
	for _, k := range c.rules.Keep {
		if strings.EqualFold(k, a) {
			return nil
		}
	}
	if want := c.rules.Glossary[a]; want != nil && strings.EqualFold(want[c.pr.To.String()]+want[langOf(c.pr.To)], a) {
		return nil
	}
	// Letters that are not units or masked (URLs, code) must remain.
	blank := make([]bool, len(c.src.r))
	for _, q := range c.srcQ() {
		for k := q.i; k < q.ue; k++ {
			blank[k] = true
		}
	}
	var words []string
	for _, w := range c.src.words() {
		if !blank[w.i] {
			words = append(words, string(c.src.r[w.i:w.j]))
		}
	}
	if len(words) == 0 {
		return nil
	}
	names := len(words) <= 4
	for _, w := range words {
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) {
			names = false
		}
	}
	if names {
		return nil
	}
	return []Issue{{Check: CheckUntranslated, Severity: Warning, Message: "the translation is the source text unchanged"}}
}

// lengthBands are the accepted translation/source length ratios per
// language, for sources of at least minLengthRunes characters.
var lengthBands = map[string][2]float64{
	"es": {0.7, 2.0}, "fr": {0.7, 2.0}, "pt": {0.7, 2.0}, "it": {0.7, 2.0}, "de": {0.7, 2.2},
	"ru": {0.6, 2.0}, "ar": {0.5, 1.8}, "he": {0.5, 1.8}, "fa": {0.5, 1.8},
	"zh": {0.15, 1.0}, "ja": {0.15, 1.2}, "ko": {0.2, 1.2},
}

const minLengthRunes = 30

// length warns when the translation is much shorter or longer than usual
// for the locale.
func (c *pairCheck) length() []Issue {
	a, b := utf8.RuneCountInString(c.pr.Source), utf8.RuneCountInString(c.pr.Translation)
	if a < minLengthRunes || b == 0 {
		return nil
	}
	band, ok := lengthBands[langOf(c.pr.To)]
	if !ok {
		band = [2]float64{0.5, 2.5}
	}
	if pseudo.Is(c.pr.To) {
		band = [2]float64{1.1, 2.5}
	}
	r := float64(b) / float64(a)
	if r >= band[0] && r <= band[1] {
		return nil
	}
	return []Issue{{Check: CheckLength, Severity: Warning, Message: fmt.Sprintf(
		"the translation is %.2f times as long as the source, outside %.2f-%.2f for %s", r, band[0], band[1], c.pr.To)}}
}
