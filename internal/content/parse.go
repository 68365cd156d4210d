package content

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	pathpkg "path"
	"sort"
	"strings"
)

// The limit errors, wrapped by Parse's error.
var (
	ErrTooLarge = errors.New("file too large")
	ErrTooDeep  = errors.New("nesting too deep")
)

// Parse decodes raw (see Decode) and splits it into segments.
//
// path is slash-separated and relative to the content root; it names the
// file in errors and gives the document its slug. The format comes from
// the extension: ".md" and ".markdown" are Markdown (with YAML front
// matter, GFM tables and task lists), ".txt" is plain text, ".html" and
// ".htm" are HTML (see parseHTML). An empty file
// is a document without segments.
//
// Segments are in document order and never overlap, so that Localize can
// replace all of them.
func Parse(path string, raw []byte, opts Options) (*Document, error) {
	ext := pathpkg.Ext(path)
	var format Format
	switch strings.ToLower(ext) {
	case ".md", ".markdown":
		format = FormatMarkdown
	case ".txt":
		format = FormatText
	case ".html", ".htm":
		format = FormatHTML
	default:
		return nil, fmt.Errorf("%s: unsupported file type %q", path, ext)
	}
	if max := cmp.Or(opts.MaxBytes, DefaultMaxBytes); len(raw) > max {
		return nil, fmt.Errorf("%s: %w: the file has %d bytes, the limit is %d (max_file_bytes in [limits])",
			path, ErrTooLarge, len(raw), max)
	}
	src, bom, err := Decode(path, raw, opts.Encoding)
	if err != nil {
		return nil, err
	}
	doc := &Document{
		Path:   path,
		Slug:   SlugOf(path),
		Format: format,
		Src:    src,
		BOM:    bom,
		CRLF:   bytes.Contains(src, []byte("\r\n")),
	}
	if len(src) == 0 {
		return doc, nil
	}
	p := &docParser{doc: doc, opts: opts, lines: newLineIndex(src)}
	switch format {
	case FormatMarkdown:
		err = p.parseMarkdown()
	case FormatText:
		p.parseText()
	case FormatHTML:
		err = p.parseHTML()
	}
	if err != nil {
		return nil, err
	}
	// goldmark can put a block before one that precedes it in the
	// source (a paragraph line taken as a table header leaves the line
	// above to become a setext heading after the table): keep the
	// promise of document order.
	sort.SliceStable(doc.Segments, func(i, j int) bool { return doc.Segments[i].Start < doc.Segments[j].Start })
	for i := range doc.Segments {
		s := &doc.Segments[i]
		s.Line = p.lines.line(s.Start)
		s.Words = CountWords(s.Text)
	}
	return doc, nil
}

// docParser holds the state shared by the format-specific parsers.
type docParser struct {
	doc   *Document
	opts  Options
	lines lineIndex
}

func (p *docParser) add(s Segment) {
	p.doc.Segments = append(p.doc.Segments, s)
}

// errorf formats an error that names the file and the line of offset off.
func (p *docParser) errorf(off int, format string, args ...any) error {
	return fmt.Errorf("%s:%d: %s", p.doc.Path, p.lines.line(off), fmt.Sprintf(format, args...))
}

// lineIndex holds the offset where each line starts.
type lineIndex []int

func newLineIndex(src []byte) lineIndex {
	idx := lineIndex{0}
	for i, c := range src {
		if c == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

// line returns the 1-based line number of offset off.
func (l lineIndex) line(off int) int {
	return sort.Search(len(l), func(i int) bool { return l[i] > off })
}

// start returns the offset where the line holding off begins.
func (l lineIndex) start(off int) int {
	return l[l.line(off)-1]
}

// lineEnd returns the offset of the end of the line that starts at or
// contains off, before its "\n" or "\r\n".
func lineEnd(src []byte, off int) int {
	i := bytes.IndexByte(src[off:], '\n')
	if i < 0 {
		return len(src)
	}
	e := off + i
	if e > off && src[e-1] == '\r' {
		e--
	}
	return e
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' }

// trimLeft returns the first offset in [a,b) that is not a space or tab.
func trimLeft(src []byte, a, b int) int {
	for a < b && isSpace(src[a]) {
		a++
	}
	return a
}

// trimRight returns b moved back over spaces, tabs and line endings.
func trimRight(src []byte, a, b int) int {
	for b > a && (isSpace(src[b-1]) || src[b-1] == '\n' || src[b-1] == '\r') {
		b--
	}
	return b
}

// SlugOf is the slug of the document at path: the path without its
// extension.
func SlugOf(path string) string {
	return strings.TrimSuffix(path, pathpkg.Ext(path))
}
