package qa

import (
	"strconv"
	"strings"
	"sync"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/cldr"
	"github.com/healthloc/healthloc/internal/cldr/numeral"
)

// The kinds of names a language's matcher holds.
const (
	eCard    = 'c' // a cardinal number word
	eMult    = 'x' // a multiplier: "hundred", "万"
	eConn    = 'j' // a connector: "and", "y", "na"
	eOrd     = 'o' // an ordinal word: "third"
	eOrdPre  = 'P' // what makes an ordinal of the number after it: 第, thứ
	eOrdSuf  = 'S' // … of the number before it: th, 째, ኛ
	eMonth   = 'm'
	eUnit    = 'u' // a unit written after the number
	eUnitB   = 'b' // a unit written before it (Swahili "siku 3")
	eDual    = '2' // a word for two of a unit: يومان, יומיים
	eCounter = 'k' // a counter without a unit: 个, 명, người
	eMag     = 'g' // a magnitude after the number: million, 万, crore
	eMagB    = 'G' // a magnitude before it (Swahili "milioni 200")
	ePeriod  = 'p' // the period of a frequency: "per day", 每天
	ePct     = '%' // a percentage written before the number: 百分之
	eNot     = 'n' // holds number characters but is no number: 十分
	eDate    = 'd' // a word between the parts of a date
	eRange   = 'r' // a word joining the two ends of a range
	eProp    = 'q' // the words of a proportion: "in", 分之, "में से"
	eFreqB   = 'f' // a frequency counter before the number (Swahili "mara")
)

// entry is what a name means.
type entry struct {
	kind  byte
	val   float64
	u     unit
	month int
	// opt marks words that double as articles or pronouns ("one") and
	// weak words that count only inside a longer number.
	opt, weak bool
	// wholeFirst: a proportion that names the whole first.
	wholeFirst bool
	// counterOnly: a number word that counts only before a unit or a
	// counter (counterOnly in extras.go).
	counterOnly bool
}

func (e entry) token() numeral.Token {
	return numeral.Token{Val: int64(e.val), Mult: e.kind == eMult || e.kind == eCard && numeral.IsPowerOfTen(int64(e.val)) && e.val >= 100,
		Conn: e.kind == eConn}
}

// lang is what the checks know about reading one language: CLDR's data
// and the hand-written grammar of extras.go, in one matcher.
type lang struct {
	code        string
	id          string // CLDR locale ID, "" without data
	m           *matcher
	words       bool // CLDR spells out numbers in the language
	unspaced    bool
	attach      bool
	needCounter bool
	postfix     bool
	dateOrder   string
	// monthAffix are month names that hold the month's digits: "9月" is
	// the suffix 月, "tháng 9" the prefix "tháng ".
	monthAffix [][2]string
	dec, grp   rune
	spaceGrp   bool
	suffixes   []string // case endings a unit name may take (unitSuffixes)
}

var langs sync.Map // language.Tag → *lang

// langFor returns the reading of a language, built once.
func langFor(tag language.Tag) *lang {
	if l, ok := langs.Load(tag); ok {
		return l.(*lang)
	}
	l, _ := langs.LoadOrStore(tag, buildLang(tag))
	return l.(*lang)
}

// cldrUnits maps the CLDR units the tables hold to the checks' units.
var cldrUnits = map[string]unit{
	"mass-microgram": {"mass", 1e-6}, "mass-milligram": {"mass", 1e-3}, "mass-gram": {"mass", 1}, "mass-kilogram": {"mass", 1e3},
	"volume-milliliter": {"volume", 1e-3}, "volume-liter": {"volume", 1}, "volume-teaspoon": {"spoon", 1}, "volume-tablespoon": {"spoon", 3},
	"temperature-celsius": {"temperature", 1}, "temperature-fahrenheit": {"temperature", 2},
	"duration-second": {"time", 1}, "duration-minute": {"time", 60}, "duration-hour": {"time", 3600}, "duration-day": {"time", 86400},
	"duration-week": {"time", 604800}, "duration-month": {"time", 2629800}, "duration-year": {"time", 31557600},
	"length-millimeter": {"length", 1e-3}, "length-centimeter": {"length", 1e-2}, "length-meter": {"length", 1}, "length-kilometer": {"length", 1e3},
	"length-inch": {"length", 0.0254}, "pressure-millimeter-ofhg": {"pressure", 1}, "concentr-percent": {"percent", 1},
	"concentr-milligram-ofglucose-per-deciliter": {"mg/dL", 1}, "concentr-millimole-per-liter": {"mmol/L", 1}, "energy-kilocalorie": {"energy", 1},
}

