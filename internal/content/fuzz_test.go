package content

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzFrontMatter fuzzes the YAML between the "---" lines and the
// translation written into it. Parse must not panic; an identity
// translation gives the file back; and every translated value reads back
// from the output as exactly the translation, whatever quotes, colons,
// control characters or line breaks it holds.
func FuzzFrontMatter(f *testing.F) {
	for _, seed := range []struct{ yaml, tr string }{
		{"title: Diabetes\ndescription: \"Living with it\"", "Diabetes: vivir"},
		{"title: 'It''s'\nsummary: |\n  block\n  text\ntags: [a, b]", "- yes # no"},
		{"title: >-\n  folded\n  text\nauthor: x", "\"quoted\"\n'single'\t\\"},
		{"{title: flow, description: map}", "a, b: c"},
		{"title: !!str 12\ndescription: &a anchor\nsummary: *a", "on"},
		{"title: \"esc \\\" \\u00e9 \\x41\"", "\u0085\u2028\ufeff\u0080\x7f\x01"},
		{"- not\n- a map", "x"},
		{"title:\n  nested: map", "y"},
		{"title: x # comment\n\ndescription:    spaced   ", "0x1F"},
	} {
		f.Add(seed.yaml, seed.tr)
	}
	f.Fuzz(func(t *testing.T, fm, tr string) {
		raw := []byte("---\n" + fm + "\n---\nBody text.\n")
		doc, out, ok := parseIdentity(t, "f.md", raw)
		if !ok {
			return
		}
		if !bytes.Equal(out, raw) {
			t.Fatalf("identity changed the file: %q -> %q", raw, out)
		}
		out, spans, err := Localize(doc, func(_ int, s Segment) (string, bool) { return tr, true })
		if err != nil {
			t.Fatal(err)
		}
		assertSameStructure(t, doc, out, spans)
		if strings.TrimSpace(tr) == "" {
			return
		}
		again, _ := Parse("f.md", out, testOpts)
		want := strings.ToValidUTF8(tr, "\uFFFD")
		for i, s := range again.Segments {
			if s.Syntax == SyntaxYAML && s.Text != want {
				t.Fatalf("segment %d reads back as %q, want %q\noutput: %q", i, s.Text, want, out)
			}
		}
	})
}
