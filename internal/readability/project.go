package readability

import (
	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/content"
	"github.com/healthloc/healthloc/internal/project"
)

// Block is one published block of a document in a locale.
type Block struct {
	// Segment is the index of the segment in the document.
	Segment int
	// Text is the published text, markup left out.
	Text string
	// From is the locale whose text is published (the block fell back
	// when it is not the page's).
	From language.Tag
}

// Doc is the measure of one document in one locale.
type Doc struct {
	Document string `json:"document"`
	Locale   string `json:"locale"`
	Result
	// FallbackWords are the words of blocks published in another
	// locale's text, counted with that locale's rules.
	FallbackWords int     `json:"fallback_words"`
	Blocks        []Block `json:"-"`
	lang          *Lang
	tag           language.Tag
	src           language.Tag // the project's source locale
}

// measured reports whether a segment kind is read as text on the page:
// alt text and attributes are not.
func measured(k content.Kind) bool {
	return k != content.KindAltText && k != content.KindAttribute
}

// MeasureDoc measures document d as the bundle of loc publishes it:
// each segment resolved along the fallback chain as render resolves it
// (stale translations fall back), its markup left out. Each block is
// counted with the rules of the language it is written in; the page's
// language gives the formulas.
func MeasureDoc(p *project.Project, loc language.Tag, d *project.Doc) Doc {
	src := p.Config.Source()
	return MeasureResolved(p, loc, d, func(i int) (language.Tag, string) {
		id := d.IDs[i]
		if loc == src {
			return src, d.Source.Messages[id].Other
		}
		r := p.Resolve(loc, d, id, false)
		return r.From, r.Text
	})
}

// MeasureResolved measures document d in loc from the text published
// for each segment i: the locale it comes from and its Markdown. render
// passes what it published, so that the manifest's figures are those of
// the bundle, whatever its options.
func MeasureResolved(p *project.Project, loc language.Tag, d *project.Doc, text func(i int) (language.Tag, string)) Doc {
	src := p.Config.Source()
	l := LangOf(loc)
	out := Doc{Document: d.Path, Locale: loc.String(), lang: l, tag: loc, src: src}
	langs := map[language.Tag]*Lang{loc: l}
	for i := range d.IDs {
		if !measured(d.Segments[i].Kind) {
			continue
		}
		from, md := text(i)
		b := Block{Segment: i, Text: content.PlainText(md), From: from}
		out.Blocks = append(out.Blocks, b)
		bl, ok := langs[from]
		if !ok {
			bl = LangOf(from)
			langs[from] = bl
		}
		for _, s := range bl.sentencesOf(b.Text, len(out.Blocks)-1) {
			out.Sentences = append(out.Sentences, s)
			out.Counts.add(s.Counts)
			if from.String() != loc.String() {
				out.FallbackWords += s.Counts.Words
			}
		}
	}
	out.Units = l.Units()
	out.Scores = l.scores(out.Counts)
	return out
}

// Lang is how the document's locale is measured.
func (d Doc) Lang() *Lang { return d.lang }
