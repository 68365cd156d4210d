package render

import (
	"fmt"
	"strings"
	"sync"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/content"
)

// MessageHTML renders the text of one message to the sanitized inline HTML
// a page shows for it, through the same steps as a page body: the text is
// spliced into a one-paragraph document of the given format (so Markdown
// that would open a block of its own is escaped, and HTML text is escaped
// with numbered inline tags the paragraph does not have left out), then a
// Markdown document is rendered by goldmark without raw HTML and sanitized,
// and a plain-text one is escaped with newlines as <br>. The paragraph's
// own <p> is left off, so the result fits in a heading, a list item or a
// table cell. Blank text gives "". The public l10n package calls it; keep
// it exported.
func MessageHTML(text string, format content.Format) (string, error) {
	if strings.TrimSpace(text) == "" {
		return "", nil
	}
	doc, err := paragraphDoc(format)
	if err != nil {
		return "", err
	}
	out, spans, err := content.Localize(doc, func(int, content.Segment) (string, bool) { return text, true })
	if err != nil {
		return "", err
	}
	var html string
	switch format {
	case content.FormatText:
		b := block{seg: doc.Segments[0], start: spans[0].Start, end: spans[0].End, from: language.Und}
		html = textHTML([]block{b}, out, language.Und)
	case content.FormatHTML:
		html = sanitizer.Sanitize(string(out[spans[0].Start:spans[0].End]))
		return strings.TrimSpace(html), nil
	default:
		if string(out[spans[0].Start:spans[0].End]) == "x" && text != "x" {
			// Localize keeps the source for text that would not read
			// back as a paragraph (only images): render it as it is.
			out = []byte(text)
		}
		if html, err = markdownHTML(out, 0, nil, language.Und); err != nil {
			return "", err
		}
	}
	html = strings.TrimSpace(html)
	if inner, ok := strings.CutPrefix(html, "<p>"); ok && strings.HasSuffix(inner, "</p>") && !strings.Contains(inner, "<p>") {
		html = strings.TrimSuffix(inner, "</p>")
	}
	return html, nil
}

// paragraphDocs are the one-paragraph documents MessageHTML splices into,
// parsed once: Localize only reads them.
var paragraphDocs = sync.OnceValue(func() map[content.Format]*content.Document {
	docs := map[content.Format]*content.Document{}
	for format, file := range map[content.Format][2]string{
		content.FormatMarkdown: {"message.md", "x\n"},
		content.FormatText:     {"message.txt", "x\n"},
		content.FormatHTML:     {"message.html", "<p>x</p>\n"},
	} {
		if d, err := content.Parse(file[0], []byte(file[1]), content.Options{}); err == nil && len(d.Segments) == 1 {
			docs[format] = d
		}
	}
	return docs
})

// paragraphDoc is the document for format; any format but text and HTML
// is Markdown, as in MessageHTML.
func paragraphDoc(format content.Format) (*content.Document, error) {
	if format != content.FormatText && format != content.FormatHTML {
		format = content.FormatMarkdown
	}
	if d := paragraphDocs()[format]; d != nil {
		return d, nil
	}
	return nil, fmt.Errorf("no one-paragraph %s document", format) // a change in content.Parse
}
