package content

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/healthloc/healthloc/internal/golden"
)

// sourceFiles lists the Markdown, text and HTML files under dir (missing dirs
// give none), as paths relative to dir.
func sourceFiles(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipDir
			}
			return err
		}
		switch strings.ToLower(filepath.Ext(p)) {
		case ".md", ".markdown", ".txt", ".html", ".htm":
			if !d.IsDir() {
				rel, _ := filepath.Rel(dir, p)
				files = append(files, filepath.ToSlash(rel))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// corpus is every file the properties are checked on: the round-trip
// test data, the golden inputs and the example project's content.
func corpus(t *testing.T) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, dir := range []string{"testdata/roundtrip", "testdata/golden", "../../content"} {
		for _, rel := range sourceFiles(t, dir) {
			if strings.Contains(rel, ".out.") {
				continue
			}
			raw, err := os.ReadFile(filepath.Join(dir, rel))
			if err != nil {
				t.Fatal(err)
			}
			out[filepath.ToSlash(filepath.Join(dir, rel))] = raw
		}
	}
	if len(out) < 10 {
		t.Fatalf("corpus has only %d files", len(out))
	}
	return out
}

var testOpts = Options{FrontMatterKeys: []string{"title", "description", "summary"}}

func TestLocalizeIdentityRoundTrip(t *testing.T) {
	for path, raw := range corpus(t) {
		t.Run(path, func(t *testing.T) {
			doc, err := Parse(path, raw, testOpts)
			if err != nil {
				t.Fatal(err)
			}
			if len(doc.Segments) == 0 {
				t.Errorf("no segments")
			}
			assertNoOverlap(t, doc)
			out, spans, err := Localize(doc, func(_ int, s Segment) (string, bool) { return s.Text, true })
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out, raw) {
				t.Errorf("identity translation changed the file:\n got  %q\n want %q", out, raw)
			}
			bom := 0
			if doc.BOM {
				bom = len(bomUTF8)
			}
			for i, s := range doc.Segments {
				if sp := spans[i]; sp.Segment != i || sp.Start != s.Start+bom || sp.End != s.End+bom {
					t.Errorf("span %d = %+v, want %d-%d", i, sp, s.Start+bom, s.End+bom)
				}
			}
		})
	}
}

func reverse(s string) string {
	r := []rune(s)
	slices.Reverse(r)
	return string(r)
}

