package content

import (
	"bytes"
	"cmp"
	"fmt"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// mdParser is shared: goldmark parsers initialise once and keep no state
// between calls, so concurrent Parse calls are safe.
var mdParser = goldmark.New(goldmark.WithExtensions(extension.Table, extension.TaskList)).Parser()

// parseMarkdown splits a Markdown document into segments.
//
// Segments, in document order:
//   - front matter values of Options.FrontMatterKeys (SyntaxYAML);
//   - ATX and setext headings (SyntaxLine; a setext heading covers its
//     text lines, not the underline);
//   - paragraphs (KindQuote inside a blockquote, KindListItem inside a list
//     item, which is the nearest container that decides);
//   - list items: tight items are goldmark TextBlocks, loose items give one
//     segment per paragraph, nested lists give their own items, and a task
//     item starts after its "[ ]" checkbox;
//   - GFM table cells, header included (SyntaxCell, "\|" kept as written);
//   - image alt text (SyntaxAlt), only when a heading, paragraph, list item
//     or cell holds nothing but images (possibly wrapped in links): then
//     each image gives an alt-text segment and the block none. An image
//     next to other text stays inside the block's segment, written as
//     "![alt](src)", so that segments never overlap and the translator
//     sees the image in its sentence.
//
// Code blocks, HTML blocks, link reference definitions, thematic breaks,
// empty blocks and blocks holding only URLs or autolinks give no segment,
// nor does the one header cell of a table right under another table,
// which is the setext underline ("--") that ended the other.
//
// An author pins the message ID of a block with a comment on its own line
// (an HTML block) right before it:
//
//	<!-- healthloc:id dosage-warning -->
//	Never take more than 4 g of paracetamol a day.
//
// The ID goes to the first segment of the next block (for a list, its
// first item). IDs are letters, digits, ".", "_", "-" and "/", starting
// with a letter or digit. A marker that is malformed, used twice in one
// document, or not followed by a translatable block is an error, because
// the author asked for something that would silently not happen.
func (p *docParser) parseMarkdown() error {
	if err := p.parseFrontMatter(); err != nil {
		return err
	}
	off := p.doc.BodyStart
	body := p.doc.Src[off:]
	max := cmp.Or(p.opts.MaxDepth, DefaultMaxDepth)
	if at, depth := nestingDepth(body, max); at >= 0 {
		return fmt.Errorf("%s:%d: %w: about %d levels of lists or quotes, the limit is %d (max_depth in [limits])",
			p.doc.Path, p.lines.line(off+at), ErrTooDeep, depth, max)
	}
	root := mdParser.Parse(text.NewReader(body))
	w := &mdWalker{docParser: p, off: off, body: body, ids: map[string]bool{}}
	return w.blocks(root, KindParagraph)
}

// mdWalker walks goldmark's block tree. goldmark positions are relative to
// the body; off converts them to offsets in Document.Src.
type mdWalker struct {
	*docParser
	off      int
	body     []byte
	headings []mdHeading // heading path of top-level headings
	ids      map[string]bool
}

type mdHeading struct {
	level int
	text  string
}

var (
	idMarkerRe = regexp.MustCompile(`^<!--[ \t]*healthloc:id[ \t]+([A-Za-z0-9][A-Za-z0-9._/-]*)[ \t]*-->[ \t]*$`)
	// idMarkerAnyRe catches what looks like a marker, so that a typo
	// is reported instead of ignored.
	idMarkerAnyRe = regexp.MustCompile(`^<!--\s*healthloc:`)
)

// blocks walks the children of container; kind is the segment kind of a
// paragraph in it.
func (w *mdWalker) blocks(container ast.Node, kind Kind) error {
	pending, pendingAt := "", 0
	for c := container.FirstChild(); c != nil; c = c.NextSibling() {
		if id, at, ok, err := w.marker(c); err != nil {
			return err
		} else if ok {
			if pending != "" {
				return w.errorf(pendingAt, "healthloc:id %q is not followed by a translatable block", pending)
			}
			pending, pendingAt = id, at
			continue
		}
		before := len(w.doc.Segments)
		if err := w.block(c, kind); err != nil {
			return err
		}
		if pending != "" {
			if len(w.doc.Segments) == before {
				return w.errorf(pendingAt, "healthloc:id %q is not followed by a translatable block", pending)
			}
			w.doc.Segments[before].ID = pending
			pending = ""
		}
	}
	if pending != "" {
		return w.errorf(pendingAt, "healthloc:id %q is not followed by a translatable block", pending)
	}
	return nil
}

// marker recognises an ID marker comment.
func (w *mdWalker) marker(n ast.Node) (id string, at int, ok bool, err error) {
	h, isHTML := n.(*ast.HTMLBlock)
	if !isHTML || h.Lines().Len() == 0 {
		return "", 0, false, nil
	}
	first := h.Lines().At(0)
	at = w.off + first.Start
	var raw []byte
	for i := 0; i < h.Lines().Len(); i++ {
		s := h.Lines().At(i)
		raw = append(raw, s.Value(w.body)...)
	}
	if h.HasClosure() {
		raw = append(raw, h.ClosureLine.Value(w.body)...)
	}
	line := bytes.TrimSpace(raw)
	if !idMarkerAnyRe.Match(line) {
		return "", 0, false, nil
	}
	m := idMarkerRe.FindSubmatch(line)
	if m == nil {
		return "", 0, false, w.errorf(at, "malformed ID marker %q (want <!-- healthloc:id some-id -->)", line)
	}
	id = string(m[1])
	if w.ids[id] {
		return "", 0, false, w.errorf(at, "healthloc:id %q is used twice", id)
	}
	w.ids[id] = true
	return id, at, true, nil
}

func (w *mdWalker) block(n ast.Node, kind Kind) error {
	switch n := n.(type) {
	case *ast.Heading:
		if n.Parent() != nil && n.Parent().Kind() == ast.KindDocument {
			for len(w.headings) > 0 && w.headings[len(w.headings)-1].level >= n.Level {
				w.headings = w.headings[:len(w.headings)-1]
			}
			before := len(w.doc.Segments)
			w.inline(n, KindHeading, SyntaxLine)
			w.markAfterTable(n, before)
			if lines := w.lineSpans(n); len(lines) > 0 {
				w.headings = append(w.headings, mdHeading{n.Level, oneLine(joinLines(w.doc.Src, lines, lines[0].start, lines[len(lines)-1].end))})
			}
			return nil
		}
		before := len(w.doc.Segments)
		w.inline(n, KindHeading, SyntaxLine)
		w.markAfterTable(n, before)
	case *ast.Paragraph, *ast.TextBlock:
		before := len(w.doc.Segments)
		w.inline(n, kind, SyntaxBlock)
		w.markAfterTable(n, before)
	case *ast.Blockquote:
		return w.blocks(n, KindQuote)
	case *ast.List:
		return w.blocks(n, kind)
	case *ast.ListItem:
		return w.blocks(n, KindListItem)
	case *extast.Table:
		_, underTable := n.PreviousSibling().(*extast.Table)
		for row := n.FirstChild(); row != nil; row = row.NextSibling() {
			for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
				if underTable && row == n.FirstChild() && cell == row.FirstChild() {
					// A table on the line right under another has for
					// its one header cell the setext underline ("--")
					// that ended the other: nothing to translate, and
					// any other text there would join the table above.
					if lines := w.lineSpans(cell); len(lines) > 0 && !blankLineBefore(w.doc.Src, lines[0].start) {
						continue
					}
				}
				w.inline(cell, KindTableCell, SyntaxCell)
			}
		}
	case *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock, *ast.ThematicBreak, *ast.LinkReferenceDefinition:
		// Not translatable.
	default:
		// A block from an extension: look for translatable blocks in it.
		if c := n.FirstChild(); c != nil && c.Type() == ast.TypeBlock {
			return w.blocks(n, kind)
		}
	}
	return nil
}

