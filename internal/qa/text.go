package qa

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// text is a source or translation prepared for scanning: runes with native
// digits mapped to ASCII, pseudo-locale accents removed, and URLs, code,
// HTML tags and placeholders blanked out, each rune keeping its byte
// offset in the original string.
type text struct {
	s        string
	lang     string
	lg       *lang
	markdown bool
	r        []rune
	f        []rune // r folded for matching names (foldRune)
	off      []int  // off[i] is the byte offset of r[i]; off[len(r)] = len(s)
	dec, grp rune   // the locale's decimal and grouping separators
	spaceGrp bool   // the locale groups thousands with a space
	// nowords: the other side's language has no number-word data, so
	// this side's number words cannot be required
	nowords bool
	ws      []word // words(), once
}

func newText(s, lang string, tag language.Tag, markdown, unaccent bool) *text {
	t := &text{s: s, lang: lang, markdown: markdown, lg: langFor(tag)}
	t.dec, t.grp, t.spaceGrp = t.lg.dec, t.lg.grp, t.lg.spaceGrp
	masked := maskRanges(s, markdown)
	n := utf8.RuneCountInString(s)
	t.r, t.f, t.off = make([]rune, 0, n), make([]rune, 0, n), make([]int, 0, n+1)
	mi := 0
	for i, c := range s {
		for mi < len(masked) && masked[mi].End <= i {
			mi++
		}
		if mi < len(masked) && masked[mi].Start <= i {
			c = ' '
		} else {
			c = foldDigit(foldWide(c))
			if unaccent {
				c = baseRune(c)
			}
		}
		t.r = append(t.r, c)
		t.f = append(t.f, foldRune(c))
		t.off = append(t.off, i)
	}
	t.off = append(t.off, len(s))
	return t
}

// mask blanks the runes inside spans, so that no check reads them.
func (t *text) mask(spans []Span) {
	for i := range t.r {
		for _, sp := range spans {
			if t.off[i] >= sp.Start && t.off[i] < sp.End {
				t.r[i] = ' '
				break
			}
		}
	}
}

// span is the byte range of runes [i, j).
func (t *text) span(i, j int) Span { return Span{t.off[i], t.off[j]} }

// foldDigit maps the decimal digits of every script (Arabic-Indic,
// Persian, Devanagari, Bengali, Thai, Myanmar, full-width…: Unicode's Nd,
// which holds every numbering system of CLDR and x/text) to ASCII.
func foldDigit(c rune) rune {
	if c < 0x80 || !unicode.IsDigit(c) {
		return c
	}
	// Nd digits come in runs of ten, 0 to 9, and every range of the
	// table starts at a zero.
	for _, r := range unicode.Nd.R16 {
		if rune(r.Lo) <= c && c <= rune(r.Hi) {
			return '0' + (c-rune(r.Lo))%10
		}
	}
	for _, r := range unicode.Nd.R32 {
		if rune(r.Lo) <= c && c <= rune(r.Hi) {
			return '0' + (c-rune(r.Lo))%10
		}
	}
	return c
}

// baseRune is c without its accents: á → a. Pseudo-localization only
// uses letters that decompose.
func baseRune(c rune) rune {
	if c < 0x80 {
		return c
	}
	d := norm.NFD.String(string(c))
	for _, b := range d {
		return b
	}
	return c
}

// Unaccent removes the accents a pseudo-locale adds.
func Unaccent(s string) string {
	var b strings.Builder
	for _, c := range s {
		b.WriteRune(baseRune(c))
	}
	return b.String()
}

// separators are the decimal and grouping marks of a locale as CLDR
// writes them, simplified to what shows up in running text.
func separators(lang string, tag language.Tag) (dec, grp rune, spaceGrp bool) {
	switch lang {
	case "en", "zh", "ja", "ko", "he", "th", "hi", "ar", "fa", "ur", "sw":
		// Arabic text written with Western digits uses "." and ",".
		return '.', ',', false
	case "fr", "ru", "uk", "pl", "cs", "sk", "fi", "sv", "nb", "no", "bg", "kk", "be", "hu", "lt", "lv", "et", "uz":
		return ',', ' ', true
	case "es":
		if r, _ := tag.Region(); inAmericasDotDecimal(r.String()) {
			return '.', ',', false
		}
		return ',', '.', false
	}
	return ',', '.', false
}

// inAmericasDotDecimal reports Spanish-speaking regions that write 1.5.
func inAmericasDotDecimal(region string) bool {
	switch region {
	case "MX", "US", "PR", "DO", "GT", "HN", "NI", "PA", "SV", "PE", "419":
		return true
	}
	return false
}

