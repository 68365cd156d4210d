package server

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/healthloc/healthloc/internal/content"
	"github.com/healthloc/healthloc/internal/exchange"
)

// Part is a piece of a text in the editor: prose, or a protected token
// (a link target, inline code, an emphasis marker, an HTML tag) that the
// translator moves as a whole and cannot edit. Tok numbers the source's
// codes from 1; Text holds the prose, or the token's code for display.
type Part struct {
	Text string `json:"t,omitempty"`
	Tok  int    `json:"k,omitempty"`
}

// codes are the protected pieces of a segment's source.
type codes []string

var placeholderRe = regexp.MustCompile(`<([0-9]+)/>`)

// sourceParts splits a segment's source into prose and tokens.
func sourceParts(seg content.Segment) ([]Part, codes) {
	protected, cs := exchange.ProtectSegment(seg)
	return split(protected, cs), cs
}

// translationParts splits a translation of seg: markup equal to a source
// code is its token; any other markup stays text.
func translationParts(seg content.Segment, text string, cs codes) []Part {
	if text == "" {
		return nil
	}
	if len(cs) == 0 || seg.Syntax != content.SyntaxHTML && exchange.HasPlaceholder(text) {
		// literal text like "<1/>" is never read as a token
		return []Part{{Text: text}}
	}
	return split(exchange.ProtectSegmentWith(seg, text, cs), cs)
}

// split cuts protected text at its placeholders.
func split(protected string, cs codes) []Part {
	var out []Part
	pos := 0
	for _, m := range placeholderRe.FindAllStringSubmatchIndex(protected, -1) {
		n, err := strconv.Atoi(protected[m[2]:m[3]])
		if err != nil || n < 1 || n > len(cs) {
			continue
		}
		if m[0] > pos {
			out = append(out, Part{Text: protected[pos:m[0]]})
		}
		out = append(out, Part{Tok: n, Text: cs[n-1]})
		pos = m[1]
	}
	if pos < len(protected) {
		out = append(out, Part{Text: protected[pos:]})
	}
	return out
}

// join puts a text back together from the parts the editor sends: prose
// as it is, each token as its code. A token the source does not have is
// an error.
func join(parts []Part, cs codes) (string, error) {
	var b strings.Builder
	for _, p := range parts {
		if p.Tok == 0 {
			if !utf8.ValidString(p.Text) {
				return "", fmt.Errorf("the text is not valid UTF-8")
			}
			b.WriteString(p.Text)
			continue
		}
		if p.Tok < 1 || p.Tok > len(cs) {
			return "", fmt.Errorf("token %d does not exist in the source", p.Tok)
		}
		b.WriteString(cs[p.Tok-1])
	}
	return b.String(), nil
}

// tokenLabel is how a token shows in the editor: its code, cut short.
func tokenLabel(code string) string {
	const max = 28
	if utf8.RuneCountInString(code) <= max {
		return code
	}
	r := []rune(code)
	return string(r[:max-1]) + "…"
}
