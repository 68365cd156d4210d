package qa

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
)

// displayKey is a key as people write it.
func displayKey(k string) string {
	if d, ok := strings.CutPrefix(k, "tel:"); ok {
		return "phone " + d
	}
	if d, ok := strings.CutPrefix(k, "date:"); ok {
		return "date " + strings.Trim(d, "-")
	}
	return k
}

// numbers checks that source and translation hold the same multiset of
// numbers. Optional number words (articles such as "un") may fill in for a
// required number on the other side, but are never required themselves.
func (c *pairCheck) numbers() []Issue {
	sq, tq := c.srcQ(), c.trQ()
	if len(sq) == 0 && len(tq) == 0 {
		return nil
	}
	type tally struct{ req, opt []quantity }
	count := func(qs []quantity) map[string]*tally {
		m := map[string]*tally{}
		for _, q := range qs {
			tl := m[q.key]
			if tl == nil {
				tl = &tally{}
				m[q.key] = tl
			}
			if q.optional {
				tl.opt = append(tl.opt, q)
			} else {
				tl.req = append(tl.req, q)
			}
		}
		return m
	}
	sm, tm := count(sq), count(tq)
	keys := map[string]bool{}
	for k := range sm {
		keys[k] = true
	}
	for k := range tm {
		keys[k] = true
	}
	var missing, extra []string
	var iss Issue
	for _, k := range slices.Sorted(maps.Keys(keys)) {
		s, tr := sm[k], tm[k]
		if s == nil {
			s = &tally{}
		}
		if tr == nil {
			tr = &tally{}
		}
		if d := len(s.req) - len(tr.req) - len(tr.opt); d > 0 {
			missing = append(missing, displayKey(k))
			for _, q := range append(s.req, s.opt...) {
				iss.SourceSpans = append(iss.SourceSpans, c.src.span(q.i, q.j))
			}
		}
		if d := len(tr.req) - len(s.req) - len(s.opt); d > 0 {
			extra = append(extra, displayKey(k))
			for _, q := range append(tr.req, tr.opt...) {
				iss.TranslationSpans = append(iss.TranslationSpans, c.tr.span(q.i, q.j))
			}
		}
	}
	if len(missing) == 0 && len(extra) == 0 {
		return append(c.ordinals(), c.reversedRanges()...)
	}
	iss.Check, iss.Severity = CheckNumbers, Error
	iss.Message = "numbers differ: " + lacksAdds(missing, extra, ", ", "adds")
	return []Issue{iss}
}

// lacksAdds says what a translation lost and added, each list joined
// with sep: "translation lacks a, b; translation adds c" (verb: "adds").
func lacksAdds(lost, added []string, sep, verb string) string {
	var parts []string
	if len(lost) > 0 {
		parts = append(parts, "translation lacks "+strings.Join(lost, sep))
	}
	if len(added) > 0 {
		parts = append(parts, "translation "+verb+" "+strings.Join(added, sep))
	}
	return strings.Join(parts, "; ")
}

func (c *pairCheck) srcQ() []quantity {
	c.scan()
	return c.sq
}

func (c *pairCheck) trQ() []quantity {
	c.scan()
	return c.tq
}

func (c *pairCheck) scan() {
	if c.sq != nil || c.tq != nil {
		return
	}
	c.src.nowords, c.tr.nowords = !c.tr.lg.words, !c.src.lg.words
	sq, tq := c.src.quantities(), c.tr.quantities()
	reconcileFractions(sq, tq)
	sq, tq = splitDates(sq, tq), splitDates(tq, sq)
	c.sq, c.tq = splitWhereMeant(sq, tq), splitWhereMeant(tq, sq)
	if c.sq == nil {
		c.sq = []quantity{}
	}
}

// splitWhereMeant reads a number grouped with plain spaces as separate
// numbers when the other side has those numbers and not the grouped one.
func splitWhereMeant(qs, other []quantity) []quantity {
	keys := map[string]int{}
	for _, q := range other {
		keys[q.key]++
	}
	var out []quantity
	for _, q := range qs {
		if q.split == nil || keys[q.key] > 0 {
			out = append(out, q)
			continue
		}
		all := true
		for _, k := range q.split {
			if keys[k] == 0 {
				all = false
			}
		}
		if !all {
			out = append(out, q)
			continue
		}
		for k, key := range q.split {
			p := quantity{key: key, i: q.i, j: q.j, ue: q.j, ub: q.ub}
			if k == len(q.split)-1 {
				p.unit, p.hasUnit, p.ue = q.unit, q.hasUnit, q.ue
			}
			out = append(out, p)
		}
	}
	return out
}

// compatible reports whether two units are the same, a magnitude of 0
// matching any magnitude of its class. A number of doses is a number of
// times ("two doses" is "두 번", "2回"), when no period is said.
func compatible(a, b unit) bool {
	if a.class == "dose" && b.class == "frequency" && b.mag == 0 || b.class == "dose" && a.class == "frequency" && a.mag == 0 {
		return true
	}
	return a.class == b.class && (a.mag == b.mag || a.mag == 0 || b.mag == 0)
}

// units checks that each number keeps its unit class and magnitude, and
// that numbers of one unit class keep their order: "20 mg … 10 mg" must
// not become "10 mg … 20 mg".
func (c *pairCheck) units() []Issue {
	sq, tq := c.srcQ(), c.trQ()
	if len(sq) == 0 || len(tq) == 0 {
		return nil // a unit changes only where both sides have numbers
	}
	out := c.changedUnits(sq, tq)
	// A number that takes another's unit: "8 visits before 12 weeks"
	// read as "12 visits before 8 weeks". Within a class, a value the
	// translation has with the unit but the source has without it,
	// while a source value lost the unit.
	out = append(out, c.movedUnits(sq, tq)...)
	return append(out, c.swappedUnits(sq, tq)...)
}

