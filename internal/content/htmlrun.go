package content

import (
	"bytes"
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// run emits a run of phrasing nodes inside parent: one segment when it
// holds text, else the translatable attributes of its elements. whole
// says the run is all of parent's content.
func (w *htmlWalker) run(parent *hnode, nodes []*hnode, whole bool) {
	if !w.hasText(nodes) {
		for _, n := range nodes {
			if n.elem && !w.noTranslate(n) {
				w.attrSegments(n)
				if !opaqueElems[n.name] {
					w.run(n, n.kids, false)
				}
			}
		}
		return
	}
	// White space and comments at either end stay outside: the segment
	// runs from its first text or inline element to its last.
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
		*tags = append(*tags, inlineTag{void: true, comment: t.typ == html.CommentToken, openStart: t.start, open: t.end})
		b.WriteString("<" + strconv.Itoa(len(*tags)) + "/>")
		return
	}
	num := strconv.Itoa(len(*tags) + 1)
	attrs := ""
	if !w.noTranslate(n) {
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
