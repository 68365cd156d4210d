package main

import (
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/healthloc/healthloc/internal/cldr/numeral"
)

// lexicon is what one locale's spell-out rules say about number words:
// whole words with their values, multipliers ("hundred", "万"),
// connectors ("and", "y", "na"), ordinal words and the affixes that make
// ordinals of digits ("3rd", "第3") and of cardinal words ("第三").
type lexicon struct {
	cardinal   map[string]int64
	ordinal    map[string]int64
	multiplier map[string]int64
	connector  map[string]bool
	postfix    bool               // the multiplier comes first: Swahili "mia mbili" is 200
	ordAffix   map[[2]string]bool // of words: "第", "thứ", "th" (sixth)
	digAffix   map[[2]string]bool // of digits: "st" (1st), "第" (第3), "ኛ" (3ኛ)
}

// cleanSpelling normalizes a spelled-out number: NFC, lower case, no
// zero-width spaces or soft hyphens, single spaces.
func cleanSpelling(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\u200b', '\u00ad', '\u200e', '\u200f', '\u061c':
			return -1
		case '\u00a0', '\u202f':
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	return norm.NFC.String(strings.ToLower(s))
}

func hasDigit(s string) bool {
	return strings.IndexFunc(s, unicode.IsDigit) >= 0
}

// isSep separates the parts of a spelled-out number.
func isSep(r rune) bool { return r == ' ' || r == '-' || r == ',' || r == '‑' }

func splitParts(s string) []string { return strings.FieldsFunc(s, isSep) }

func pow10(k int) int64 {
	v := int64(1)
	for ; k > 0; k-- {
		v *= 10
	}
	return v
}

// ruleKind tells which public rule sets give words: cardinal ('c'),
// ordinal ('o') or neither (years, financial and calendar-day numerals).
func ruleKind(name string) byte {
	switch {
	case strings.Contains(name, "year"), strings.Contains(name, "financial"), strings.Contains(name, "days"):
		return 0
	case strings.HasPrefix(name, "spellout-numbering"), strings.HasPrefix(name, "spellout-cardinal"):
		return 'c'
	case strings.HasPrefix(name, "spellout-ordinal"), strings.HasPrefix(name, "digits-ordinal"):
		return 'o'
	}
	return 0
}

// deriver holds what deriving one locale's lexicon shares.
type deriver struct {
	r         *rbnf
	lx        *lexicon
	names     []string           // the public rule sets that spell words, sorted
	samples   []int64            // 0 to 100 and d×10^k
	spellings map[int64][]string // cardinal spellings of 0 to 9, every rule set
}

// spell is the cleaned spelling of n by a rule set, or "".
func (d *deriver) spell(name string, n int64) string {
	s, err := d.r.spell(name, n)
	if err != nil {
		return ""
	}
	return cleanSpelling(s)
}

// deriveLexicon spells numbers with every public rule set and derives the
// word tables from the results.
func deriveLexicon(r *rbnf) *lexicon {
	d := &deriver{r: r, spellings: map[int64][]string{}, lx: &lexicon{cardinal: map[string]int64{}, ordinal: map[string]int64{},
		multiplier: map[string]int64{}, connector: map[string]bool{}, ordAffix: map[[2]string]bool{}, digAffix: map[[2]string]bool{}}}
	for name, rs := range r.sets {
		if !rs.private && ruleKind(name) != 0 {
			d.names = append(d.names, name)
		}
	}
	sort.Strings(d.names)
	for n := int64(0); n <= 100; n++ {
		d.samples = append(d.samples, n)
	}
	for k := 2; k <= 12; k++ {
		for _, m := range []int64{1, 2, 3, 5} {
			d.samples = append(d.samples, m*pow10(k))
		}
	}
	d.spellAll()
	d.multipliers()
	d.connectors()
	d.pruneComposed()
	d.ordinalAffixes()
	return d.lx
}

// spellAll records every spelling: cardinal words, ordinal words, and the
// markers of ordinal digits.
func (d *deriver) spellAll() {
	for _, name := range d.names {
		kind := ruleKind(name)
		for _, n := range d.samples {
			s := d.spell(name, n)
			switch {
			case s == "":
			case kind == 'o' && hasDigit(s):
				d.lx.addDigitAffix(s, n)
			case kind == 'o':
				if n >= 1 && n <= 100 {
					d.lx.ordinal[s] = n
				}
			case hasDigit(s):
			default:
				if _, ok := d.lx.cardinal[s]; !ok {
					d.lx.cardinal[s] = n
				}
				if n <= 9 {
					d.spellings[n] = append(d.spellings[n], s)
				}
			}
		}
	}
}

