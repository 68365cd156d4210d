// Package content turns source articles (Markdown, plain text, HTML) into
// documents made of translatable segments, and splices translations back.
package content

import "fmt"

// Kind is the role a segment plays in its document.
type Kind string

// The segment kinds. The string values are written into catalogs as the
// message description, so they must never change.
const (
	KindTitle       Kind = "title"
	KindDescription Kind = "description"
	KindHeading     Kind = "heading"
	KindParagraph   Kind = "paragraph"
	KindListItem    Kind = "list item"
	KindTableCell   Kind = "table cell"
	KindAltText     Kind = "alt text"
	KindQuote       Kind = "quote"
	// KindCaption is an HTML table caption or figure caption.
	KindCaption Kind = "caption"
	// KindAttribute is an HTML title, placeholder or aria-label attribute:
	// a tooltip or a label that screen readers announce.
	KindAttribute Kind = "attribute"
)

// Syntax says how a replacement must be written back into the source so
// that the block structure survives.
type Syntax int

const (
	// SyntaxBlock is Markdown inline content that may span lines; a newline
	// in a replacement is followed by Segment.Prefix.
	SyntaxBlock Syntax = iota
	// SyntaxLine must stay on one line (ATX and setext headings).
	SyntaxLine
	// SyntaxCell is a GFM table cell: one line, with "|" escaped.
	SyntaxCell
	// SyntaxAlt is image alt text: one line, with "[" and "]" escaped.
	SyntaxAlt
	// SyntaxYAML is a YAML scalar in front matter; the replacement is
	// re-quoted as a YAML string.
	SyntaxYAML
	// SyntaxText is a plain-text paragraph, written back verbatim.
	SyntaxText
	// SyntaxHTML is HTML text content with inline elements shown as
	// numbered tags; the replacement is escaped and the tags restored
	// from the source.
	SyntaxHTML
	// SyntaxAttr is an HTML attribute value; the replacement is escaped
	// for an attribute and kept on one line.
	SyntaxAttr
)

// Format is the source format of a document.
type Format string

// The supported source formats.
const (
	FormatMarkdown Format = "markdown"
	FormatText     Format = "text"
	FormatHTML     Format = "html"
)

// Segment is one translatable unit of a document.
type Segment struct {
	Kind Kind
	// Text is the source text with inline Markdown kept as written. For a
	// block spanning several lines the continuation prefixes ("> ", list
	// indentation) are removed and lines are joined with "\n"; "\r" is
	// never part of Text. HTML text has its entities decoded, white space
	// collapsed and inline elements as numbered tags (see parseHTML).
	Text string
	// Start and End are the byte range in Document.Src that the segment
	// replaces when rendering.
	Start, End int
	// Line is the 1-based line number of Start.
	Line int
	// Prefix is written after each "\n" of a SyntaxBlock replacement
	// (for example "> " inside a quote), and of a setext heading written
	// right under a table; "\r" before "\n" is handled by the splicer.
	Prefix string
	Syntax Syntax
	// Headings is the heading path above the segment, outermost first.
	Headings []string
	// ID is an ID pinned by the author with a marker comment, or "".
	ID string
	// Words is the number of words in Text, markup excluded.
	Words int

	// afterTable marks a paragraph or setext heading written on the line
	// right under a GFM table, which only a setext underline such as "--"
	// can begin: goldmark ends the table's paragraph there and makes the
	// underline a paragraph of its own (or the first line of a heading,
	// when another underline follows).
	afterTable bool
}

// Document is one parsed source file.
type Document struct {
	// Path is slash-separated and relative to the content root.
	Path string
	// Slug is Path without its extension.
	Slug   string
	Format Format
	// Src is the decoded UTF-8 source, without any byte-order mark.
	Src []byte
	// BOM records that the raw file started with a UTF-8 BOM, so that
	// rendering can write it back.
	BOM bool
	// CRLF records that the source uses "\r\n" line endings.
	CRLF bool
	// BodyStart is the offset in Src where the body begins, after any
	// front matter (0 when there is none).
	BodyStart int
	Segments  []Segment
	// Warnings are one-line notes about the file worth telling the user,
	// each naming the file: a "---" block read as Markdown, say.
	Warnings []string
	// dashesRead records that a leading "---" block was read as
	// Markdown, not as front matter (FrontMatterAuto).
	dashesRead bool
	// html holds what rendering needs beyond the segments of an HTML
	// document; nil for other formats.
	html *htmlInfo
}

// Options configures parsing.
type Options struct {
	// FrontMatterKeys are the YAML front-matter keys whose values are
	// translatable. "title" and "description" map to their own kinds;
	// any other key is a paragraph.
	FrontMatterKeys []string
	// Encoding names the charset of the raw bytes when they are not UTF-8
	// or UTF-16 with a BOM ("windows-1252", "latin1"); "" means UTF-8.
	Encoding string
	// MaxBytes is the largest raw file Parse accepts; 0 means
	// DefaultMaxBytes.
	MaxBytes int
	// MaxDepth is the deepest nesting of Markdown block quotes and lists
	// Parse accepts; 0 means DefaultMaxDepth.
	MaxDepth int
	// FrontMatter says how a Markdown file's leading "---" block is read.
	FrontMatter FrontMatter
}

// FrontMatter is how a Markdown file that starts with a "---" line is
// read: CommonMark reads the line as a thematic break, site generators
// as the start of YAML front matter.
type FrontMatter string

const (
	// FrontMatterAuto reads the block between the "---" lines as front
	// matter when it is a YAML mapping, and otherwise the whole file as
	// Markdown, with a warning: CommonMark's own example "---", "Foo",
	// "---", "Bar", "---", "Baz" is a thematic break and two headings.
	FrontMatterAuto FrontMatter = ""
	// FrontMatterYAML requires the block to be a YAML mapping: anything
	// else is an error.
	FrontMatterYAML FrontMatter = "yaml"
	// FrontMatterNone reads the file as Markdown, "---" lines included.
	FrontMatterNone FrontMatter = "none"
)

// CheckFrontMatter validates a front_matter setting; "auto" is the
// default spelled out.
func CheckFrontMatter(s string) (FrontMatter, error) {
	switch s {
	case "", "auto":
		return FrontMatterAuto, nil
	case "yaml", "none":
		return FrontMatter(s), nil
	}
	return "", fmt.Errorf("%q: must be \"yaml\", \"none\" or \"auto\"", s)
}

// The default limits. A health article is a few kilobytes with a handful
// of nesting levels; the limits are far above that, and below the sizes
// where parsing takes minutes: goldmark's time grows with the square of
// the nesting depth times the length of the lines.
const (
	DefaultMaxBytes = 16 << 20
	DefaultMaxDepth = 100
)

// Span is where one segment's replacement landed in a rendered output.
type Span struct {
	Segment    int // index into Document.Segments
	Start, End int // byte range in the output
}

// Markdown reports whether the segment's text is inline Markdown: plain
// text, YAML values and HTML are not, so emphasis means nothing there.
func (s Segment) Markdown() bool {
	switch s.Syntax {
	case SyntaxText, SyntaxYAML, SyntaxHTML, SyntaxAttr:
		return false
	}
	return true
}

// HTMLTags reports whether the segment's text holds the numbered inline
// tags of an HTML segment (<1>…</1>, <2/>).
func (s Segment) HTMLTags() bool { return s.Syntax == SyntaxHTML }
