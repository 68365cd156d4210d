package content

import (
	"errors"
	"strings"
	"testing"
)

// deepInputs are 10,000 levels of nesting, written three ways.
func deepInputs() map[string]string {
	var indented strings.Builder
	for i := range 10000 {
		indented.WriteString(strings.Repeat("  ", i))
		indented.WriteString("- item\n")
	}
	return map[string]string{
		"indented list": indented.String(),
		"one-line list": strings.Repeat("- ", 10000) + "item\n",
		"ordered list":  strings.Repeat("1. ", 10000) + "item\n",
		"block quote":   strings.Repeat(">", 10000) + " quote\n",
		"quoted list":   strings.Repeat("> - ", 5000) + "item\n",
		"tabs":          strings.Repeat("\t", 5000) + "- item\n",
	}
}

func TestParseTooDeep(t *testing.T) {
	for name, src := range deepInputs() {
		t.Run(name, func(t *testing.T) {
			_, err := Parse("deep.md", []byte(src), Options{MaxBytes: 1 << 30})
			if !errors.Is(err, ErrTooDeep) {
				t.Fatalf("err = %v, want ErrTooDeep", err)
			}
			if !strings.HasPrefix(err.Error(), "deep.md:") || !strings.Contains(err.Error(), "the limit is 100 (max_depth in [limits])") {
				t.Errorf("error does not name the file, line and setting: %v", err)
			}
		})
	}
}

func TestParseDepthWithinLimit(t *testing.T) {
	var b strings.Builder
	for i := range 90 {
		b.WriteString(strings.Repeat("  ", i) + "- item\n")
	}
	b.WriteString(strings.Repeat("> ", 90) + "quote\n\n")
	b.WriteString("```\n" + strings.Repeat(" ", 1000) + "indented code is not nesting\n```\n")
	b.WriteString(strings.Repeat(" ", 1000) + "neither is an indented line\n")
	doc, err := Parse("deep.md", []byte(b.String()), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Segments) != 91 { // 90 items and the quote; code is not text
		t.Errorf("%d segments, want 91", len(doc.Segments))
	}
	if _, err := Parse("deep.md", []byte(b.String()), Options{MaxDepth: 50}); !errors.Is(err, ErrTooDeep) {
		t.Errorf("MaxDepth 50: err = %v, want ErrTooDeep", err)
	}
}

func TestLineDepth(t *testing.T) {
	for l, want := range map[string]int{
		"text": 0, "    code": 0, "- a": 1, "> a": 1, "- - a": 2, "> > a": 2, ">>> a": 3,
		"  - a": 2, "      - a": 4, "1. a": 1, "1.5 mg": 0, "-1 °C": 0, "*emphasis*": 0,
		"\t- a": 3, "---": 0, "- - -": 3, "12) a": 2,
	} {
		if got := lineDepth([]byte(l)); got != want {
			t.Errorf("lineDepth(%q) = %d, want %d", l, got, want)
		}
	}
}

func TestParseTooLarge(t *testing.T) {
	raw := make([]byte, DefaultMaxBytes+1)
	for i := range raw {
		raw[i] = 'a'
	}
	_, err := Parse("big.md", raw, Options{})
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "big.md: file too large: the file has 16777217 bytes, the limit is 16777216") {
		t.Fatalf("err = %v, want ErrTooLarge naming the file and limit", err)
	}
	if _, err := Parse("small.txt", []byte("hello\n"), Options{MaxBytes: 5}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("MaxBytes 5: err = %v, want ErrTooLarge", err)
	}
}

// bigArticle is an ordinary article repeated to about n bytes.
func bigArticle(n int) []byte {
	unit := "## Dosage\n\n" + strings.Repeat("Take the tablets with water after food. ", 25) +
		"\n\n- Keep them dry.\n- Keep them away from children.\n\n| Age | Dose |\n|---|---|\n| 12+ | 500 mg |\n\n"
	return []byte("# Tablets\n\n" + strings.Repeat(unit, n/len(unit)))
}

func TestParseHuge(t *testing.T) {
	if testing.Short() {
		t.Skip("50 MB article: about 10 s")
	}
	raw := bigArticle(50 << 20)
	if _, err := Parse("big.md", raw, Options{}); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("50 MB with the default limit: err = %v, want ErrTooLarge", err)
	}
	doc, err := Parse("big.md", raw, Options{MaxBytes: 64 << 20})
	if err != nil {
		t.Fatal(err)
	}
	out, _, err := Localize(doc, guillemets)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) <= len(raw) {
		t.Errorf("localized output has %d bytes, source %d", len(out), len(raw))
	}
}

func TestParseLongParagraph(t *testing.T) {
	para := strings.Repeat("paracetamol ", 1<<20/12)
	for _, path := range []string{"p.md", "p.txt"} {
		doc, err := Parse(path, []byte(para+"\n"), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(doc.Segments) != 1 || doc.Segments[0].Words != 1<<20/12 {
			t.Fatalf("%s: %d segments", path, len(doc.Segments))
		}
		out, _, err := Localize(doc, func(_ int, s Segment) (string, bool) { return s.Text, true })
		if err != nil || string(out) != para+"\n" {
			t.Fatalf("%s: identity round trip failed: %v", path, err)
		}
	}
}

func TestParseManyCells(t *testing.T) {
	var b strings.Builder
	b.WriteString("|" + strings.Repeat(" h |", 10) + "\n|" + strings.Repeat("---|", 10) + "\n")
	for range 10000 {
		b.WriteString("|" + strings.Repeat(" c |", 10) + "\n")
	}
	doc, err := Parse("cells.md", []byte(b.String()), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Segments) != 100010 {
		t.Fatalf("%d segments, want 100010", len(doc.Segments))
	}
	out, spans, err := Localize(doc, guillemets)
	if err != nil {
		t.Fatal(err)
	}
	assertSameStructure(t, doc, out, spans)
}
