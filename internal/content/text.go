package content

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxTextHeading is the longest line, in characters, that a plain-text
// heading may have. Headings in health leaflets are short ("Side
// effects", "When to see a doctor"); 80 characters is one typewriter line
// and leaves out most one-line sentences.
const maxTextHeading = 80

// parseText splits a plain-text document into paragraphs at blank lines.
//
// A paragraph is a heading (KindHeading, SyntaxLine) when it is a single
// line of at most maxTextHeading characters, holds a letter, does not end
// in sentence punctuation (. ! ? : ; , … and their CJK forms), and another
// paragraph follows it. Every other paragraph is KindParagraph with
// SyntaxText. The heading path of a segment is the last heading before
// it. The rule is a guess from the text, so a translation can change what
// a re-parse classifies; the paragraph boundaries are what Localize
// preserves.
func (p *docParser) parseText() {
	src := p.doc.Src
	type para struct{ start, end, lines int }
	var paras []para
	cur := para{start: -1}
	for ls := 0; ls < len(src); {
		le := lineEnd(src, ls)
		next := len(src)
		if i := bytes.IndexByte(src[le:], '\n'); i >= 0 {
			next = le + i + 1
		}
		a := trimLeft(src, ls, le)
		if b := trimRight(src, a, le); a < b {
			if cur.start < 0 {
				cur.start = a
			}
			cur.end = b
			cur.lines++
		} else if cur.start >= 0 {
			paras = append(paras, cur)
			cur = para{start: -1}
		}
		ls = next
	}
	if cur.start >= 0 {
		paras = append(paras, cur)
	}
	var heading []string
	for i, pa := range paras {
		txt := strings.ReplaceAll(string(src[pa.start:pa.end]), "\r\n", "\n")
		if pa.lines == 1 && i+1 < len(paras) && isTextHeading(txt) {
			p.add(Segment{Kind: KindHeading, Text: txt, Start: pa.start, End: pa.end, Syntax: SyntaxLine})
			heading = []string{txt}
			continue
		}
		p.add(Segment{Kind: KindParagraph, Text: txt, Start: pa.start, End: pa.end, Syntax: SyntaxText, Headings: heading})
	}
}

func isTextHeading(line string) bool {
	if utf8.RuneCountInString(line) > maxTextHeading || strings.IndexFunc(line, unicode.IsLetter) < 0 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(line)
	return !strings.ContainsRune(".!?:;,…。！？：；，、", last)
}
