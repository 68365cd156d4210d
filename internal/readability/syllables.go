package readability

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/healthloc/healthloc/internal/readability/hyph"
)

// syllables counts the syllables of word from the hyphenation patterns
// of lang, applied with at most one letter's margin at each end. Breaks
// are not syllables in three cases, which the edge rules below handle:
//   - patterns made for a left or right minimum of 2 or 3 letters split
//     off lone consonants at the edges ("salu-d"); a piece with no vowel
//     letter joins its neighbour;
//   - typography forbids breaking between two vowels, so the Spanish,
//     Portuguese and Italian patterns never split a hiatus (dí-a, le-er);
//     the hiatus rule of the language splits it;
//   - French patterns never split off a final mute syllable (ta-ble),
//     which written syllabification counts;
//   - English patterns miss breaks next to the word's ends, where they
//     were never trained (a-bout, i-de-a).
//
// A word with no letters (a number) counts one syllable.
func syllables(p hyph.Set, lang, word string) int {
	w := []rune(strings.ToLower(norm.NFC.String(word)))
	if !hasVowel(w) {
		return 1
	}
	pieces := split(w, p.Points(string(w)))
	switch lang {
	case "es", "pt", "it":
		pieces = splitHiatus(leadingVowel(pieces, lang), lang)
	case "fr":
		pieces = frenchPrefix(leadingVowel(pieces, lang))
		pieces = muteEnding(pieces)
	case "en":
		pieces = englishEnd(openSyllables(leadingVowel(pieces, lang), w))
	}
	return len(pieces)
}

// split cuts w at points and joins every piece without a vowel to its
// neighbour: the one before, or the next for the first.
func split(w []rune, points []int) [][]rune {
	var pieces [][]rune
	last := 0
	for _, pt := range append(points, len(w)) {
		pieces = append(pieces, w[last:pt])
		last = pt
	}
	out := pieces[:0:0]
	for _, pc := range pieces {
		if len(out) > 0 && !nucleus(pc) {
			out[len(out)-1] = append(append([]rune(nil), out[len(out)-1]...), pc...)
			continue
		}
		if len(out) == 1 && !hasVowel(out[0]) {
			out[0] = append(append([]rune(nil), out[0]...), pc...)
			continue
		}
		out = append(out, pc)
	}
	return out
}

// vowelOf is the base vowel of r ('a' for 'á'), or 0 for a consonant.
func vowelOf(r rune) rune {
	r = unicode.ToLower(r)
	switch r {
	case 'æ', 'œ':
		return 'e'
	}
	if r >= 0x400 && r <= 0x4FF {
		if strings.ContainsRune("аеёиоуыэюяіїєў", r) {
			return r
		}
		return 0
	}
	d := norm.NFD.String(string(r))
	b := []rune(d)[0]
	if strings.ContainsRune("aeiouy", b) {
		return b
	}
	return 0
}

// nucleus reports whether a piece can be a syllable: it has a vowel,
// and is not a lone y (Spanish muy, hoy, where y closes a diphthong).
func nucleus(pc []rune) bool {
	return hasVowel(pc) && string(pc) != "y"
}

func hasVowel(w []rune) bool {
	for _, r := range w {
		if vowelOf(r) != 0 {
			return true
		}
	}
	return false
}
