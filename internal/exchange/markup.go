package exchange

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

var inlineParser = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList)).Parser()

// tokenRe is a placeholder. A source that already contains one is left
// unprotected, so that literal text never turns into a code.
var tokenRe = regexp.MustCompile(`<([0-9]+)/>`)

var entityRe = regexp.MustCompile(`^&#?[A-Za-z0-9]+;$`)

// Protect replaces the markup of Markdown inline text s with numbered
// placeholders and returns the protected text and the codes, where
// "<n/>" stands for codes[n-1]. Everything goldmark does not parse as
// prose (emphasis markers, link brackets and destinations, inline code,
// autolinks, raw HTML) is a code; white space, backslash escapes and
// entities stay text. Restore(Protect(s)) is s for every s. Plain text
// (md false) and text that already holds something like a placeholder
// are returned unchanged with no codes.
func Protect(s string, md bool) (string, []string) {
	if !md || tokenRe.MatchString(s) {
		return s, nil
	}
	var b strings.Builder
	var codes []string
	scan(s, func(piece string, code bool) {
		if !code {
			b.WriteString(piece)
			return
		}
		codes = append(codes, piece)
		fmt.Fprintf(&b, "<%d/>", len(codes))
	})
	if len(codes) == 0 {
		return s, nil
	}
	return b.String(), codes
}

// ProtectWith protects a translation t with the codes of its source:
// each piece of markup in t that equals an unused source code becomes
// that code's placeholder; other markup stays literal. Restore gives t
// back.
func ProtectWith(t string, codes []string) string {
	if len(codes) == 0 || tokenRe.MatchString(t) {
		return t
	}
	used := make([]bool, len(codes))
	var b strings.Builder
	scan(t, func(piece string, code bool) {
		if code {
			for i, c := range codes {
				if !used[i] && c == piece {
					used[i] = true
					fmt.Fprintf(&b, "<%d/>", i+1)
					return
				}
			}
		}
		b.WriteString(piece)
	})
	return b.String()
}

// Restore replaces the placeholders of a protected text with their codes.
// A placeholder with no code is an error. With no codes s is returned as
// it is: its source was not protected.
func Restore(s string, codes []string) (string, error) {
	if len(codes) == 0 {
		return s, nil
	}
	var err error
	out := tokenRe.ReplaceAllStringFunc(s, func(tok string) string {
		n, _ := strconv.Atoi(tokenRe.FindStringSubmatch(tok)[1])
		if n < 1 || n > len(codes) {
			if err == nil {
				err = fmt.Errorf("placeholder %s does not exist in the source", tok)
			}
			return tok
		}
		return codes[n-1]
	})
	return out, err
}

// scan splits Markdown inline text into prose and markup, in order, and
// calls emit for each piece; the pieces concatenate to s.
func scan(s string, emit func(piece string, code bool)) {
	src := []byte(s)
	var spans [][2]int
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.CodeSpan, *ast.AutoLink, *ast.RawHTML:
				continue
			case *ast.Text:
				if c.Segment.Start < c.Segment.Stop {
					spans = append(spans, [2]int{c.Segment.Start, c.Segment.Stop})
				}
			}
			walk(c)
		}
	}
	walk(inlineParser.Parse(text.NewReader(src)))
	sort.Slice(spans, func(i, j int) bool { return spans[i][0] < spans[j][0] })
	pos := 0
	gap := func(end int) {
		if end <= pos {
			return
		}
		g := s[pos:end]
		core := strings.TrimSpace(g)
		if core == "" || strings.Trim(core, `\`) == "" || entityRe.MatchString(core) {
			emit(g, false)
			return
		}
		lead := g[:strings.Index(g, core)]
		trail := g[len(lead)+len(core):]
		if lead != "" {
			emit(lead, false)
		}
		emit(core, true)
		if trail != "" {
			emit(trail, false)
		}
	}
	for _, sp := range spans {
		if sp[0] < pos {
			continue // overlapping spans do not occur; keep the first
		}
		gap(sp[0])
		emit(s[sp[0]:sp[1]], false)
		pos = sp[1]
	}
	gap(len(s))
}

// htmlTagRe is a numbered inline tag of an HTML segment (see
// internal/content): <1>, </1>, <2/>, <3 title="…">.
var htmlTagRe = regexp.MustCompile(`<(/?)([0-9]{1,4})((?:\s+[A-Za-z][A-Za-z-]*\s*=\s*"[^"<>]*")*)\s*(/?)>`)

// HasNumberedTags reports whether s holds the numbered inline tags of an
// HTML segment.
func HasNumberedTags(s string) bool { return htmlTagRe.MatchString(s) }

// ProtectTags protects the numbered inline tags of an HTML segment: each
// becomes a placeholder whose code is the tag as written, so a translator
// moves <a>, <strong> and their attributes as units and cannot break
// them. Restore gives s back. Unlike Protect, text holding "<2/>" is
// protected too: in HTML segments that is a void or protected element.
func ProtectTags(s string) (string, []string) {
	var codes []string
	out := htmlTagRe.ReplaceAllStringFunc(s, func(tag string) string {
		codes = append(codes, tag)
		return fmt.Sprintf("<%d/>", len(codes))
	})
	return out, codes
}

// ProtectTagsWith protects a translation with the tag codes of its
// source: each numbered tag equal to an unused source code becomes its
// placeholder; a tag the source lacks stays literal.
func ProtectTagsWith(t string, codes []string) string {
	if len(codes) == 0 {
		return t
	}
	used := make([]bool, len(codes))
	return htmlTagRe.ReplaceAllStringFunc(t, func(tag string) string {
		for i, c := range codes {
			if !used[i] && c == tag {
				used[i] = true
				return fmt.Sprintf("<%d/>", i+1)
			}
		}
		return tag
	})
}
