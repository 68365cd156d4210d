package content

import (
	"bytes"
	"regexp"
	"slices"
	"sort"
	"strings"

	"golang.org/x/net/html"
)

// htmlAttr is one attribute of a start tag, offsets relative to the tag.
type htmlAttr struct {
	name             string // lower-case
	keyEnd           int
	valStart, valEnd int  // the value without quotes; -1 when there is none
	quote            byte // '"', '\'' or 0 for an unquoted value
}

func isHTMLSpace(c byte) bool { return strings.IndexByte(htmlSpace, c) >= 0 }

// scanAttrs returns the attributes of the raw start tag, read the way
// golang.org/x/net/html's tokenizer reads them (so the two agree on
// malformed tags); a repeated name keeps its first occurrence, as HTML
// does.
func scanAttrs(tag []byte) []htmlAttr {
	attrs, _ := scanTag(tag)
	return attrs
}

// scanTag is scanAttrs that also returns the end of the tag name.
func scanTag(tag []byte) (attrs []htmlAttr, nameEnd int) {
	n := len(tag)
	i := 1
	for i < n && !isHTMLSpace(tag[i]) && tag[i] != '/' && tag[i] != '>' {
		i++
	}
	nameEnd = i
	skip := func() {
		for i < n && isHTMLSpace(tag[i]) {
			i++
		}
	}
	seen := map[string]bool{}
	skip()
	for i < n && tag[i] != '>' {
		ks := i
		for i < n {
			c := tag[i]
			i++
			if c == '=' && i == ks+1 {
				continue
			}
			if c == '=' || isHTMLSpace(c) || c == '/' || c == '>' {
				i--
				break
			}
		}
		if i == ks { // a "/" where a name would start: skip it
			i++
			skip()
			continue
		}
		a := htmlAttr{name: strings.ToLower(string(tag[ks:i])), keyEnd: i, valStart: -1, valEnd: -1}
		skip()
		if i < n && tag[i] == '=' {
			i++
			skip()
			switch {
			case i >= n || tag[i] == '>':
				a.valStart, a.valEnd = i, i
			case tag[i] == '"' || tag[i] == '\'':
				a.quote = tag[i]
				i++
				a.valStart = i
				for i < n && tag[i] != a.quote {
					i++
				}
				a.valEnd = i
				if i < n {
					i++
				}
			default:
				a.valStart = i
				for i < n && !isHTMLSpace(tag[i]) && tag[i] != '>' {
					i++
				}
				a.valEnd = i
			}
		}
		if a.name != "" && !seen[a.name] {
			seen[a.name] = true
			attrs = append(attrs, a)
		}
		skip()
	}
	return attrs, nameEnd
}

var (
	spaceRunRe = regexp.MustCompile(`[ \t\n\r\f]+`)
	// charRefRe is a complete character reference a translator may type.
	charRefRe = regexp.MustCompile(`^&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});`)
	// numTagAtRe is text that would read as a numbered tag.
	numTagAtRe = regexp.MustCompile(`^` + numTagRe.String())
	// numTagRe is a numbered tag in a translation, with the translatable
	// attributes it may carry.
	numTagRe     = regexp.MustCompile(`<(/?)([0-9]{1,4})((?:\s+[A-Za-z][A-Za-z-]*\s*=\s*"[^"<>]*")*)\s*(/?)>`)
	numTagAttrRe = regexp.MustCompile(`([A-Za-z][A-Za-z-]*)\s*=\s*"([^"<>]*)"`)
	numTagAnyRe  = regexp.MustCompile(`</?[0-9]+(?:\s[^<>]*)?/?>`)
)

// collapseSpace turns every run of HTML white space into one space.
func collapseSpace(s string) string { return spaceRunRe.ReplaceAllString(s, " ") }

// oneSpace collapses white space and trims it at both ends.
func oneSpace(s string) string { return strings.Trim(collapseSpace(s), " ") }

