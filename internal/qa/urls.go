package qa

import "strings"

// bareURLs finds what bareURLRe matches, without the regular expression
// (the scan is most of a check's time on texts with links): a URL that
// starts with http://, https://, ftp:// or www., or a mailto: or tel:
// address, at a word boundary, up to a space, angle or square bracket or
// parenthesis, not ending in punctuation.
func bareURLs(s string) [][]int {
	var out [][]int
	for i := 0; i < len(s); {
		n := urlPrefix(s, i)
		if n == 0 || i > 0 && isASCIIWordByte(s[i-1]) {
			i++
			continue
		}
		j := i + n
		for j < len(s) && !strings.ContainsRune(" \t\n\f\r<>()[]", rune(s[j])) {
			j++
		}
		// the last character may not be punctuation
		e := j
		for e > i+n && strings.ContainsRune(".,;:!?'\"", rune(s[e-1])) {
			e--
		}
		if e == i+n {
			i++
			continue
		}
		out = append(out, []int{i, e})
		i = e
	}
	return out
}

// urlPrefix is the length of a URL scheme or "www." at i, or 0.
func urlPrefix(s string, i int) int {
	var ps []string
	switch s[i] | 0x20 {
	case 'h':
		ps = []string{"http://", "https://"}
	case 'f':
		ps = []string{"ftp://"}
	case 'w':
		ps = []string{"www."}
	case 'm':
		ps = []string{"mailto:"}
	case 't':
		ps = []string{"tel:"}
	default:
		return 0
	}
	for _, p := range ps {
		if len(s)-i >= len(p) && strings.EqualFold(s[i:i+len(p)], p) {
			return len(p)
		}
	}
	return 0
}

func isASCIIWordByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}
