package content

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
)

// Localize builds the localized file by replacing segments with
// translations.
//
// tr is called once per segment, in document order; it returns the
// replacement and whether there is one. A segment without a replacement,
// or whose replacement equals its Text exactly, keeps its source bytes, so
// an identity translation gives back the raw file byte for byte (for UTF-8
// input; UTF-16 input comes back as UTF-8).
//
// Replacements are written so that the block structure survives (see
// encodeReplacement): newlines get the segment's continuation prefix and
// the document's line ending, one-line syntaxes are flattened, cells and
// alt text are escaped, and Markdown that would start a new block is
// backslash-escaped; HTML text and attributes are escaped, and the
// numbered inline tags of HTML text restored from the source (see
// encodeHTMLText). A replacement that is empty or only whitespace is
// ignored and the source kept: it would remove a heading or paragraph, and
// an empty cell, alt text or value is far more likely a missing
// translation than an intended one. So is a Markdown replacement made
// only of images, which would read back as alt text, or as nothing.
//
// The output starts with a UTF-8 BOM when the source had one. The spans
// give, for every segment in Document.Segments order, where its bytes
// (replaced or kept) are in the returned output; offsets count the BOM,
// so they index the returned slice directly.
//
// The only error is an impossible document: segments that overlap or
// fall outside Src.
func Localize(doc *Document, tr func(i int, seg Segment) (string, bool)) ([]byte, []Span, error) {
	order := make([]int, len(doc.Segments))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		return doc.Segments[order[a]].Start < doc.Segments[order[b]].Start
	})
	prev := -1
	for _, i := range order {
		s := doc.Segments[i]
		if s.Start < 0 || s.Start > s.End || s.End > len(doc.Src) {
			return nil, nil, fmt.Errorf("%s: segment %d has range %d-%d outside the %d-byte source",
				doc.Path, i, s.Start, s.End, len(doc.Src))
		}
		if prev >= 0 && s.Start < doc.Segments[prev].End {
			return nil, nil, fmt.Errorf("%s: segments %d and %d overlap", doc.Path, prev, i)
		}
		prev = i
	}

	var out bytes.Buffer
	out.Grow(len(doc.Src) + len(doc.Src)/4 + len(bomUTF8))
	if doc.BOM {
		out.Write(bomUTF8)
	}
	spans := make([]Span, len(doc.Segments))
	pos := 0
	for _, i := range order {
		seg := doc.Segments[i]
		out.Write(doc.Src[pos:seg.Start])
		repl := doc.Src[seg.Start:seg.End]
		if s, ok := tr(i, seg); ok && s != seg.Text {
			if enc, ok := encodeReplacement(doc, i, seg, s); ok {
				repl = []byte(enc)
			}
		}
		a := out.Len()
		out.Write(repl)
		spans[i] = Span{Segment: i, Start: a, End: out.Len()}
		pos = seg.End
	}
	out.Write(doc.Src[pos:])
	res := out.Bytes()
	// A translation may turn a "---" block read as Markdown into YAML
	// ("Attention : lire" is a mapping): the first line becomes "***",
	// the same thematic break, so the page keeps its structure.
	body := res
	if doc.BOM {
		body = res[len(bomUTF8):]
	}
	if doc.dashesRead && takenAsFrontMatter(body) {
		copy(body, "***")
	}
	return res, spans, nil
}