func buildLang(tag language.Tag) *lang {
	base, _ := tag.Base()
	l := &lang{code: base.String(), m: newMatcher()}
	l.dec, l.grp, l.spaceGrp = separators(l.code, tag)
	l.suffixes = strings.Fields(unitSuffixes[l.code])
	l.unspaced = unspacedLangs[l.code]
	l.attach = l.unspaced || attachLangs[l.code]
	l.needCounter = needCounter[l.code]
	cl := cldr.For(tag)
	if cl != nil {
		l.id = cl.ID
		l.addCLDR(cl)
		if _, known := knownSeparators[l.code]; !known && cl.Decimal != "" {
			l.dec, l.grp = firstRune(cl.Decimal), firstRune(cl.Group)
			if isSpace(l.grp) {
				l.grp, l.spaceGrp = ' ', true
			}
		}
	}
	l.addExtras()
	l.m.sort()
	return l
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

func (l *lang) addCLDR(cl *cldr.Locale) {
	weak, cOnly := map[string]bool{}, map[string]bool{}
	for _, w := range strings.Fields(weakWords[l.code]) {
		weak[w] = true
	}
	for _, w := range strings.Fields(counterOnly[l.code]) {
		cOnly[w] = true
	}
	l.words = cl.HasNumberWords()
	l.postfix = cl.Postfix
	for _, w := range cl.Cardinals {
		l.m.add(w.Text, entry{kind: eCard, val: float64(w.Value), opt: w.Value == 1, weak: weak[w.Text], counterOnly: cOnly[w.Text]})
	}
	for _, w := range cl.Multipliers {
		l.m.add(w.Text, entry{kind: eMult, val: float64(w.Value), weak: weak[w.Text]})
		if w.Value >= 1000 {
			kind := byte(eMag)
			if cl.Postfix {
				kind = eMagB
			}
			l.m.add(w.Text, entry{kind: kind, val: float64(w.Value)})
		}
	}
	for _, c := range cl.Connectors {
		l.m.add(c, entry{kind: eConn})
	}
	for _, w := range cl.Ordinals {
		l.m.add(w.Text, entry{kind: eOrd, val: float64(w.Value)})
	}
	for _, a := range cl.WordOrdinals {
		if a.Prefix != "" {
			l.m.add(a.Prefix, entry{kind: eOrdPre, weak: true})
		} else {
			l.m.add(a.Suffix, entry{kind: eOrdSuf, weak: true})
		}
	}
	for _, a := range cl.DigitOrdinals {
		if a.Prefix != "" {
			l.m.add(a.Prefix, entry{kind: eOrdPre})
		} else {
			l.m.add(a.Suffix, entry{kind: eOrdSuf})
		}
	}
	for m, names := range cl.Months {
		for _, n := range names {
			d := strconv.Itoa(m)
			if i := strings.Index(n, d); i >= 0 && !strings.ContainsAny(n[i+len(d):], "0123456789") {
				l.monthAffix = append(l.monthAffix, [2]string{foldString(n[:i]), foldString(n[i+len(d):])})
				continue
			}
			l.m.add(strings.TrimSuffix(n, "."), entry{kind: eMonth, month: m})
		}
	}
	l.dateOrder = cl.DateOrder
	for _, w := range cl.DateWords {
		l.m.add(w, entry{kind: eDate})
	}
	l.addUnits(cl)
}

// addUnits adds CLDR's unit names: after or before the number, words for
// two of a unit (duals), and the periods of frequencies.
func (l *lang) addUnits(cl *cldr.Locale) {
	for _, u := range cl.Units {
		qu, ok := cldrUnits[u.ID]
		if !ok || shortLatin(u.Name) {
			continue
		}
		switch u.Form {
		case 'a':
			l.m.add(u.Name, entry{kind: eUnit, u: qu})
		case 'b':
			l.m.add(u.Name, entry{kind: eUnitB, u: qu})
		case '2':
			l.m.add(u.Name, entry{kind: eDual, val: 2, u: qu})
		case 'p':
			l.m.add(u.Name, entry{kind: ePeriod, val: qu.mag / 86400})
		}
		if qu.class == "time" && qu.mag >= 3600 && qu.mag <= 2629800 && (u.Form == 'a' || u.Form == 'b') {
			l.m.add(u.Name, entry{kind: ePeriod, val: min(qu.mag/86400, 30)})
		}
	}
	for _, g := range cl.Magnitudes {
		kind := byte(eMag)
		if g.Before {
			kind = eMagB
		}
		l.m.add(g.Word, entry{kind: kind, val: float64(g.Value)})
	}
}

// addExtras adds the hand-written grammar of extras.go.
func (l *lang) addExtras() {
	c := l.code
	for _, w := range strings.Fields(counters[c]) {
		l.m.add(w, entry{kind: eCounter})
	}
	for _, w := range strings.Fields(frequencyCounters[c]) {
		l.m.add(w, entry{kind: eUnit, u: unit{"frequency", 0}})
	}
	for _, w := range strings.Fields(frequencyBefore[c]) {
		l.m.add(w, entry{kind: eFreqB, u: unit{"frequency", 0}})
	}
	for w, d := range periodWords[c] {
		l.m.add(w, entry{kind: ePeriod, val: d})
	}
	for _, p := range proportions[c] {
		l.m.add(p.words, entry{kind: eProp, wholeFirst: p.wholeFirst})
	}
	if w := percentBefore[c]; w != "" {
		l.m.add(w, entry{kind: ePct})
	}
	if w := digitOrdinalPrefixes[c]; w != "" {
		l.m.add(w, entry{kind: eOrdPre})
	}
	nots := notNumbers[c]
	if l.id != "" {
		if n, ok := notNumbers[l.id]; ok {
			nots = n
		}
	}
	for _, w := range strings.Fields(nots) {
		l.m.add(w, entry{kind: eNot})
	}
	for _, w := range strings.Fields(dateWordsExtra[c]) {
		l.m.add(w, entry{kind: eDate})
	}
	for _, w := range strings.Fields(rangeWordsExtra[c]) {
		l.m.add(w, entry{kind: eRange})
	}
	lw := legacyWords[c]
	add := func(list string, opt bool, u unit) {
		for _, f := range strings.Fields(list) {
			w, v, _ := strings.Cut(f, ":")
			l.m.add(w, entry{kind: eCard, val: parseSimple(v), opt: opt, u: u})
		}
	}
	add(lw.required, false, unit{})
	add(lw.optional, true, unit{})
	add(lw.freq, false, unit{"frequency", 0})
	add(lw.optFreq, true, unit{"frequency", 0})
}

// knownSeparators are the languages whose separators separators() sets
// by hand; the others take CLDR's.
var knownSeparators = map[string]bool{
	"en": true, "zh": true, "ja": true, "ko": true, "he": true, "th": true, "hi": true, "ar": true, "fa": true, "ur": true, "sw": true,
	"fr": true, "ru": true, "uk": true, "pl": true, "cs": true, "sk": true, "fi": true, "sv": true, "nb": true, "no": true, "bg": true,
	"kk": true, "be": true, "hu": true, "lt": true, "lv": true, "et": true, "uz": true, "es": true,
}

// shortLatin is a unit name of one or two Latin letters that the legacy
// symbols do not have: Spanish "a" (año) and English "in" (inch) are
// words.
func shortLatin(name string) bool {
	if len(name) > 2 {
		return false
	}
	for _, r := range name {
		if !isASCIIWord(r) {
			return false
		}
	}
	_, symbol := unitWords[name]
	return !symbol
}