// lineSpan is one line of a block's content as offsets in Document.Src:
// start is after the continuation prefix, end before the line ending.
type lineSpan struct{ start, end int }

func (w *mdWalker) lineSpans(n ast.Node) []lineSpan {
	src := w.doc.Src
	lines := n.Lines()
	spans := make([]lineSpan, 0, lines.Len())
	for i := 0; i < lines.Len(); i++ {
		s := lines.At(i)
		a, b := w.off+s.Start, w.off+s.Stop
		for b > a && (src[b-1] == '\n' || src[b-1] == '\r') {
			b--
		}
		spans = append(spans, lineSpan{trimLeft(src, a, b), b})
	}
	// Trailing whitespace of the block is not content; inner trailing
	// spaces are kept because two of them make a hard line break.
	for len(spans) > 0 {
		last := &spans[len(spans)-1]
		last.end = trimRight(src, last.start, last.end)
		if last.start < last.end {
			break
		}
		spans = spans[:len(spans)-1]
	}
	return spans
}

// joinLines returns the content of [a,b) without continuation prefixes,
// lines joined with "\n".
func joinLines(src []byte, lines []lineSpan, a, b int) string {
	var sb strings.Builder
	firstPiece := true
	for _, l := range lines {
		if l.end < a || l.start > b {
			continue
		}
		if !firstPiece {
			sb.WriteByte('\n')
		}
		firstPiece = false
		sb.Write(src[max(a, l.start):min(b, l.end)])
	}
	return sb.String()
}