// encodeReplacement writes a replacement in the segment's syntax. It
// reports false when the source should be kept instead.
func encodeReplacement(doc *Document, i int, seg Segment, s string) (string, bool) {
	if strings.TrimSpace(s) == "" {
		return "", false
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	md := doc.Format == FormatMarkdown
	nl := "\n"
	if doc.CRLF {
		nl = "\r\n"
	}
	switch seg.Syntax {
	case SyntaxBlock:
		return encodeBlock(doc, seg, s, md, nl)
	case SyntaxLine:
		return encodeLine(doc, seg, s, md, nl)
	case SyntaxCell:
		cell := escapeUnescaped(oneLine(s), "|")
		if firstInRow(doc.Src, seg.Start) && doc.Format == FormatMarkdown {
			// A first cell without a leading "|" could open a heading
			// or list and turn the table into something else.
			cell = escapeBlockStart(cell, true)
		}
		cell = cellEnd(cell, seg.End < len(doc.Src) && doc.Src[seg.End] == '|')
		if md && imagesOnlyText(cell) {
			return "", false
		}
		return cell, true
	case SyntaxAlt:
		// "|" too, in case the image sits in a table cell; "`" and "<"
		// because a code span or autolink could swallow the closing "]".
		return escapeUnescaped(oneLine(s), "[]|`<"), true
	case SyntaxYAML:
		if flowFrontMatter(doc.Src) {
			// "," and "}" end a plain scalar in a flow mapping.
			return yamlQuote(s), true
		}
		return yamlScalar(s), true
	case SyntaxText:
		lines := contentLines(s, false)
		if len(lines) == 0 {
			return "", false
		}
		return strings.Join(lines, nl), true
	case SyntaxHTML:
		// Only tags, or tags the source does not have: as empty as a
		// blank translation, and as likely a mistake.
		return encodeHTMLText(doc, i, strings.TrimSpace(s))
	case SyntaxAttr:
		return encodeHTMLAttr(doc, seg, s), true
	}
	return "", false
}

// encodeBlock writes a replacement of a block (SyntaxBlock): lines joined
// with the segment's prefix, escaped so that none starts another block.
func encodeBlock(doc *Document, seg Segment, s string, md bool, nl string) (string, bool) {
	lines := contentLines(s, true)
	under := tableUnderline(doc, seg)
	if under != "" && len(lines) > 0 && strings.TrimRight(lines[0], " \t") == under {
		lines = lines[1:]
	}
	if len(lines) == 0 {
		return "", false
	}
	if md {
		for i, l := range lines {
			lines[i] = escapeBlockStart(l, i == 0 && under == "")
		}
		// A link reference definition's label may span lines: "[\nx]:"
		// is one, though no single line looks like it.
		if under == "" && !strings.HasPrefix(lines[0], `\`) && multiLineRefDefRe.MatchString(strings.Join(lines, "\n")) {
			lines[0] = `\` + lines[0]
		}
		// Right after a task checkbox, a ":" would make "[x]:" a
		// link reference definition.
		if seg.Start > 0 && doc.Src[seg.Start-1] == ']' && strings.HasPrefix(lines[0], ":") {
			lines[0] = `\` + lines[0]
		}
	}
	if under != "" {
		lines[0] = afterUnderline(under, lines[0], seg.Prefix, nl)
	} else if md && imagesOnlyText(strings.Join(lines, "\n")) {
		return "", false
	}
	return strings.Join(lines, nl+seg.Prefix), true
}

// encodeLine writes a replacement that must stay on one line
// (SyntaxLine: a heading).
func encodeLine(doc *Document, seg Segment, s string, md bool, nl string) (string, bool) {
	l := oneLine(s)
	under := tableUnderline(doc, seg)
	if under != "" && (l == under || strings.HasPrefix(l, under+" ")) {
		l = strings.TrimSpace(l[len(under):])
	}
	if l == "" {
		return "", false
	}
	if md {
		l = escapeClosingHashes(escapeBlockStart(l, under == ""))
		if under != "" {
			return afterUnderline(under, l, seg.Prefix, nl), true
		}
		if imagesOnlyText(l) {
			return "", false
		}
	}
	return l, true
}

// tableUnderline returns the setext underline ("--") that begins a
// paragraph or setext heading written right under a table, or "".
//
// Any other first line there would become one more row of the table, or,
// when the delimiter row is indented four columns or more, undo the
// table: goldmark reads such a row only when a setext underline closes
// the table's paragraph. So the underline stays, and the translation
// continues it on the next line.
func tableUnderline(doc *Document, seg Segment) string {
	if !seg.afterTable {
		return ""
	}
	under, _, _ := strings.Cut(string(doc.Src[seg.Start:seg.End]), "\n")
	return strings.TrimRight(under, " \t\r")
}

// afterUnderline writes the underline, a line break and prefix, then the
// first line of a translation.
func afterUnderline(under, first, prefix, nl string) string {
	if under == "-" {
		// A lone "-" before "\n" is an empty list item to goldmark;
		// before "\r\n" it stays an underline, as in the source, where
		// a "\r" follows it.
		nl = "\r\n"
	}
	return under + nl + prefix + first
}

// firstInRow reports whether no "|" stands between the start of the line
// holding off and off: only indentation or container markers ("> ",
// "- "), after which a cell's text is read as the start of a block.
func firstInRow(src []byte, off int) bool {
	for i := off - 1; i >= 0 && src[i] != '\n'; i-- {
		if src[i] == '|' {
			return false
		}
	}
	return true
}

// cellEnd rewrites the end of an escaped table cell that goldmark's
// table parser would misread. Before a closing "|" (pipe true), any
// backslash right before it escapes it, even a doubled one, and the cell
// would merge with the next: escapeUnescaped leaves an even run, which
// stands for half as many literal backslashes, written as "&#92;". At the
// end of a row without a closing pipe, a final "\|" is taken as the
// closing pipe and dropped: it is written as "&#124;".
func cellEnd(s string, pipe bool) string {
	if !pipe {
		if t, ok := strings.CutSuffix(s, `\|`); ok {
			return t + "&#124;"
		}
		return s
	}
	t := strings.TrimRight(s, `\`)
	return t + strings.Repeat("&#92;", (len(s)-len(t))/2)
}

// contentLines splits s into its non-blank lines: a blank line would end
// the paragraph. The last line loses trailing whitespace; with trimLeft
// every line loses its indentation, which would otherwise turn a first
// line into a code block or a later line into a nested block.
func contentLines(s string, trimLeft bool) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	var lines []string
	for l := range strings.SplitSeq(s, "\n") {
		if strings.TrimSpace(l) == "" {
			continue
		}
		if trimLeft || len(lines) == 0 {
			l = strings.TrimLeft(l, " \t")
		}
		lines = append(lines, l)
	}
	if n := len(lines); n > 0 {
		lines[n-1] = strings.TrimRight(lines[n-1], " \t")
	}
	return lines
}

// oneLine flattens s to one line: line breaks and the spaces around them
// become one space.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return strings.TrimSpace(s)
	}
	return strings.Join(strings.Fields(s), " ")
}
