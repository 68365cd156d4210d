package content

import (
	"bytes"

	"golang.org/x/net/html"
)

// htmlInfo is what Localize and rendering need about an HTML document
// beyond its segments, index-aligned with Document.Segments.
type htmlInfo struct {
	// tags[i] are the inline tags of segment i, tag n at index n-1.
	tags [][]inlineTag
	// owners[i] is the offset of the start tag of the element that holds
	// segment i and nothing else, or -1.
	owners []int
	// root is the offset of the <html> start tag, or -1; insertAt is
	// where one goes when there is none (after the doctype).
	root, insertAt int
}

// inlineTag is an inline element shown to translators as a numbered tag.
// A paired tag ("<1>…</1>") has the source bytes of its start and end
// tags; the end is empty when the source never closed the element. A void
// tag ("<1/>") stands for a whole element the translator must not change
// (img, br, code, a script, a comment), kept as its source bytes.
type inlineTag struct {
	void             bool
	comment          bool // void: a comment, left outside a run at its ends
	openStart, open  int  // start tag, or the whole element when void
	closeStart, clos int
}

// htmlToken is one token of the source with its byte range.
type htmlToken struct {
	typ        html.TokenType
	name       string // lower-case tag name
	start, end int
	attrs      []htmlAttr
}

// hnode is a node of the element tree built from the tokens.
type hnode struct {
	tok    int // index of its token (the start tag of an element)
	elem   bool
	stray  bool // an end tag that closes nothing
	name   string
	endTok int // index of the end tag, or -1
	parent *hnode
	kids   []*hnode
	// Memoized: phrasing (0 unknown, 1 yes, 2 no) and the end offset
	// (0 unknown), so deep nesting stays linear.
	phr    int8
	endOff int
}

func htmlTokens(src []byte) []htmlToken {
	z := html.NewTokenizer(bytes.NewReader(src))
	var toks []htmlToken
	pos := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		t := htmlToken{typ: tt, start: pos, end: pos + len(z.Raw())}
		pos = t.end
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, _ := z.TagName()
			t.name = string(name)
			if tt != html.EndTagToken {
				t.attrs = scanAttrs(src[t.start:t.end])
			}
		}
		toks = append(toks, t)
	}
	if pos < len(src) { // the tokenizer partitions its input; keep any rest as text
		toks = append(toks, htmlToken{typ: html.TextToken, start: pos, end: len(src)})
	}
	return toks
}

