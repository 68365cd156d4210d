package readability

import "strings"

// splitHiatus splits the vowel pairs that Spanish, Portuguese and
// Italian pronounce as two syllables, which typography never hyphenates:
// two strong vowels (a, e, o), or a weak vowel (i, u) with a written
// accent next to any vowel. An h between the vowels changes nothing.
// A "u" after q or g before e or i is silent.
func splitHiatus(pieces [][]rune, lang string) [][]rune {
	var out [][]rune
	for _, pc := range pieces {
		start := 0
		prev := -1 // index of the previous vowel in pc
		for i, r := range pc {
			if vowelOf(r) == 0 {
				if r != 'h' {
					prev = -1
				}
				continue
			}
			if prev >= 0 && hiatus(pc, prev, i) {
				cut := i
				if pc[i-1] == 'h' {
					cut = i - 1
				}
				out = append(out, pc[start:cut])
				start = cut
			}
			prev = i
		}
		out = append(out, pc[start:])
	}
	return out
}

func hiatus(pc []rune, a, b int) bool {
	if silentU(pc, a) || silentU(pc, b) {
		return false
	}
	return strongVowel(pc[a]) && strongVowel(pc[b])
}

// strongVowel: a, e, o, and an accented i or u, which stands alone.
func strongVowel(r rune) bool {
	switch vowelOf(r) {
	case 'a', 'e', 'o':
		return true
	case 'i', 'u':
		return strings.ContainsRune("íìúù", r)
	}
	return false
}

// silentU reports a u that only marks a hard q or g (que, guiso).
func silentU(pc []rune, i int) bool {
	if pc[i] != 'u' || i == 0 || i+1 >= len(pc) {
		return false
	}
	return (pc[i-1] == 'q' || pc[i-1] == 'g') && (vowelOf(pc[i+1]) == 'e' || vowelOf(pc[i+1]) == 'i')
}

// muteEnding makes a final e, es or ent after a consonant a written
// syllable of its own in French (ta-ble, pom-mes, man-gent), which the
// patterns never split off.
func muteEnding(pieces [][]rune) [][]rune {
	last := pieces[len(pieces)-1]
	s := string(last)
	var end int
	switch {
	case strings.HasSuffix(s, "ent"):
		end = 3
	case strings.HasSuffix(s, "es"):
		end = 2
	case strings.HasSuffix(s, "e"):
		end = 1
	default:
		return pieces
	}
	// the consonants before the ending, and a vowel before them
	i := len(last) - end
	j := i
	for j > 0 && (vowelOf(last[j-1]) == 0 || hardU(last, j-1)) && last[j-1] != '\'' {
		j--
	}
	if j == i || j == 0 {
		return pieces // a vowel right before the ending, or no vowel before it in this piece
	}
	// consonant clusters that begin a syllable stay together: ble, tre
	cut := j
	if i-j >= 2 {
		cut = i - onset(last[j:i])
	}
	return append(pieces[:len(pieces)-1:len(pieces)-1], last[:cut], last[cut:])
}

// onset is how many of the consonants cs begin the next syllable: a
// stop or f followed by l or r (ble, tre, phre), a digraph (ch, ph, gn,
// th, qu), else one.
func onset(cs []rune) int {
	n := len(cs)
	last2 := string(cs[n-2:])
	switch last2 {
	case "ch", "ph", "gn", "th", "qu", "gu":
		if n >= 3 && (cs[n-3] != 'n' || last2 == "gn") {
			return 2
		}
		return 2
	}
	if (cs[n-1] == 'l' || cs[n-1] == 'r') && strings.ContainsRune("bcdfgkptv", cs[n-2]) {
		if n >= 3 && (cs[n-3] == 'c' || cs[n-3] == 'p') && cs[n-2] == 'h' {
			return 3
		}
		return 2
	}
	return 1
}

// leadingVowel splits off a lone first vowel before one consonant, or a
// stop and l or r, and a vowel (a-bout, o-ral, é-cole, a-près). Patterns
// made with a left minimum of 2 never break after the first letter, so
// they cannot tell.
func leadingVowel(pieces [][]rune, lang string) [][]rune {
	first := pieces[0]
	if len(first) < 3 || vowelOf(first[0]) == 0 || vowelOf(first[1]) != 0 {
		return pieces
	}
	next := 2
	if vowelOf(first[2]) == 0 && (first[2] == 'l' || first[2] == 'r') && strings.ContainsRune("bcdfgkptv", first[1]) && lang != "en" {
		next = 3
	}
	if next >= len(first) || vowelOf(first[next]) == 0 {
		return pieces
	}
	if first[1] == 'x' && lang == "en" { // ex-am, ex-er: x closes the syllable in English
		return pieces
	}
	return append([][]rune{first[:1], first[1:]}, pieces[1:]...)
}

