package content

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// imagesOnly reports whether the inline content of n is nothing but
// images (possibly inside links) and whitespace, and returns the images.
func imagesOnly(n ast.Node, body []byte) ([]*ast.Image, bool) {
	var imgs []*ast.Image
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *extast.TaskCheckBox:
		case *ast.Image:
			imgs = append(imgs, c)
		case *ast.Link:
			sub, ok := imagesOnly(c, body)
			if !ok {
				return nil, false
			}
			imgs = append(imgs, sub...)
		case *ast.Text:
			if len(bytes.TrimSpace(c.Segment.Value(body))) != 0 {
				return nil, false
			}
		default:
			return nil, false
		}
	}
	return imgs, len(imgs) > 0
}

// imagesOnlyText reports whether the Markdown text s, read on its own as
// one block, holds nothing but images: a block that the walker would
// split into alt-text segments, or into none. Every reference label
// counts as defined, since the document may define it.
func imagesOnlyText(s string) bool {
	if !strings.Contains(s, "![") {
		return false
	}
	src := []byte(s)
	root := mdParser.Parse(text.NewReader(src), parser.WithContext(anyRef{parser.NewContext()}))
	b := root.FirstChild()
	if b == nil || b.NextSibling() != nil {
		return false
	}
	_, ok := imagesOnly(b, src)
	return ok
}

// anyRef is a parser context in which every reference label is defined.
type anyRef struct{ parser.Context }

func (anyRef) Reference(label string) (parser.Reference, bool) {
	return parser.NewReference([]byte(label), nil, nil), true
}

// alts emits one alt-text segment per image in an images-only block. Inline
// node positions in goldmark are approximate, so the alt text is found in
// the source: after each "![" up to its matching "]". It reports false,
// emitting nothing, if the source does not hold count images as expected.
func (w *mdWalker) alts(lines []lineSpan, count int) bool {
	src := w.doc.Src
	start, end := lines[0].start, lines[len(lines)-1].end
	var segs []Segment
	pos := start
	for range count {
		i := bytes.Index(src[pos:end], []byte("!["))
		if i < 0 {
			return false
		}
		a := pos + i + 2
		b := matchBracket(src, a, end)
		if b < 0 {
			return false
		}
		pos = b + 1
		as, be := trimLeft(src, a, b), trimRight(src, a, b)
		if as >= be {
			continue // empty alt text: nothing to translate
		}
		inline := b+1 < end && src[b+1] == '('
		full := b+2 < end && src[b+1] == '[' && src[b+2] != ']'
		if !inline && !full {
			// ![label] and ![label][] use the alt text as the reference
			// label: translating it would unlink the image
			continue
		}
		segs = append(segs, Segment{
			Kind:     KindAltText,
			Text:     joinLines(src, lines, as, be),
			Start:    as,
			End:      be,
			Syntax:   SyntaxAlt,
			Headings: headingPath(w.headings),
		})
	}
	if !w.altsHold(lines, segs, count) {
		return false
	}
	for _, s := range segs {
		w.add(s)
	}
	return true
}

// altsHold reports whether the block still reads as count images, and
// nothing else, once every alt text in segs is replaced: matchBracket
// only approximates goldmark, which also reads code spans, autolinks and
// nested links' destinations inside an alt text, where a "]" does not
// close it. A block that fails keeps one segment of its own.
func (w *mdWalker) altsHold(lines []lineSpan, segs []Segment, count int) bool {
	src := w.doc.Src
	var b strings.Builder
	pos := lines[0].start
	for _, s := range segs {
		b.WriteString(joinLines(src, lines, pos, s.Start))
		b.WriteString("x")
		pos = s.End
	}
	b.WriteString(joinLines(src, lines, pos, lines[len(lines)-1].end))
	alt := []byte(b.String())
	root := mdParser.Parse(text.NewReader(alt), parser.WithContext(anyRef{parser.NewContext()}))
	n := root.FirstChild()
	if n == nil || n.NextSibling() != nil {
		return false
	}
	imgs, ok := imagesOnly(n, alt)
	return ok && len(imgs) == count
}

// matchBracket returns the offset of the "]" closing a "[" just before a,
// honouring backslash escapes and nesting, or -1 before end.
func matchBracket(src []byte, a, end int) int {
	depth := 1
	for j := a; j < end; j++ {
		switch src[j] {
		case '\\':
			j++
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return -1
}

var urlRe = regexp.MustCompile(`^(?i:<?(?:(?:https?|ftp|mailto|tel):\S+|www\.\S+|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)>?)$`)

// urlsOnly reports a text made of URLs and autolinks only, which has
// nothing to translate.
func urlsOnly(s string) bool {
	f := strings.Fields(s)
	for _, t := range f {
		if !urlRe.MatchString(t) {
			return false
		}
	}
	return len(f) > 0
}
