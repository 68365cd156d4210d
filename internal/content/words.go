package content

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// markupRe matches Markdown and HTML that carries no words: link and image
// destinations "](url)", reference labels "][ref]", HTML tags and
// autolinks, the numbered tags of HTML segments, entities, and bare URLs.
var markupRe = regexp.MustCompile(`\]\([^)]*\)|\]\[[^\]]*\]|<[A-Za-z/!?][^<>]*>|<[0-9]+(?:\s[^<>]*)?/?>|&[A-Za-z0-9#]+;|(?i:\b(?:https?://|ftp://|mailto:|www\.)\S+)`)

// CountWords counts the words of text with Markdown markup left out.
//
// A word is a run of letters, digits and combining marks; an apostrophe,
// hyphen, period or comma between two such characters does not end it, so
// "don't", "well-known" and "2.5" are one word each. Emphasis markers,
// backticks and brackets are not letters and so never count; link and
// image destinations, HTML tags and bare URLs are removed first, while link
// text and alt text count. Han, Hiragana and Katakana characters count one
// word each, as translation vendors count them; other scripts written
// without spaces (Thai, for example) count one word per run, which
// undercounts but is stable.
func CountWords(text string) int {
	s := text
	// the regexp is the slow part; most segments have nothing it removes
	if strings.ContainsAny(s, "]<&:") || strings.Contains(strings.ToLower(s), "www.") {
		s = markupRe.ReplaceAllString(text, " ")
	}
	n := 0
	in := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana):
			n++
			in = false
		case isWordRune(r):
			if !in {
				n++
				in = true
			}
		case in && isJoiner(r):
			next, _ := utf8.DecodeRuneInString(s[i:])
			in = isWordRune(next) && !unicode.In(next, unicode.Han, unicode.Hiragana, unicode.Katakana)
		default:
			in = false
		}
	}
	return n
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func isJoiner(r rune) bool {
	switch r {
	case '\'', '’', '-', '‐', '.', ',':
		return true
	}
	return false
}