// englishEnd splits the last two letters, where patterns made with a
// right minimum of 3 never break: a final y after a consonant (diz-zy,
// health-y), a final a or o after another vowel (i-de-a, ar-e-a), and a
// final re after a consonant (li-tre).
func englishEnd(pieces [][]rune) [][]rune {
	last := pieces[len(pieces)-1]
	n := len(last)
	if n < 3 {
		return pieces
	}
	before := pieces[: len(pieces)-1 : len(pieces)-1]
	a, b := last[n-2], last[n-1]
	switch {
	case b == 'y' && vowelOf(a) == 0 && hasVowel(last[:n-2]):
		return append(before, last[:n-2], last[n-2:])
	case (b == 'a' || b == 'o') && vowelOf(a) != 0 && a != 'o' && a != 'u' && hasVowel(last[:n-1]) && vowelOf(last[n-3]) == 0:
		return append(before, last[:n-1], last[n-1:])
	case a == 'r' && b == 'e' && vowelOf(last[n-3]) == 0 && last[n-3] != 'r' && hasVowel(last[:n-3]):
		return append(before, last[:n-3], last[n-3:])
	}
	return pieces
}

// openSyllables splits, inside each piece the patterns left whole, one
// consonant between two vowel groups (fe-ver, me-di-cine). Liang's
// patterns leave such a consonant alone on purpose: they cannot tell
// fev-er from fe-ver, and a wrong break is worse than none. For counting,
// both places give the same number. A final e, es or ed, silent in
// English, is no vowel group here, nor is an e that ends a piece before
// a consonant (life-style, care-ful).
//
// This is a vowel-group rule, not a pattern, narrowed to that one case:
// the patterns place every other break. It is kept because nothing
// pattern-based replaces it: without it the English list agrees at 93.5%
// (187 of 200), under the 95% the issue asks; allowing the split only
// where some pattern gives the position a value (a break proposed, then
// inhibited) changes nothing, as the patterns give nearly every such
// position one (it held back 1 of 96 splits over the 1,885 distinct
// words of the example content and the docs).
func openSyllables(pieces [][]rune, word []rune) [][]rune {
	var out [][]rune
	end := 0
	for k, pc := range pieces {
		end += len(pc)
		atEnd := end == len(word) || k+1 < len(pieces) && vowelOf(pieces[k+1][0]) == 0
		start := 0
		groupEnd := -1 // index after the previous vowel group
		for i := 0; i < len(pc); i++ {
			if vowelOf(pc[i]) == 0 {
				continue
			}
			j := i
			for j < len(pc) && vowelOf(pc[j]) != 0 {
				j++
			}
			silent := atEnd && pc[i] == 'e' && j-i == 1 && (j == len(pc) || j+1 == len(pc) && (pc[j] == 's' || pc[j] == 'd'))
			if groupEnd >= 0 && i-groupEnd == 1 && !silent && pc[groupEnd] != 'x' {
				out = append(out, pc[start:groupEnd])
				start = groupEnd
			}
			groupEnd = j
			i = j - 1
		}
		out = append(out, pc[start:])
	}
	return out
}

// frenchPrefix splits con- and com- before a consonant, which French
// patterns never break, for taste, not for want of a syllable.
func frenchPrefix(pieces [][]rune) [][]rune {
	first := pieces[0]
	s := string(first)
	if len(first) > 4 && (strings.HasPrefix(s, "con") || strings.HasPrefix(s, "com")) && vowelOf(first[3]) == 0 && hasVowel(first[3:]) {
		return append([][]rune{first[:3], first[3:]}, pieces[1:]...)
	}
	return pieces
}

// hardU reports the u of qu and gu before a vowel, which is no vowel.
func hardU(w []rune, i int) bool {
	return w[i] == 'u' && i > 0 && (w[i-1] == 'q' || w[i-1] == 'g') && i+1 < len(w) && vowelOf(w[i+1]) != 0
}
