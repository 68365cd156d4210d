package render

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// ltrRun matches a run of Latin words, digits and the signs between them,
// such as "50–100 ml", "WHO/UNICEF" or "www.who.int".
var ltrRun = regexp.MustCompile(`[\p{Nd}\p{Latin}µ][\p{Nd}\p{Latin}µ.,:/%+°×\-–]*(?:[ \x{a0}][\p{Nd}\p{Latin}µ][\p{Nd}\p{Latin}µ.,:/%+°×\-–]*)*`)

// needsIsolation reports whether a run would display wrongly inside
// right-to-left text: it has Latin letters ("mg"), or signs between
// digits that the bidi algorithm reorders ("50–100" shows as "100–50").
var needsIsolation = regexp.MustCompile(`\p{Latin}|µ|\d[–\-/:×+]\d`)

// finishBody gives each h2 an id and collects them for the table of
// contents. On right-to-left pages it also isolates embedded
// left-to-right runs (doses, URLs, abbreviations) in <bdi> and gives
// links and code dir=auto, so that "50–100 ml" keeps its order. With
// needH1, a body that opens with a heading (a Markdown "# Title", the
// title line of a plain-text document) gives it up as the page heading,
// so that notices can follow it; hasH1 reports that the body still has an
// h1 of its own.
//
// links, when set, rewrites each link's href (see Site.target) and gives
// the hreflang of a link that leads to another language's page.
func finishBody(body, dir string, needH1 bool, links func(string) (string, string)) (_ []string, _ []Section, heading *run, hasH1 bool, _ error) {
	ctx := &html.Node{Type: html.ElementNode, Data: "main", DataAtom: atom.Main}
	nodes, err := html.ParseFragment(strings.NewReader(body), ctx)
	if err != nil {
		return nil, nil, nil, false, err
	}
	root := &html.Node{Type: html.ElementNode, Data: "main", DataAtom: atom.Main}
	for _, node := range nodes {
		root.AppendChild(node)
	}
	if first := firstElement(root); needH1 && first != nil && (first.DataAtom == atom.H1 || first.DataAtom == atom.H2) {
		heading = &run{Text: strings.Join(strings.Fields(textOf(first)), " "), Lang: getAttr(first, "lang"), Dir: getAttr(first, "dir")}
		root.RemoveChild(first)
	}
	hasH1 = contains(root, atom.H1)
	bw := &bodyWalker{links: links}
	bw.walk(root, dir == "rtl")
	var blocks []string
	var buf bytes.Buffer
	for c := root.FirstChild; c != nil; c = c.NextSibling {
		if err := html.Render(&buf, c); err != nil {
			return nil, nil, nil, false, err
		}
		if c.Type == html.ElementNode {
			blocks = append(blocks, buf.String())
			buf.Reset()
		}
	}
	switch {
	case buf.Len() > 0 && len(blocks) > 0:
		blocks[len(blocks)-1] += buf.String()
	case buf.Len() > 0:
		blocks = append(blocks, buf.String())
	}
	return blocks, bw.toc, heading, hasH1, nil
}

// bodyWalker walks a page body: it drops unsafe URLs, rewrites links,
// numbers the h2 headings for the table of contents and, on a
// right-to-left page, isolates left-to-right runs.
type bodyWalker struct {
	links func(string) (string, string)
	toc   []Section
}

func (bw *bodyWalker) walk(node *html.Node, isolate bool) {
	if node.Type == html.ElementNode {
		isolate = bw.element(node, isolate)
	}
	for c := node.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.TextNode && isolate {
			isolateRuns(c)
		} else {
			bw.walk(c, isolate)
		}
		c = next
	}
}

