package render

import (
	"bytes"
	"html/template"
	"sort"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/content"
	"github.com/healthloc/healthloc/internal/locale"
)

// md renders Markdown without raw HTML and without dangerous URLs: goldmark
// is never given WithUnsafe, because translations are untrusted input.
var md = goldmark.New(
	goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList),
	// inline raw HTML is rebuilt from a short list (see inlineHTML), so
	// that a source's <a href="tel:…"> link survives
	goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(inlineHTML{}, 100))),
)

// sanitizer is the second layer: whatever goldmark lets through, only
// plain content markup with safe URLs reaches the page.
var sanitizer = func() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.AllowAttrs("lang", "dir").Globally()
	// UGCPolicy keeps alt and title only when they match a narrow
	// pattern, which drops "Dose: 5 mg" for its colon and most non-Latin
	// punctuation: an image would lose its text for screen readers. The
	// values are attribute-escaped on output, so any text is safe.
	p.AllowAttrs("alt").OnElements("img")
	p.AllowAttrs("title").OnElements("a", "img")
	p.AllowAttrs("hreflang").OnElements("a")
	// A patient on a phone taps to call, text or open a map; data: only
	// for images (finishBody drops a data: link), never javascript:.
	p.AllowURLSchemes("http", "https", "mailto", "tel", "sms", "geo")
	p.AllowDataURIImages()
	p.RequireNoFollowOnLinks(false)
	return p
}()

// markdownHTML renders the localized body and marks every block whose text
// came from another language with that language, so screen readers switch
// voice.
func markdownHTML(out []byte, bodyStart int, blocks []block, loc language.Tag) (string, error) {
	src := out[bodyStart:]
	doc := md.Parser().Parse(text.NewReader(src))
	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		at, target := -1, n
		switch {
		case n.Type() == ast.TypeBlock && n.Lines().Len() > 0:
			at = n.Lines().At(0).Start
			if _, ok := n.(*ast.TextBlock); ok && n.Parent() != nil {
				target = n.Parent() // a tight list item: mark the <li>
			}
		case n.Kind() == ast.KindImage:
			if t, ok := n.FirstChild().(*ast.Text); ok {
				at = t.Segment.Start // the alt text
			}
		}
		if at < 0 {
			return ast.WalkContinue, nil
		}
		at += bodyStart
		// blocks are in document order and do not overlap, so both
		// ends grow: a binary search finds the first block holding at,
		// where a linear scan would make big documents quadratic.
		i := sort.Search(len(blocks), func(k int) bool { return blocks[k].end > at || blocks[k].start >= at })
		if i < len(blocks) {
			if b := blocks[i]; at >= b.start && (at < b.end || at == b.start) {
				for _, a := range langAttrs(b.from, loc) {
					target.SetAttributeString(a[0], []byte(a[1]))
				}
			}
		}
		return ast.WalkContinue, nil
	})
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, src, doc); err != nil {
		return "", err
	}
	return sanitizer.Sanitize(buf.String()), nil
}

// langAttrs are the attributes a block from language from needs on a page
// in loc: none when both are the same language (es on an es-MX page).
func langAttrs(from, loc language.Tag) [][2]string {
	fb, _ := from.Base()
	lb, _ := loc.Base()
	if fb == lb {
		return nil
	}
	attrs := [][2]string{{"lang", from.String()}}
	if d := locale.Direction(from); d != locale.Direction(loc) {
		attrs = append(attrs, [2]string{"dir", d})
	}
	return attrs
}

// textHTML renders a plain-text document: headings and paragraphs, every
// byte escaped.
func textHTML(blocks []block, body []byte, loc language.Tag) string {
	var b strings.Builder
	for _, bl := range blocks {
		tag := "p"
		if bl.seg.Kind == content.KindHeading {
			tag = "h2"
		}
		b.WriteString("<" + tag)
		for _, a := range langAttrs(bl.from, loc) {
			b.WriteString(" " + a[0] + `="` + template.HTMLEscapeString(a[1]) + `"`)
		}
		b.WriteString(">")
		txt := strings.ReplaceAll(string(body[bl.start:bl.end]), "\r\n", "\n")
		b.WriteString(strings.ReplaceAll(template.HTMLEscapeString(txt), "\n", "<br>\n"))
		b.WriteString("</" + tag + ">\n")
	}
	return b.String()
}

// plainText strips inline Markdown from a short text such as a title.
func plainText(s string) string {
	doc := md.Parser().Parse(text.NewReader([]byte(s)))
	var b strings.Builder
	src := []byte(s)
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := n.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.CodeSpan:
			for c := t.FirstChild(); c != nil; c = c.NextSibling() {
				if tx, ok := c.(*ast.Text); ok {
					b.Write(tx.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	if b.Len() == 0 {
		return strings.TrimSpace(s)
	}
	return strings.TrimSpace(b.String())
}

// MarkdownHTML renders Markdown, such as one message's translation, to
// HTML that is safe to put in a page: no raw HTML but the short list of
// inline tags inlineHTML rebuilds, links limited to SafeURL's schemes,
// and bluemonday's sanitizer over it all. The text is untrusted; the
// result is not wrapped in anything beyond what the Markdown makes (a
// paragraph is a <p>). It is the function a Go app shows catalog text
// with, and its output for a given input stays stable.
func MarkdownHTML(markdown string) string {
	var buf bytes.Buffer
	src := []byte(markdown)
	if err := md.Renderer().Render(&buf, src, md.Parser().Parse(text.NewReader(src))); err != nil {
		return template.HTMLEscapeString(markdown)
	}
	root := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(sanitizer.Sanitize(buf.String())), root)
	if err != nil {
		return template.HTMLEscapeString(markdown)
	}
	var out strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			dropUnsafeURLs(n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
		_ = html.Render(&out, n)
	}
	return out.String()
}
