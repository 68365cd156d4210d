package qa

import "math"

// proportions joins "1 in 4", "4명 중 1명", "四分之一", "4 में से 1" into
// one fraction.
func (t *text) proportions(qs []quantity) []quantity {
	plain := func(q quantity) bool {
		return !q.hasUnit && !q.ordinal && !q.frac && q.key[0] != 'd' && q.key[0] != 't' && q.val >= 1 && q.val == math.Trunc(q.val)
	}
	var out []quantity
	for k := 0; k < len(qs); k++ {
		a := qs[k]
		if k+1 < len(qs) && plain(a) && plain(qs[k+1]) {
			b := qs[k+1]
			if e, ok := t.proportionWords(a.ue, b.ub, !a.word); ok {
				n, m := a, b
				if e.wholeFirst {
					n, m = b, a
				}
				if n.val < m.val {
					q := plainQuantity(n.val/m.val, a.i, b.j)
					q.ue, q.frac = max(b.ue, b.j), true
					out = append(out, q)
					k++
					continue
				}
			}
		}
		out = append(out, a)
	}
	return out
}

// proportionWords matches the words of a proportion filling [a, b), with
// perhaps the noun counted before them: "1 personne sur 10".
func (t *text) proportionWords(a, b int, nounOK bool) (entry, bool) {
	var found entry
	ok := false
	try := func(k int, nounSkipped bool) {
		t.lg.m.at(t, k, func(e entry, end int) bool {
			if e.kind == eProp && t.skipSpaces(end) == b && !(nounSkipped && e.wholeFirst) && t.boundaryOK(k, end) {
				found, ok = e, true
			}
			return ok
		})
	}
	k := t.skipSpaces(a)
	try(k, false)
	if !ok && nounOK && k == a+1 && k < b && isWordRune(t.r[k]) && !t.lg.unspaced {
		try(t.skipSpaces(t.wordEnd(k)), true)
	}
	// in unspaced scripts the noun is joined: 每4名成人中就有1人
	for p := k + 1; !ok && t.lg.unspaced && p < b && p-k <= 4 && isWordRune(t.r[p-1]); p++ {
		t.lg.m.at(t, p, func(e entry, end int) bool {
			if e.kind == eProp && e.wholeFirst && t.skipSpaces(end) == b {
				found, ok = e, true
			}
			return ok
		})
	}
	return found, ok
}

// perPeriods reads the 1 of "1日2回" (once a day, twice: twice a day) and
// "1回5 mL" (5 mL a time) as the period, not a number of its own.
func (t *text) perPeriods(qs []quantity) {
	for k := 0; k+1 < len(qs); k++ {
		q, r := &qs[k], &qs[k+1]
		if q.val != 1 || q.word || !q.hasUnit || !r.hasUnit || r.i-q.ue > 1 {
			continue
		}
		if q.unit.class == "time" && q.unit.mag >= 3600 || q.unit.class == "frequency" {
			q.optional, q.period = true, true
			if r.unit.class == "frequency" && q.unit.class == "time" {
				r.unit.mag = q.unit.mag / 86400
			}
		}
	}
}

// percentBefore finds a percentage word before rune i, attached
// (百分之二十五) or a word before (ร้อยละ 25).
func (t *text) percentBefore(i int) (entry, int, bool) {
	if e, s, ok := t.entryBefore(i, ePct); ok {
		return e, s, true
	}
	for s := max(0, i-4); s < i; s++ {
		var found entry
		ok := false
		t.lg.m.at(t, s, func(e entry, end int) bool {
			ok = e.kind == ePct && end == i
			found = e
			return ok
		})
		if ok {
			return found, s, true
		}
	}
	return entry{}, 0, false
}

// reconcileFractions reads a fraction on one side and a percentage on the
// other as the same number: "1 in 4" ≡ 25%.
func reconcileFractions(a, b []quantity) {
	has := func(qs []quantity, key string) bool {
		for _, q := range qs {
			if q.key == key {
				return true
			}
		}
		return false
	}
	for _, pair := range [2][2][]quantity{{a, b}, {b, a}} {
		fr, pc := pair[0], pair[1]
		for _, f := range fr {
			if !f.frac || has(pc, f.key) {
				continue
			}
			for k := range pc {
				p := &pc[k]
				if p.hasUnit && p.unit.class == "percent" && math.Abs(p.val-f.val*100) < 1e-9 && !has(fr, p.key) {
					p.key, p.val, p.hasUnit, p.unit, p.frac = f.key, f.val, false, unit{}, true
					break
				}
			}
		}
	}
}
