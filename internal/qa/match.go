package qa

import "sort"

// A matcher finds the names of a language (number words, units, months,
// counters…) at a position of a text, longest first. Names and text are
// compared folded; a space in a name matches any run of spaces, and the
// text's ignorable runes are skipped. Names are indexed by their first
// two runes, so that most positions of a text cost one map lookup.
type matcher struct {
	byTwo map[[2]rune][]named
	byOne map[rune][]named // names of one rune
}

type named struct {
	name []rune
	e    entry
}

func newMatcher() *matcher {
	return &matcher{byTwo: map[[2]rune][]named{}, byOne: map[rune][]named{}}
}

// add records a name; names that fold to nothing are dropped.
func (m *matcher) add(name string, e entry) {
	rs := []rune(foldString(name))
	switch len(rs) {
	case 0:
	case 1:
		m.byOne[rs[0]] = append(m.byOne[rs[0]], named{rs, e})
	default:
		k := [2]rune{rs[0], rs[1]}
		m.byTwo[k] = append(m.byTwo[k], named{rs, e})
	}
}

// sort puts longer names first, so that the first match is the longest.
func (m *matcher) sort() {
	for _, ns := range m.byTwo {
		sort.SliceStable(ns, func(i, j int) bool { return len(ns[i].name) > len(ns[j].name) })
	}
}

// at calls yield for each name matching at rune k of t, longest first,
// with the rune index after the match, until yield returns true.
func (m *matcher) at(t *text, k int, yield func(e entry, end int) bool) {
	if k >= len(t.f) {
		return
	}
	first := t.f[k]
	if n := k + 1; n < len(t.f) {
		for n < len(t.f) && t.f[n] == ignorable {
			n++
		}
		if n < len(t.f) {
			second := t.f[n]
			if isSpace(t.r[n]) {
				second = ' '
			}
			for _, c := range m.byTwo[[2]rune{first, second}] {
				if end, ok := t.matchAt(k, c.name); ok && yield(c.e, end) {
					return
				}
			}
		}
	}
	for _, c := range m.byOne[first] {
		if end, ok := t.matchAt(k, c.name); ok && yield(c.e, end) {
			return
		}
	}
}

// matchAt compares name with the folded text from rune k.
func (t *text) matchAt(k int, name []rune) (int, bool) {
	i := k
	for p, c := range name {
		if p > 0 {
			for i < len(t.f) && t.f[i] == ignorable {
				i++
			}
		}
		if i >= len(t.f) {
			return 0, false
		}
		if c == ' ' {
			if !isSpace(t.r[i]) {
				return 0, false
			}
			for i < len(t.f) && isSpace(t.r[i]) {
				i++
			}
			continue
		}
		if t.f[i] != c {
			return 0, false
		}
		i++
	}
	for i < len(t.f) && t.f[i] == ignorable && isWordRune(t.r[i]) {
		i++ // a trailing vowel sign belongs to the word
	}
	return i, true
}
