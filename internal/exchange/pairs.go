package exchange

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// A translation may move placeholders, and may drop a whole piece of
// markup (the checks judge that), but it must not keep half of a pair:
// an emphasis opened and never closed, a link's text without its target.
// Such a translation would publish a stray "*" or "[" in the page.

// Pairs lists the placeholders of Protect(s, true) that belong
// together, by number: the opening and closing codes of an emphasis, a
// link, an image or a strikethrough, and an inline HTML tag and its
// closing tag.
func Pairs(s string) [][2]int {
	if tokenRe.MatchString(s) {
		return nil // Protect leaves such text alone
	}
	var ranges [][2]int // byte range of each code
	pos := 0
	scan(s, func(piece string, code bool) {
		if code {
			ranges = append(ranges, [2]int{pos, pos + len(piece)})
		}
		pos += len(piece)
	})
	if len(ranges) < 2 {
		return nil
	}
	codeAt := func(at int) int {
		for i, r := range ranges {
			if at >= r[0] && at < r[1] {
				return i + 1
			}
		}
		return 0
	}
	src := []byte(s)
	var out [][2]int
	add := func(a, b int) {
		if a > 0 && b > 0 && a != b {
			out = append(out, [2]int{a, b})
		}
	}
	var open []struct {
		name string
		code int
	}
	ast.Walk(inlineParser.Parse(text.NewReader(src)), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Emphasis, *ast.Link, *ast.Image, *extast.Strikethrough:
			first, last := textBounds(n)
			if first >= 0 {
				add(codeAt(first-1), codeAt(last))
			}
		case *ast.RawHTML:
			if n.Segments.Len() == 0 {
				break
			}
			seg := n.Segments.At(0)
			name, closing := tagName(string(seg.Value(src)))
			switch {
			case name == "":
			case !closing:
				open = append(open, struct {
					name string
					code int
				}{name, codeAt(seg.Start)})
			default:
				for i := len(open) - 1; i >= 0; i-- {
					if open[i].name == name {
						add(open[i].code, codeAt(seg.Start))
						open = append(open[:i], open[i+1:]...)
						break
					}
				}
			}
		}
		return ast.WalkContinue, nil
	})
	return out
}

// textBounds is where the prose inside n starts and ends: the start of
// its first text and the end of its last, or -1 when it holds none.
func textBounds(n ast.Node) (int, int) {
	first, last := -1, -1
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.CodeSpan, *ast.AutoLink, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if c.Segment.Start < c.Segment.Stop {
				if first < 0 {
					first = c.Segment.Start
				}
				last = c.Segment.Stop
			}
		}
		return ast.WalkContinue, nil
	})
	return first, last
}

var tagNameRe = regexp.MustCompile(`^<(/?)([A-Za-z][A-Za-z0-9-]*)`)

// tagName is the element name of an inline HTML tag and whether it
// closes; "" for a void or self-closed tag, a comment and the like.
func tagName(tag string) (string, bool) {
	m := tagNameRe.FindStringSubmatch(tag)
	if m == nil || strings.HasSuffix(tag, "/>") {
		return "", false
	}
	name := strings.ToLower(m[2])
	switch name {
	case "br", "img", "hr", "wbr", "input", "area", "col", "embed", "source", "track", "meta", "link", "base", "param":
		return "", false
	}
	return name, m[1] == "/"
}

// lostPlaceholder says which placeholder of a pair a protected
// translation t kept without its partner, given the pairs of its
// source; "" when none.
func lostPlaceholder(t string, pairs [][2]int) string {
	p, open, ok := BrokenPair(t, pairs)
	switch {
	case !ok:
		return ""
	case open:
		return fmt.Sprintf("<%d/> is gone, which closes <%d/>", p[1], p[0])
	}
	return fmt.Sprintf("<%d/> is gone, which opens <%d/>", p[0], p[1])
}

// BrokenPair is the first of pairs (of a source) of which the protected
// text t keeps one placeholder without the other; open says the one it
// keeps is the first (the opening one).
func BrokenPair(t string, pairs [][2]int) (p [2]int, open, ok bool) {
	has := map[int]bool{}
	for _, m := range tokenRe.FindAllStringSubmatch(t, -1) {
		n, _ := strconv.Atoi(m[1])
		has[n] = true
	}
	for _, p := range pairs {
		if has[p[0]] != has[p[1]] {
			return p, has[p[0]], true
		}
	}
	return p, false, false
}

// numberedTagRe is an opening or closing numbered tag of an HTML segment.
var numberedTagRe = regexp.MustCompile(`<(/?)([0-9]{1,4})(?:\s[^<>]*)?>`)

// lostTag says which numbered tag (<2>…</2>) of an HTML segment's
// source the translation t kept without its partner; "" when none.
func lostTag(src, t string) string {
	tags := func(s string) map[string]bool {
		out := map[string]bool{}
		for _, m := range numberedTagRe.FindAllStringSubmatch(s, -1) {
			out[m[1]+m[2]] = true
		}
		return out
	}
	have, want := tags(t), tags(src)
	for _, k := range slices.Sorted(maps.Keys(want)) {
		if strings.HasPrefix(k, "/") || !want["/"+k] {
			continue
		}
		switch {
		case have[k] && !have["/"+k]:
			return fmt.Sprintf("</%s> is gone, which closes <%s>", k, k)
		case have["/"+k] && !have[k]:
			return fmt.Sprintf("<%s> is gone, which opens </%s>", k, k)
		}
	}
	return ""
}
