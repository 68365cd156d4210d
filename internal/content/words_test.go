package content

import "testing"

func TestCountWords(t *testing.T) {
	tests := []struct {
		text string
		want int
	}{
		{"", 0},
		{"Take two tablets.", 3},
		{"*Take* **two** _tablets_ `daily`", 4},
		{"See [the guide](https://example.org/a-long/path?x=1 \"Title words\") now", 4},
		{"![A nurse](nurse.jpg) helps", 3},
		{"[ref link][some-label] here", 3},
		{"Visit https://www.who.int/health or www.example.org today", 3},
		{"<abbr title=\"x y z\">WHO</abbr> &amp; UN", 2},
		{"don't well-known 2.5 1,000", 4},
		{"end-", 1},
		{"- item\n- other", 2},
		{"野菜を食べる", 6},
		{"Take 野菜 now", 4},
		{"تناول الخضروات كل يوم.", 4},
		{"Café crème e\u0301", 3},
		{"ภาษาไทย", 1},
		{"... --- !!!", 0},
	}
	for _, tt := range tests {
		if got := CountWords(tt.text); got != tt.want {
			t.Errorf("CountWords(%q) = %d, want %d", tt.text, got, tt.want)
		}
	}
}

// TestStripMarkupMatchesRegexp holds the hand-written scanner to the
// regexp that specifies it.
func TestStripMarkupMatchesRegexp(t *testing.T) {
	cases := []string{
		"See [the WHO page](https://who.int/x) now.", "ref [a][b] and ![img](p.png)", "<b>bold</b> <1>x</1> <2/> <3 title=\"t\">",
		"a < b > c", "x <a <b> y", "&amp; &#38; & x; &;", "visit www.example.org today", "mailto:a@b.c", "HTTPS://EXAMPLE.ORG/Path",
		"xhttp://no-boundary", "_http://underscore", "é http://after-accent", "http://", "www.", "](unclosed", "][unclosed", "<9", "<9 x", "<9/",
		"<12>", "<12/>", "<1 title=\"a\">b</1>", "tab\thttp://x.y", "line\nwww.a.b\nnext", "plain text with: colons. and dots.",
		"<!-- comment -->", "<?php ?>", "</p>", "<p", "2 < 3 and 5 > 4", "ftp://files ok", "(http://paren)", "[x](y) [z](w)",
		"www.\v", "http://a\u00a0b c", "www.x\u2003y",
	}
	for _, c := range cases {
		want := markupRe.ReplaceAllString(c, " ")
		if got := stripMarkup(c); got != want {
			t.Errorf("stripMarkup(%q) = %q, want %q", c, got, want)
		}
	}
}

func FuzzStripMarkup(f *testing.F) {
	for _, s := range []string{"See [a](b) <i>x</i> &amp; www.a.b", "<1 t=\"x\">y</1>", "a http://b c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if want, got := markupRe.ReplaceAllString(s, " "), stripMarkup(s); got != want {
			t.Fatalf("stripMarkup(%q) = %q, want %q", s, got, want)
		}
	})
}