// multipliers finds what remains of m×10^k once the spelling of m is
// taken off either end, when two values of m agree ("two hundred",
// "three hundred"; Persian "پنجاه" less "پنج" is no word).
func (d *deriver) multipliers() {
	lx := d.lx
	for _, name := range d.names {
		if ruleKind(name) != 'c' {
			continue
		}
		for k := 1; k <= 12; k++ {
			seen := map[string]map[int64]bool{}
			post := map[string]bool{}
			for _, m := range []int64{1, 2, 3, 5} {
				s := d.spell(name, m*pow10(k))
				if s == "" || hasDigit(s) {
					continue
				}
				for _, p := range d.spellings[m] {
					rest, isPost, ok := multiplierRest(s, p)
					if !ok {
						continue
					}
					if seen[rest] == nil {
						seen[rest] = map[int64]bool{}
					}
					seen[rest][m] = true
					post[rest] = post[rest] || isPost
				}
			}
			for _, rest := range sortedKeys(boolKeys(seen)) {
				if len(seen[rest]) < 2 && !seen[rest][1] || lx.composes(rest, -1) {
					continue
				}
				if _, ok := lx.multiplier[rest]; !ok {
					lx.multiplier[rest] = pow10(k)
					if post[rest] && k >= 2 {
						lx.postfix = true
					}
				}
			}
		}
	}
}

// multiplierRest takes the spelling p of a number off either end of s,
// the spelling of a multiple of ten, and returns what remains and whether
// it stood first (Swahili "mia mbili"). Only scripts written without
// spaces build numbers inside a word (二十, 이백, ยี่สิบ): "двадцать" is
// not два × "дцать".
func multiplierRest(s, p string) (string, bool, bool) {
	var rest string
	post := false
	switch {
	case strings.HasPrefix(s, p) && len(s) > len(p):
		rest = strings.TrimFunc(s[len(p):], isSep)
	case strings.HasSuffix(s, p) && len(s) > len(p):
		rest, post = strings.TrimFunc(s[:len(s)-len(p)], isSep), true
	default:
		return "", false, false
	}
	joined := len(rest) == len(s)-len(p) // no separator between the two words
	if rest == "" || strings.ContainsFunc(rest, isSep) || joined && !unspaced(rest) {
		return "", false, false
	}
	return rest, post, true
}

// connectors finds the short parts of compound spellings that are not
// numbers themselves ("y" in "treinta y uno", "na" in "kumi na moja").
func (d *deriver) connectors() {
	lx := d.lx
	for _, name := range d.names {
		if ruleKind(name) != 'c' {
			continue
		}
		for _, n := range d.samples {
			s := d.spell(name, n)
			parts := splitParts(s)
			if len(parts) < 3 || hasDigit(s) {
				continue
			}
			for i := 1; i < len(parts)-1; i++ {
				p := parts[i]
				_, isNum := lx.cardinal[p]
				_, isMul := lx.multiplier[p]
				if !isNum && !isMul && len([]rune(p)) <= 4 {
					lx.connector[p] = true
				}
			}
		}
	}
}

// pruneComposed drops the spellings the reader composes from shorter
// words ("twenty-one", "二十一", "两百"), and ordinals past 31 but for the
// tens. Shorter words are decided first, so that what is kept composes
// whatever is dropped.
func (d *deriver) pruneComposed() {
	lx := d.lx
	words := make([]string, 0, len(lx.cardinal))
	for w := range lx.cardinal {
		words = append(words, w)
	}
	sort.Slice(words, func(i, j int) bool {
		a, b := len([]rune(words[i])), len([]rune(words[j]))
		return a < b || a == b && words[i] < words[j]
	})
	full := lx.cardinal
	lx.cardinal = map[string]int64{}
	for _, w := range words {
		if n := full[w]; n <= 10 || !lx.composes(w, n) {
			lx.cardinal[w] = n
		}
	}
	for w, n := range lx.ordinal {
		if n > 31 && n%10 != 0 {
			delete(lx.ordinal, w)
		}
	}
}

