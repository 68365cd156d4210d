package qa

import (
	"strconv"
	"strings"
)

// quantity is a number in a text, with its unit when one follows.
type quantity struct {
	key      string // the value, normalized: "1.5", "2000", "tel:0800123456"
	i, j     int    // rune range of the number
	ue       int    // rune index after the unit, or j
	optional bool
	unit     unit
	hasUnit  bool
	// inherent says the unit is part of the word: "once", "twice".
	inherent bool
	// split are the values the number has when its plain spaces are not
	// thousands separators ("116 117" in French is 116117 or 116 and 117),
	// or its 24-hour value (5 pm is 17).
	split []string
}

var vulgarFractions = map[rune]float64{
	'½': 0.5, '⅓': 1.0 / 3, '⅔': 2.0 / 3, '¼': 0.25, '¾': 0.75, '⅕': 0.2, '⅛': 0.125,
}

func isDigit(c rune) bool { return c >= '0' && c <= '9' }

func formatKey(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// quantities finds every number of the text in order: digits in the
// locale's notation, phone numbers, fractions and number words, each with
// the unit that follows it.
func (t *text) quantities() []quantity {
	var qs []quantity
	n := len(t.r)
	for i := 0; i < n; {
		c := t.r[i]
		switch {
		case isDigit(c) || ((c == '+' || c == '(') && i+1 < n && isDigit(t.r[i+1])):
			if j, digits, ok := t.phone(i); ok {
				qs = append(qs, quantity{key: "tel:" + digits, i: i, j: j, ue: j})
				i = j
				continue
			}
			if !isDigit(c) {
				i++
				continue
			}
			j, v, split := t.number(i)
			if j < n {
				if f, ok := vulgarFractions[t.r[j]]; ok {
					v += f
					j++
					split = nil
				}
			}
			if v >= 1 && v <= 11 && v == float64(int(v)) && t.afternoon(j) {
				split = []string{formatKey(v + 12)} // 5 pm is 17 h
			}
			q := t.withUnit(quantity{key: formatKey(v), i: i, j: j, split: split})
			qs = append(qs, q)
			i = q.ue // a unit name such as "pour cent" is not a number word
		case vulgarFractions[c] != 0:
			qs = append(qs, t.withUnit(quantity{key: formatKey(vulgarFractions[c]), i: i, j: i + 1}))
			i++
		case isWordRune(c):
			j := i
			for j < n && isWordRune(t.r[j]) {
				j++
			}
			w := strings.ToLower(string(t.r[i:j]))
			if nw, ok := t.lookupWord(w); ok {
				v := nw.val
				v, j = t.compound(v, j)
				q := quantity{key: formatKey(v), i: i, j: j, optional: nw.optional}
				if nw.unit.class != "" {
					q.unit, q.hasUnit, q.ue, q.inherent = nw.unit, true, j, true
					if q.unit.class == "frequency" {
						q.unit.mag = t.period(j)
					}
					qs = append(qs, q)
				} else {
					q = t.withUnit(q)
					qs = append(qs, q)
					j = q.ue
				}
			}
			i = j
		default:
			i++
		}
	}
	qs = fractionFix(t, qs)
	t.spreadRangeUnits(qs)
	return qs
}

// compound extends a number word ending at rune j with the words that
// complete it: "twenty-five", "vingt et un", "treinta y cinco",
// "двадцать пять", Arabic "خمسة وعشرون" and "أحد عشر", "two hundred".
func (t *text) compound(v float64, j int) (float64, int) {
	next := func(j int) (numberWord, int, bool) {
		k := j
		if k < len(t.r) && t.r[k] == '-' {
			k++
		}
		w, e := t.nextWord(k)
		if k > j && w == "" && k < len(t.r) && isWordRune(t.r[k]) {
			w, e = t.wordAt(k)
		}
		if w == "" {
			return numberWord{}, j, false
		}
		if w == "y" || w == "et" || w == "and" {
			if w2, e2 := t.nextWord(e); w2 != "" {
				w, e = w2, e2
			}
		}
		nw, ok := t.lookupWord(w)
		if !ok || nw.unit.class != "" {
			return numberWord{}, j, false
		}
		return nw, e, true
	}
	nw, e, ok := next(j)
	if !ok {
		return v, j
	}
	tens := v >= 20 && v <= 90 && v == float64(int(v)/10*10)
	switch {
	case tens && nw.val >= 1 && nw.val <= 9 && nw.val == float64(int(nw.val)):
		return v + nw.val, e
	case t.lang == "ar" && v >= 1 && v <= 9 && nw.val == 10:
		return v + 10, e // أحد عشر: 11
	case t.lang == "ar" && v >= 1 && v <= 9 && nw.val >= 20 && nw.val <= 90:
		return v + nw.val, e // خمسة وعشرون: 25
	case v >= 1 && v <= 9 && nw.val == 100:
		return v * 100, e
	}
	return v, j
}

// afternoon reports a 12-hour clock time after the number at rune j:
// "5 pm", "5 p.m.", "5 p. m.", Arabic "5 مساءً".
func (t *text) afternoon(j int) bool {
	k := j
	for k < len(t.r) && isSpace(t.r[k]) {
		k++
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

// withUnit attaches the unit after q, if any.
func (t *text) withUnit(q quantity) quantity {
	q.ue = q.j
	u, e, ok := t.unitAt(q.j)
	if !ok {
		return q
	}
	if u.class == "frequency" {
		u.mag = t.period(e)
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

// spreadRangeUnits gives the first end of a range the unit of the second:
// in "10–14 days" both numbers are days.
func (t *text) spreadRangeUnits(qs []quantity) {
	for k := len(qs) - 2; k >= 0; k-- {
		a, b := &qs[k], &qs[k+1]
		if a.hasUnit || !b.hasUnit || a.key[0] == 't' {
			continue
		}
		between := strings.TrimFunc(string(t.r[a.j:b.i]), isSpace)
		if between == "-" || between == "–" || between == "—" || between == "/" || rangeWords[strings.ToLower(between)] {
			a.unit, a.hasUnit = b.unit, true
		}
	}
}

// phone reads a phone number at rune i: a leading "+" or "0", or at least
// three digit groups joined by "-", with seven digits or more.
func (t *text) phone(i int) (int, string, bool) {
	n := len(t.r)
	j := i
	var digits strings.Builder
	groups, seps := 0, map[rune]int{}
	plus := t.r[i] == '+'
	if plus {
		j++
	}
	inGroup := false
	for j < n {
		c := t.r[j]
		switch {
		case isDigit(c):
			digits.WriteRune(c)
			if !inGroup {
				groups++
				inGroup = true
			}
			j++
			continue
		case (c == ' ' || c == '-' || c == '.' || c == '\u00a0' || c == '(' || c == ')') && j+1 < n &&
			(isDigit(t.r[j+1]) || (c == ' ' && t.r[j+1] == '(') || (c == ')' && t.r[j+1] == ' ' && j+2 < n && isDigit(t.r[j+2]))):
			seps[c]++
			inGroup = false
			j++
			continue
		}
		break
	}
	for j > i && !isDigit(t.r[j-1]) {
		j--
	}
	d := digits.String()
	if len(d) < 7 || len(d) > 15 {
		return i, "", false
	}
	switch {
	case plus, seps['('] > 0:
	case d[0] == '0' && groups >= 2 && seps['.'] == 0:
	case groups >= 3 && seps['-'] > 0 && seps['.'] == 0:
	default:
		return i, "", false
	}
	return j, d, true
}

// number reads a number written with digits at rune i in the locale's
// notation and returns the rune index after it and its value.
func (t *text) number(i int) (int, float64, []string) {
	n := len(t.r)
	groups := []string{}
	var seps []rune
	plain := true // only plain spaces separate the groups
	j := i
	for {
		k := j
		for k < n && isDigit(t.r[k]) {
			k++
		}
		groups = append(groups, string(t.r[j:k]))
		j = k
		if j+1 >= n || !isDigit(t.r[j+1]) {
			break
		}
		c := t.r[j]
		if isSpace(c) || c == '\'' || c == '’' {
			if c == '\n' || c == '\t' || (c == ' ' && !t.spaceGrp) || len(groups[0]) > 3 || digitsEnd(t.r, j+1) != j+4 {
				break
			}
		} else if c != '.' && c != ',' && c != '٫' && c != '٬' {
			break
		}
		if c != ' ' {
			plain = false
		}
		seps = append(seps, c)
		j++
	}
	var split []string
	if plain && len(seps) > 0 {
		for _, g := range groups {
			split = append(split, formatKey(parseDigits(g, "")))
		}
	}
	return j, t.value(groups, seps), split
}

// digitsEnd returns the index after the digit run starting at k.
func digitsEnd(r []rune, k int) int {
	for k < len(r) && isDigit(r[k]) {
		k++
	}
	return k
}

// value interprets digit groups and the separators between them.
func (t *text) value(groups []string, seps []rune) float64 {
	if len(seps) == 0 {
		return parseDigits(groups[0], "")
	}
	role := make([]byte, len(seps)) // 'g' group, 'd' decimal
	last := seps[len(seps)-1]
	allSame := true
	for _, s := range seps {
		if s != last {
			allSame = false
		}
	}
	for k, s := range seps {
		switch {
		case s == '٫':
			role[k] = 'd'
		case s == '٬' || isSpace(s) || s == '\'' || s == '’':
			role[k] = 'g'
		case !allSame:
			role[k] = 'g'
			if k == len(seps)-1 {
				role[k] = 'd'
			}
		case len(seps) > 1:
			role[k] = 'g'
		case len(groups[1]) == 3 && len(groups[0]) <= 3 && groups[0] != "0" && s == t.grp:
			role[k] = 'g'
		default:
			role[k] = 'd'
		}
	}
	var ip, fp strings.Builder
	ip.WriteString(groups[0])
	dec := false
	for k, g := range groups[1:] {
		if role[k] == 'd' && !dec {
			dec = true
			fp.WriteString(g)
			continue
		}
		if dec {
			fp.WriteString(g)
		} else {
			ip.WriteString(g)
		}
	}
	return parseDigits(ip.String(), fp.String())
}

func parseDigits(ip, fp string) float64 {
	s := ip
	if fp != "" {
		s += "." + fp
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0
	}
	return v
}

// fractionFix turns "1/2" into one number, ½, when it reads as a simple
// fraction: a numerator below a denominator of at most 16.
func fractionFix(t *text, qs []quantity) []quantity {
	var out []quantity
	for k := 0; k < len(qs); k++ {
		q := qs[k]
		if k+1 < len(qs) && q.j < len(t.r) && t.r[q.j] == '/' && qs[k+1].i == q.j+1 && !q.optional && !qs[k+1].optional {
			a, errA := strconv.Atoi(q.key)
			b, errB := strconv.Atoi(qs[k+1].key)
			if errA == nil && errB == nil && a < b && b <= 16 && a > 0 {
				nq := qs[k+1]
				nq.key = formatKey(float64(a) / float64(b))
				nq.i = q.i
				out = append(out, nq)
				k++
				continue
			}
		}
		out = append(out, q)
	}
	return out
}
