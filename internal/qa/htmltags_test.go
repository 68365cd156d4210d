package qa

import (
	"strings"
	"testing"

	"golang.org/x/text/language"
)

// TestHTMLTags checks the markup check on the numbered inline tags of
// HTML segments: every tag kept once, in any order, with its title free
// to be translated; the tag numbers are never read as quantities.
func TestHTMLTags(t *testing.T) {
	src := `Drink <1 title="Oral rehydration">ORS</1> <2/>every 2 hours.`
	for _, tc := range []struct {
		tr, want string // want: "" for no error, else a part of the message
	}{
		{`Beba <1 title="Rehidratación oral">SRO</1> <2/>cada 2 horas.`, ""},
		{`<2/>Cada 2 horas, beba <1 title="x">SRO</1>.`, ""},
		{`Beba SRO <2/>cada 2 horas.`, "missing: <1> </1>"},
		{`Beba <1>SRO</1> <2/><3/>cada 2 horas.`, "not in the source: <3/>"},
		{`Beba <1>SRO</1> <2/>cada 3 horas.`, "numbers differ"},
	} {
		var msgs []string
		for _, is := range CheckPair(Pair{Source: src, Translation: tc.tr, From: language.English, To: language.Spanish, HTMLTags: true}, nil) {
			if is.Severity == Error {
				msgs = append(msgs, is.Check+": "+is.Message)
			}
		}
		got := strings.Join(msgs, "\n")
		if tc.want == "" && got != "" || tc.want != "" && !strings.Contains(got, tc.want) {
			t.Errorf("%q: errors %q, want %q", tc.tr, got, tc.want)
		}
	}
}
