package catalog

import (
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/healthloc/healthloc/internal/content"
)

// Hash returns the hash goi18n merge stores for a message:
// "sha1-" + hex(sha1(description + other)). A translation whose hash
// differs from its source message's Hash is stale.
func Hash(description, other string) string {
	h := sha1.New()
	h.Write([]byte(description))
	h.Write([]byte(other))
	return "sha1-" + hex.EncodeToString(h.Sum(nil))
}

// Normalize returns text in NFC with every run of white space (as
// unicode.IsSpace, so including no-break spaces) replaced by one space,
// and leading and trailing space removed. Texts that differ only in
// Unicode composition or layout normalize to the same string.
func Normalize(text string) string {
	if isNormal(text) {
		return text
	}
	return strings.Join(strings.Fields(norm.NFC.String(text)), " ")
}

// isNormal reports the common case cheaply: ASCII text, which NFC leaves
// alone, with single spaces between words and none at the ends.
func isNormal(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80:
			return false
		case c == ' ':
			if i == 0 || i == len(s)-1 || s[i+1] == ' ' {
				return false
			}
		case c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r':
			return false
		}
	}
	return true
}

// idHashLen is the number of hex digits of the text hash in a message ID:
// 40 bits, so an accidental collision among even 10,000 segments of one
// document has a probability of about 5e-5, while IDs stay short.
const idHashLen = 10

// MessageID returns the generated ID of a segment: the document slug, a
// dot, and the first 10 hex digits of sha256(Normalize(text)). The ID
// depends only on the slug and the normalized text, so it survives
// reordering and re-wrapping of paragraphs, while any edit to the words
// gives a new ID. Two segments of one document with the same text get the
// same ID and so share one translation.
func MessageID(slug, text string) string {
	sum := sha256.Sum256([]byte(Normalize(text)))
	return slug + "." + hex.EncodeToString(sum[:])[:idHashLen]
}

// FilePath returns the catalog path of a document for a locale:
// root/<locale>/<slug>.<locale>.toml. slug uses "/" as separator.
func FilePath(root, locale, slug string) string {
	return filepath.Join(root, locale, filepath.FromSlash(slug)+"."+locale+".toml")
}

// Similarity returns how alike two texts are, from 0 (nothing in common)
// to 1 (the same words in the same order): 2·LCS / (len(a) + len(b)), where
// LCS is the longest common subsequence of the word tokens of a and b.
//
// Tokens are taken from Normalize'd, lower-cased text: runs of letters,
// marks and digits, so punctuation and case do not count, while numbers
// do ("10 mg" vs "20 mg" differ). Han, Hiragana and Katakana characters
// are one token each, since those scripts do not separate words by
// spaces. Word order matters, which suits edited sentences better than a
// bag of words. Two texts without any tokens are similar (1) only if they
// normalize to the same string.
func Similarity(a, b string) float64 {
	return similarity(a, b, tokens(a), tokens(b))
}

// similarity is Similarity with the tokens of a and b already computed.
func similarity[T comparable](a, b string, ta, tb []T) float64 {
	if len(ta) == 0 || len(tb) == 0 {
		if len(ta) == 0 && len(tb) == 0 && Normalize(a) == Normalize(b) {
			return 1
		}
		return 0
	}
	return 2 * float64(lcs(ta, tb)) / float64(len(ta)+len(tb))
}

// maxSimilarity is an upper bound of Similarity for token counts na, nb,
// used to skip pairs that cannot reach a threshold.
func maxSimilarity(na, nb int) float64 {
	if na == 0 || nb == 0 {
		return 1 // the exact rule for empty texts is cheap; don't prune
	}
	return 2 * float64(min(na, nb)) / float64(na+nb)
}

func tokens(s string) []string { return Tokens(Normalize(s)) }

// Tokens are the word tokens of s that Similarity compares: lower-cased
// runs of word runes (content.IsWordRune) and of other numerals (½, ²,
// which can be part of a dose), and each ideograph on its own. Tokens
// does not normalize s; Similarity takes the tokens of Normalize(s).
func Tokens(s string) []string {
	s = strings.ToLower(s)
	var out []string
	start := -1
	for i, r := range s {
		switch {
		case content.IsIdeograph(r):
			if start >= 0 {
				out = append(out, s[start:i])
				start = -1
			}
			out = append(out, string(r))
		case content.IsWordRune(r) || unicode.IsNumber(r):
			if start < 0 {
				start = i
			}
		default:
			if start >= 0 {
				out = append(out, s[start:i])
				start = -1
			}
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// lcs returns the length of the longest common subsequence of a and b in
// O(len(a)·len(b)) time and O(len(b)) space. Package diff has its own,
// on purpose: a diff needs the whole table to walk back the edits, while
// similarity, run for every pair of a fuzzy search, needs only the length
// and so keeps two rows.
func lcs[T comparable](a, b []T) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			switch {
			case a[i] == b[j]:
				cur[j+1] = prev[j] + 1
			case prev[j+1] >= cur[j]:
				cur[j+1] = prev[j+1]
			default:
				cur[j+1] = cur[j]
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