// ordinalAffixes finds the markers that make ordinal words of cardinal
// ones ("第三", "thứ ba", "wa tatu", "ሦስትኛ") and drops the ordinal words
// they make.
func (d *deriver) ordinalAffixes() {
	lx := d.lx
	for w, n := range lx.ordinal {
		for c, v := range lx.cardinal {
			if v != n || n < 3 {
				continue
			}
			if pre, ok := strings.CutSuffix(w, c); ok && pre != "" && len([]rune(strings.TrimSpace(pre))) <= 4 {
				lx.ordAffix[[2]string{strings.TrimSpace(pre), ""}] = true
			}
			if suf, ok := strings.CutPrefix(w, c); ok && suf != "" && len([]rune(strings.TrimSpace(suf))) <= 4 {
				lx.ordAffix[[2]string{"", strings.TrimSpace(suf)}] = true
			}
		}
	}
	for w, n := range lx.ordinal {
		for a := range lx.ordAffix {
			if c, ok := cutAffix(w, a); ok {
				if v, ok := lx.cardinal[c]; ok && v == n || lx.composes(c, n) {
					delete(lx.ordinal, w)
				}
			}
		}
	}
}

// cutAffix removes an ordinal marker from a word, with the space that may
// follow a prefix.
func cutAffix(w string, a [2]string) (string, bool) {
	if a[0] != "" {
		rest, ok := strings.CutPrefix(w, a[0])
		return strings.TrimPrefix(rest, " "), ok && rest != ""
	}
	rest, ok := strings.CutSuffix(w, a[1])
	return rest, ok && rest != ""
}

// addDigitAffix records the prefix and suffix that make an ordinal of
// the digits of n ("3rd", "第3", "thứ 3"), unless they are punctuation
// alone (German "3." is also the end of a sentence).
func (lx *lexicon) addDigitAffix(s string, n int64) {
	d := itoa(n)
	i := strings.Index(s, d)
	if i < 0 {
		return
	}
	pre, suf := strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+len(d):])
	if !strings.ContainsFunc(pre+suf, unicode.IsLetter) || hasDigit(pre+suf) {
		return
	}
	lx.digAffix[[2]string{pre, suf}] = true
}

func itoa(n int64) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// composes reports whether w reads as the number want (any number when
// want is -1) from shorter words: separated parts, or, in scripts written
// without spaces, a run of shorter words.
func (lx *lexicon) composes(w string, want int64) bool {
	found := false
	lx.readings(splitParts(w), w, nil, func(ts []numeral.Token) bool {
		if len(ts) < 2 {
			return false
		}
		for i := range ts {
			if !numeral.Follows(ts[:i], ts[i], lx.postfix) {
				return false
			}
		}
		found = want < 0 || numeral.Combine(ts, lx.postfix) == want
		return found
	})
	return found
}

// readings calls yield with each way of reading parts as words, until
// yield returns true.
func (lx *lexicon) readings(parts []string, whole string, acc []numeral.Token, yield func([]numeral.Token) bool) bool {
	if len(parts) == 0 {
		return yield(acc)
	}
	p := parts[0]
	if lx.connector[p] {
		return lx.readings(parts[1:], whole, append(acc, numeral.Token{Conn: true}), yield)
	}
	rs := []rune(p)
	for j := len(rs); j > 0; j-- {
		if t, ok := lx.atom(string(rs[:j]), whole); ok {
			rest := parts[1:]
			if j < len(rs) {
				rest = append([]string{string(rs[j:])}, rest...)
			}
			if lx.readings(rest, whole, append(acc[:len(acc):len(acc)], t), yield) {
				return true
			}
		}
	}
	return false
}

// atom looks up one part as a word on its own, other than whole itself.
func (lx *lexicon) atom(p, whole string) (numeral.Token, bool) {
	if p == whole {
		return numeral.Token{}, false
	}
	if v, ok := lx.multiplier[p]; ok {
		return numeral.Token{Val: v, Mult: true}, true
	}
	if v, ok := lx.cardinal[p]; ok {
		return numeral.Token{Val: v, Mult: numeral.IsPowerOfTen(v) && v >= 100}, true
	}
	return numeral.Token{}, false
}

func boolKeys[V any](m map[string]V) map[string]bool {
	out := make(map[string]bool, len(m))
	for k := range m {
		out[k] = true
	}
	return out
}

// unspaced reports whether a word is written in a script that builds
// numbers without spaces.
func unspaced(w string) bool {
	for _, r := range w {
		return unicode.In(r, unicode.Han, unicode.Hangul, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar, unicode.Hiragana, unicode.Katakana)
	}
	return false
}
