package qa

import (
	"math"
	"strconv"
	"strings"
)

// quantity is a number in a text, with its unit when one follows.
type quantity struct {
	key      string // the value, normalized: "1.5", "2000", "tel:0800123456", "date:2022-09-06"
	val      float64
	i, j     int // rune range of the number
	ue       int // rune index after the unit, or j
	ub       int // rune index of a unit written before the number, or i
	optional bool
	unit     unit
	hasUnit  bool
	// inherent says the unit is part of the word: "once", "twice", يومين.
	inherent bool
	// split are the values the number has when its plain spaces are not
	// thousands separators ("116 117" in French is 116117 or 116 and 117),
	// or its 24-hour value (5 pm is 17).
	split    []string
	word     bool // read from words, not digits
	ordinal  bool // 3rd, third, 第三, 제3
	counted  bool // a counter follows: 两个, 세 명, 5 người
	frac     bool // a fraction or a proportion: ½, 1/4, "1 in 4", 四分之一
	twoDigit bool // written with exactly two digits (the end of 2022-23)
	scaled   bool // a magnitude word followed: 200 million, 2亿
	period   bool // the period of the frequency after it: the 1 of 1日2回
}

var vulgarFractions = map[rune]float64{
	'½': 0.5, '⅓': 1.0 / 3, '⅔': 2.0 / 3, '¼': 0.25, '¾': 0.75, '⅕': 0.2, '⅛': 0.125,
}

func isDigit(c rune) bool { return c >= '0' && c <= '9' }

