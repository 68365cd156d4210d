package qa

import (
	"strconv"
	"strings"
)

// Reading numbers written with digits, in the locale's notation.

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
	case groups >= 3 && seps['-'] >= 2 && seps['.'] == 0:
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
		if k+1 < len(qs) && q.j < len(t.r) && t.r[q.j] == '/' && qs[k+1].i == q.j+1 && !q.optional && !qs[k+1].optional && !q.word && !qs[k+1].word {
			a, errA := strconv.Atoi(q.key)
			b, errB := strconv.Atoi(qs[k+1].key)
			if errA == nil && errB == nil && a < b && b <= 16 && a > 0 {
				nq := qs[k+1]
				nq.val = float64(a) / float64(b)
				nq.key = formatKey(nq.val)
				nq.i, nq.frac = q.i, true
				out = append(out, nq)
				k++
				continue
			}
		}
		out = append(out, q)
	}
	return out
}
