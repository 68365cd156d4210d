package content

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// encodeHTMLText writes a translation of HTML text content (SyntaxHTML).
//
// The translation is untrusted: its text is escaped (escapeHTMLText), and
// the only markup that reaches the output are the segment's numbered tags,
// restored from the source bytes, attributes and all. A numbered tag
// may carry new values for the translatable attributes its source tag
// has (alt, title, placeholder, aria-label), which are escaped too. A
// numbered tag the source does not have, of the wrong form, or that does
// not pair up is left out, so a translator's slip can never leave an
// element open; so is a comment's tag after its first use.
//
// It reports false when the result holds no text outside the tags, which
// would not read back as a segment: the source is kept then, as for a
// blank translation.
func encodeHTMLText(doc *Document, i int, s string) (string, bool) {
	var tags []inlineTag
	if doc.html != nil && i < len(doc.html.tags) {
		tags = doc.html.tags[i]
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	ms := numTagRe.FindAllStringSubmatchIndex(s, -1)
	ok, num := keptTags(s, ms, tags)
	// The output is a list of pieces, escaped text and restored tags, so
	// that its ends can be trimmed the way the walker trims a run.
	var ps []htmlPiece
	pos := 0
	for j, m := range ms {
		ps = append(ps, htmlPiece{s: escapeHTMLText(s[pos:m[0]], false), text: true})
		pos = m[1]
		if !ok[j] {
			continue
		}
		t := tags[num[j]-1]
		switch {
		case m[3] > m[2]:
			ps = append(ps, htmlPiece{s: string(doc.Src[t.closeStart:t.clos])})
		default:
			ps = append(ps, htmlPiece{s: string(restoreTag(doc.Src[t.openStart:t.open], s[m[6]:m[7]])), edge: t.comment})
		}
	}
	ps = append(ps, htmlPiece{s: escapeHTMLText(s[pos:], false), text: true})
	out, hasText := joinPieces(ps)
	if !hasText {
		return "", false
	}
	if doc.CRLF {
		out = strings.ReplaceAll(out, "\n", "\r\n")
	}
	return out, true
}

// keptTags tells which numbered tags ms of a translation s are kept
// (ok), and the number of each: those the source has in the same form,
// paired up, and a comment once.
func keptTags(s string, ms [][]int, tags []inlineTag) (ok []bool, num []int) {
	ok = make([]bool, len(ms))
	num = make([]int, len(ms))
	var open []int // indexes into ms of unclosed paired tags
	used := map[int]bool{}
	for j, m := range ms {
		closing, void := m[3] > m[2], m[9] > m[8]
		n, _ := strconv.Atoi(s[m[4]:m[5]])
		num[j] = n
		if n < 1 || n > len(tags) || tags[n-1].void != void || closing && void {
			continue
		}
		switch {
		case void && tags[n-1].comment:
			// A comment comes back once: a second ID marker
			// ("<!-- healthloc:id x -->") would make the page invalid.
			ok[j] = !used[n]
			used[n] = true
		case void:
			ok[j] = true
		case !closing:
			open = append(open, j)
		default:
			// Close the nearest open tag of the same number; tags opened
			// after it and never closed are dropped.
			for k := len(open) - 1; k >= 0; k-- {
				if num[open[k]] == n {
					ok[open[k]], ok[j] = true, true
					open = open[:k]
					break
				}
			}
		}
	}
	return ok, num
}

// htmlPiece is a piece of an HTML translation written out.
type htmlPiece struct {
	s    string
	text bool // escaped translation text; else a restored tag
	edge bool // a restored comment
}

// joinPieces trims the pieces of a translation as the walker trims a run
// and joins them; it reports false when no text is left outside tags.
func joinPieces(ps []htmlPiece) (string, bool) {
	// The walker leaves white space and comments at either end of a run
	// outside its segment. Tags left out can expose white space
	// ("x <9>"), and a translator can move a comment to an end: trim both,
	// or the segment would re-parse shorter than the bytes written.
	blank := func(p htmlPiece) bool { return p.edge || p.text && strings.Trim(p.s, htmlSpace) == "" }
	for len(ps) > 0 && blank(ps[0]) {
		ps = ps[1:]
	}
	for len(ps) > 0 && blank(ps[len(ps)-1]) {
		ps = ps[:len(ps)-1]
	}
	if len(ps) == 0 {
		return "", false
	}
	if ps[0].text {
		ps[0].s = strings.TrimLeft(ps[0].s, htmlSpace)
	}
	if n := len(ps) - 1; ps[n].text {
		ps[n].s = strings.TrimRight(ps[n].s, htmlSpace)
	}
	// Without text outside the tags (only "<1></1>", or a void tag) the
	// walker finds no run there at all.
	hasText := false
	var b strings.Builder
	for _, p := range ps {
		hasText = hasText || p.text && strings.Trim(p.s, htmlSpace) != ""
		b.WriteString(p.s)
	}
	if !hasText {
		return "", false
	}
	return b.String(), true
}

// restoreTag returns the source bytes of a tag (or of a whole void
// element, whose start tag comes first) with the translatable attribute
// values given in attrs, the attribute part of a numbered tag.
func restoreTag(src []byte, attrs string) []byte {
	if attrs == "" {
		return src
	}
	vals := map[string]string{}
	for _, m := range numTagAttrRe.FindAllStringSubmatch(attrs, -1) {
		name := strings.ToLower(m[1])
		if v := oneSpace(html.UnescapeString(m[2])); translateAttr[name] && v != "" {
			vals[name] = v
		}
	}
	if len(vals) == 0 {
		return src
	}
	z := html.NewTokenizer(strings.NewReader(string(src)))
	z.Next()
	tagEnd := len(z.Raw())
	have := scanAttrs(src[:tagEnd])
	type edit struct {
		a, b int
		s    string
	}
	var edits []edit
	for _, a := range have {
		v, ok := vals[a.name]
		if !ok || a.valStart < 0 {
			continue
		}
		e := escapeHTMLText(v, true)
		if a.quote == 0 {
			e = `"` + e + `"`
		}
		edits = append(edits, edit{a.valStart, a.valEnd, e})
	}
	sort.Slice(edits, func(i, j int) bool { return edits[i].a > edits[j].a })
	out := slices.Clone(src)
	for _, e := range edits {
		out = slices.Concat(out[:e.a], []byte(e.s), out[e.b:])
	}
	return out
}

// encodeHTMLAttr writes a translation of an attribute value (SyntaxAttr):
// on one line, escaped, and quoted when the source value was not.
func encodeHTMLAttr(doc *Document, seg Segment, s string) string {
	v := escapeHTMLText(oneLine(s), true)
	if seg.Start == 0 || (doc.Src[seg.Start-1] != '"' && doc.Src[seg.Start-1] != '\'') {
		v = `"` + v + `"`
	}
	return v
}
