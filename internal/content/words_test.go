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