// adversarial translations try to break the block structure.
var adversarial = map[string]func(string) string{
	"markup prefix": func(s string) string { return "# x\n- y\n> z | w ]\n" + s },
	"reversed":      reverse,
	"upper":         strings.ToUpper,
	"blocks": func(s string) string {
		return "1. one\n2) two\n+ plus\n* star\n***\n---\n===\n|-|:-:|\n```\n~~~ x\n<div>\n<!-- c -->\n" +
			"<span>\n[ref]: /u\n[ ] box\n    indented\n\n\n   \nafter blank |a|b| \\\n" + s + " #"
	},
	"first line html": func(s string) string { return "<span class=x>\n" + s },
	"first line ref":  func(s string) string { return "[x]: /url\n" + s },
	"task box":        func(s string) string { return "[x] " + s },
	"hashes only":     func(string) string { return "#" },
	"backslash end":   func(s string) string { return s + ` \` },
	"ordered":         func(s string) string { return "2024. " + s },
	"crlf inside":     func(s string) string { return "one\r\ntwo\rthree\r\n\r\n" + s },
	"yaml specials":   func(s string) string { return "- yes: no # " + s + "\n---\n\"'\\\t\u2028" },
	"brackets":        func(s string) string { return "] [" + s + "](x) ` <http://a" },
	"empty":           func(string) string { return "" },
	"spaces":          func(string) string { return " \n\t" },
}

func TestLocalizeKeepsStructure(t *testing.T) {
	for path, raw := range corpus(t) {
		doc, err := Parse(path, raw, testOpts)
		if err != nil {
			t.Fatal(err)
		}
		for name, f := range adversarial {
			t.Run(path+"/"+name, func(t *testing.T) {
				out, spans, err := Localize(doc, func(_ int, s Segment) (string, bool) { return f(s.Text), true })
				if err != nil {
					t.Fatal(err)
				}
				again, err := Parse(path, out, testOpts)
				if err != nil {
					t.Fatalf("re-parse: %v\n%s", err, out)
				}
				if len(again.Segments) != len(doc.Segments) {
					t.Fatalf("re-parse gives %d segments, want %d:\n%s", len(again.Segments), len(doc.Segments), out)
				}
				bom := 0
				if again.BOM {
					bom = len(bomUTF8)
				}
				for i, s := range again.Segments {
					want := doc.Segments[i]
					// Plain-text headings are guessed from the text, so
					// only Markdown and HTML kinds must survive.
					if doc.Format != FormatText && s.Kind != want.Kind {
						t.Errorf("segment %d: kind %q, want %q:\n%s", i, s.Kind, want.Kind, out)
					}
					sp := spans[i]
					if s.Syntax == SyntaxAttr && out[sp.Start] == '"' && doc.Src[want.Start-1] != '"' {
						// An unquoted HTML attribute value comes back quoted.
						sp.Start, sp.End = sp.Start+1, sp.End-1
					}
					if s.Start+bom != sp.Start || s.End+bom != sp.End {
						t.Errorf("segment %d: re-parsed at %d-%d (%q), span says %d-%d (%q)", i,
							s.Start+bom, s.End+bom, s.Text, sp.Start, sp.End, out[sp.Start:sp.End])
					}
				}
				if t.Failed() {
					t.Logf("output:\n%s", out)
				}
			})
		}
	}
}

// guillemets wraps every text in «», the fixed translation of the golden
// tests: visible, and never valid Markdown syntax.
func guillemets(_ int, s Segment) (string, bool) { return "«" + s.Text + "»", true }

func TestLocalizeGolden(t *testing.T) {
	for _, rel := range sourceFiles(t, "testdata/golden") {
		if strings.Contains(rel, ".out.") {
			continue
		}
		t.Run(rel, func(t *testing.T) {
			in := filepath.Join("testdata/golden", rel)
			raw, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Parse(rel, raw, testOpts)
			if err != nil {
				t.Fatal(err)
			}
			out, _, err := Localize(doc, guillemets)
			if err != nil {
				t.Fatal(err)
			}
			ext := filepath.Ext(in)
			golden.Check(t, strings.TrimSuffix(in, ext)+".out"+ext, out)
		})
	}
}

func TestLocalizeEncoding(t *testing.T) {
	tests := []struct {
		name, path, src, repl, want string
		opts                        Options
	}{
		{"block prefix in quote", "a.md", "> one\n> two\n", "uno\ndos\ntres", "> uno\n> dos\n> tres\n", Options{}},
		{"block prefix for single line", "a.md", "> - one\n", "uno\ndos", "> - uno\n>   dos\n", Options{}},
		{"block CRLF", "a.md", "- one\r\n  two\r\n", "uno\ndos", "- uno\r\n  dos\r\n", Options{}},
		{"block blank lines collapse", "a.md", "x\n", "a\n\n\nb\n", "a\nb\n", Options{}},
		{"block escapes", "a.md", "x\n", "# a\n- b\n> c\n1. d\n===", "\\# a\n\\- b\n\\> c\n1\\. d\n\\===\n", Options{}},
		{"block keeps hard break", "a.md", "x\n", "a  \nb", "a  \nb\n", Options{}},
		{"heading flattened", "a.md", "# x\n", "a\nb #", "# a b \\#\n", Options{}},
		{"heading hash only", "a.md", "# x\n", "#", "# \\#\n", Options{}},
		{"setext flattened", "a.md", "x\ny\n===\n", "- a\nb", "\\- a b\n===\n", Options{}},
		{"cell pipes", "a.md", "| a |\n|---|\n| x |\n", "p|q \\| r\ns\\", "| p\\|q \\| r s\\\\ |\n|---|\n| p\\|q \\| r s\\\\ |\n", Options{}},
		{"alt brackets", "a.md", "![x](a.png)\n", "a [b] c\\]|`", "![a \\[b\\] c\\]\\|\\`](a.png)\n", Options{}},
		{"empty alt keeps source", "a.md", "![x](a.png)\n", "", "![x](a.png)\n", Options{}},
		{"empty paragraph keeps source", "a.md", "x\n", "  ", "x\n", Options{}},
		{"yaml plain", "a.md", "---\ntitle: x\n---\n", "Hello world", "---\ntitle: Hello world\n---\n", fmKeys},
		{"yaml quoted", "a.md", "---\ntitle: x # c\n---\n", "a: b", "---\ntitle: \"a: b\" # c\n---\n", fmKeys},
		{"yaml bool-like", "a.md", "---\ntitle: 'x'\n---\n", "yes", "---\ntitle: \"yes\"\n---\n", fmKeys},
		{"yaml block scalar", "a.md", "---\ntitle: |\n  x\n  y\nz: 1\n---\n", "a\nb", "---\ntitle: \"a\\nb\"\nz: 1\n---\n", fmKeys},
		{"text CRLF", "a.txt", "one\r\ntwo.\r\n", "a\nb\n\nc", "a\r\nb\r\nc\r\n", Options{}},
		{"text heading not escaped", "a.txt", "Title\n\nBody.\n", "# a\nb", "# a b\n\n# a\nb\n", Options{}},
		{"BOM kept", "a.md", "\uFEFFx\n", "y", "\uFEFFy\n", Options{}},
		// Found by fuzzing (issue 8).
		{"cell backslash before pipe", "a.md", "|a|b|\n|-|-|\n", "t \\", "|t &#92;|t &#92;|\n|-|-|\n", Options{}},
		{"cell escaped pipe at row end", "a.md", "a\n|-\n", "|", "&#124;\n|-\n", Options{}},
		{"first cell in row escaped", "a.md", "0\n|-\n", "#", "\\#\n|-\n", Options{}},
		{"first cell after list marker", "a.md", "* 0\n|-\n", "# x", "* \\# x\n|-\n", Options{}},
		{"star rule after list marker", "a.md", "* a\n* b\n", "**", "* \\**\n* \\**\n", Options{}},
		{"yaml multi-line double quoted", "a.md", "---\ntitle: \"\n  x\"\nz: 1\n---\n", "0", "---\ntitle: \"0\"\nz: 1\n---\n", fmKeys},
		{"yaml multi-line single quoted", "a.md", "---\ntitle: 'a\n  ''b'''\n---\n", "0", "---\ntitle: \"0\"\n---\n", fmKeys},
		{"colon after task box", "a.md", "* [X]:\n", ":0", "* [X]\\:0\n", Options{}},
		{"yaml C1 control", "a.md", "---\ntitle: x\n---\n", "\u008e0", "---\ntitle: \"\\x8e0\"\n---\n", fmKeys},
		{"yaml flow mapping quoted", "a.md", "---\n{title: x}\n---\n", "A,0", "---\n{title: \"A,0\"}\n---\n", fmKeys},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse(tt.path, []byte(tt.src), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			out, _, err := Localize(doc, func(int, Segment) (string, bool) { return tt.repl, true })
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != tt.want {
				t.Errorf("got  %q\nwant %q", out, tt.want)
			}
		})
	}
}

