package pseudo

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestLocalize(t *testing.T) {
	tests := []struct {
		in   string
		keep []string // substrings that must survive as they are
	}{
		{"Take 500 mg twice a day.", []string{"500"}},
		{"See [the leaflet](https://example.org/a?b=1) now.", []string{"](https://example.org/a?b=1)"}},
		{"Run `go test` or visit <https://x.org>.", []string{"`go test`", "<https://x.org>"}},
		{"Hello {{.Name}}, %s and {0}; mail a.b@example.org &amp; \\*", []string{"{{.Name}}", "%s", "{0}", "a.b@example.org", "&amp;", "\\*"}},
		{"**Never** take *two*.", []string{"**", "*"}},
	}
	for _, tt := range tests {
		got := Localize(tt.in)
		if !strings.HasPrefix(got, "[") || !strings.HasSuffix(got, "]") {
			t.Errorf("Localize(%q) = %q: not bracketed", tt.in, got)
		}
		if n, m := utf8.RuneCountInString(got), utf8.RuneCountInString(tt.in); n < m*13/10 || n > m*16/10+4 {
			t.Errorf("Localize(%q) = %q: %d runes for %d, want about 35%% more", tt.in, got, n, m)
		}
		for _, k := range tt.keep {
			if !strings.Contains(got, k) {
				t.Errorf("Localize(%q) = %q: lost %q", tt.in, got, k)
			}
		}
		if strings.Contains(got, "Take") || strings.Contains(got, "See") {
			t.Errorf("Localize(%q) = %q: letters not accented", tt.in, got)
		}
	}
	if got := Localize("  "); got != "  " {
		t.Errorf("Localize(blank) = %q, want it unchanged", got)
	}
}

func TestTag(t *testing.T) {
	if Tag.String() != "en-XA" || !Is(Tag) {
		t.Errorf("Tag = %s", Tag)
	}
}
