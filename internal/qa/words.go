package qa

import (
	"strings"
	"unicode"

	"github.com/healthloc/healthloc/internal/cldr/numeral"
)

// Reading numbers written in words, with the language's CLDR number words
// (lang.go): "twenty-five", "treinta y cinco", "二十三", "hai mươi", "dos
// cent millions", Swahili "mia mbili".

// isUnspacedRune is a letter of a script written without spaces between
// words.
func isUnspacedRune(c rune) bool {
	return c >= 0x0E00 && unicode.In(c, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar) ||
		c == 'ー' || c == '々'
}

// isMark is a vowel sign or other mark that belongs to the letter before.
func isMark(c rune) bool {
	return c >= 0x0300 && unicode.In(c, unicode.Mn, unicode.Mc, unicode.Me)
}

// isLeadingVowel is a Thai or Lao vowel written before the consonant it
// follows in speech: a word cannot start after it.
func isLeadingVowel(c rune) bool {
	return c >= 0x0E40 && c <= 0x0E44 || c >= 0x0EC0 && c <= 0x0EC4
}

// numberToken matches a number word at rune k: the longest cardinal,
// multiplier or connector name, with where it ends.
func (t *text) numberToken(k int, whole bool) (entry, int, bool) {
	var found entry
	end := -1
	t.lg.m.at(t, k, func(e entry, e2 int) bool {
		switch e.kind {
		case eCard, eMult, eConn, eDual:
		default:
			return false
		}
		if isMark(t.r[k]) || k > 0 && isLeadingVowel(t.r[k-1]) || e2 < len(t.r) && isMark(t.r[e2]) {
			return false
		}
		if whole && e2 < len(t.r) && isWordRune(t.r[e2]) && !t.lg.attach && !t.ordinalSuffixAt(e2) {
			return false
		}
		switch {
		case end < 0:
			found, end = e, e2
		case e2 == end && e.kind == eMult:
			found = e // 十 is ten and a multiplier: 二十 is 20
		}
		return e2 < end
	})
	if end < 0 && t.lang == "ar" && whole {
		return t.arabicToken(k)
	}
	return found, end, end >= 0
}

// arabicToken reads an Arabic number word with its clitics, vowel marks,
// tanween and case endings: "وعشرين" is 20.
func (t *text) arabicToken(k int) (entry, int, bool) {
	w, e := t.wordAt(k)
	if w == "" {
		return entry{}, 0, false
	}
	for _, v := range arabicNorm(w) {
		// the oblique case (عشرين, اثنين) and the form without ta
		// marbuta (ثلاث, خمس) of what CLDR spells
		cands := []string{v, v + "ة"}
		if s, ok := strings.CutSuffix(v, "ين"); ok {
			cands = append(cands, s+"ون", s+"ان")
		}
		for _, c := range cands {
			if en, ok := t.lg.lookupWord(c); ok {
				return en, e, true
			}
			if u, ok := arabicDuals[c]; ok {
				return entry{kind: eCard, val: 2, u: u}, e, true
			}
		}
	}
	return entry{}, 0, false
}

// lookupWord finds a whole word among the language's number words.
func (l *lang) lookupWord(w string) (entry, bool) {
	rs := []rune(foldString(w))
	var cands []named
	switch len(rs) {
	case 0:
		return entry{}, false
	case 1:
		cands = l.m.byOne[rs[0]]
	default:
		cands = l.m.byTwo[[2]rune{rs[0], rs[1]}]
	}
	for _, n := range cands {
		if string(n.name) == string(rs) && (n.e.kind == eCard || n.e.kind == eMult || n.e.kind == eConn) {
			return n.e, true
		}
	}
	return entry{}, false
}

// ordinalSuffixAt reports an ordinal ending at rune k: "sixth" is "six"
// and "th".
func (t *text) ordinalSuffixAt(k int) bool {
	ok := false
	t.lg.m.at(t, k, func(e entry, end int) bool {
		ok = e.kind == eOrdSuf && e.weak && (end >= len(t.r) || !isWordRune(t.r[end]))
		return ok
	})
	return ok
}

