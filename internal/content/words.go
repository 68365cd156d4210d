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
	s := stripMarkup(text)
	n := 0
	in := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case IsIdeograph(r):
			n++
			in = false
		case IsWordRune(r):
			if !in {
				n++
				in = true
			}
		case in && isJoiner(r):
			next, _ := utf8.DecodeRuneInString(s[i:])
			in = IsWordRune(next) && !IsIdeograph(next)
		default:
			in = false
		}
	}
	return n
}

// IsWordRune reports whether r belongs to a word: a letter, a decimal
// digit or a combining mark. It is the rule words are counted by;
// catalog's similarity tokens and the word diff build on it (see there
// for what each adds).
func IsWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// IsIdeograph reports a Han, Hiragana or Katakana character, which is a
// word on its own: those scripts do not separate words by spaces.
func IsIdeograph(r rune) bool {
	return r >= 0x2E80 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}

func isJoiner(r rune) bool {
	switch r {
	case '\'', '’', '-', '‐', '.', ',':
		return true
	}
	return false
}

// stripMarkup replaces what markupRe matches with a space, by hand: the
// regexp was the slowest part of extraction. markupRe stays the
// specification, and a test holds the two equal.
func stripMarkup(text string) string {
	if !strings.ContainsAny(text, "]<&:.") {
		return text
	}
	var b strings.Builder
	last := 0 // text[last:i] is not yet copied
	prevWord := false
	for i := 0; i < len(text); {
		if n := markupAt(text, i, prevWord); n > 0 {
			b.WriteString(text[last:i])
			b.WriteByte(' ')
			i += n
			last = i
			prevWord = false
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		prevWord = r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)
		i += size
	}
	if last == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}

// markupAt returns the length of the markup starting at text[i], or 0.
// prevWord tells whether a word character precedes i, for the \b of URLs.
func markupAt(text string, i int, prevWord bool) int {
	rest := text[i:]
	switch rest[0] {
	case ']':
		if len(rest) > 1 && rest[1] == '(' {
			if j := strings.IndexByte(rest[2:], ')'); j >= 0 {
				return j + 3
			}
		}
		if len(rest) > 1 && rest[1] == '[' {
			if j := strings.IndexByte(rest[2:], ']'); j >= 0 {
				return j + 3
			}
		}
	case '<':
		if len(rest) < 2 {
			return 0
		}
		c := rest[1]
		if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '/' || c == '!' || c == '?' {
			if j := strings.IndexAny(rest[1:], "<>"); j >= 0 && rest[1+j] == '>' {
				return j + 2
			}
			return 0
		}
		if c >= '0' && c <= '9' {
			j := 1
			for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
				j++
			}
			if j < len(rest) && isSpaceByte(rest[j]) {
				if k := strings.IndexAny(rest[j:], "<>"); k >= 0 && rest[j+k] == '>' {
					return j + k + 1
				}
			}
			if j < len(rest) && rest[j] == '>' {
				return j + 1
			}
			if j+1 < len(rest) && rest[j] == '/' && rest[j+1] == '>' {
				return j + 2
			}
		}
	case '&':
		j := 1
		for j < len(rest) && (isAlnum(rest[j]) || rest[j] == '#') {
			j++
		}
		if j > 1 && j < len(rest) && rest[j] == ';' {
			return j + 1
		}
	}
	if prevWord {
		return 0
	}
	for _, p := range urlPrefixes {
		if len(rest) >= len(p) && strings.EqualFold(rest[:len(p)], p) {
			j := len(p)
			for j < len(rest) {
				// \S: the regexp's spaces are ASCII's five, not \v or
				// Unicode's
				r, size := utf8.DecodeRuneInString(rest[j:])
				if r < utf8.RuneSelf && isSpaceByte(byte(r)) {
					break
				}
				j += size
			}
			if j > len(p) {
				return j
			}
		}
	}
	return 0
}

var urlPrefixes = []string{"https://", "http://", "ftp://", "mailto:", "www."}

func isAlnum(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
}

// isSpaceByte is RE2's \s: tab, newline, form feed, carriage return, space.
func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// PlainText is text with its Markdown and HTML markup left out, as
// readers see it: link destinations, tags, entities and URLs go (as for
// CountWords), and so do emphasis markers, backticks and brackets.
func PlainText(text string) string {
	s := stripMarkup(text)
	return strings.Map(func(r rune) rune {
		switch r {
		case '*', '`', '[', ']':
			return -1
		}
		return r
	}, s)
}
