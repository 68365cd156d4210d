// Package tmx writes TMX 1.4 translation memories: every translated pair
// of an export, for use by other translation tools.
package tmx

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/healthloc/healthloc/internal/exchange"
	"github.com/healthloc/healthloc/internal/project"
)

var tokenRe = regexp.MustCompile(`<([0-9]+)/>`)

// Marshal encodes the translated and reviewed units of f as TMX 1.4, one
// <tu> per message (tuid = message ID) with the document as a property.
// Protected inline markup is <ph x="n"> holding the native code. Missing
// and stale units are left out: a memory must hold only current
// translations.
func Marshal(f *exchange.File) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<tmx version="1.4">` + "\n")
	fmt.Fprintf(&b, "  <header creationtool=\"healthloc\" creationtoolversion=\"1\" segtype=\"paragraph\" o-tmf=\"healthloc\" adminlang=\"en\" srclang=\"%s\" datatype=\"plaintext\"/>\n", attr(f.SourceLocale))
	b.WriteString("  <body>\n")
	for _, d := range f.Docs {
		for _, u := range d.Units {
			if u.State < project.Translated || u.Target == "" {
				continue
			}
			fmt.Fprintf(&b, "    <tu tuid=\"%s\">\n", attr(u.ID))
			fmt.Fprintf(&b, "      <prop type=\"x-document\">%s</prop>\n", text(d.Path))
			fmt.Fprintf(&b, "      <tuv xml:lang=\"%s\"><seg>%s</seg></tuv>\n", attr(f.SourceLocale), inline(u.Source, u.Codes))
			fmt.Fprintf(&b, "      <tuv xml:lang=\"%s\"><seg>%s</seg></tuv>\n", attr(f.Locale), inline(u.Target, u.Codes))
			b.WriteString("    </tu>\n")
		}
	}
	b.WriteString("  </body>\n</tmx>\n")
	return b.Bytes(), nil
}

func inline(s string, codes []string) string {
	if len(codes) == 0 {
		return text(s)
	}
	var b strings.Builder
	pos := 0
	for _, m := range tokenRe.FindAllStringSubmatchIndex(s, -1) {
		n, _ := strconv.Atoi(s[m[2]:m[3]])
		if n < 1 || n > len(codes) {
			continue
		}
		b.WriteString(text(s[pos:m[0]]))
		fmt.Fprintf(&b, `<ph x="%d">%s</ph>`, n, text(codes[n-1]))
		pos = m[1]
	}
	b.WriteString(text(s[pos:]))
	return b.String()
}

func text(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '&':
			b.WriteString("&amp;")
		case r == '\r':
			b.WriteString("&#xD;")
		case r == '\t' || r == '\n':
			b.WriteRune(r)
		case r < 0x20 || r == 0xFFFE || r == 0xFFFF:
			b.WriteRune('\uFFFD')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func attr(s string) string {
	return strings.NewReplacer("\"", "&quot;", "\n", "&#xA;").Replace(text(s))
}
