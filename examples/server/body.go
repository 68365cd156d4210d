package main

import (
	"html/template"
	"strings"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/l10n"
)

// body lays an article's segments out in document order: the title as
// <h1>, the description as a lead paragraph, headings as <h2>, runs of
// list items as one list, runs of table cells as one table (a row per
// source line, the first row as headers), quotes as block quotes and
// everything else as paragraphs. Image alt texts and HTML attributes
// (tooltips, labels) belong to elements this layout does not have, and
// are left out. Each block whose text is not in the page's language
// carries its own lang, and dir when the direction differs.
func (s *server) body(segs []l10n.Text, loc language.Tag) template.HTML {
	var b strings.Builder
	for i := 0; i < len(segs); {
		seg := segs[i]
		switch seg.Kind {
		case "list item":
			j := run(segs, i)
			b.WriteString("<ul>\n")
			for _, it := range segs[i:j] {
				s.element(&b, "li", it, loc)
			}
			b.WriteString("</ul>\n")
			i = j
			continue
		case "table cell":
			j := run(segs, i)
			s.table(&b, segs[i:j], loc)
			i = j
			continue
		case "title":
			s.element(&b, "h1", seg, loc)
		case "description":
			s.element(&b, "p class=\"lead\"", seg, loc)
		case "heading":
			s.element(&b, "h2", seg, loc)
		case "quote":
			b.WriteString("<blockquote>")
			s.element(&b, "p", seg, loc)
			b.WriteString("</blockquote>\n")
		case "alt text", "attribute":
		default:
			s.element(&b, "p", seg, loc)
		}
		i++
	}
	return template.HTML(b.String())
}

// run is the end of the run of segments of segs[i]'s kind.
func run(segs []l10n.Text, i int) int {
	j := i
	for j < len(segs) && segs[j].Kind == segs[i].Kind {
		j++
	}
	return j
}

// table writes a run of table cells, a row per source line.
func (s *server) table(b *strings.Builder, cells []l10n.Text, loc language.Tag) {
	b.WriteString("<table>\n")
	for i := 0; i < len(cells); {
		j := i
		for j < len(cells) && cells[j].Line == cells[i].Line {
			j++
		}
		b.WriteString("<tr>")
		for _, c := range cells[i:j] {
			if i == 0 {
				s.element(b, `th scope="col"`, c, loc)
			} else {
				s.element(b, "td", c, loc)
			}
		}
		b.WriteString("</tr>\n")
		i = j
	}
	b.WriteString("</table>\n")
}

// element writes <tag attrs lang dir>text</tag>; open is the tag name and
// any fixed attributes.
func (s *server) element(b *strings.Builder, open string, t l10n.Text, loc language.Tag) {
	h := s.text(t, loc)
	b.WriteString("<" + open)
	if h.Lang != "" {
		b.WriteString(` lang="` + template.HTMLEscapeString(h.Lang) + `"`)
	}
	if h.Dir != "" {
		b.WriteString(` dir="` + h.Dir + `"`)
	}
	b.WriteString(">")
	b.WriteString(string(h.HTML))
	name, _, _ := strings.Cut(open, " ")
	b.WriteString("</" + name + ">\n")
}
