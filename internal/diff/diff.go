// Package diff computes word-level differences between two versions of a
// source text, so that a translator sees exactly what changed.
package diff

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/healthloc/healthloc/internal/content"
)

// Op is what happened to a run of text.
type Op string

// The operations.
const (
	Equal  Op = "equal"
	Delete Op = "delete"
	Insert Op = "insert"
)

// Chunk is a run of text with one operation. Number marks a deleted or
// inserted run that contains a digit: in health text that is usually a
// dose, a duration or a frequency.
type Chunk struct {
	Op     Op     `json:"op"`
	Text   string `json:"text"`
	Number bool   `json:"number,omitempty"`
}

// Words diffs old and new word by word; whitespace and punctuation stay
// attached to the tokens around them so that the chunks concatenate back
// to the inputs.
func Words(old, new string) []Chunk {
	a, b := split(old), split(new)
	// longest common subsequence table, suffix form: the whole table, to
	// walk the edits back (catalog's lcs only needs the length)
	n, m := len(a), len(b)
	t := make([][]int, n+1)
	for i := range t {
		t[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				t[i][j] = t[i+1][j+1] + 1
			} else {
				t[i][j] = max(t[i+1][j], t[i][j+1])
			}
		}
	}
	var out []Chunk
	add := func(op Op, s string) {
		if k := len(out) - 1; k >= 0 && out[k].Op == op {
			out[k].Text += s
			return
		}
		out = append(out, Chunk{Op: op, Text: s})
	}
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && a[i] == b[j]:
			add(Equal, a[i])
			i, j = i+1, j+1
		case i < n && (j == m || t[i+1][j] >= t[i][j+1]):
			add(Delete, a[i])
			i++
		default:
			add(Insert, b[j])
			j++
		}
	}
	for k := range out {
		if out[k].Op != Equal && strings.IndexFunc(out[k].Text, unicode.IsDigit) >= 0 {
			out[k].Number = true
		}
	}
	return out
}

// NumbersChanged reports whether a diff adds or removes a number.
func NumbersChanged(chunks []Chunk) bool {
	for _, c := range chunks {
		if c.Number {
			return true
		}
	}
	return false
}

// Numbers lists the deleted and the inserted runs that hold a number.
func Numbers(chunks []Chunk) (removed, added []string) {
	for _, c := range chunks {
		if !c.Number {
			continue
		}
		if c.Op == Delete {
			removed = append(removed, strings.TrimSpace(c.Text))
		} else {
			added = append(added, strings.TrimSpace(c.Text))
		}
	}
	return removed, added
}

// split cuts s into words, each with the spaces that follow it, and
// punctuation as tokens of its own, so "6 hours." diffs as "6 ", "hours", ".".
func split(s string) []string {
	// a word as content counts it, with its apostrophes: "don't" changed
	// to "do not" shows as one word replaced, not as "don", "'", "t"
	word := func(r rune) bool {
		return content.IsWordRune(r) || r == '\'' || r == '’'
	}
	var out []string
	i := 0
	next := func() rune { r, _ := utf8.DecodeRuneInString(s[i:]); return r }
	step := func() { _, n := utf8.DecodeRuneInString(s[i:]); i += n }
	for i < len(s) {
		start := i
		switch r := next(); {
		case word(r):
			for i < len(s) && word(next()) {
				step()
			}
		default:
			step()
		}
		for i < len(s) && unicode.IsSpace(next()) {
			step()
		}
		out = append(out, s[start:i])
	}
	return out
}
