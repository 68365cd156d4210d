package qa

import "strings"

// numberWord is a number written as a word. Optional words double as
// articles or pronouns ("un", "una", "one" in "the next one"): they may
// stand for a number on the other side but are not required to.
type numberWord struct {
	val      float64
	optional bool
	unit     unit // "twice" is 2 and a frequency
}

// numberWords holds, per language, the numbers 0-20, the tens, a
// hundred, "once"/"twice" and their equivalents, and halves.
var numberWords = map[string]map[string]numberWord{
	"en": words(
		"zero:0 two:2 three:3 four:4 five:5 six:6 seven:7 eight:8 nine:9 ten:10 eleven:11 twelve:12 "+
			"thirteen:13 fourteen:14 fifteen:15 sixteen:16 seventeen:17 eighteen:18 nineteen:19 "+
			"twenty:20 thirty:30 forty:40 fifty:50 sixty:60 seventy:70 eighty:80 ninety:90 hundred:100",
		"one:1 half:0.5",
		"twice:2 thrice:3", "once:1"),
	"es": words(
		"cero:0 dos:2 tres:3 cuatro:4 cinco:5 seis:6 siete:7 ocho:8 nueve:9 diez:10 once:11 doce:12 "+
			"trece:13 catorce:14 quince:15 dieciséis:16 diecisiete:17 dieciocho:18 diecinueve:19 veinte:20 "+
			"veintiuno:21 veintidós:22 veintitrés:23 veinticuatro:24 veinticinco:25 veintiséis:26 veintisiete:27 veintiocho:28 veintinueve:29 "+
			"treinta:30 cuarenta:40 cincuenta:50 sesenta:60 setenta:70 ochenta:80 noventa:90 cien:100 ciento:100",
		"un:1 uno:1 una:1 medio:0.5 media:0.5",
		"", ""),
	"fr": words(
		"zéro:0 deux:2 trois:3 quatre:4 cinq:5 six:6 sept:7 huit:8 neuf:9 dix:10 onze:11 douze:12 "+
			"treize:13 quatorze:14 quinze:15 seize:16 vingt:20 trente:30 quarante:40 cinquante:50 soixante:60 cent:100",
		"un:1 une:1 demi:0.5 demie:0.5",
		"", ""),
	"ru": words(
		"ноль:0 нуль:0 два:2 две:2 двух:2 двум:2 двумя:2 три:3 трёх:3 трех:3 трём:3 трем:3 тремя:3 "+
			"четыре:4 четырёх:4 четырех:4 пять:5 пяти:5 шесть:6 шести:6 семь:7 семи:7 восемь:8 восьми:8 "+
			"девять:9 девяти:9 десять:10 десяти:10 одиннадцать:11 одиннадцати:11 двенадцать:12 двенадцати:12 "+
			"двадцать:20 двадцати:20 тридцать:30 тридцати:30 сорок:40 сорока:40 пятьдесят:50 шестьдесят:60 "+
			"семьдесят:70 восемьдесят:80 девяносто:90 сто:100",
		"один:1 одна:1 одно:1 одну:1 одного:1 одной:1 одним:1 одном:1 половина:0.5 половину:0.5 пол:0.5",
		"дважды:2 трижды:3", "раз:1"),
	"ar": words(
		"صفر:0 اثنان:2 اثنين:2 اثنتان:2 اثنتين:2 اثنا:2 اثنتا:2 ثلاث:3 ثلاثة:3 أربع:4 أربعة:4 خمس:5 خمسة:5 "+
			"ست:6 ستة:6 سبع:7 سبعة:7 ثمان:8 ثماني:8 ثمانية:8 تسع:9 تسعة:9 عشر:10 عشرة:10 "+
			"عشرون:20 عشرين:20 ثلاثون:30 ثلاثين:30 أربعون:40 أربعين:40 خمسون:50 خمسين:50 ستون:60 ستين:60 "+
			"سبعون:70 سبعين:70 ثمانون:80 ثمانين:80 تسعون:90 تسعين:90 مئة:100 مائة:100",
		"واحد:1 واحدة:1 أحد:1 إحدى:1 نصف:0.5",
		"مرتين:2 مرتان:2", "مرة:1"),
}

// arabicDuals are Arabic dual nouns: a number and a unit in one word.
var arabicDuals = map[string]unit{
	"يومين": {"time", 86400}, "يومان": {"time", 86400},
	"ساعتين": {"time", 3600}, "ساعتان": {"time", 3600},
	"أسبوعين": {"time", 604800}, "أسبوعان": {"time", 604800},
	"شهرين": {"time", 2629800}, "شهران": {"time", 2629800},
	"قرصين": {"tablet", 1}, "قرصان": {"tablet", 1}, "حبتين": {"tablet", 1}, "حبتان": {"tablet", 1},
	"سنتين": {"time", 31557600}, "سنتان": {"time", 31557600}, "عامين": {"time", 31557600}, "عامان": {"time", 31557600},
	"جرعتين": {"dose", 1}, "جرعتان": {"dose", 1}, "كيسين": {"sachet", 1}, "ملعقتين": {"spoon", 1},
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
	{"ложк", unit{"spoon", 1}},
}

// unitLanguage limits unit names that are ordinary words in another
// language: English "an" is an article ("half an hour"), French "an" a
// year.
var unitLanguage = map[string]string{"an": "fr", "ans": "fr", "sobre": "es", "sobres": "es", "mes": "es"}

// lookupUnit finds a unit name in the text's language, tolerating
// Arabic vowel marks and clitics and Russian case endings.
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

// words builds a table from "word:value" lists: required numbers,
// optional ones, required frequencies ("twice") and optional frequencies
// ("once").
func words(required, optional, freq, optFreq string) map[string]numberWord {
	m := map[string]numberWord{}
	add := func(list string, opt bool, u unit) {
		for _, f := range strings.Fields(list) {
			w, v, _ := strings.Cut(f, ":")
			m[w] = numberWord{val: parseSimple(v), optional: opt, unit: u}
		}
	}
	add(required, false, unit{})
	add(optional, true, unit{})
	add(freq, false, unit{"frequency", 0})
	add(optFreq, true, unit{"frequency", 0})
	return m
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

// lookupWord finds a number word in the text's language.
func (t *text) lookupWord(w string) (numberWord, bool) {
	table := numberWords[t.lang]
	if nw, ok := table[w]; ok {
		return nw, true
	}
	if t.lang == "ar" {
		for _, v := range arabicNorm(w) {
			if nw, ok := table[v]; ok {
				return nw, true
			}
			if u, ok := arabicDuals[v]; ok {
				return numberWord{val: 2, unit: u}, true
			}
		}
	}
	return numberWord{}, false
}
