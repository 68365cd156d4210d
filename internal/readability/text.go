// Package readability measures how easy text is to read, in the
// source and in every translation: the readability formulas published
// for each language (Flesch and its adaptations, SMOG, the Wiener
// Sachtextformel, Gulpease, OSMAN), sentence and word statistics for
// the others, long sentences, and a plain-language glossary of medical
// words that need explaining. Syllables come from hyphenation patterns
// (package hyph); sentences and words from Unicode's UAX #29.
package readability

import (
	"strings"
	"unicode"

	"github.com/clipperhouse/uax29/v2/sentences"
	"github.com/clipperhouse/uax29/v2/words"
	"golang.org/x/text/unicode/norm"
)

// Counts are what the formulas are computed from.
type Counts struct {
	Sentences int `json:"sentences"`
	// Words are words, or characters in scripts written without spaces
	// (Han, Kana, Thai and the like), where Units says "characters".
	Words     int `json:"words"`
	Syllables int `json:"syllables,omitempty"`
	// Letters are the letters of the words (digits excluded).
	Letters int `json:"letters"`
	// Poly are words of three syllables or more; Mono of one.
	Poly int `json:"polysyllables,omitempty"`
	Mono int `json:"monosyllables,omitempty"`
	// Long are words of more than six letters (Wiener Sachtextformel).
	Long int `json:"long_words,omitempty"`
	// OSMAN's counts: words of more than five syllables, of more than
	// five letters, and hard words with a Faseeh sign.
	Hard   int `json:"-"`
	Long5  int `json:"-"`
	Faseeh int `json:"-"`
}

func (c *Counts) add(o Counts) {
	c.Sentences += o.Sentences
	c.Words += o.Words
	c.Syllables += o.Syllables
	c.Letters += o.Letters
	c.Poly += o.Poly
	c.Mono += o.Mono
	c.Long += o.Long
	c.Hard += o.Hard
	c.Long5 += o.Long5
	c.Faseeh += o.Faseeh
}

// Sentence is one sentence of a text, with where it came from.
type Sentence struct {
	Text string `json:"text"`
	// Block is the index of the block (segment) it belongs to.
	Block  int    `json:"-"`
	Counts Counts `json:"-"`
	// Length is the sentence's length in its script's units (words or
	// characters).
	Length int `json:"length"`
}

// sentencesOf splits a block of plain text into sentences (UAX #29)
// and counts each.
func (l *Lang) sentencesOf(text string, block int) []Sentence {
	var out []Sentence
	it := sentences.FromString(text)
	for it.Next() {
		s := strings.Join(strings.Fields(it.Value()), " ")
		if s == "" {
			continue
		}
		c := l.count(s)
		if c.Words == 0 {
			// A sentence of signs only (a lone bullet, an ellipsis)
			// joins the one before, if any.
			continue
		}
		c.Sentences = 1
		out = append(out, Sentence{Text: s, Block: block, Counts: c, Length: c.Words})
	}
	return out
}

// count counts the words (or characters) of one sentence.
func (l *Lang) count(s string) Counts {
	var c Counts
	if l.Chars {
		for _, r := range s {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				c.Words++
				c.Letters++
			}
		}
		return c
	}
	for _, w := range wordsOf(s) {
		l.countWord(&c, w)
	}
	return c
}

// wordsOf lists the words of s (UAX #29): runs holding a letter or a
// digit. Words joined by a hyphen count as one, as Flesch counted them
// ("well-known").
func wordsOf(s string) []string {
	var out []string
	joined := false
	it := words.FromString(s)
	for it.Next() {
		tok := it.Value()
		switch {
		case isWord(tok):
			if joined && len(out) > 0 {
				out[len(out)-1] += "-" + tok
			} else {
				out = append(out, tok)
			}
			joined = false
		case (tok == "-" || tok == "‐" || tok == "‑") && len(out) > 0 && !joined:
			joined = true
		default:
			joined = false
		}
	}
	return out
}

func isWord(tok string) bool {
	for _, r := range tok {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// countWord adds one word: its syllables (each part of a hyphenated
// word on its own) and letters.
func (l *Lang) countWord(c *Counts, w string) {
	c.Words++
	letters := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	c.Letters += letters
	if letters > 6 {
		c.Long++
	}
	if l.Base == "ar" {
		l.countArabic(c, w)
		return
	}
	if !l.Syllables {
		return
	}
	n := 0
	for _, part := range strings.Split(w, "-") {
		if part != "" {
			n += cachedSyllables(l.cache, l.hyph, l.Base, part)
		}
	}
	c.Syllables += n
	switch {
	case n >= 3:
		c.Poly++
	case n == 1:
		c.Mono++
	}
}

// letterCount is the number of letters in s, marks left out.
func letterCount(s string) int {
	n := 0
	for _, r := range norm.NFC.String(s) {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}