// changedUnits reports the numbers of the source whose unit the
// translation changed: those that find no number with a compatible unit
// are paired with one of the same value and another unit.
func (c *pairCheck) changedUnits(sq, tq []quantity) []Issue {
	used := make([]bool, len(tq))
	var out []Issue
	var pending []int
	for si, q := range sq {
		if !q.hasUnit {
			continue
		}
		found := false
		for ti, r := range tq {
			if !used[ti] && r.key == q.key && r.hasUnit && compatible(q.unit, r.unit) {
				used[ti], found = true, true
				break
			}
		}
		if !found {
			pending = append(pending, si)
		}
	}
	for _, si := range pending {
		q := sq[si]
		for ti, r := range tq {
			if used[ti] || r.key != q.key || !r.hasUnit {
				continue
			}
			if r.period || q.optional && q.inherent && r.unit.class != q.unit.class {
				// "at once" against "una dosis": "once" is not always
				// a frequency.
				continue
			}
			used[ti] = true
			out = append(out, Issue{
				Check: CheckUnits, Severity: Error,
				Message:          fmt.Sprintf("unit changed: %s %s in the source is %s %s in the translation", displayKey(q.key), q.unit, displayKey(r.key), r.unit),
				SourceSpans:      []Span{c.src.span(q.i, q.ue)},
				TranslationSpans: []Span{c.tr.span(r.i, r.ue)},
			})
			break
		}
	}
	return out
}

// swappedUnits reports, within each unit class, numbers that kept their
// values and units but not their order (digits only).
func (c *pairCheck) swappedUnits(sq, tq []quantity) []Issue {
	var out []Issue
	seq := func(qs []quantity) map[string][]quantity {
		m := map[string][]quantity{}
		for _, q := range qs {
			if q.hasUnit && !q.optional {
				m[q.unit.class] = append(m[q.unit.class], q)
			}
		}
		return m
	}
	ss, ts := seq(sq), seq(tq)
	for _, class := range slices.Sorted(maps.Keys(ss)) {
		a, b := ss[class], ts[class]
		if len(a) != len(b) || len(a) < 2 {
			continue
		}
		same, sorted := true, true
		ka, kb := make([]string, len(a)), make([]string, len(b))
		for k := range a {
			ka[k], kb[k] = a[k].key+a[k].unit.String(), b[k].key+b[k].unit.String()
			if ka[k] != kb[k] {
				same = false
			}
		}
		if same {
			continue
		}
		sa, sb := append([]string(nil), ka...), append([]string(nil), kb...)
		sort.Strings(sa)
		sort.Strings(sb)
		for k := range sa {
			if sa[k] != sb[k] {
				sorted = false
			}
		}
		if !sorted {
			continue // a changed value: the numbers check reports it
		}
		iss := Issue{Check: CheckUnits, Severity: Error}
		var from, to []string
		for k := range a {
			from = append(from, displayKey(a[k].key)+" "+a[k].unit.String())
			to = append(to, displayKey(b[k].key)+" "+b[k].unit.String())
			if ka[k] != kb[k] {
				iss.SourceSpans = append(iss.SourceSpans, c.src.span(a[k].i, a[k].ue))
				iss.TranslationSpans = append(iss.TranslationSpans, c.tr.span(b[k].i, b[k].ue))
			}
		}
		iss.Message = fmt.Sprintf("numbers swapped: the source has %s, the translation %s", strings.Join(from, " … "), strings.Join(to, " … "))
		out = append(out, iss)
	}
	return out
}

// movedUnits reports, per unit class, a required number that lost its
// unit in the translation while another number of the source gained it.
func (c *pairCheck) movedUnits(sq, tq []quantity) []Issue {
	var out []Issue
	classes := map[string]bool{}
	for _, q := range sq {
		if q.hasUnit && !q.optional {
			classes[q.unit.class] = true
		}
	}
	has := func(qs []quantity, key, class string) bool {
		for _, q := range qs {
			if q.key == key && q.hasUnit && q.unit.class == class {
				return true
			}
		}
		return false
	}
	present := func(qs []quantity, key string) bool {
		for _, q := range qs {
			if q.key == key {
				return true
			}
		}
		return false
	}
	for _, class := range slices.Sorted(maps.Keys(classes)) {
		var lost, gained *quantity
		for k := range sq {
			q := &sq[k]
			if q.hasUnit && !q.optional && q.unit.class == class && !has(tq, q.key, class) && present(tq, q.key) {
				lost = q
				break
			}
		}
		for k := range tq {
			r := &tq[k]
			if r.hasUnit && !r.optional && r.unit.class == class && !has(sq, r.key, class) && present(sq, r.key) {
				gained = r
				break
			}
		}
		if lost == nil || gained == nil {
			continue
		}
		out = append(out, Issue{
			Check: CheckUnits, Severity: Error,
			Message: fmt.Sprintf("numbers swapped: %s %s in the source, but the translation gives %s %s instead",
				displayKey(lost.key), lost.unit, displayKey(gained.key), gained.unit),
			SourceSpans:      []Span{c.src.span(lost.i, lost.ue)},
			TranslationSpans: []Span{c.tr.span(gained.i, gained.ue)},
		})
	}
	return out
}
