package render

import (
	"bytes"
	"regexp"
	"sort"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"golang.org/x/net/html"
	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/content"
	"github.com/healthloc/healthloc/internal/locale"
)

// edit replaces src[start:end] with repl.
type edit struct {
	start, end int
	repl       string
}

// applyEdits makes non-overlapping edits to src.
func applyEdits(src []byte, edits []edit) []byte {
	if len(edits) == 0 {
		return src
	}
	sort.Slice(edits, func(i, j int) bool { return edits[i].start < edits[j].start })
	var b bytes.Buffer
	at := 0
	for _, e := range edits {
		if e.start < at {
			continue // overlapping: keep the first
		}
		b.Write(src[at:e.start])
		b.WriteString(e.repl)
		at = e.end
	}
	b.Write(src[at:])
	return b.Bytes()
}

// refDefRe matches a link reference definition's line: group 1 is its
// destination.
var refDefRe = regexp.MustCompile(`(?m)^ {0,3}\[[^\]\n]+\]:[ \t]*<?([^\s<>]+)>?`)

// hrefRe matches an href attribute's value in a raw tag: group 2 is the
// value without quotes.
var hrefRe = regexp.MustCompile(`(?i)\bhref\s*=\s*(["']?)([^"'\s>]*)`)

// rewriteMarkdownLinks rewrites the destinations of the links in a
// localized Markdown file (body from bodyStart on) with fn: inline links,
// reference definitions and the href of raw <a> tags. Code is left alone;
// an image is not a link.
func rewriteMarkdownLinks(src []byte, bodyStart int, fn func(string) (string, string)) []byte {
	if fn == nil {
		return src
	}
	body := src[bodyStart:]
	doc := md.Parser().Parse(text.NewReader(body))
	var edits []edit
	replace := func(start, end int) {
		dest := string(src[start:end])
		if to, _ := fn(dest); to != dest {
			edits = append(edits, edit{start, end, to})
		}
	}
	var code [][2]int // code blocks and spans, where nothing is a link
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
			if l := n.Lines(); l.Len() > 0 {
				code = append(code, [2]int{l.At(0).Start, l.At(l.Len() - 1).Stop})
			}
			return ast.WalkSkipChildren, nil
		case *ast.Link:
			// The destination follows the link text: "](" and, perhaps
			// in angle brackets, the destination as written.
			at := linkTextEnd(n)
			if at < 0 {
				break
			}
			rest := body[at:]
			i := bytes.Index(rest, []byte("]("))
			if i < 0 {
				break
			}
			j := i + 2
			for j < len(rest) && (rest[j] == ' ' || rest[j] == '\t' || rest[j] == '\n') {
				j++
			}
			if j < len(rest) && rest[j] == '<' {
				j++
			}
			if bytes.HasPrefix(rest[j:], n.Destination) && len(n.Destination) > 0 {
				replace(bodyStart+at+j, bodyStart+at+j+len(n.Destination))
			}
		case *ast.RawHTML:
			for k := range n.Segments.Len() {
				seg := n.Segments.At(k)
				tag := body[seg.Start:seg.Stop]
				if !bytes.HasPrefix(bytes.ToLower(tag), []byte("<a")) {
					continue
				}
				for _, m := range hrefRe.FindAllSubmatchIndex(tag, -1) {
					replace(bodyStart+seg.Start+m[4], bodyStart+seg.Start+m[5])
				}
			}
		}
		return ast.WalkContinue, nil
	})
	for _, m := range refDefRe.FindAllSubmatchIndex(body, -1) {
		inCode := false
		for _, c := range code {
			inCode = inCode || (m[0] >= c[0] && m[0] < c[1])
		}
		if !inCode {
			replace(bodyStart+m[2], bodyStart+m[3])
		}
	}
	return applyEdits(src, edits)
}

// linkTextEnd is the offset just past a link's text in the source, or
// -1 when the link has no text node to place it by.
func linkTextEnd(n *ast.Link) int {
	end := -1
	var last func(ast.Node)
	last = func(c ast.Node) {
		for ; c != nil; c = c.NextSibling() {
			if t, ok := c.(*ast.Text); ok {
				end = t.Segment.Stop
			}
			if c.HasChildren() {
				last(c.FirstChild())
			}
		}
	}
	last(n.FirstChild())
	return end
}

// rewriteHTMLLinks rewrites the href of every <a> start tag of an HTML
// page with fn, adding hreflang where fn gives one and the tag has none.
func rewriteHTMLLinks(page []byte, fn func(string) (string, string)) []byte {
	if fn == nil {
		return page
	}
	z := html.NewTokenizer(bytes.NewReader(page))
	var edits []edit
	at := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		start := at
		at += len(raw)
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, _ := z.TagName()
		if string(name) != "a" {
			continue
		}
		m := hrefRe.FindSubmatchIndex(raw)
		if m == nil {
			continue
		}
		dest := html.UnescapeString(string(raw[m[4]:m[5]]))
		to, lang := fn(dest)
		if to == dest {
			continue
		}
		repl := html.EscapeString(to)
		if m[2] == m[3] { // unquoted
			repl = `"` + repl + `"`
		}
		if lang != "" && !bytes.Contains(bytes.ToLower(raw), []byte("hreflang")) {
			repl += `" hreflang="` + lang
			if m[2] == m[3] {
				repl = `"` + html.EscapeString(to) + `" hreflang="` + lang + `"`
			}
		}
		edits = append(edits, edit{start + m[4], start + m[5], repl})
	}
	return applyEdits(page, edits)
}

// languageValues are the values of the front-matter fields that name
// the language, for loc: "dir" gets the direction, any other key the tag,
// or the language's own name where the source wrote a name ("English").
func languageValues(fields []content.Field, loc language.Tag) map[string]string {
	out := map[string]string{}
	for _, f := range fields {
		switch {
		case f.Key == "dir":
			out[f.Key] = locale.Direction(loc)
		case isTag(f.Value):
			out[f.Key] = loc.String()
		default:
			out[f.Key] = locale.Name(loc)
		}
	}
	return out
}

// isTag reports whether s reads as a BCP 47 tag ("en", "en-US", "en_US").
func isTag(s string) bool {
	_, err := locale.Parse(s)
	return err == nil
}
