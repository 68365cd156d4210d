package content

import (
	"regexp"
	"strings"
)

// escapeBlockStart backslash-escapes the start of a Markdown line (already
// stripped of indentation) when it would open a block of its own instead
// of continuing the paragraph or heading it is written into. first marks
// the first line of the segment, where a few more constructs are
// possible: an HTML block of type 7, a link reference definition, and a
// task checkbox. A backslash before ASCII punctuation renders as the
// punctuation alone, so the escape never shows.
func escapeBlockStart(l string, first bool) string {
	if l == "" {
		return l
	}
	switch {
	case l[0] == '>',
		isATXStart(l),
		isBulletStart(l),
		isFenceStart(l),
		isRuleLike(l),
		isHTMLBlockStart(l, first),
		first && (linkRefDefRe.MatchString(l) || taskBoxRe.MatchString(l)),
		// After a "* " list marker, "**" completes a thematic break.
		first && strings.Trim(l, "* \t") == "" && strings.Count(l, "*") >= 2:
		return `\` + l
	}
	if i := orderedMarker(l); i > 0 {
		return l[:i] + `\` + l[i:]
	}
	return l
}

// endsMarker reports whether l[i:] is empty or starts with a space or tab,
// which is what must follow a list marker or an ATX "#" run.
func endsMarker(l string, i int) bool {
	return i == len(l) || l[i] == ' ' || l[i] == '\t'
}

func isATXStart(l string) bool {
	n := len(l) - len(strings.TrimLeft(l, "#"))
	return n >= 1 && n <= 6 && endsMarker(l, n)
}

func isBulletStart(l string) bool {
	return strings.ContainsRune("-+*", rune(l[0])) && endsMarker(l, 1)
}

// orderedMarker returns the offset of the "." or ")" of an ordered list
// marker at the start of l, or 0.
func orderedMarker(l string) int {
	n := len(l) - len(strings.TrimLeft(l, "0123456789"))
	if n < 1 || n > 9 || n == len(l) || (l[n] != '.' && l[n] != ')') || !endsMarker(l, n+1) {
		return 0
	}
	return n
}

func isFenceStart(l string) bool {
	if strings.HasPrefix(l, "~~~") {
		return true
	}
	// A backtick run followed by another backtick on the line is a code
	// span, not a fence.
	return strings.HasPrefix(l, "```") && !strings.Contains(strings.TrimLeft(l, "`"), "`")
}

// isRuleLike reports a line that could be a setext underline ("===",
// "---"), a thematic break ("***", "_ _ _") or a GFM table delimiter row
// ("|---|:-:"): made only of those characters and spaces.
func isRuleLike(l string) bool {
	if strings.Trim(l, "-=_*:| \t") != "" {
		return false
	}
	return strings.ContainsAny(l, "-=") || strings.Count(l, "*") >= 3 || strings.Count(l, "_") >= 3
}

var (
	// HTML blocks of types 1 to 6 (CommonMark 4.6), which can interrupt
	// a paragraph; the tag list is goldmark's.
	htmlBlockRe = regexp.MustCompile(`^(?i:<(?:script|pre|style|textarea)(?:[\s>]|$)|<!--|<\?|<![A-Za-z]|<!\[CDATA\[|</?(?:` +
		`address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|` +
		`fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|` +
		`menuitem|meta|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|` +
		`tr|track|ul)(?:[\s>]|/>|$))`)
	// Type 7: a lone open or closing tag, which starts an HTML block only
	// where a paragraph would start.
	htmlBlock7Re = regexp.MustCompile(`^</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>\s*$`)
	linkRefDefRe = regexp.MustCompile(`^\[[^\]]*\]:`)
	// multiLineRefDefRe is linkRefDefRe over the whole text, where [^\]]
	// also matches line breaks.
	multiLineRefDefRe = regexp.MustCompile(`^ {0,3}\[[^\]]*\]:`)
	taskBoxRe         = regexp.MustCompile(`^\[[ xX]\]`)
	closingRe         = regexp.MustCompile(`(?:^|[ \t])(#+)$`)
)

func isHTMLBlockStart(l string, first bool) bool {
	return htmlBlockRe.MatchString(l) || first && htmlBlock7Re.MatchString(l)
}

// escapeClosingHashes escapes a trailing run of "#" that an ATX heading
// would take as its optional closing sequence and drop.
func escapeClosingHashes(l string) string {
	m := closingRe.FindStringSubmatchIndex(l)
	if m == nil {
		return l
	}
	return l[:m[2]] + `\` + l[m[2]:]
}

// escapeUnescaped puts a backslash before every character of chars in s
// that is not escaped already, and doubles a final odd backslash, which
// would otherwise escape the delimiter that follows the segment ("|" or
// "]").
func escapeUnescaped(s, chars string) string {
	var b strings.Builder
	backslashes := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if backslashes%2 == 0 && strings.IndexByte(chars, c) >= 0 {
			b.WriteByte('\\')
		}
		b.WriteByte(c)
		if c == '\\' {
			backslashes++
		} else {
			backslashes = 0
		}
	}
	if backslashes%2 == 1 {
		b.WriteByte('\\')
	}
	return b.String()
}