var (
	codeSpanRe    = regexp.MustCompile("`+[^`]+`+")
	linkDestRe    = regexp.MustCompile(`\]\([^)]*\)`)
	autolinkRe    = regexp.MustCompile(`<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*|[^<>\s@]+@[^<>\s@]+)>`)
	bareURLRe     = regexp.MustCompile(`(?i)\b(?:(?:https?|ftp)://|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'"]|\b(?:mailto|tel):[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'"]`)
	emailRe       = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`)
	htmlTagRe     = regexp.MustCompile(`</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--.*?-->`)
	entityRe      = regexp.MustCompile(`&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);`)
	placeholderRe = regexp.MustCompile(`\{\{[^{}]*\}\}|\{[0-9]+\}|\{[A-Za-z_][A-Za-z0-9_]*\}|(?:^|[^0-9%\s])(%(?:\[[0-9]+\])?[-+#0]?[0-9]*(?:\.[0-9]+)?[sdvqfgxXc])\b`)
)

// mayHold tells, from the characters a text holds, which patterns may
// match it at all; most texts hold no URL, code, tag or placeholder, and
// skipping their regular expressions is most of the checks' speed.
type mayHold struct{ code, mdLink, angle, url, email, entity, placeholder bool }

func scanFor(s string) mayHold {
	var h mayHold
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '`':
			h.code = true
		case ']':
			h.mdLink = h.mdLink || i+1 < len(s) && s[i+1] == '('
		case '<':
			h.angle = true
		case ':':
			// "://", "mailto:", "tel:"; a colon in prose is neither
			h.url = h.url || i+2 < len(s) && s[i+1] == '/' && s[i+2] == '/' ||
				i >= 6 && strings.EqualFold(s[i-6:i], "mailto") || i >= 3 && strings.EqualFold(s[i-3:i], "tel")
		case 'w', 'W':
			h.url = h.url || i+3 < len(s) && (s[i+1] == 'w' || s[i+1] == 'W') && (s[i+2] == 'w' || s[i+2] == 'W') && s[i+3] == '.'
		case '@':
			h.email = true
		case '&':
			h.entity = true
		case '{':
			h.placeholder = true
		case '%':
			// a printf verb, not "60%"
			h.placeholder = h.placeholder || i+1 < len(s) && strings.IndexByte("[-+#0123456789.sdvqfgxXc", s[i+1]) >= 0
		}
	}
	return h
}

// maskRanges are the byte ranges whose digits and words are not prose:
// URLs, inline code, HTML tags and entities, placeholders.
func maskRanges(s string, markdown bool) []Span {
	var out []Span
	h := scanFor(s)
	add := func(re *regexp.Regexp) {
		if re == bareURLRe {
			if h.url {
				for _, m := range bareURLs(s) {
					out = append(out, Span{m[0], m[1]})
				}
			}
			return
		}
		switch {
		case re == codeSpanRe && !h.code, re == linkDestRe && !h.mdLink, (re == autolinkRe || re == htmlTagRe) && !h.angle,
			re == bareURLRe && !h.url, re == emailRe && !h.email, re == entityRe && !h.entity, re == placeholderRe && !h.placeholder:
			return
		}
		for _, m := range re.FindAllStringSubmatchIndex(s, -1) {
			a, b := m[0], m[1]
			if len(m) > 2 && m[2] >= 0 {
				a, b = m[2], m[3]
			}
			out = append(out, Span{a, b})
		}
	}
	if markdown {
		add(codeSpanRe)
		add(linkDestRe)
	}
	add(autolinkRe)
	add(bareURLRe)
	add(emailRe)
	add(htmlTagRe)
	add(entityRe)
	add(placeholderRe)
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	var merged []Span
	for _, sp := range out {
		if n := len(merged); n > 0 && sp.Start <= merged[n-1].End {
			if sp.End > merged[n-1].End {
				merged[n-1].End = sp.End
			}
			continue
		}
		merged = append(merged, sp)
	}
	return merged
}

func isSpace(c rune) bool {
	return c == ' ' || c == '\u00a0' || c == '\u202f' || c == '\u2009' || c == '\t' || c == '\n'
}

// isWordRune: letters, the marks that belong to them (Devanagari and
// Thai vowel signs are marks) and the joiners Persian writes inside
// words. It differs from content.IsWordRune on purpose: digits are not
// part of a word here, since the number checks read them on their own,
// and ZWNJ/ZWJ keep a Persian word whole for glossary matching.
func isWordRune(c rune) bool {
	if c < 0x80 {
		return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
	}
	return unicode.IsLetter(c) || unicode.In(c, unicode.Mn, unicode.Mc, unicode.Me) || c == '\u200c' || c == '\u200d'
}

// word is a run of letters in a text, lower-cased.
type word struct {
	w    string
	i, j int // rune range
}

// words splits the prepared text into lower-case letter runs. Apostrophes
// end a word, so "l'eau" is "l" and "eau".
func (t *text) words() []word {
	if t.ws != nil {
		return t.ws
	}
	out := []word{}
	for i := 0; i < len(t.r); {
		if !isWordRune(t.r[i]) {
			i++
			continue
		}
		j := i
		for j < len(t.r) && isWordRune(t.r[j]) {
			j++
		}
		out = append(out, word{w: strings.ToLower(string(t.r[i:j])), i: i, j: j})
		i = j
	}
	t.ws = out
	return out
}
