// Package pseudo is healthloc's built-in pseudo-locale, en-XA as Android
// names it (qps-ploc is accepted as an alias). Every segment is rendered
// accented, about 35% longer and wrapped in brackets, so that layouts,
// truncation and fallbacks can be tested before real translations exist.
// Numbers, URLs, inline code, placeholders and markup stay intact.
package pseudo

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/project"
)

// Tag is the pseudo-locale.
var Tag = language.MustParse("en-XA")

// Alias is the Windows name of the pseudo-locale, accepted by --locale.
const Alias = "qps-ploc"

// Is reports whether t is the pseudo-locale.
func Is(t language.Tag) bool { return t == Tag }

// accents maps each ASCII letter to an accented letter that decomposes
// back to it under NFD, so checks can read the text as the source.
var accents = map[rune]rune{
	'a': 'á', 'b': 'ḃ', 'c': 'ç', 'd': 'ḋ', 'e': 'é', 'f': 'ḟ', 'g': 'ĝ', 'h': 'ĥ', 'i': 'í', 'j': 'ĵ',
	'k': 'ḱ', 'l': 'ĺ', 'm': 'ḿ', 'n': 'ñ', 'o': 'ö', 'p': 'ṕ', 'q': 'q', 'r': 'ŕ', 's': 'š', 't': 'ţ',
	'u': 'ü', 'v': 'ṽ', 'w': 'ŵ', 'x': 'ẋ', 'y': 'ý', 'z': 'ž',
	'A': 'Á', 'B': 'Ḃ', 'C': 'Ç', 'D': 'Ḋ', 'E': 'É', 'F': 'Ḟ', 'G': 'Ĝ', 'H': 'Ĥ', 'I': 'Í', 'J': 'Ĵ',
	'K': 'Ḱ', 'L': 'Ĺ', 'M': 'Ḿ', 'N': 'Ñ', 'O': 'Ö', 'P': 'Ṕ', 'Q': 'Q', 'R': 'Ŕ', 'S': 'Š', 'T': 'Ţ',
	'U': 'Ü', 'V': 'Ṽ', 'W': 'Ŵ', 'X': 'Ẋ', 'Y': 'Ý', 'Z': 'Ž',
}

// protected are the parts copied as they are: inline code, link and image
// destinations, autolinks, URLs, e-mail addresses, HTML tags and entities,
// placeholders and backslash escapes.
var protected = regexp.MustCompile("`+[^`]+`+" +
	`|\]\([^)]*\)` +
	`|<[^<>\s]+>` +
	`|</?[0-9]{1,4}(?:\s+[A-Za-z][A-Za-z-]*\s*=\s*"[^"<>]*")*\s*/?>` + // numbered tags of HTML segments
	`|<[A-Za-z/!?][^<>]*>` +
	`|(?i:https?://|www\.|mailto:|tel:)[^\s<>()\[\]]+` +
	`|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}` +
	`|&#?[A-Za-z0-9]+;` +
	`|\{\{[^{}]*\}\}|\{[A-Za-z0-9_]+\}|%[-+#0]?[0-9]*(?:\.[0-9]+)?[sdvqfgxXc]` +
	`|\\.`)

// padding lengthens text by about 35% with a character that is neither a
// letter nor a digit nor Markdown syntax.
const padding = '·'

// Localize pseudo-localizes one segment's text.
func Localize(s string) string {
	if strings.TrimSpace(s) == "" {
		return s
	}
	var b strings.Builder
	b.WriteString("[")
	pos := 0
	for _, m := range protected.FindAllStringIndex(s, -1) {
		accent(&b, s[pos:m[0]])
		b.WriteString(s[m[0]:m[1]])
		pos = m[1]
	}
	accent(&b, s[pos:])
	n := (utf8.RuneCountInString(s)*35 + 99) / 100
	if n > 0 {
		b.WriteByte(' ')
		b.WriteString(strings.Repeat(string(padding), n))
	}
	b.WriteString("]")
	return b.String()
}

func accent(b *strings.Builder, s string) {
	for _, c := range s {
		if a, ok := accents[c]; ok {
			c = a
		}
		b.WriteRune(c)
	}
}

// Catalogs are the pseudo-locale's catalogs for every document, each
// message marked as made from the current source, so that the project
// reads them as translated.
func Catalogs(p *project.Project) map[string]*catalog.Catalog {
	out := map[string]*catalog.Catalog{}
	for _, d := range p.Docs {
		c := &catalog.Catalog{Locale: Tag.String(), Messages: map[string]catalog.Message{}}
		for id, m := range d.Source.Messages {
			m.Other = Localize(m.Other)
			c.Messages[id] = m
		}
		out[d.Slug] = c
	}
	return out
}

// Install adds the pseudo-locale's catalogs to a loaded project.
func Install(p *project.Project) {
	p.Catalogs[Tag.String()] = Catalogs(p)
}
