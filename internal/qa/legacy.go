package qa

import "strings"

// The hand tables of the languages the checks were first tuned for (en,
// es, fr, ru, ar) that CLDR does not cover: Arabic duals of dose forms,
// clitics and tanween, Russian case endings of units.

// arabicDuals are Arabic dual nouns that CLDR's units do not name: a
// number and a unit in one word.
var arabicDuals = map[string]unit{
	"يومين": {"time", 86400}, "يومان": {"time", 86400},
	"ساعتين": {"time", 3600}, "ساعتان": {"time", 3600},
	"أسبوعين": {"time", 604800}, "أسبوعان": {"time", 604800},
	"شهرين": {"time", 2629800}, "شهران": {"time", 2629800},
	"قرصين": {"tablet", 1}, "قرصان": {"tablet", 1}, "حبتين": {"tablet", 1}, "حبتان": {"tablet", 1},
	"سنتين": {"time", 31557600}, "سنتان": {"time", 31557600}, "عامين": {"time", 31557600}, "عامان": {"time", 31557600},
	"جرعتين": {"dose", 1}, "جرعتان": {"dose", 1}, "كيسين": {"sachet", 1}, "ملعقتين": {"spoon", 0},
}

// arabicNorm removes short-vowel marks and tatweel, and the alef that
// carries a tanween ending: "يومًا" is "يوم".
func arabicNorm(w string) []string {
	var b strings.Builder
	for _, c := range w {
		if (c >= '\u064B' && c <= '\u0652') || c == '\u0640' {
			continue
		}
		b.WriteRune(c)
	}
	n := b.String()
	out := []string{n}
	if t, ok := strings.CutSuffix(n, "ا"); ok && len([]rune(t)) >= 2 {
		out = append(out, t)
	}
	for _, x := range append([]string(nil), out...) {
		if s := stripArabicPrefix(x); s != x {
			out = append(out, s)
			if t, ok := strings.CutSuffix(s, "ا"); ok && len([]rune(t)) >= 2 {
				out = append(out, t)
			}
		}
	}
	return out
}

// russianStems catch the case endings of Russian unit names:
// "литром", "таблетками".
var russianStems = []struct {
	stem string
	u    unit
}{
	{"миллиграмм", unit{"mass", 1e-3}}, {"микрограмм", unit{"mass", 1e-6}}, {"килограмм", unit{"mass", 1e3}}, {"грамм", unit{"mass", 1}},
	{"миллилитр", unit{"volume", 1e-3}}, {"литр", unit{"volume", 1}},
	{"таблетк", unit{"tablet", 1}}, {"капсул", unit{"capsule", 1}}, {"капл", unit{"drop", 1}}, {"пакетик", unit{"sachet", 1}},
	{"секунд", unit{"time", 1}}, {"минут", unit{"time", 60}}, {"час", unit{"time", 3600}}, {"недел", unit{"time", 604800}},
	{"месяц", unit{"time", 2629800}}, {"градус", unit{"temperature", 0}}, {"процент", unit{"percent", 1}}, {"доз", unit{"dose", 1}},
	{"ложк", unit{"spoon", 0}},
}

// unitLanguage limits unit names that are ordinary words in another
// language: English "an" is an article ("half an hour"), French "an" a
// year.
var unitLanguage = map[string]string{"an": "fr", "ans": "fr", "sobre": "es", "sobres": "es", "mes": "es"}

// lookupUnit finds a unit name of the legacy tables, tolerating Arabic
// vowel marks and clitics and Russian case endings.
func (t *text) lookupUnit(w string) (unit, bool) {
	if only, ok := unitLanguage[w]; ok && only != t.lang {
		return unit{}, false
	}
	if u, ok := unitWords[w]; ok {
		return u, true
	}
	switch t.lang {
	case "ar":
		for _, v := range arabicNorm(w) {
			if u, ok := unitWords[v]; ok {
				return u, true
			}
		}
	case "ru":
		for _, s := range russianStems {
			if strings.HasPrefix(w, s.stem) && len([]rune(w))-len([]rune(s.stem)) <= 3 {
				return s.u, true
			}
		}
	}
	return unit{}, false
}

func parseSimple(s string) float64 {
	var v, div float64 = 0, 0
	for _, c := range s {
		if c == '.' {
			div = 1
			continue
		}
		v = v*10 + float64(c-'0')
		if div > 0 {
			div *= 10
		}
	}
	if div > 0 {
		v /= div
	}
	return v
}

// arabicPrefixes are the clitics that attach to an Arabic word: "and",
// "with", "for", "so", "like" and the article.
var arabicPrefixes = []string{"وبال", "وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ل", "ف", "ك"}

// stripArabicPrefix removes one clitic prefix when enough of the word is
// left to be a word.
func stripArabicPrefix(w string) string {
	for _, p := range arabicPrefixes {
		if rest, ok := strings.CutPrefix(w, p); ok && len([]rune(rest)) >= 2 {
			return rest
		}
	}
	return w
}