// inline emits the segment of a block holding inline content.
func (w *mdWalker) inline(n ast.Node, kind Kind, syntax Syntax) {
	src := w.doc.Src
	lines := w.lineSpans(n)
	if len(lines) == 0 {
		return
	}
	if _, ok := n.FirstChild().(*extast.TaskCheckBox); ok {
		// goldmark's range includes "[ ] "; the checkbox is not text.
		l := &lines[0]
		if i := bytes.IndexByte(src[l.start:l.end], ']'); i >= 0 {
			l.start = trimLeft(src, l.start+i+1, l.end)
		}
	}
	if imgs, ok := imagesOnly(n, w.body); ok && w.alts(lines, len(imgs)) {
		return
	}
	start, end := lines[0].start, lines[len(lines)-1].end
	if start >= end {
		return
	}
	txt := joinLines(src, lines, start, end)
	if syntax != SyntaxLine && urlsOnly(txt) {
		return
	}
	seg := Segment{
		Kind:     kind,
		Text:     txt,
		Start:    start,
		End:      end,
		Syntax:   syntax,
		Headings: headingPath(w.headings),
	}
	if syntax == SyntaxBlock {
		seg.Prefix = w.prefix(lines)
	}
	w.add(seg)
}

// prefix is what a new line inside the block must start with. With two
// or more lines it is what the source has before line 2 ("> ", the list
// indentation, or nothing for a lazy line). With one line it is derived
// from the markup before the text: ">" kept, list markers and checkboxes
// turned into spaces, so "> - text" gives ">   ".
func (w *mdWalker) prefix(lines []lineSpan) string {
	src := w.doc.Src
	if len(lines) > 1 {
		ls := bytes.LastIndexByte(src[:lines[1].start], '\n') + 1
		return string(src[ls:lines[1].start])
	}
	ls := w.lines.start(lines[0].start)
	var sb strings.Builder
	for _, r := range string(src[ls:lines[0].start]) {
		switch r {
		case '>', ' ', '\t':
			sb.WriteRune(r)
		default:
			sb.WriteByte(' ')
		}
	}
	return sb.String()
}

// headingPath is the texts of the headings a segment is under.
func headingPath(headings []mdHeading) []string {
	if len(headings) == 0 {
		return nil
	}
	path := make([]string, len(headings))
	for i, h := range headings {
		path[i] = h.text
	}
	return path
}

// markAfterTable marks the segment of block n, the one added after
// before, when n begins on the line right under a table: a paragraph or a
// setext heading whose first line is the underline that ended the table.
// A heading gets the Prefix of a new line, for the line the splice adds.
func (w *mdWalker) markAfterTable(n ast.Node, before int) {
	if _, ok := n.PreviousSibling().(*extast.Table); !ok || len(w.doc.Segments) != before+1 {
		return
	}
	s := &w.doc.Segments[before]
	if s.Start == 0 || blankLineBefore(w.doc.Src, s.Start) {
		return
	}
	if s.Syntax == SyntaxLine {
		// an ATX heading can interrupt the table: its "#" comes first
		if bytes.IndexByte(w.doc.Src[w.lines.start(s.Start):s.Start], '#') >= 0 {
			return
		}
		if lines := w.lineSpans(n); len(lines) > 0 {
			s.Prefix = w.prefix(lines)
		}
	}
	s.afterTable = true
}

// blankLineBefore reports whether the line before the one holding offset
// at is blank (or there is none): only spaces and tabs, as goldmark reads
// it; a form feed or other white space makes the line a row or text.
func blankLineBefore(src []byte, at int) bool {
	start := bytes.LastIndexByte(src[:at], '\n')
	if start < 0 {
		return true
	}
	prev := src[:start]
	if i := bytes.LastIndexByte(prev, '\n'); i >= 0 {
		prev = prev[i+1:]
	}
	return len(bytes.Trim(prev, " \t\r")) == 0
}
