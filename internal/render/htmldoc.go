package render

import (
	"html/template"
	"slices"
	"sort"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/content"
	"github.com/healthloc/healthloc/internal/locale"
	"github.com/healthloc/healthloc/internal/project"
)

// htmlDocument finishes the localized bytes of an HTML source document:
// it is the page itself, so besides the spliced translations only the
// lang and dir attributes change. <html> gets the locale's; a page without
// an <html> start tag gets one, after its doctype. Every segment that fell
// back to another language gets that language's lang (and dir when it
// differs): on the element that holds the segment alone (the <p>, <li>,
// <title> or <img>), else on a <span> wrapped around the segment's text.
// An attribute of an element with content of its own (a link's title)
// cannot be marked without marking the content too, and is left as is.
//
// out and spans are Localize's output; offsets count the BOM.
func htmlDocument(d *project.Doc, out []byte, spans []content.Span, res []project.Resolution, loc language.Tag) []byte {
	// at maps a source offset outside every segment to the output.
	at := func(src int) int {
		off := src + bomLen(d)
		for i, s := range d.Segments {
			if s.End <= src {
				off += (spans[i].End - spans[i].Start) - (s.End - s.Start)
			}
		}
		return off
	}
	type edit struct {
		at     int
		attrs  [][2]string
		insert string // inserted at at instead of setting attributes
	}
	page := [][2]string{{"lang", loc.String()}, {"dir", locale.Direction(loc)}}
	var edits []edit
	marked := map[int]bool{}
	for i, s := range d.Segments {
		attrs := langAttrs(res[i].From, loc)
		if len(attrs) == 0 {
			continue
		}
		if t := d.LangTarget(i); t >= 0 {
			if !marked[t] {
				marked[t] = true
				edits = append(edits, edit{at: at(t), attrs: attrs})
			}
			continue
		}
		if s.Syntax != content.SyntaxHTML {
			continue
		}
		open := "<span"
		for _, a := range attrs {
			open += " " + a[0] + `="` + template.HTMLEscapeString(a[1]) + `"`
		}
		edits = append(edits, edit{at: spans[i].End, insert: "</span>"}, edit{at: spans[i].Start, insert: open + ">"})
	}
	// Last, so that at the same offset it ends up before a <span>.
	if root, ok := d.HTMLRoot(); ok {
		edits = append(edits, edit{at: at(root), attrs: page})
	} else {
		edits = append(edits, edit{at: at(root), insert: `<html lang="` + template.HTMLEscapeString(page[0][1]) +
			`" dir="` + page[1][1] + `">`})
	}
	// From the last offset back. At one offset, attributes go first:
	// an insertion there lands before the tag, and later insertions
	// before earlier ones.
	sort.SliceStable(edits, func(i, j int) bool {
		if edits[i].at != edits[j].at {
			return edits[i].at > edits[j].at
		}
		return edits[i].insert == "" && edits[j].insert != ""
	})
	for _, e := range edits {
		if e.insert != "" {
			out = slices.Insert(out, e.at, []byte(e.insert)...)
			continue
		}
		out = content.SetAttrs(out, e.at, e.attrs)
	}
	return out
}