// numberWords reads the words of one number from rune i: each word must
// continue the number ("twenty" then "three", not "two" then "three"),
// separated by spaces or a hyphen in spaced scripts and joined in
// unspaced ones. It returns the value, the first entry and the end.
func (t *text) numberWords(i int, spaced bool) (float64, entry, int, int, bool) {
	var toks []numeral.Token
	var first entry
	k, end := i, i
	arUnitsTens := false
	for n := 0; n < 12; n++ {
		e, e2, ok := t.numberToken(k, spaced)
		if !ok || e.kind == eConn && len(toks) == 0 {
			break
		}
		tok := e.token()
		if e.kind == eDual && len(toks) > 0 {
			break
		}
		if len(toks) > 0 && e.weak != first.weak && e.kind != eConn {
			break // Korean: native 열 and Sino-Korean 이 do not make one number
		}
		if !numeral.Follows(toks, tok, t.lg.postfix) {
			// Arabic writes the units before the tens: خمسة وعشرون.
			if t.lang == "ar" && len(toks) == 1 && toks[0].Val >= 1 && toks[0].Val <= 9 && (tok.Val == 10 || tok.Val >= 20 && tok.Val <= 90 && tok.Val%10 == 0) {
				arUnitsTens = true
			} else {
				break
			}
		}
		if len(toks) == 0 {
			first = e
		}
		toks = append(toks, tok)
		if e.kind != eConn {
			end = e2
		}
		k = e2
		if spaced {
			s := t.skipSpaces(k)
			if s < len(t.r) && t.r[s] == '-' && s == k {
				s++
			}
			if s == k && !t.lg.attach {
				break
			}
			k = s
		}
		if arUnitsTens {
			break
		}
	}
	for len(toks) > 0 && toks[len(toks)-1].Conn {
		toks = toks[:len(toks)-1]
	}
	if len(toks) == 0 || len(toks) == 1 && first.weak {
		return 0, entry{}, 0, 0, false
	}
	if arUnitsTens {
		return float64(toks[0].Val + toks[1].Val), first, len(toks), end, true
	}
	if len(toks) == 1 {
		return first.val, first, 1, end, true // halves are not integers
	}
	return float64(numeral.Combine(toks, t.lg.postfix)), first, len(toks), end, true
}

// wordQuantity makes a quantity of number words read from i to end, with
// what may follow: an ordinal suffix, a magnitude, a unit or a counter.
func (t *text) wordQuantity(v float64, first entry, ntok, i, end int) quantity {
	q := plainQuantity(v, i, end)
	q.word = true
	q.optional = ntok == 1 && first.opt || v == 1
	if first.u.class != "" && ntok == 1 && first.kind != eDual {
		q.unit, q.hasUnit, q.inherent, q.ue = first.u, true, true, end
		if q.unit.class == "frequency" {
			q.unit.mag = t.period(i, end)
		}
		return q
	}
	if t.ordinalAfter(&q, false) {
		return q
	}
	if first.kind == eDual {
		q.unit, q.hasUnit, q.inherent = first.u, true, true
		return q
	}
	if _, s, ok := t.percentBefore(i); ok {
		q.unit, q.hasUnit, q.ub, q.optional = unit{"percent", 1}, true, s, false
		return q
	}
	t.scaleBefore(&q)
	t.scaleAfter(&q)
	q = t.withUnit(q)
	if (t.lg.needCounter || ntok == 1 && first.counterOnly) && !q.hasUnit && !q.counted && !q.scaled {
		q.optional = true
	}
	return q
}

// ordinalAfter makes q an ordinal when a suffix follows: "sixth",
// "셋째", "세 번째", "ሦስትኛ" after words, "3rd", "3e", "3ኛ" after digits
// (the suffixes differ: "eighth" is "eight" and "h", 8h is eight hours).
func (t *text) ordinalAfter(q *quantity, digits bool) bool {
	k := q.j
	if k < len(t.r) && isSpace(t.r[k]) && t.lg.attach {
		k = t.skipSpaces(k)
	}
	done := false
	t.lg.m.at(t, k, func(e entry, end int) bool {
		if e.kind == eOrdSuf && e.weak != digits && (end >= len(t.r) || !isWordRune(t.r[end]) || t.lg.attach) && (k == q.j || !isASCIIWord(t.r[k])) {
			q.ordinal, q.optional, q.j, q.ue = true, true, end, end
			done = true
		}
		return done
	})
	return done
}

func isASCIIWord(c rune) bool { return c < 0x80 && isWordRune(c) }

// ordinalDigits makes a number of digits an ordinal when a marker goes
// with it: 3rd, 3e, 3.º, 第3, 제3, thứ 3, ที่ 3, 3ኛ, 3번째.
func (t *text) ordinalDigits(q *quantity) bool {
	if t.ordinalAfter(q, true) {
		return true
	}
	if e, s, ok := t.entryBefore(q.i, eOrdPre); ok && !e.weak {
		q.ordinal, q.optional, q.ub = true, true, s
		return true
	}
	// a prefix attached to the digits: 第3, 제3
	if q.i > 0 && isWordRune(t.r[q.i-1]) {
		s := q.i - 1
		for s > 0 && isWordRune(t.r[s-1]) && q.i-s < 4 {
			s--
		}
		for ; s < q.i; s++ {
			hit := false
			t.lg.m.at(t, s, func(e entry, end int) bool {
				hit = e.kind == eOrdPre && !e.weak && end == q.i
				return hit
			})
			if hit {
				q.ordinal, q.optional, q.ub = true, true, s
				return true
			}
		}
	}
	return false
}

