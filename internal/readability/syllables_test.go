package readability

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/healthloc/healthloc/internal/readability/hyph"
)

// TestSyllableAgreement measures the syllable counts against the
// hand-checked lists in testdata/syllables: at least 95% must agree.
func TestSyllableAgreement(t *testing.T) {
	for _, lang := range []string{"en", "es", "fr"} {
		t.Run(lang, func(t *testing.T) {
			words := readCounts(t, "testdata/syllables/"+lang+".txt")
			if len(words) != 200 {
				t.Fatalf("%d words, want 200", len(words))
			}
			p := hyph.For(lang)
			agree, raw := 0, 0
			var misses []string
			for _, w := range words {
				lw := []rune(strings.ToLower(w.word))
				if len(split(lw, p.Points(string(lw)))) == w.n {
					raw++
				}
				got := syllables(p, lang, w.word)
				if got == w.n {
					agree++
				} else {
					misses = append(misses, fmt.Sprintf("%s %d (want %d)", w.word, got, w.n))
				}
			}
			pct := float64(agree) * 100 / float64(len(words))
			t.Logf("%s: %d of %d agree (%.1f%%; patterns alone, without the edge rules: %d); differ: %s",
				lang, agree, len(words), pct, raw, strings.Join(misses, ", "))
			if pct < 95 {
				t.Errorf("%s agreement %.1f%%, want at least 95%%", lang, pct)
			}
		})
	}
}

type wordCount struct {
	word string
	n    int
}

func readCounts(t *testing.T, name string) []wordCount {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []wordCount
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		s := sc.Text()
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		w, n, ok := strings.Cut(s, "\t")
		k, err := strconv.Atoi(n)
		if !ok || err != nil {
			t.Fatalf("%s:%d: want word<TAB>count", name, line)
		}
		out = append(out, wordCount{w, k})
	}
	return out
}
