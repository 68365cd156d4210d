package content

import (
	"bytes"
	"strconv"
	"strings"

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
	openStart, open  int // start tag, or the whole element when void
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

// htmlWalker emits the segments of an HTML document.
type htmlWalker struct {
	*docParser
	toks     []htmlToken
	info     *htmlInfo
	headings []mdHeading
}

// parseHTML splits an HTML document into segments, in document order:
//
//   - the text of <title> (KindTitle) and the content of
//     <meta name="description"> (KindDescription);
//   - every run of text and inline elements (a, strong, em, span, br…)
//     between blocks: the content of p, h1–h6, li, td, th, caption,
//     figcaption, blockquote, dt, dd, and of a div or any other container
//     holding text. The kind comes from the nearest of h1–h6 (heading), li,
//     dt, dd (list item), td, th (table cell), caption, figcaption
//     (caption) and blockquote (quote); else it is a paragraph;
//   - the attributes alt (KindAltText), title, placeholder and aria-label
//     (KindAttribute) of elements outside a text run. In a run they stay in
//     the segment, on its numbered tag: <1 title="World Health
//     Organization">WHO</1>.
//
// In a segment's Text, entities are decoded, white space is collapsed,
// and inline elements are numbered tags: "<1>…</1>" for an element with
// content, "<2/>" for one without (br, img) or whose content is not to be
// translated (code, script, a comment, translate="no"). A "&" or "<" that
// would read as an entity or a numbered tag is written "&amp;" or "&lt;".
//
// Skipped: script, style, code, pre, template (and other elements with no
// translatable text, such as svg and textarea), and every element marked
// translate="no" or with the class notranslate.
func (p *docParser) parseHTML() {
	toks := htmlTokens(p.doc.Src)
	w := &htmlWalker{docParser: p, toks: toks, info: &htmlInfo{root: -1}}
	for _, t := range toks {
		if t.typ == html.DoctypeToken && w.info.insertAt == 0 {
			w.info.insertAt = t.end
		}
		if t.typ == html.StartTagToken && t.name == "html" && w.info.root < 0 {
			w.info.root = t.start
		}
	}
	w.container(htmlTree(toks))
	p.doc.html = w.info
}

func (w *htmlWalker) add(s Segment, owner int, tags []inlineTag) {
	s.Headings = w.headingPath()
	w.docParser.add(s)
	w.info.owners = append(w.info.owners, owner)
	w.info.tags = append(w.info.tags, tags)
}

func (w *htmlWalker) headingPath() []string {
	if len(w.headings) == 0 {
		return nil
	}
	path := make([]string, len(w.headings))
	for i, h := range w.headings {
		path[i] = h.text
	}
	return path
}

// attr returns the value of attribute name of element n, and whether n
// has it.
func (w *htmlWalker) attr(n *hnode, name string) (string, bool) {
	t := w.toks[n.tok]
	for _, a := range t.attrs {
		if a.name == name {
			if a.valStart < 0 {
				return "", true
			}
			return html.UnescapeString(string(w.doc.Src[t.start+a.valStart : t.start+a.valEnd])), true
		}
	}
	return "", false
}

// opaque reports an element whose content is never translated.
func (w *htmlWalker) opaque(n *hnode) bool {
	if opaqueElems[n.name] {
		return true
	}
	if v, ok := w.attr(n, "translate"); ok && strings.EqualFold(strings.TrimSpace(v), "no") {
		return true
	}
	if v, ok := w.attr(n, "class"); ok && strings.Contains(v, "notranslate") {
		for _, c := range strings.Fields(v) {
			if c == "notranslate" {
				return true
			}
		}
	}
	return false
}

// phrasing reports whether n can be part of a text run: text, a comment,
// or an inline or opaque element holding no block.
func (w *htmlWalker) phrasing(n *hnode) bool {
	if n.phr == 0 {
		n.phr = 2
		if w.isPhrasing(n) {
			n.phr = 1
		}
	}
	return n.phr == 1
}

func (w *htmlWalker) isPhrasing(n *hnode) bool {
	if n.stray {
		return false
	}
	if !n.elem {
		return w.toks[n.tok].typ != html.DoctypeToken
	}
	if opaqueElems[n.name] && n.name != "pre" || w.opaque(n) && inlineElems[n.name] {
		return true
	}
	if !inlineElems[n.name] {
		return false
	}
	for _, k := range n.kids {
		if !w.phrasing(k) {
			return false
		}
	}
	return true
}

// end is the offset where node n ends in the source.
func (w *htmlWalker) end(n *hnode) int {
	if n.endOff == 0 {
		n.endOff = w.findEnd(n)
	}
	return n.endOff
}

func (w *htmlWalker) findEnd(n *hnode) int {
	if n.endTok >= 0 {
		return w.toks[n.endTok].end
	}
	if len(n.kids) > 0 {
		// Never closed: it ends with its content, white space excluded.
		last := n.kids[len(n.kids)-1]
		if !last.elem && w.toks[last.tok].typ == html.TextToken {
			return max(w.trimEnd(last), w.toks[n.tok].end)
		}
		return w.end(last)
	}
	return w.toks[n.tok].end
}

// container walks the children of n, grouping text and inline elements
// into runs.
func (w *htmlWalker) container(n *hnode) {
	var run []*hnode
	flush := func() {
		if len(run) > 0 {
			w.run(n, run, len(run) == len(n.kids))
			run = nil
		}
	}
	for _, c := range n.kids {
		if w.phrasing(c) {
			run = append(run, c)
			continue
		}
		flush()
		w.block(c)
	}
	flush()
}

// blank reports a text node of white space only.
func (w *htmlWalker) blank(n *hnode) bool {
	t := w.toks[n.tok]
	return t.typ == html.TextToken && len(bytes.TrimLeft(w.doc.Src[t.start:t.end], htmlSpace)) == 0
}

const htmlSpace = " \t\n\r\f"

// block handles an element that is not part of a text run.
func (w *htmlWalker) block(n *hnode) {
	if !n.elem || w.opaque(n) {
		return
	}
	switch n.name {
	case "title":
		w.title(n)
		return
	case "meta":
		if v, _ := w.attr(n, "name"); strings.EqualFold(strings.TrimSpace(v), "description") {
			w.attrSegment(n, "content", KindDescription, w.toks[n.tok].start)
		}
	}
	w.attrSegments(n)
	w.container(n)
}

// title emits the text of a <title> element.
func (w *htmlWalker) title(n *hnode) {
	if len(n.kids) != 1 || n.kids[0].elem {
		return
	}
	t := w.toks[n.kids[0].tok]
	src := w.doc.Src
	a := t.start + len(src[t.start:t.end]) - len(bytes.TrimLeft(src[t.start:t.end], htmlSpace))
	b := t.start + len(bytes.TrimRight(src[t.start:t.end], htmlSpace))
	if a >= b {
		return
	}
	w.add(Segment{Kind: KindTitle, Text: oneSpace(protectText(html.UnescapeString(string(src[a:b])))),
		Start: a, End: b, Syntax: SyntaxHTML}, w.toks[n.tok].start, nil)
}

// attrSegments emits the translatable attributes of element n.
func (w *htmlWalker) attrSegments(n *hnode) {
	owner := -1
	if voidElems[n.name] {
		owner = w.toks[n.tok].start
	}
	for _, a := range w.toks[n.tok].attrs {
		if translateAttr[a.name] {
			kind := KindAttribute
			if a.name == "alt" {
				kind = KindAltText
			}
			w.attrSegment(n, a.name, kind, owner)
		}
	}
}

// attrSegment emits the value of attribute name of n, unless it is empty.
func (w *htmlWalker) attrSegment(n *hnode, name string, kind Kind, owner int) {
	t := w.toks[n.tok]
	for _, a := range t.attrs {
		if a.name != name {
			continue
		}
		if a.valStart < 0 {
			return
		}
		v := oneSpace(html.UnescapeString(string(w.doc.Src[t.start+a.valStart : t.start+a.valEnd])))
		if v != "" {
			w.add(Segment{Kind: kind, Text: v, Start: t.start + a.valStart, End: t.start + a.valEnd, Syntax: SyntaxAttr}, owner, nil)
		}
		return
	}
}

// run emits a run of phrasing nodes inside parent: one segment when it
// holds text, else the translatable attributes of its elements. whole
// says the run is all of parent's content.
func (w *htmlWalker) run(parent *hnode, nodes []*hnode, whole bool) {
	if !w.hasText(nodes) {
		for _, n := range nodes {
			if n.elem && !w.opaque(n) {
				w.attrSegments(n)
				w.run(n, n.kids, false)
			}
		}
		return
	}
	// Trim white space, comments and leading or trailing void tags
	// that are not <br>/<img>… at the edges: the segment starts at its
	// first text or inline element.
	first, last := 0, len(nodes)-1
	for w.edge(nodes[first]) {
		first++
	}
	for w.edge(nodes[last]) {
		last--
	}
	nodes = nodes[first : last+1]
	start := w.toks[nodes[0].tok].start
	if !nodes[0].elem {
		start = w.trimStart(nodes[0])
	}
	end := w.end(nodes[len(nodes)-1])
	if n := nodes[len(nodes)-1]; !n.elem {
		end = w.trimEnd(n)
	}
	var b strings.Builder
	var tags []inlineTag
	for _, n := range nodes {
		w.inline(&b, &tags, n, start, end)
	}
	kind, level := runKind(parent)
	text := strings.Trim(b.String(), " ")
	owner := -1
	if whole && !noLangParent[parent.name] {
		owner = w.toks[parent.tok].start
	}
	if kind == KindHeading {
		for len(w.headings) > 0 && w.headings[len(w.headings)-1].level >= level {
			w.headings = w.headings[:len(w.headings)-1]
		}
		w.add(Segment{Kind: kind, Text: text, Start: start, End: end, Syntax: SyntaxHTML}, owner, tags)
		w.headings = append(w.headings, mdHeading{level: level, text: plainHTMLText(text)})
		return
	}
	w.add(Segment{Kind: kind, Text: text, Start: start, End: end, Syntax: SyntaxHTML}, owner, tags)
}

// edge reports a node that is left outside a segment when it begins or
// ends a run: white space and comments.
func (w *htmlWalker) edge(n *hnode) bool {
	return !n.elem && (w.blank(n) || w.toks[n.tok].typ == html.CommentToken)
}

func (w *htmlWalker) trimStart(n *hnode) int {
	t := w.toks[n.tok]
	return t.end - len(bytes.TrimLeft(w.doc.Src[t.start:t.end], htmlSpace))
}

func (w *htmlWalker) trimEnd(n *hnode) int {
	t := w.toks[n.tok]
	return t.start + len(bytes.TrimRight(w.doc.Src[t.start:t.end], htmlSpace))
}

// hasText reports whether the run holds non-blank text outside opaque
// elements.
func (w *htmlWalker) hasText(nodes []*hnode) bool {
	for _, n := range nodes {
		switch {
		case n.elem:
			if !w.opaque(n) && w.hasText(n.kids) {
				return true
			}
		case w.toks[n.tok].typ == html.TextToken && !w.blank(n):
			return true
		}
	}
	return false
}

// inline writes node n of a run, clipped to [start,end), to b in the
// numbered-tag form.
func (w *htmlWalker) inline(b *strings.Builder, tags *[]inlineTag, n *hnode, start, end int) {
	src := w.doc.Src
	t := w.toks[n.tok]
	if !n.elem {
		if t.typ == html.TextToken {
			a, e := max(t.start, start), min(t.end, end)
			b.WriteString(collapseSpace(protectText(html.UnescapeString(string(src[a:e])))))
			return
		}
		*tags = append(*tags, inlineTag{void: true, openStart: t.start, open: t.end})
		b.WriteString("<" + strconv.Itoa(len(*tags)) + "/>")
		return
	}
	num := strconv.Itoa(len(*tags) + 1)
	attrs := ""
	if !w.opaque(n) {
		for _, a := range t.attrs {
			if translateAttr[a.name] && a.valStart >= 0 {
				if v := oneSpace(html.UnescapeString(string(src[t.start+a.valStart : t.start+a.valEnd]))); v != "" {
					attrs += " " + a.name + `="` + html.EscapeString(v) + `"`
				}
			}
		}
	}
	if w.opaque(n) || voidElems[n.name] || t.typ == html.SelfClosingTagToken {
		*tags = append(*tags, inlineTag{void: true, openStart: t.start, open: w.end(n)})
		b.WriteString("<" + num + attrs + "/>")
		return
	}
	i := len(*tags)
	*tags = append(*tags, inlineTag{openStart: t.start, open: t.end})
	b.WriteString("<" + num + attrs + ">")
	for _, k := range n.kids {
		w.inline(b, tags, k, start, end)
	}
	ce := w.end(n)
	cs := ce
	if n.endTok >= 0 {
		cs = w.toks[n.endTok].start
	}
	(*tags)[i].closeStart, (*tags)[i].clos = cs, ce
	b.WriteString("</" + num + ">")
}

// runKind is the segment kind of a run inside parent, and the heading
// level for headings.
func runKind(parent *hnode) (Kind, int) {
	for n := parent; n != nil; n = n.parent {
		switch n.name {
		case "h1", "h2", "h3", "h4", "h5", "h6":
			return KindHeading, int(n.name[1] - '0')
		case "li", "dt", "dd":
			return KindListItem, 0
		case "td", "th":
			return KindTableCell, 0
		case "caption", "figcaption":
			return KindCaption, 0
		case "blockquote":
			return KindQuote, 0
		}
	}
	return KindParagraph, 0
}
