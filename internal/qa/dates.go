package qa

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Dates, year ranges, proportions and the other readings that join
// several numbers into one: "September 6, 2022" ≡ "2022年9月6日" ≡ "6 de
// septiembre de 2022", "2022-23" ≡ "2022-2023", "1 in 4" ≡ 1/4 ≡ 四分之一
// ≡ "4명 중 1명" ≡ 25%.

// monthMark is a month named in a text: by a word (September, 九月) or by
// digits in a month name (9月, 9월, tháng 9).
type monthMark struct {
	i, j, month int
	word        bool
}

// monthAt matches a month name at rune i; spaced says it must be a whole
// word.
func (t *text) monthAt(i int, spaced bool) (monthMark, bool) {
	var mk monthMark
	ok := false
	t.lg.m.at(t, i, func(e entry, end int) bool {
		if e.kind != eMonth {
			return false
		}
		if end < len(t.r) && t.r[end] == '.' {
			end++ // "Sept.", "janv."
		} else if spaced && end < len(t.r) && isWordRune(t.r[end]) && !t.lg.attach {
			return false
		}
		if !t.boundaryOK(i, end) && end < len(t.r) && isMark(t.r[end]) {
			return false
		}
		mk, ok = monthMark{i: i, j: end, month: e.month, word: true}, true
		return true
	})
	return mk, ok
}

// monthFollows reports a month name or a month written with digits after
// rune j: "6 September", "ngày 6 tháng 9".
func (t *text) monthFollows(j int) bool {
	k := t.skipSpaces(j)
	if k >= len(t.r) {
		return false
	}
	if _, ok := t.monthAt(k, true); ok {
		return true
	}
	for _, a := range t.lg.monthAffix {
		pre := []rune(strings.TrimSpace(a[0]))
		if len(pre) == 0 {
			continue
		}
		if end, ok := t.matchAt(k, pre); ok {
			if d := t.skipSpaces(end); d < len(t.r) && isDigit(t.r[d]) {
				return true
			}
		}
	}
	return false
}

// monthByAffix reads the digits [i, j) of value m as a month when the
// locale's month names write them so: 9月, 9월, tháng 9.
func (t *text) monthByAffix(i, j, m int) (monthMark, bool) {
	for _, a := range t.lg.monthAffix {
		pre, suf := []rune(a[0]), []rune(a[1])
		s, e := i, j
		if len(suf) > 0 {
			k := j
			if strings.HasPrefix(string(suf), " ") {
				suf = suf[1:]
				k = t.skipSpaces(k)
			}
			end, ok := t.matchAt(k, suf)
			if !ok || k >= len(t.r) {
				continue
			}
			e = end
		}
		if len(pre) > 0 {
			p := strings.TrimSpace(string(pre))
			k := i
			for k > 0 && isSpace(t.r[k-1]) {
				k--
			}
			start := k - len([]rune(p))
			if start < 0 {
				continue
			}
			if _, ok := t.matchAt(start, []rune(p)); !ok || start > 0 && isWordRune(t.r[start-1]) {
				continue
			}
			s = start
		}
		return monthMark{i: s, j: e, month: m}, true
	}
	return monthMark{}, false
}

// numericDate reads a date written with digits: 6/9/2022, 06.09.2022,
// 2022-09-06, 2022/9/6, in the locale's order of day and month.
func (t *text) numericDate(i int) (quantity, bool) {
	var parts []int
	var lens []int
	k := i
	var sep rune
	for len(parts) < 3 {
		e := digitsEnd(t.r, k)
		if e == k || e-k > 4 {
			return quantity{}, false
		}
		v, _ := strconv.Atoi(string(t.r[k:e]))
		parts, lens = append(parts, v), append(lens, e-k)
		k = e
		if len(parts) == 3 {
			break
		}
		if k+1 >= len(t.r) || !isDigit(t.r[k+1]) {
			return quantity{}, false
		}
		c := t.r[k]
		if c != '/' && c != '.' && c != '-' || sep != 0 && c != sep {
			return quantity{}, false
		}
		sep = c
		k++
	}
	if k < len(t.r) && (isDigit(t.r[k]) || t.r[k] == sep && k+1 < len(t.r) && isDigit(t.r[k+1])) {
		return quantity{}, false
	}
	var y, m, d int
	switch {
	case lens[0] == 4 && lens[1] <= 2 && lens[2] <= 2:
		y, m, d = parts[0], parts[1], parts[2]
	case lens[2] == 4 && lens[0] <= 2 && lens[1] <= 2:
		y = parts[2]
		if t.lg.dateOrder == "mdy" {
			m, d = parts[0], parts[1]
		} else {
			d, m = parts[0], parts[1]
		}
	default:
		return quantity{}, false
	}
	if y < 1000 || y > 2999 || m < 1 || m > 12 || d < 1 || d > 31 {
		return quantity{}, false
	}
	return quantity{key: dateKey(y, m, d), i: i, j: k, ue: k, ub: i}, true
}

func dateKey(y, m, d int) string {
	ys, ds := "", ""
	if y > 0 {
		ys = strconv.Itoa(y)
	}
	if d > 0 {
		ds = fmt.Sprintf("%02d", d)
	}
	return fmt.Sprintf("date:%s-%02d-%s", ys, m, ds)
}