func TestLocalizeSkipsUntranslated(t *testing.T) {
	doc, err := Parse("a.md", []byte("# a\n\nb\n\nc\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var order []int
	out, spans, err := Localize(doc, func(i int, s Segment) (string, bool) {
		order = append(order, i)
		return "Z", i == 1
	})
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != "# a\n\nZ\n\nc\n" || !slices.Equal(order, []int{0, 1, 2}) {
		t.Errorf("got %q, calls %v", out, order)
	}
	if spans[2].Start != 8 || spans[2].End != 9 {
		t.Errorf("span of kept segment after a replacement = %+v", spans[2])
	}
}

func TestLocalizeOverlap(t *testing.T) {
	doc := &Document{Path: "a.md", Src: []byte("abcdef"), Segments: []Segment{{Start: 0, End: 4}, {Start: 3, End: 5}}}
	if _, _, err := Localize(doc, guillemets); err == nil || !strings.Contains(err.Error(), "a.md: segments 0 and 1 overlap") {
		t.Errorf("error = %v", err)
	}
	doc.Segments = []Segment{{Start: 4, End: 9}}
	if _, _, err := Localize(doc, guillemets); err == nil {
		t.Errorf("out-of-range segment accepted")
	}
}

func TestYAMLScalarReadsBack(t *testing.T) {
	for _, s := range []string{
		"plain", "yes", "No", "null", "~", "1.5", "0x1F", "2024-05-01", "a: b", "a #b", "#x", "- x", "[x]", "{x}",
		"'q'", `"q"`, "x:", " lead", "trail ", "tab\there", "new\nline", "back\\slash", "\u2028\u0085\ufeff\x01\x7f",
		"ünïcödé 日本", "@at", "`tick", "%pct", "!bang", "&amp", "*star", "|pipe", ">gt", "?q", ",c", "",
	} {
		y := "k: " + yamlScalar(s) + "\n"
		var v struct{ K string }
		var n yaml.Node
		if err := yaml.Unmarshal([]byte(y), &n); err != nil {
			t.Errorf("%q: %v", y, err)
			continue
		}
		if err := n.Decode(&v); err != nil || v.K != s || n.Content[0].Content[1].Tag != "!!str" {
			t.Errorf("yamlScalar(%q) = %q reads back as %q (tag %s, err %v)", s, yamlScalar(s), v.K, n.Content[0].Content[1].Tag, err)
		}
	}
}

// FuzzParseLocalize checks on arbitrary input that Parse does not panic,
// emits ordered, non-overlapping segments, that an identity translation
// gives the input back byte for byte, and that any translation (the
// fuzzed tr, around or instead of each source text) re-parses with the
// same block structure: as many segments, of the same kinds, where the
// spans say they are.
func FuzzParseLocalize(f *testing.F) {
	// Small seeds only: the fuzzer minimises every new input, which
	// takes long on multi-kilobyte articles.
	for _, dir := range []string{"testdata/roundtrip", "testdata/golden"} {
		paths, _ := filepath.Glob(filepath.Join(dir, "*"))
		for _, p := range paths {
			raw, err := os.ReadFile(p)
			if err == nil && len(raw) < 1024 {
				f.Add(strings.HasSuffix(p, ".txt"), raw, "«x»")
			}
		}
	}
	f.Add(false, []byte("---\ntitle: \"x\n---\n"), "")
	f.Add(false, []byte("---\ntitle: !!str\n---\n"), "y")
	for _, tr := range adversarial {
		f.Add(false, []byte("# H\n\n> q\n> r\n\n- a\n  - b\n\n|a|b|\n|-|-|\n|c|![d](e)|\n"), tr("t"))
	}
	f.Add(false, []byte("<p>a<b>b<i>c</p>d</b><td>e<li>f</i><img alt=g"), "x")
	f.Add(false, []byte("<html><head><title>T</title></head><body><p>Take <b>5 mg</b>.</p></body></html>"), "<1>y</1>")
	f.Fuzz(func(t *testing.T, text bool, raw []byte, tr string) {
		// a Markdown input that starts with a tag is fuzzed as an HTML page
		path := "f.md"
		switch {
		case text:
			path = "f.txt"
		case bytes.HasPrefix(bytes.TrimSpace(raw), []byte("<")):
			path = "f.html"
		}
		doc, out, ok := parseIdentity(t, path, raw)
		if !ok {
			return
		}
		utf16 := bytes.HasPrefix(raw, bomUTF16LE) || bytes.HasPrefix(raw, bomUTF16BE)
		if !utf16 && !bytes.Equal(out, raw) {
			t.Fatalf("identity changed the file: %q -> %q", raw, out)
		}
		out, spans, err := Localize(doc, func(i int, s Segment) (string, bool) {
			r := s.Text + tr
			switch i % 3 {
			case 0:
				r = tr
			case 1:
				r = tr + s.Text
			}
			// A translation made only of URLs is by design no segment
			// when read back; the block is still there.
			if urlsOnly(r) {
				return s.Text, true
			}
			return r, true
		})
		if err != nil {
			t.Fatal(err)
		}
		assertSameStructure(t, doc, out, spans)
	})
}

// assertSameStructure re-parses a localized output and checks it has the
// segments of doc, of the same kinds (Markdown only: plain-text headings
// are guessed from their text), at the places spans give.
func assertSameStructure(t *testing.T, doc *Document, out []byte, spans []Span) {
	t.Helper()
	again, err := Parse(doc.Path, out, testOpts)
	if err != nil {
		t.Fatalf("re-parse: %v\nsource: %q\noutput: %q", err, doc.Src, out)
	}
	if len(again.Segments) != len(doc.Segments) {
		t.Fatalf("re-parse gives %d segments, want %d\nsource: %q\noutput: %q",
			len(again.Segments), len(doc.Segments), doc.Src, out)
	}
	bom := 0
	if again.BOM {
		bom = len(bomUTF8)
	}
	for i, s := range again.Segments {
		if doc.Format == FormatMarkdown && s.Kind != doc.Segments[i].Kind {
			t.Fatalf("segment %d: kind %q, want %q\nsource: %q\noutput: %q",
				i, s.Kind, doc.Segments[i].Kind, doc.Src, out)
		}
		// an HTML attribute the splice had to quote starts one byte later
		// than its span, which covers the quotes
		if doc.Format == FormatHTML && s.Syntax == SyntaxAttr {
			if sp := spans[i]; s.Start+bom < sp.Start || s.End+bom > sp.End {
				t.Fatalf("segment %d: re-parsed at %d-%d, outside its span %d-%d\nsource: %q\noutput: %q",
					i, s.Start+bom, s.End+bom, sp.Start, sp.End, doc.Src, out)
			}
			continue
		}
		if sp := spans[i]; s.Start+bom != sp.Start || s.End+bom != sp.End {
			t.Fatalf("segment %d: re-parsed at %d-%d, span says %d-%d\nsource: %q\noutput: %q",
				i, s.Start+bom, s.End+bom, sp.Start, sp.End, doc.Src, out)
		}
	}
}

// TestLocalizeUnderTable: a paragraph right under a table begins with the
// setext underline that ended the table; the underline stays, so the
// table stays a table, also when only that underline makes it one.
func TestLocalizeUnderTable(t *testing.T) {
	tests := []struct{ raw, text, tr, want string }{
		{"a\n:-\nb\n--\nmore\n", "--\nmore", "más", "a\n:-\nb\n--\nmás\n"},
		{"a\n:-\nb\n--\nmore\n", "--\nmore", "--  \nmás", "a\n:-\nb\n--\nmás\n"},
		{"a\n:-\nb\n==\n", "==", "x\n|-|", "a\n:-\nb\n==\nx\n\\|-|\n"},
		{"a\n\t-\nb\n--\n", "--", "--0", "a\n\t-\nb\n--\n--0\n"},
		{"a\n\t-\nb\n--\n", "--", "# x\n--", "a\n\t-\nb\n--\n\\# x\n\\--\n"},
		{"> a\n> :-\n> b\n> --\n> more\n", "--\nmore", "uno\ndos", "> a\n> :-\n> b\n> --\n> uno\n> dos\n"},
		{"a\n\t-\nb\n--\n", "--", "--", "a\n\t-\nb\n--\n"},
		{"a\n:-\n-\r", "-", "x", "a\n:-\n-\r\nx\r"},
		{"a\n:-\n-\r\nb\n", "-\nb", "x\ny", "a\n:-\n-\r\nx\r\ny\n"},
		{"> a\n> :-\n> -\r\n> b\n", "-\nb", "x\ny", "> a\n> :-\n> -\r\n> x\r\n> y\n"},
		{"a\n:-\n--\n-\n", "--", "x\ny", "a\n:-\n--\nx y\n-\n"},
		{"> a\n> :-\n> ==\n> b\n> ==\n", "==\nb", "== x", "> a\n> :-\n> ==\n> x\n> ==\n"},
		{"a\n\t-\nb\n--\n-\n", "--", "--", "a\n\t-\nb\n--\n-\n"},
		{"a\n:-\n# --\n", "--", "==", "a\n:-\n# \\==\n"},
		{"a\n-:\n--\n-:\nb\n", "b", "x", "a\n-:\n--\n-:\nx\n"},
		{"a\n\t-\n\f\n--\n", "--", "x", "a\n\t-\n\f\n--\nx\n"},
	}
	for _, tt := range tests {
		doc, err := Parse("a.md", []byte(tt.raw), testOpts)
		if err != nil {
			t.Fatal(err)
		}
		out, spans, err := Localize(doc, func(_ int, s Segment) (string, bool) {
			if s.Text == tt.text {
				return tt.tr, true
			}
			return "", false
		})
		if err != nil {
			t.Fatal(err)
		}
		if string(out) != tt.want {
			t.Errorf("%q: %q -> %q gives\n %q\nwant\n %q", tt.raw, tt.text, tt.tr, out, tt.want)
		}
		assertSameStructure(t, doc, out, spans)
	}
}

// TestLocalizeImagesOnly: a translation made only of images would read
// back as alt-text segments, or as none for "![label]"; the source is
// kept, as for a blank translation. Images next to text stay.
func TestLocalizeImagesOnly(t *testing.T) {
	raw := "[a]: /a.png\n\n# H\n\nP\n\n- [ ] L\n\n|C|D|\n|-|-|\n|E|F|\n"
	for _, tr := range []string{"![x](u)", "![a]", " ![a][] ", "![x][a] [![y](v)](w)", "![\x10]"} {
		doc, err := Parse("a.md", []byte(raw), testOpts)
		if err != nil {
			t.Fatal(err)
		}
		out, spans, err := Localize(doc, func(int, Segment) (string, bool) { return tr, true })
		if err != nil {
			t.Fatal(err)
		}
		if string(out) != raw {
			t.Errorf("%q: got\n%s", tr, out)
		}
		assertSameStructure(t, doc, out, spans)
	}
	doc, _ := Parse("a.md", []byte(raw), testOpts)
	out, spans, _ := Localize(doc, func(int, Segment) (string, bool) { return "x ![a]", true })
	if want := "[a]: /a.png\n\n# x ![a]\n\nx ![a]\n\n- [ ] x ![a]\n\n|x ![a]|x ![a]|\n|-|-|\n|x ![a]|x ![a]|\n"; string(out) != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
	assertSameStructure(t, doc, out, spans)
}