// readWord reads the word at i of a spaced script (ending at j): a
// number in words, an ordinal, a month, and returns where to go on.
func (t *text) readWord(i, j int, qs *[]quantity, months *[]monthMark) int {
	// one look at the names that start here tells what to try
	month, ord, num := false, false, t.lang == "ar"
	t.lg.m.at(t, i, func(e entry, _ int) bool {
		switch e.kind {
		case eMonth:
			month = true
		case eOrd, eOrdPre:
			ord = true
		case eCard, eMult, eDual:
			num = true
		}
		return false
	})
	if month {
		if mk, ok := t.monthAt(i, true); ok {
			*months = append(*months, mk)
			return mk.j
		}
	}
	if ord {
		if e, end, ok := t.ordinalWord(i); ok {
			q := plainQuantity(e.val, i, end)
			q.word, q.ordinal, q.optional = true, true, true
			*qs = append(*qs, q)
			return end
		}
	}
	if !num {
		return j
	}
	if v, first, ntok, end, ok := t.numberWords(i, true); ok {
		if ntok == 1 && first.kind == eMult && t.digitAfter(end) {
			return j // "milioni 200": the magnitude of the number after it
		}
		q := t.wordQuantity(v, first, ntok, i, end)
		*qs = append(*qs, q)
		return max(q.ue, q.j, end)
	}
	return j
}

// digitAfter reports digits after rune j, past spaces.
func (t *text) digitAfter(j int) bool {
	k := t.skipSpaces(j)
	return k < len(t.r) && isDigit(t.r[k])
}

// ordinalWord matches a whole ordinal word at i ("third", "troisième"),
// or an ordinal prefix word followed by a number word ("thứ ba", "wa
// tatu", "ที่สาม").
func (t *text) ordinalWord(i int) (entry, int, bool) {
	var found entry
	end := -1
	t.lg.m.at(t, i, func(e entry, e2 int) bool {
		if e.kind == eOrd && (e2 >= len(t.r) || !isWordRune(t.r[e2]) || t.lg.unspaced || t.lg.attach) {
			found, end = e, e2
			return true
		}
		if e.kind == eOrdPre && e.weak {
			k := t.skipSpaces(e2)
			if k == e2 && !t.lg.unspaced && !t.lg.attach {
				return false
			}
			if v, _, _, e3, ok := t.numberWords(k, !t.lg.unspaced); ok {
				found, end = entry{kind: eOrd, val: v}, e3
				return true
			}
		}
		return false
	})
	return found, end, end >= 0
}

// scanRun reads a run of letters of a script written without spaces
// (Chinese, Japanese, Thai): at each rune, the longest month, ordinal or
// number word that starts there.
func (t *text) scanRun(i, j int, qs *[]quantity, months *[]monthMark) {
	for p := i; p < j; {
		skip := -1
		t.lg.m.at(t, p, func(e entry, end int) bool {
			if e.kind == eNot {
				skip = end
				return true
			}
			return false
		})
		if skip > 0 {
			p = skip
			continue
		}
		if mk, ok := t.monthAt(p, false); ok {
			*months = append(*months, mk)
			p = mk.j
			continue
		}
		if e, end, ok := t.ordinalWord(p); ok {
			q := plainQuantity(e.val, p, end)
			q.word, q.ordinal, q.optional = true, true, true
			*qs = append(*qs, q)
			p = end
			continue
		}
		if v, first, ntok, end, ok := t.numberWords(p, false); ok {
			q := t.wordQuantity(v, first, ntok, p, end)
			*qs = append(*qs, q)
			p = max(q.ue, q.j, end)
			if p > j {
				return
			}
			continue
		}
		p++
	}
}

// wordAt is the lower-case word starting at rune k and the index after it.
func (t *text) wordAt(k int) (string, int) {
	e := k
	for e < len(t.r) && isWordRune(t.r[e]) {
		e++
	}
	return strings.ToLower(string(t.r[k:e])), e
}

// nextWord is the lower-case word after spaces at rune j, and the rune
// index after it.
func (t *text) nextWord(j int) (string, int) {
	k := j
	for k < len(t.r) && isSpace(t.r[k]) {
		k++
	}
	if k == j || k >= len(t.r) || !isWordRune(t.r[k]) {
		return "", j
	}
	e := k
	for e < len(t.r) && isWordRune(t.r[e]) {
		e++
	}
	return strings.ToLower(string(t.r[k:e])), e
}
