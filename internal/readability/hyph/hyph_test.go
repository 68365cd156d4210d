package hyph

import (
	"slices"
	"strings"
	"testing"
)

// The engine gives the breaks libhyphen (and pyphen) give with margins of
// one letter, on the embedded dictionaries.
func TestPoints(t *testing.T) {
	for _, tc := range []struct {
		lang, word string
		want       []int
	}{
		{"en", "hypertension", []int{2, 5, 8}},
		{"fr", "médecin", []int{2, 4}},
		{"fr", "l'hôpital", []int{4, 6}},
		{"es", "medicina", []int{2, 4, 6}},
	} {
		if got := For(tc.lang).Points(tc.word); !slices.Equal(got, tc.want) {
			t.Errorf("%s %s: %v, want %v", tc.lang, tc.word, got, tc.want)
		}
	}
}

func TestParse(t *testing.T) {
	p, err := Parse(strings.NewReader("UTF-8\nLEFTHYPHENMIN 2\n% comment\n1ba\na1\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Points("abab"); !slices.Equal(got, []int{1, 3}) {
		t.Errorf("points %v", got)
	}
	if _, err := Parse(strings.NewReader("UTF-8\n12\n")); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("want an error naming line 2, got %v", err)
	}
}