// element does the walk's work on one element; it returns whether its
// children's text is still to be isolated.
func (bw *bodyWalker) element(node *html.Node, isolate bool) bool {
	dropUnsafeURLs(node)
	if node.DataAtom == atom.A && bw.links != nil {
		if href := getAttr(node, "href"); href != "" {
			to, lang := bw.links(href)
			setAttr(node, "href", to)
			if lang != "" {
				setAttr(node, "hreflang", lang)
			}
		}
	}
	switch node.DataAtom {
	case atom.H2:
		id := fmt.Sprintf("section-%d", len(bw.toc)+1)
		setAttr(node, "id", id)
		e := Section{ID: id, run: run{Text: strings.Join(strings.Fields(textOf(node)), " ")}}
		e.Lang, e.Dir = getAttr(node, "lang"), getAttr(node, "dir")
		bw.toc = append(bw.toc, e)
	case atom.A, atom.Code, atom.Pre, atom.Bdi, atom.Kbd, atom.Samp:
		if isolate && getAttr(node, "dir") == "" {
			setAttr(node, "dir", "auto")
		}
		isolate = false
	}
	if node.DataAtom == atom.Li || node.DataAtom == atom.Blockquote {
		hoistLang(node)
	}
	if d := getAttr(node, "dir"); d == "ltr" {
		isolate = false // a block that fell back to a left-to-right language
	}
	return isolate
}

// dropUnsafeURLs removes a link or image URL that SafeURL refuses: the
// sanitizer lets data: images through on any element, and only an image
// may have one.
func dropUnsafeURLs(n *html.Node) {
	for i := 0; i < len(n.Attr); i++ {
		a := n.Attr[i]
		if (a.Key == "href" || a.Key == "src") && !SafeURL(a.Val, a.Key == "src" && n.DataAtom == atom.Img) {
			n.Attr = append(n.Attr[:i], n.Attr[i+1:]...)
			i--
		}
	}
}

// isolateRuns splits text node t around left-to-right runs that need it
// and wraps each in <bdi>. t must have a parent.
func isolateRuns(t *html.Node) {
	if t.Parent == nil {
		return
	}
	s := t.Data
	locs := ltrRun.FindAllStringIndex(s, -1)
	var parts [][2]int
	for _, l := range locs {
		m := strings.TrimRight(s[l[0]:l[1]], ".,:–-")
		if !needsIsolation.MatchString(m) {
			continue
		}
		parts = append(parts, [2]int{l[0], l[0] + len(m)})
	}
	if len(parts) == 0 {
		return
	}
	parent, at := t.Parent, 0
	for _, p := range parts {
		if p[0] > at {
			parent.InsertBefore(&html.Node{Type: html.TextNode, Data: s[at:p[0]]}, t)
		}
		bdi := &html.Node{Type: html.ElementNode, Data: "bdi", DataAtom: atom.Bdi}
		bdi.AppendChild(&html.Node{Type: html.TextNode, Data: s[p[0]:p[1]]})
		parent.InsertBefore(bdi, t)
		at = p[1]
	}
	if at < len(s) {
		parent.InsertBefore(&html.Node{Type: html.TextNode, Data: s[at:]}, t)
	}
	parent.RemoveChild(t)
}

// hoistLang gives a list item or quote the lang and dir its content was
// marked with when all of it came from one other language (a loose list
// item's paragraphs), so that the bullet and the quote bar sit on that
// language's side.
func hoistLang(n *html.Node) {
	if getAttr(n, "lang") != "" {
		return
	}
	lang, dir, found := "", "", false
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			if strings.TrimSpace(c.Data) != "" {
				return
			}
		case html.ElementNode:
			l, d := getAttr(c, "lang"), getAttr(c, "dir")
			if l == "" || (found && (l != lang || d != dir)) {
				return
			}
			lang, dir, found = l, d, true
		}
	}
	if !found {
		return
	}
	setAttr(n, "lang", lang)
	if dir != "" {
		setAttr(n, "dir", dir)
	}
}

func contains(n *html.Node, a atom.Atom) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == a || contains(c, a) {
			return true
		}
	}
	return false
}

func firstElement(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			return c
		}
	}
	return nil
}

func textOf(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(textOf(c))
	}
	return b.String()
}

func getAttr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func setAttr(n *html.Node, key, val string) {
	for i, a := range n.Attr {
		if a.Key == key {
			n.Attr[i].Val = val
			return
		}
	}
	n.Attr = append(n.Attr, html.Attribute{Key: key, Val: val})
}