var (
	voidElems = set("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr")
	// inlineElems become numbered tags inside a segment.
	inlineElems = set("a", "abbr", "b", "bdi", "bdo", "big", "br", "button", "cite", "data", "del", "dfn", "em", "font",
		"i", "img", "input", "ins", "kbd", "label", "mark", "nobr", "picture", "q", "s", "samp", "small", "source", "span", "strong",
		"sub", "sup", "time", "tt", "u", "var", "wbr")
	// opaqueElems hold nothing to translate. Inside a paragraph they are a
	// void tag; between blocks they are skipped.
	opaqueElems = set("audio", "canvas", "code", "iframe", "math", "noscript", "object", "pre", "script",
		"select", "style", "svg", "template", "textarea", "video")
	// pClosers are the start tags that end an open <p>.
	pClosers = set("address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl",
		"dt", "dd", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
		"hgroup", "hr", "li", "main", "menu", "nav", "ol", "p", "pre", "search", "section", "table", "ul")
	scopeElems    = set("applet", "button", "caption", "html", "marquee", "object", "table", "td", "template", "th")
	headingElems  = set("h1", "h2", "h3", "h4", "h5", "h6")
	translateAttr = set("alt", "title", "placeholder", "aria-label")
	// noLangParent are elements a text run may sit in directly that must
	// not carry a fallback lang for it.
	noLangParent = set("", "html", "head", "body")
)

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// htmlTree builds the element tree the way browsers do for well-formed
// pages, and leniently for the rest: end tags close the nearest open
// element of their name, and the usual implied ends apply (a block start
// ends an open <p>, <li> ends the previous <li>, and so on). An end tag
// that matches nothing becomes a stray node.
func htmlTree(toks []htmlToken) *hnode {
	root := &hnode{elem: true, tok: -1, endTok: -1}
	st := &openStack{nodes: []*hnode{root}, count: map[string]int{}}
	for i, t := range toks {
		switch t.typ {
		case html.StartTagToken, html.SelfClosingTagToken:
			st.closeImplied(t.name)
			cur := st.top()
			n := &hnode{tok: i, elem: true, name: t.name, endTok: -1, parent: cur}
			cur.kids = append(cur.kids, n)
			if t.typ == html.StartTagToken && !voidElems[t.name] {
				st.nodes = append(st.nodes, n)
				st.count[n.name]++
			}
		case html.EndTagToken:
			j := len(st.nodes) - 1
			if st.count[t.name] == 0 {
				j = 0
			}
			for j > 0 && st.nodes[j].name != t.name {
				j--
			}
			if j == 0 {
				cur := st.top()
				cur.kids = append(cur.kids, &hnode{tok: i, stray: true, endTok: -1, parent: cur})
				continue
			}
			st.nodes[j].endTok = i
			st.popTo(j)
		default:
			cur := st.top()
			cur.kids = append(cur.kids, &hnode{tok: i, endTok: -1, parent: cur})
		}
	}
	return root
}

// openStack is the stack of open elements, with how many of each name
// are open so that looking for one that is not open costs nothing.
type openStack struct {
	nodes []*hnode
	count map[string]int
}

func (st *openStack) top() *hnode { return st.nodes[len(st.nodes)-1] }

// popTo closes the element at index j and everything opened after it.
func (st *openStack) popTo(j int) {
	for _, n := range st.nodes[j:] {
		st.count[n.name]--
	}
	st.nodes = st.nodes[:j]
}

// closeTo closes the nearest open element in match, unless an element in
// bounds or a scope boundary comes first.
func (st *openStack) closeTo(match, bounds map[string]bool) {
	open := false
	for n := range match {
		open = open || st.count[n] > 0
	}
	if !open {
		return
	}
	for j := len(st.nodes) - 1; j > 0; j-- {
		n := st.nodes[j].name
		if match[n] {
			st.popTo(j)
			return
		}
		if bounds[n] || scopeElems[n] {
			return
		}
	}
}

// closeImplied closes the elements that a start tag name ends implicitly.
func (st *openStack) closeImplied(name string) {
	if pClosers[name] {
		st.closeTo(pSet, nil)
	}
	if c, ok := impliedEnds[name]; ok {
		st.closeTo(c.match, c.bounds)
	}
	if headingElems[name] && headingElems[st.top().name] {
		st.popTo(len(st.nodes) - 1)
	}
}

// impliedEnd is an element that a start tag ends when one is open, unless
// one of bounds is open inside it.
type impliedEnd struct{ match, bounds map[string]bool }

var (
	pSet        = set("p")
	impliedEnds = map[string]impliedEnd{
		"li":       {set("li"), set("ul", "ol", "menu")},
		"dt":       {set("dt", "dd"), set("dl")},
		"dd":       {set("dt", "dd"), set("dl")},
		"td":       {set("td", "th"), set("tr")},
		"th":       {set("td", "th"), set("tr")},
		"tr":       {set("tr"), set("thead", "tbody", "tfoot")},
		"thead":    {set("thead", "tbody", "tfoot"), nil},
		"tbody":    {set("thead", "tbody", "tfoot"), nil},
		"tfoot":    {set("thead", "tbody", "tfoot"), nil},
		"option":   {set("option"), set("select", "optgroup")},
		"optgroup": {set("option"), set("select", "optgroup")},
	}
)