// protectText writes decoded source text so that it reads back as the
// same text: the "&" of what reads as a character reference becomes
// "&amp;", and the "<" of what reads as a numbered tag becomes "&lt;".
func protectText(s string) string {
	if !strings.ContainsAny(s, "&<") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '&' && charRefRe.MatchString(s[i:]):
			b.WriteString("&amp;")
		case s[i] == '<' && numTagAtRe.MatchString(s[i:]):
			b.WriteString("&lt;")
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// plainHTMLText is segment text without its numbered tags and entities,
// for heading paths.
func plainHTMLText(s string) string {
	return oneSpace(html.UnescapeString(numTagAnyRe.ReplaceAllString(s, "")))
}

// escapeHTMLText escapes a translation for HTML text content. A complete
// character reference ("&nbsp;", "&#8217;") stays as typed; every other
// "&", and every "<" and ">", is escaped, so no markup a translator types
// reaches the page. quotes also escapes '"' and "'" for attribute values.
func escapeHTMLText(s string, quotes bool) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '&':
			if m := charRefRe.FindString(s[i:]); m != "" {
				b.WriteString(m)
				i += len(m) - 1
			} else {
				b.WriteString("&amp;")
			}
		case c == '<':
			b.WriteString("&lt;")
		case c == '>':
			b.WriteString("&gt;")
		case quotes && c == '"':
			b.WriteString("&#34;")
		case quotes && c == '\'':
			b.WriteString("&#39;")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// setTagAttrs returns the raw start tag with the attributes set: a value
// the tag has is replaced (and quoted), a missing attribute is added
// after the tag name. Values are escaped.
func setTagAttrs(tag []byte, attrs [][2]string) []byte {
	have, nameEnd := scanTag(tag)
	type edit struct {
		a, b int
		s    string
	}
	var edits []edit
	var add strings.Builder
	for _, kv := range attrs {
		val := `"` + html.EscapeString(kv[1]) + `"`
		i := slices.IndexFunc(have, func(a htmlAttr) bool { return a.name == kv[0] })
		switch {
		case i < 0:
			add.WriteString(" " + kv[0] + "=" + val)
		case have[i].valStart < 0: // a bare name: "<p lang>"
			edits = append(edits, edit{have[i].keyEnd, have[i].keyEnd, "=" + val})
		default:
			s, e := have[i].valStart, have[i].valEnd
			if have[i].quote != 0 {
				s, e = s-1, min(e+1, len(tag))
			}
			edits = append(edits, edit{s, e, val})
		}
	}
	edits = append(edits, edit{nameEnd, nameEnd, add.String()})
	sort.Slice(edits, func(i, j int) bool { return edits[i].a > edits[j].a })
	out := append([]byte(nil), tag...)
	for _, e := range edits { // last to first, so earlier offsets stay valid
		out = slices.Concat(out[:e.a], []byte(e.s), out[e.b:])
	}
	return out
}

// SetAttrs returns b with the attributes set on the start tag that begins
// at offset at (see setTagAttrs); b is returned unchanged when no start
// tag begins there. Rendering uses it for lang and dir.
func SetAttrs(b []byte, at int, attrs [][2]string) []byte {
	if at < 0 || at >= len(b) || b[at] != '<' {
		return b
	}
	z := html.NewTokenizer(bytes.NewReader(b[at:]))
	if tt := z.Next(); tt != html.StartTagToken && tt != html.SelfClosingTagToken {
		return b
	}
	end := at + len(z.Raw())
	tag := setTagAttrs(b[at:end], attrs)
	out := make([]byte, 0, len(b)+len(tag)-(end-at))
	out = append(out, b[:at]...)
	out = append(out, tag...)
	return append(out, b[end:]...)
}

// LangTarget returns the offset in Src of the start tag of the element
// that holds segment i and nothing else, where a lang attribute for the
// segment belongs; -1 when there is none: for formats other than HTML,
// for text that shares its element with other content, and for an
// attribute of an element that has content of its own.
func (d *Document) LangTarget(i int) int {
	if d.html == nil || i < 0 || i >= len(d.html.owners) {
		return -1
	}
	return d.html.owners[i]
}

// HTMLRoot returns the offset in Src of the <html> start tag and true,
// or, for a page without one, the offset after the doctype (or 0) where
// one belongs and false. It is (0, false) for other formats.
func (d *Document) HTMLRoot() (int, bool) {
	if d.html == nil {
		return 0, false
	}
	if d.html.root >= 0 {
		return d.html.root, true
	}
	return d.html.insertAt, false
}