// gapOK reports whether only date glue lies in [a, b): spaces,
// punctuation and the words date formats put between their fields ("de",
// "ngày", "年").
func (t *text) gapOK(a, b int) bool {
	if a > b {
		return false
	}
	for k := a; k < b; {
		c := t.r[k]
		if isSpace(c) || strings.ContainsRune(",.،፣、", c) {
			k++
			continue
		}
		next := -1
		t.lg.m.at(t, k, func(e entry, end int) bool {
			if (e.kind == eDate || e.kind == eOrdPre) && end <= b {
				next = end
				return true
			}
			return false
		})
		if next < 0 {
			return false
		}
		k = next
	}
	return true
}

// dayOK and yearOK: the numbers a date may hold.
func dayOK(q quantity) bool {
	return !q.word && !q.frac && q.key[0] != 'd' && q.key[0] != 't' && q.val >= 1 && q.val <= 31 && q.val == math.Trunc(q.val) &&
		(!q.hasUnit || q.unit == unit{"time", 86400})
}

func (t *text) yearOf(q quantity) int {
	if q.word || q.frac || q.ordinal || q.key[0] == 'd' || q.key[0] == 't' || q.val != math.Trunc(q.val) || q.j-q.i != 4 ||
		q.hasUnit && q.unit != (unit{"time", 31557600}) {
		return 0
	}
	y := int(q.val)
	if t.lg.code == "th" && y >= 2400 && y < 2800 {
		y -= 543 // the Buddhist era: 2565 is 2022
	}
	if y < 1000 || y > 2999 {
		return 0
	}
	return y
}

// dates joins each month with the day and year written next to it into
// one quantity.
func (t *text) dates(qs []quantity, months []monthMark) []quantity {
	if len(months) == 0 {
		return qs
	}
	used := make([]bool, len(qs))
	var out []quantity
	for _, mk := range months {
		// the quantities just after and before the month
		after, before := -1, -1
		for k := range qs {
			if used[k] || qs[k].word && qs[k].optional {
				continue // glue or an article: "năm" is five and year
			}
			if qs[k].i >= mk.j && after < 0 {
				after = k
			}
			if qs[k].j <= mk.i {
				before = k
			}
		}
		y, d := 0, 0
		first, last := mk.i, mk.j
		take := func(k int) {
			used[k] = true
			first, last = min(first, qs[k].ub, qs[k].i), max(last, qs[k].ue)
		}
		if after >= 0 && t.gapOK(mk.j, qs[after].ub) {
			if yy := t.yearOf(qs[after]); yy > 0 {
				y = yy
				take(after)
			} else if dayOK(qs[after]) || qs[after].ordinal && qs[after].val <= 31 {
				d = int(qs[after].val)
				take(after)
				if n := after + 1; n < len(qs) && !used[n] && t.gapOK(qs[after].ue, qs[n].ub) {
					if yy := t.yearOf(qs[n]); yy > 0 {
						y = yy
						take(n)
					}
				}
			}
		}
		if d == 0 && before >= 0 && t.gapOK(qs[before].ue, mk.i) && (dayOK(qs[before]) || qs[before].ordinal && qs[before].val <= 31) {
			d = int(qs[before].val)
			take(before)
			before--
			for before >= 0 && (used[before] || qs[before].word && qs[before].optional) {
				before--
			}
		}
		if y == 0 && before >= 0 && !used[before] && t.gapOK(qs[before].ue, first) {
			if yy := t.yearOf(qs[before]); yy > 0 {
				y = yy
				take(before)
			}
		}
		q := quantity{key: dateKey(y, mk.month, d), i: first, j: last, ue: last, ub: first}
		q.optional = mk.word && d == 0 && y == 0
		out = append(out, q)
	}
	for k, q := range qs {
		if used[k] {
			continue
		}
		// words inside a date are its glue ("năm" is five and year)
		inside := false
		for _, d := range out {
			if q.word && q.i >= d.i && q.j <= d.j {
				inside = true
			}
		}
		if !inside {
			out = append(out, q)
		}
	}
	sortQuantities(out)
	return out
}

func sortQuantities(qs []quantity) {
	for i := 1; i < len(qs); i++ {
		for j := i; j > 0 && qs[j].i < qs[j-1].i; j-- {
			qs[j], qs[j-1] = qs[j-1], qs[j]
		}
	}
}

// yearRanges reads the end of 2022-23 as 2023.
func (t *text) yearRanges(qs []quantity) {
	for k := 0; k+1 < len(qs); k++ {
		a, b := qs[k], &qs[k+1]
		if a.word || b.word || !b.twoDigit || a.val != math.Trunc(a.val) || a.j-a.i != 4 || a.val < 1000 || a.val > 2999 {
			continue
		}
		if a.ue > b.i {
			continue
		}
		between := strings.TrimFunc(string(t.r[a.ue:b.i]), isSpace)
		if len([]rune(between)) != 1 || !strings.Contains(rangeSigns, between) {
			continue
		}
		century := math.Floor(a.val/100) * 100
		if century+b.val > a.val {
			b.val = century + b.val
			b.key = formatKey(b.val)
		}
	}
}
