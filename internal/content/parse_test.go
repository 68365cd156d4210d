package content

import (
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf16"
)

// seg is the part of a Segment a segmentation test asserts: kind, text,
// the source bytes of its range, and a pinned ID.
type seg struct {
	kind Kind
	text string
	src  string // Src[Start:End]; "" means same as text
	id   string
}

var fmKeys = Options{FrontMatterKeys: []string{"title", "description", "summary"}}

// fmYAML requires front matter to be YAML.
var fmYAML = Options{FrontMatterKeys: fmKeys.FrontMatterKeys, FrontMatter: FrontMatterYAML}

// utf16File encodes s as UTF-16 with a byte-order mark.
func utf16File(s string, bigEndian bool) []byte {
	var out []byte
	put := func(u uint16) {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	put(0xFEFF)
	for _, u := range utf16.Encode([]rune(s)) {
		put(u)
	}
	return out
}

func TestParseSegments(t *testing.T) {
	tests := []struct {
		name string
		path string
		raw  string
		opts Options
		want []seg
	}{
		{
			name: "atx and setext headings",
			raw:  "# One #\n\nTwo\n===\n\n## Three ##   \n\nMulti\nline\n---\n",
			want: []seg{
				{kind: KindHeading, text: "One"},
				{kind: KindHeading, text: "Two"},
				{kind: KindHeading, text: "Three"},
				{kind: KindHeading, text: "Multi\nline"},
			},
		},
		{
			name: "nested tight list",
			raw:  "- a\n- b\n  - c\n    more\n- d\n",
			want: []seg{
				{kind: KindListItem, text: "a"},
				{kind: KindListItem, text: "b"},
				{kind: KindListItem, text: "c\nmore", src: "c\n    more"},
				{kind: KindListItem, text: "d"},
			},
		},
		{
			name: "loose list with two paragraphs",
			raw:  "1. one\n\n2. two\n\n   second\n   para\n",
			want: []seg{
				{kind: KindListItem, text: "one"},
				{kind: KindListItem, text: "two"},
				{kind: KindListItem, text: "second\npara", src: "second\n   para"},
			},
		},
		{
			name: "multi-line blockquote",
			raw:  "> one\n> two\n>\n> three\n\n> > deep\n> > er\n",
			want: []seg{
				{kind: KindQuote, text: "one\ntwo", src: "one\n> two"},
				{kind: KindQuote, text: "three"},
				{kind: KindQuote, text: "deep\ner", src: "deep\n> > er"},
			},
		},
		{
			name: "list in quote is a list item, quote in list is a quote",
			raw:  "> - item\n>   more\n\n- > quoted\n",
			want: []seg{
				{kind: KindListItem, text: "item\nmore", src: "item\n>   more"},
				{kind: KindQuote, text: "quoted"},
			},
		},
		{
			name: "table with escaped pipe, empty cell and image cell",
			raw:  "| A | B \\| C |\n|---|:-:|\n| 1 | ![alt](x.png) |\n| two *words* |  |\n",
			want: []seg{
				{kind: KindTableCell, text: "A"},
				{kind: KindTableCell, text: `B \| C`},
				{kind: KindTableCell, text: "1"},
				{kind: KindAltText, text: "alt"},
				{kind: KindTableCell, text: "two *words*"},
			},
		},
		{
			name: "alt text goldmark does not end at the first bracket",
			raw:  "![[](]( )]()\n\n![a [b] c](u)\n",
			want: []seg{
				{kind: KindParagraph, text: "![[](]( )]()"},
				{kind: KindAltText, text: "a [b] c"},
			},
		},
		{
			name: "blocks that begin with the underline that ends a table",
			raw:  "a\n:-\n--\nb\n\nc\n:-\n==\n-\n\nd\n-:\n--\n-:\ne\n",
			want: []seg{
				{kind: KindTableCell, text: "a"},
				{kind: KindParagraph, text: "--\nb"},
				{kind: KindTableCell, text: "c"},
				{kind: KindHeading, text: "=="},
				{kind: KindTableCell, text: "d"},
				{kind: KindTableCell, text: "e"},
			},
		},
		{
			name: "front matter quoted and unquoted",
			raw: "---\ntitle: Plain title # comment\ndescription: \"Quoted \\\"desc\\\"\"\n" +
				"summary: 'It''s'\nauthor: Someone\nnumber: 12\n---\n# Body\n",
			opts: fmKeys,
			want: []seg{
				{kind: KindTitle, text: "Plain title"},
				{kind: KindDescription, text: `Quoted "desc"`, src: `"Quoted \"desc\""`},
				{kind: KindParagraph, text: "It's", src: "'It''s'"},
				{kind: KindHeading, text: "Body"},
			},
		},
		{
			name: "front matter in YAML order, block scalar, non-ASCII key",
			raw:  "---\nclé: x\nsummary: >-\n  folded\n  text\ndescription: |\n  line\ntitle: Últimas\n---\nBody.\n",
			opts: Options{FrontMatterKeys: []string{"title", "description", "summary", "clé"}},
			want: []seg{
				{kind: KindParagraph, text: "x"},
				{kind: KindParagraph, text: "folded text", src: ">-\n  folded\n  text"},
				{kind: KindDescription, text: "line\n", src: "|\n  line"},
				{kind: KindTitle, text: "Últimas"},
				{kind: KindParagraph, text: "Body."},
			},
		},
		{
			name: "front matter only",
			raw:  "---\ntitle: T\n---\n",
			opts: fmKeys,
			want: []seg{{kind: KindTitle, text: "T"}},
		},
		{
			name: "thematic break at start without closing is not front matter",
			raw:  "---\n\nText.\n",
			opts: fmKeys,
			want: []seg{{kind: KindParagraph, text: "Text."}},
		},
		{
			name: "CRLF",
			raw:  "---\r\ntitle: \"T\"\r\n---\r\n# H\r\n\r\nline one\r\nline two\r\n\r\n> q1\r\n> q2\r\n",
			opts: fmKeys,
			want: []seg{
				{kind: KindTitle, text: "T", src: `"T"`},
				{kind: KindHeading, text: "H"},
				{kind: KindParagraph, text: "line one\nline two", src: "line one\r\nline two"},
				{kind: KindQuote, text: "q1\nq2", src: "q1\r\n> q2"},
			},
		},
		{
			name: "UTF-8 BOM",
			raw:  "\uFEFF# Título\n\nTexto.\n",
			want: []seg{{kind: KindHeading, text: "Título"}, {kind: KindParagraph, text: "Texto."}},
		},
		{
			name: "UTF-16 LE BOM",
			raw:  string(utf16File("# Título\r\n\r\nTexto.\r\n", false)),
			want: []seg{{kind: KindHeading, text: "Título"}, {kind: KindParagraph, text: "Texto."}},
		},
		{
			name: "UTF-16 BE BOM",
			raw:  string(utf16File("Texto 😀.\n", true)),
			want: []seg{{kind: KindParagraph, text: "Texto 😀."}},
		},
		{
			name: "empty file",
			raw:  "",
		},
		{
			name: "whitespace only",
			raw:  "\n  \n",
		},
		{
			name: "skipped blocks",
			raw: "```\ncode\n```\n\n    indented\n\n<div>\nhtml\n</div>\n\n[ref]: https://x.org\n\n***\n\n" +
				"https://who.int/x\n\n<https://e.org> www.e.org\n\nKept.\n",
			want: []seg{{kind: KindParagraph, text: "Kept."}},
		},
		{
			name: "task list",
			raw:  "- [ ] Take *pills*\n- [x] Drink\n  water\n",
			want: []seg{
				{kind: KindListItem, text: "Take *pills*"},
				{kind: KindListItem, text: "Drink\nwater", src: "Drink\n  water"},
			},
		},
		{
			name: "alt text",
			raw: "![Only image](a.png)\n\nSee ![icon](i.png) here.\n\n[![Linked](b.png)](http://x)\n\n" +
				"![](empty.png)\n\n![One](1.png) ![Two *em*][r]\n\n# ![Logo](l.png)\n\n[r]: 2.png\n",
			want: []seg{
				{kind: KindAltText, text: "Only image"},
				{kind: KindParagraph, text: "See ![icon](i.png) here."},
				{kind: KindAltText, text: "Linked"},
				{kind: KindAltText, text: "One"},
				{kind: KindAltText, text: "Two *em*"},
				{kind: KindAltText, text: "Logo"},
			},
		},
		{
			name: "explicit ID markers",
			raw: "<!-- healthloc:id dose -->\nTake one.\n\n<!--healthloc:id steps/list-->\n- first\n- second\n\n" +
				"- a\n\n  <!-- healthloc:id in-item -->\n  b\n",
			want: []seg{
				{kind: KindParagraph, text: "Take one.", id: "dose"},
				{kind: KindListItem, text: "first", id: "steps/list"},
				{kind: KindListItem, text: "second"},
				{kind: KindListItem, text: "a"},
				{kind: KindListItem, text: "b", id: "in-item"},
			},
		},
		{
			name: "inline HTML and links stay in the text",
			raw:  "<abbr>WHO</abbr> says [see](http://x) and\n<b>more</b>.\n",
			want: []seg{{kind: KindParagraph, text: "<abbr>WHO</abbr> says [see](http://x) and\n<b>more</b>."}},
		},
		{
			name: "plain text headings",
			path: "a.txt",
			raw: "Side effects\n\nYou may feel sick.\nRest a lot.\n\nWhen to call\n\nCall 911 if:\n\n" +
				"A line that is much too long to be a heading because it runs past eighty characters\n\nEnd\n",
			want: []seg{
				{kind: KindHeading, text: "Side effects"},
				{kind: KindParagraph, text: "You may feel sick.\nRest a lot."},
				{kind: KindHeading, text: "When to call"},
				{kind: KindParagraph, text: "Call 911 if:"},
				{kind: KindParagraph, text: "A line that is much too long to be a heading because it runs past eighty characters"},
				{kind: KindParagraph, text: "End"},
			},
		},
		{
			name: "plain text CRLF and BOM, blank lines with spaces",
			path: "a.txt",
			raw:  "\uFEFFTitle\r\n \r\n  First\r\nsecond.\r\n\r\n\r\nThird。\r\n",
			want: []seg{
				{kind: KindHeading, text: "Title"},
				{kind: KindParagraph, text: "First\nsecond.", src: "First\r\nsecond."},
				{kind: KindParagraph, text: "Third。"},
			},
		},
		{
			name: "front matter is not parsed in plain text",
			path: "a.txt",
			raw:  "---\ntitle: x\n---\n",
			opts: fmKeys,
			want: []seg{{kind: KindParagraph, text: "---\ntitle: x\n---"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.path
			if path == "" {
				path = "a.md"
			}
			doc, err := Parse(path, []byte(tt.raw), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			var got []seg
			for _, s := range doc.Segments {
				g := seg{kind: s.Kind, text: s.Text, src: string(doc.Src[s.Start:s.End]), id: s.ID}
				if g.src == g.text {
					g.src = ""
				}
				got = append(got, g)
				if want := CountWords(s.Text); s.Words != want {
					t.Errorf("segment %q: Words = %d, want %d", s.Text, s.Words, want)
				}
				if strings.Contains(s.Text, "\r") {
					t.Errorf("segment %q: Text holds \\r", s.Text)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("segments:\n got  %q\n want %q", got, tt.want)
			}
			assertNoOverlap(t, doc)
		})
	}
}

// parseIdentity parses raw as a fuzz target does, checks its segments,
// and localizes it with every translation its source: ok is false when
// raw does not parse.
func parseIdentity(t *testing.T, path string, raw []byte) (doc *Document, out []byte, ok bool) {
	t.Helper()
	doc, err := Parse(path, raw, testOpts)
	if err != nil {
		return nil, nil, false
	}
	assertNoOverlap(t, doc)
	out, _, err = Localize(doc, func(_ int, s Segment) (string, bool) { return s.Text, true })
	if err != nil {
		t.Fatal(err)
	}
	return doc, out, true
}

func assertNoOverlap(t *testing.T, doc *Document) {
	t.Helper()
	for i := 1; i < len(doc.Segments); i++ {
		if doc.Segments[i].Start < doc.Segments[i-1].End {
			t.Errorf("%s: segments %d and %d overlap or are out of order", doc.Path, i-1, i)
		}
	}
}

func TestParseDocumentFields(t *testing.T) {
	raw := "\uFEFF---\r\ntitle: T\r\n---\r\n# H\r\n"
	doc, err := Parse("guides/water.v2.md", []byte(raw), fmKeys)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Slug != "guides/water.v2" || doc.Format != FormatMarkdown || !doc.BOM || !doc.CRLF {
		t.Errorf("got slug %q format %q bom %v crlf %v", doc.Slug, doc.Format, doc.BOM, doc.CRLF)
	}
	if want := len("---\r\ntitle: T\r\n---\r\n"); doc.BodyStart != want {
		t.Errorf("BodyStart = %d, want %d", doc.BodyStart, want)
	}
	if string(doc.Src) != raw[3:] {
		t.Errorf("Src keeps the BOM: %q", doc.Src)
	}
}

func TestParseLinesPrefixesHeadings(t *testing.T) {
	raw := "# A\n\nx\n\n## B\n\n> y\n> z\n\n- [ ] w\n\n### C\n\n## D\n\nv\n\n# E\n\nu\n"
	doc, err := Parse("a.md", []byte(raw), Options{})
	if err != nil {
		t.Fatal(err)
	}
	type info struct {
		text     string
		line     int
		prefix   string
		syntax   Syntax
		headings string
	}
	want := []info{
		{"A", 1, "", SyntaxLine, ""},
		{"x", 3, "", SyntaxBlock, "A"},
		{"B", 5, "", SyntaxLine, "A"},
		{"y\nz", 7, "> ", SyntaxBlock, "A/B"},
		{"w", 10, "      ", SyntaxBlock, "A/B"},
		{"C", 12, "", SyntaxLine, "A/B"},
		{"D", 14, "", SyntaxLine, "A"},
		{"v", 16, "", SyntaxBlock, "A/D"},
		{"E", 18, "", SyntaxLine, ""},
		{"u", 20, "", SyntaxBlock, "E"},
	}
	var got []info
	for _, s := range doc.Segments {
		got = append(got, info{s.Text, s.Line, s.Prefix, s.Syntax, strings.Join(s.Headings, "/")})
	}
	if !slices.Equal(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, path, raw string
		opts            Options
		want            string
	}{
		{"unsupported type", "a/b.docx", "x", Options{}, `a/b.docx: unsupported file type ".docx"`},
		{"no extension", "README", "x", Options{}, `README: unsupported file type ""`},
		{"bad YAML names the file line", "a.md", "---\ntitle: a\nx: [\n---\nbody\n", fmYAML, "a.md:3: front matter: did not find expected node content"},
		{"YAML not a mapping", "a.md", "---\n- a\n- b\n---\n", fmYAML, "a.md:2: front matter: not a mapping"},
		{"malformed marker", "a.md", "text\n\n<!-- healthloc:id -->\nx\n", Options{}, "a.md:3: malformed ID marker"},
		{"duplicate marker", "a.md", "<!-- healthloc:id a -->\nx\n\n<!-- healthloc:id a -->\ny\n", Options{}, `a.md:4: healthloc:id "a" is used twice`},
		{"marker before code", "a.md", "<!-- healthloc:id a -->\n```\ncode\n```\n", Options{}, `a.md:1: healthloc:id "a" is not followed by a translatable block`},
		{"marker at end", "a.md", "x\n\n<!-- healthloc:id a -->\n", Options{}, `a.md:3: healthloc:id "a" is not followed`},
		{"invalid UTF-8", "c/a.md", "ok\n\xff\n", Options{}, "c/a.md: invalid UTF-8 at byte 3 (line 2)"},
		{"unknown encoding", "c/a.md", "ok", Options{Encoding: "ebcdic"}, `c/a.md: unknown encoding "ebcdic"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.path, []byte(tt.raw), tt.opts)
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("error = %v, want prefix %q", err, tt.want)
			}
		})
	}
	_, err := Parse("a.md", []byte("\xff"), Options{})
	if !errors.Is(err, ErrInvalidUTF8) {
		t.Errorf("error %v does not wrap ErrInvalidUTF8", err)
	}
}

// TestParseConcurrent backs the claim that Parse may run in parallel (the
// goldmark parser is shared); run with -race.
func TestParseConcurrent(t *testing.T) {
	files := corpus(t)
	var wg sync.WaitGroup
	for path, raw := range files {
		wg.Go(func() {
			if _, err := Parse(path, raw, testOpts); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
}

// TestParseFuzzFindings holds parse-side fixes found by fuzzing (issue 8).
func TestParseFuzzFindings(t *testing.T) {
	// An anchored value may be used again through an alias: it is not
	// translated, so the alias keeps working.
	doc, err := Parse("a.md", []byte("---\ntitle: &a Fever\ndescription: *a\nsummary: Cold\n---\n"), fmKeys)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Segments) != 1 || doc.Segments[0].Text != "Cold" {
		t.Errorf("segments %+v, want only summary", doc.Segments)
	}
	// goldmark puts this setext heading after the table that follows it.
	doc, err = Parse("a.md", []byte("0\n0\n|-\n-"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	assertNoOverlap(t, doc)
	if len(doc.Segments) != 2 || doc.Segments[0].Kind != KindHeading || doc.Segments[1].Kind != KindTableCell {
		t.Errorf("segments %+v, want the heading, then the cell", doc.Segments)
	}
	// YAML breaks lines at a bare CR; the line index does not, so such
	// front matter is refused with its line.
	_, err = Parse("a.md", []byte("---\ndescription:\r 0A\n---\nBody.\n"), fmKeys)
	if err == nil || err.Error() != "a.md:2: front matter: carriage return without line feed; use LF or CRLF line endings" {
		t.Errorf("bare CR: err = %v", err)
	}
}

// TestFrontMatterModes reads a leading "---" block as CommonMark does
// when it is not a YAML mapping, with one warning naming the file, and as
// front_matter asks when set.
func TestFrontMatterModes(t *testing.T) {
	type seg struct {
		kind Kind
		text string
		line int
	}
	segs := func(d *Document) []seg {
		var out []seg
		for _, s := range d.Segments {
			out = append(out, seg{s.Kind, s.Text, s.Line})
		}
		return out
	}
	commonMark := "---\nFoo\n---\nBar\n---\nBaz\n"
	markdown := []seg{{KindHeading, "Foo", 2}, {KindHeading, "Bar", 4}, {KindParagraph, "Baz", 6}}
	mapping := "---\ntitle: Fever\n---\nDrink water.\n"
	for _, tc := range []struct {
		name, raw string
		mode      FrontMatter
		want      []seg
		warn      string
		err       string
	}{
		{"CommonMark example", commonMark, FrontMatterAuto, markdown,
			`c/a.md:1: the block between the "---" lines is not YAML front matter (a single value, not keys and values): read as Markdown`, ""},
		{"a list", "---\n- a\n- b\n---\nText.\n", FrontMatterAuto,
			[]seg{{KindListItem, "a", 2}, {KindListItem, "b", 3}, {KindParagraph, "Text.", 5}}, "(a list, not keys and values)", ""},
		{"YAML syntax error", "---\ntitle: a\nx: [\n---\nbody\n", FrontMatterAuto,
			[]seg{{KindHeading, "title: a\nx: [", 2}, {KindParagraph, "body", 5}}, "(line 3: did not find expected node content)", ""},
		{"a mapping", mapping, FrontMatterAuto, []seg{{KindTitle, "Fever", 2}, {KindParagraph, "Drink water.", 4}}, "", ""},
		{"none", mapping, FrontMatterNone, []seg{{KindHeading, "title: Fever", 2}, {KindParagraph, "Drink water.", 4}}, "", ""},
		{"none, CommonMark example", commonMark, FrontMatterNone, markdown, "", ""},
		{"yaml", commonMark, FrontMatterYAML, nil, "", "c/a.md:2: front matter: not a mapping of keys to values"},
		{"yaml, a mapping", mapping, FrontMatterYAML, []seg{{KindTitle, "Fever", 2}, {KindParagraph, "Drink water.", 4}}, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Parse("c/a.md", []byte(tc.raw), Options{FrontMatterKeys: fmKeys.FrontMatterKeys, FrontMatter: tc.mode})
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := segs(doc); !slices.Equal(got, tc.want) {
				t.Errorf("segments %+v, want %+v", got, tc.want)
			}
			switch {
			case tc.warn == "" && len(doc.Warnings) > 0:
				t.Errorf("warnings %q, want none", doc.Warnings)
			case tc.warn != "" && (len(doc.Warnings) != 1 || !strings.Contains(doc.Warnings[0], tc.warn)):
				t.Errorf("warnings %q, want one with %q", doc.Warnings, tc.warn)
			}
			// read as Markdown, the file renders back as it was
			out, _, err := Localize(doc, func(_ int, s Segment) (string, bool) { return s.Text, true })
			if err != nil || string(out) != tc.raw {
				t.Errorf("identity: %q, %v", out, err)
			}
		})
	}
	// a translation that would make the block YAML keeps it Markdown
	doc, err := Parse("c/a.md", []byte(commonMark), fmKeys)
	if err != nil {
		t.Fatal(err)
	}
	out, _, err := Localize(doc, func(i int, s Segment) (string, bool) {
		return map[string]string{"Foo": "Attention : lire", "Bar": "Barre", "Baz": "Baze"}[s.Text], true
	})
	if want := "***\nAttention : lire\n---\nBarre\n---\nBaze\n"; err != nil || string(out) != want {
		t.Errorf("localized %q, %v; want %q", out, err, want)
	}
	for _, s := range []string{"", "auto", "yaml", "none"} {
		if _, err := CheckFrontMatter(s); err != nil {
			t.Errorf("CheckFrontMatter(%q): %v", s, err)
		}
	}
	if _, err := CheckFrontMatter("toml"); err == nil || err.Error() != `"toml": must be "yaml", "none" or "auto"` {
		t.Errorf("CheckFrontMatter(toml): %v", err)
	}
}
