package qa

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// ordinals reports an ordinal that changed: "the third dose" as "第二剂".
// Ordinals are optional numbers (third-party is 제3자, but may be
// "externe"), so a lost or added one alone is not reported.
func (c *pairCheck) ordinals() []Issue {
	ords := func(qs []quantity) []string {
		var out []string
		for _, q := range qs {
			if q.ordinal {
				out = append(out, q.key)
			}
		}
		return out
	}
	lost, added := diffMultiset(ords(c.sq), ords(c.tq))
	if len(lost) == 0 || len(added) == 0 {
		return nil
	}
	iss := Issue{Check: CheckNumbers, Severity: Error,
		Message: fmt.Sprintf("ordinal changed: %s in the source is %s in the translation", strings.Join(lost, ", "), strings.Join(added, ", "))}
	for _, q := range c.sq {
		if q.ordinal && slices.Contains(lost, q.key) {
			iss.SourceSpans = append(iss.SourceSpans, c.src.span(q.i, q.j))
		}
	}
	for _, q := range c.tq {
		if q.ordinal && slices.Contains(added, q.key) {
			iss.TranslationSpans = append(iss.TranslationSpans, c.tr.span(q.i, q.j))
		}
	}
	return []Issue{iss}
}

// splitDates reads a date as its day and year numbers when the other side
// has those numbers and not the date: its month name is one the tables
// do not know (Hindi writes अक्टूबर and अक्तूबर) or it has no month.
func splitDates(qs, other []quantity) []quantity {
	keys := map[string]bool{}
	for _, q := range other {
		keys[q.key] = true
	}
	var out []quantity
	for _, q := range qs {
		d, ok := strings.CutPrefix(q.key, "date:")
		if !ok || keys[q.key] {
			out = append(out, q)
			continue
		}
		var parts []quantity
		all := true
		for _, f := range []string{d[:strings.Index(d, "-")], d[strings.LastIndex(d, "-")+1:]} {
			if f == "" {
				continue
			}
			k := strings.TrimLeft(f, "0")
			if !keys[k] {
				all = false
			}
			v, _ := strconv.ParseFloat(k, 64)
			parts = append(parts, quantity{key: k, val: v, i: q.i, j: q.j, ue: q.j, ub: q.ub, optional: q.optional})
		}
		if !all || len(parts) == 0 {
			out = append(out, q)
			continue
		}
		out = append(out, parts...)
	}
	return out
}

// ranges lists the ranges of a text: two numbers joined by a dash or a
// range word ("2-8", "2 to 8", "2至8", "2022-23").
func (t *text) ranges(qs []quantity) [][2]int {
	var out [][2]int
	for k := 0; k+1 < len(qs); k++ {
		a, b := qs[k], qs[k+1]
		if a.word || b.word || a.key[0] == 't' || b.key[0] == 't' || a.key[0] == 'd' || b.key[0] == 'd' || a.j > b.ub {
			continue
		}
		between := strings.TrimFunc(string(t.r[a.j:b.ub]), isSpace)
		if len([]rune(between)) == 1 && strings.Contains(rangeSigns, between) || rangeWords[strings.ToLower(between)] || t.isRangeWord(a.j, b.ub) {
			out = append(out, [2]int{k, k + 1})
		}
	}
	return out
}

// reversedRanges reports a range whose ends the translation swapped:
// "2022-23" as "2023-2022", "2 to 5 days" as "5 to 2 days".
func (c *pairCheck) reversedRanges() []Issue {
	var out []Issue
	tr := c.tr.ranges(c.tq)
	for _, sr := range c.src.ranges(c.sq) {
		a, b := c.sq[sr[0]], c.sq[sr[1]]
		if a.key == b.key {
			continue
		}
		forward, reversed := -1, -1
		for k, r := range tr {
			x, y := c.tq[r[0]], c.tq[r[1]]
			switch {
			case x.key == a.key && y.key == b.key:
				forward = k
			case x.key == b.key && y.key == a.key:
				reversed = k
			}
		}
		if reversed < 0 || forward >= 0 {
			continue
		}
		r := tr[reversed]
		out = append(out, Issue{Check: CheckNumbers, Severity: Error,
			Message: fmt.Sprintf("range reversed: %s to %s in the source is %s to %s in the translation",
				displayKey(a.key), displayKey(b.key), displayKey(b.key), displayKey(a.key)),
			SourceSpans:      []Span{c.src.span(a.i, b.j)},
			TranslationSpans: []Span{c.tr.span(c.tq[r[0]].i, c.tq[r[1]].j)}})
	}
	return out
}
