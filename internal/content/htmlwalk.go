package content

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
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
//
// An author pins the message ID of the next segment with a comment, as
// in Markdown: <!-- healthloc:id dosage-warning -->.
func (p *docParser) parseHTML() error {
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
	return w.pinIDs()
}

// pinIDs gives the ID of each marker comment to the first segment after
// it, with the errors of Markdown's markers.
func (w *htmlWalker) pinIDs() error {
	segs := w.doc.Segments
	ids := map[string]bool{}
	next := 0
	for _, t := range w.toks {
		if t.typ != html.CommentToken {
			continue
		}
		raw := bytes.TrimSpace(w.doc.Src[t.start:t.end])
		if !idMarkerAnyRe.Match(raw) {
			continue
		}
		m := idMarkerRe.FindSubmatch(raw)
		if m == nil {
			return w.errorf(t.start, "malformed ID marker %q (want <!-- healthloc:id some-id -->)", raw)
		}
		id := string(m[1])
		if ids[id] {
			return w.errorf(t.start, "healthloc:id %q is used twice", id)
		}
		ids[id] = true
		for next < len(segs) && segs[next].Start < t.end {
			next++
		}
		if next == len(segs) || segs[next].ID != "" {
			return w.errorf(t.start, "healthloc:id %q is not followed by a translatable block", id)
		}
		segs[next].ID = id
	}
	return nil
}

func (w *htmlWalker) add(s Segment, owner int, tags []inlineTag) {
	s.Headings = headingPath(w.headings)
	w.docParser.add(s)
	w.info.owners = append(w.info.owners, owner)
	w.info.tags = append(w.info.tags, tags)
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
	return opaqueElems[n.name] || w.noTranslate(n)
}

// noTranslate reports an element the author marked as not to be
// translated, attributes included: translate="no" or class notranslate.
func (w *htmlWalker) noTranslate(n *hnode) bool {
	if v, ok := w.attr(n, "translate"); ok && strings.EqualFold(strings.TrimSpace(v), "no") {
		return true
	}
	v, _ := w.attr(n, "class")
	for _, c := range strings.Fields(v) {
		if c == "notranslate" {
			return true
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
	if opaqueElems[n.name] && n.name != "pre" || w.noTranslate(n) && inlineElems[n.name] {
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
	if !n.elem || w.noTranslate(n) {
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
	if !opaqueElems[n.name] {
		w.container(n)
	}
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