// formatKey writes a value without float noise: 1.1×10^6 is 1100000.
func formatKey(v float64) string {
	if v != 0 && math.Abs(v) < 1e15 {
		v, _ = strconv.ParseFloat(strconv.FormatFloat(v, 'g', 12, 64), 64)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func plainQuantity(v float64, i, j int) quantity {
	return quantity{key: formatKey(v), val: v, i: i, j: j, ue: j, ub: i}
}

// quantities finds every number of the text in order: digits in the
// locale's notation and script, dates, phone numbers, fractions,
// proportions and number words, each with the unit that follows it.
func (t *text) quantities() []quantity {
	var qs []quantity
	var months []monthMark
	n := len(t.r)
	for i := 0; i < n; {
		c := t.r[i]
		switch {
		case isDigit(c) || ((c == '+' || c == '(') && i+1 < n && isDigit(t.r[i+1])):
			if isDigit(c) {
				if q, ok := t.numericDate(i); ok {
					qs = append(qs, q)
					i = q.j
					continue
				}
			}
			if j, digits, ok := t.phone(i); ok {
				qs = append(qs, quantity{key: "tel:" + digits, i: i, j: j, ue: j, ub: i})
				i = j
				continue
			}
			if !isDigit(c) {
				i++
				continue
			}
			q, mk, isMonth := t.digitNumber(i)
			if isMonth {
				months = append(months, mk)
				i = mk.j
				continue
			}
			qs = append(qs, q)
			i = max(q.ue, q.j)
		case vulgarFractions[c] != 0:
			q := plainQuantity(vulgarFractions[c], i, i+1)
			q.frac = true
			qs = append(qs, t.withUnit(q))
			i++
		case isWordRune(c):
			j := t.wordEnd(i)
			if t.lg.unspaced && isUnspacedRune(c) {
				t.scanRun(i, j, &qs, &months)
				i = j
				continue
			}
			i = t.readWord(i, j, &qs, &months)
		default:
			i++
		}
	}
	qs = t.dates(qs, months)
	qs = fractionFix(t, qs)
	qs = t.proportions(qs)
	t.yearRanges(qs)
	t.perPeriods(qs)
	t.spreadRangeUnits(qs)
	if t.nowords {
		for k := range qs {
			if qs[k].word {
				qs[k].optional = true
			}
		}
	}
	return qs
}

// wordEnd is the index after the letter run starting at i.
func (t *text) wordEnd(i int) int {
	j := i
	for j < len(t.r) && isWordRune(t.r[j]) {
		j++
	}
	return j
}

// digitNumber reads a number written with digits at rune i: its value in
// the locale's notation, a fraction after it, a magnitude word ("200
// million", "2亿"), an ordinal marker (3rd, 第3, 제3) and its unit. A
// number that a month name holds ("9月", "tháng 9") is a month instead.
func (t *text) digitNumber(i int) (quantity, monthMark, bool) {
	j, v, split := t.number(i)
	if j < len(t.r) {
		if f, ok := vulgarFractions[t.r[j]]; ok {
			v += f
			j++
			split = nil
		}
	}
	q := plainQuantity(v, i, j)
	q.split = split
	q.twoDigit = j-i == 2 && isDigit(t.r[i]) && isDigit(t.r[i+1])
	integer := v == math.Trunc(v)
	if integer && v >= 1 && v <= 12 {
		if mk, ok := t.monthByAffix(i, j, int(v)); ok {
			return quantity{}, mk, true
		}
	}
	if v >= 1 && v <= 11 && integer && t.afternoon(j) {
		q.split = []string{formatKey(v + 12)} // 5 pm is 17 h
	}
	if integer && t.ordinalDigits(&q) {
		return q, monthMark{}, false
	}
	t.scaleBefore(&q)
	t.scaleAfter(&q)
	if _, s, ok := t.percentBefore(i); ok {
		q.unit, q.hasUnit, q.ub, q.ue = unit{"percent", 1}, true, s, q.j
		return q, monthMark{}, false
	}
	if t.monthFollows(q.j) {
		return q, monthMark{}, false // "ngày 6 tháng 9": tháng is the month's, not a unit
	}
	return t.withUnit(q), monthMark{}, false
}

// scaleAfter applies a magnitude word after the number: "200 million",
// "2亿", "20 crore". A unit name that begins the same way wins when it is
// longer: 5千克 is 5 kg.
func (t *text) scaleAfter(q *quantity) {
	k := t.skipSpaces(q.j)
	var mag entry
	magEnd := -1
	t.lg.m.at(t, k, func(e entry, end int) bool {
		switch e.kind {
		case eMag:
			if t.boundaryOK(k, end) {
				mag, magEnd = e, end
				return true
			}
		case eUnit, eCounter:
			if t.boundaryOK(k, end) {
				return true // a unit or counter is longer: no magnitude
			}
		}
		return false
	})
	if magEnd < 0 {
		return
	}
	q.val *= mag.val
	q.key, q.j, q.ue, q.split, q.scaled = formatKey(q.val), magEnd, magEnd, nil, true
}

// scaleBefore applies a magnitude word written before the number:
// Swahili "milioni 200".
func (t *text) scaleBefore(q *quantity) {
	if e, s, ok := t.entryBefore(q.i, eMagB); ok {
		q.val *= e.val
		q.key, q.ub, q.split, q.scaled = formatKey(q.val), s, nil, true
	}
}

// entryBefore finds a name of the given kind that ends where the word
// before rune i ends (spaces between), and returns where it starts.
func (t *text) entryBefore(i int, kinds ...byte) (entry, int, bool) {
	e := i
	for e > 0 && isSpace(t.r[e-1]) && t.r[e-1] != '\n' {
		e--
	}
	if e == 0 || !isWordRune(t.r[e-1]) {
		return entry{}, 0, false
	}
	// try the starts of the last three words, nearest first
	s := e
	for w := 0; w < 3 && s > 0; w++ {
		for s > 0 && isWordRune(t.r[s-1]) {
			s--
		}
		var found entry
		ok := false
		t.lg.m.at(t, s, func(en entry, end int) bool {
			if end == e && hasKind(en.kind, kinds) {
				found, ok = en, true
				return true
			}
			return false
		})
		if ok {
			return found, s, true
		}
		for s > 0 && isSpace(t.r[s-1]) {
			s--
		}
	}
	return entry{}, 0, false
}

func hasKind(k byte, kinds []byte) bool {
	for _, x := range kinds {
		if k == x {
			return true
		}
	}
	return false
}

// skipSpaces returns the index of the first rune at or after k that is not
// a space on the same line.
func (t *text) skipSpaces(k int) int {
	for k < len(t.r) && isSpace(t.r[k]) && t.r[k] != '\n' {
		k++
	}
	return k
}

// boundaryOK reports whether a name matched at [k, end) is a whole word:
// in languages written with spaces the next rune must not be a letter
// (unless the language attaches particles, as Korean does, or the name
// ends in a sign such as "%"), and in every script the match must not
// cut a letter from its vowel signs.
func (t *text) boundaryOK(k, end int) bool {
	if end < len(t.r) && isMark(t.r[end]) {
		return false
	}
	if k > 0 && isLeadingVowel(t.r[k-1]) {
		return false
	}
	if end >= len(t.r) || !isWordRune(t.r[end]) || t.lg.attach || !isWordRune(t.r[end-1]) {
		return true
	}
	return isUnspacedRune(t.r[end-1]) && isUnspacedRune(t.r[end])
}

// afternoon reports a 12-hour clock time after the number at rune j:
// "5 pm", "5 p.m.", "5 p. m.", Arabic "5 مساءً".
func (t *text) afternoon(j int) bool {
	k := j
	for k < len(t.r) && isSpace(t.r[k]) {
		k++
	}
	if k >= len(t.r) || t.r[k] != 'p' && t.r[k] != 'P' && t.lang != "ar" {
		return false
	}
	rest := strings.ToLower(string(t.r[k:min(len(t.r), k+6)]))
	for _, p := range []string{"pm", "p.m.", "p. m."} {
		if strings.HasPrefix(rest, p) {
			e := k + len([]rune(p))
			return e >= len(t.r) || !isWordRune(t.r[e])
		}
	}
	if w, _ := t.wordAt(k); t.lang == "ar" && k < len(t.r) && isWordRune(t.r[k]) {
		for _, v := range arabicNorm(w) {
			if v == "مساء" {
				return true
			}
		}
	}
	return false
}

// withUnit attaches the unit after q, or a counter, or a unit or
// frequency written before it (Swahili "siku 3", "mara 2").
func (t *text) withUnit(q quantity) quantity {
	q.ue = q.j
	u, e, kind, ok := t.unitAt(q.j)
	if ok && kind == eCounter {
		q.counted, q.ue = true, e
		return q
	}
	if !ok && !q.hasUnit {
		if en, s, found := t.entryBefore(q.i, eUnitB, eFreqB); found {
			u, ok, q.ub = en.u, true, s
			e = q.j
		}
	}
	if !ok {
		return q
	}
	if u.class == "frequency" {
		u.mag = t.period(q.ub, e)
	}
	q.unit, q.hasUnit, q.ue = u, true, e
	return q
}

// rangeWords join the two ends of a range or an alternative: "2-3 days",
// "2 to 3 days", "2 or 3 days".
var rangeWords = map[string]bool{
	"to": true, "or": true, "and": true, "a": true, "o": true, "y": true, "u": true, "à": true, "ou": true, "et": true,
	"до": true, "или": true, "и": true, "إلى": true, "الى": true, "أو": true, "او": true, "و": true,
}

// rangeSigns join the ends of a range without words.
const rangeSigns = "-–—/~〜"

// spreadRangeUnits gives the first end of a range the unit of the second:
// in "10–14 days" both numbers are days.
func (t *text) spreadRangeUnits(qs []quantity) {
	for k := len(qs) - 2; k >= 0; k-- {
		a, b := &qs[k], &qs[k+1]
		if a.hasUnit || !b.hasUnit || a.key[0] == 't' || a.key[0] == 'd' || a.j > b.ub {
			continue
		}
		between := strings.TrimFunc(string(t.r[a.j:b.ub]), isSpace)
		if len([]rune(between)) == 1 && strings.Contains(rangeSigns, between) || rangeWords[strings.ToLower(between)] || t.isRangeWord(a.j, b.ub) {
			a.unit, a.hasUnit = b.unit, true
		}
	}
}

// isRangeWord reports whether [a, b) holds only a range word of the
// language between spaces: "2至8", "۲ تا ۸".
func (t *text) isRangeWord(a, b int) bool {
	k := t.skipSpaces(a)
	found := false
	t.lg.m.at(t, k, func(e entry, end int) bool {
		if e.kind == eRange && t.skipSpaces(end) == b {
			found = true
		}
		return found
	})
	return found
}
