// Package tmx writes TMX 1.4 translation memories: every translated pair
// of an export, for use by other translation tools.
package tmx

import (
	"bytes"
	"fmt"

	"github.com/healthloc/healthloc/internal/catxml"
	"github.com/healthloc/healthloc/internal/exchange"
	"github.com/healthloc/healthloc/internal/project"
)

// Marshal encodes the translated and reviewed units of f as TMX 1.4, one
// <tu> per message (tuid = message ID) with the document as a property.
// Protected inline markup is <ph x="n"> holding the native code. Missing
// and stale units are left out: a memory must hold only current
// translations.
func Marshal(f *exchange.File) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<tmx version="1.4">` + "\n")
	fmt.Fprintf(&b, "  <header creationtool=\"healthloc\" creationtoolversion=\"1\" segtype=\"paragraph\" o-tmf=\"healthloc\" adminlang=\"en\" srclang=\"%s\" datatype=\"plaintext\"/>\n", catxml.Attr(f.SourceLocale))
	b.WriteString("  <body>\n")
	for _, d := range f.Docs {
		for _, u := range d.Units {
			if u.State < project.Translated || u.Target == "" {
				continue
			}
			fmt.Fprintf(&b, "    <tu tuid=\"%s\">\n", catxml.Attr(u.ID))
			fmt.Fprintf(&b, "      <prop type=\"x-document\">%s</prop>\n", catxml.Text(d.Path))
			fmt.Fprintf(&b, "      <tuv xml:lang=\"%s\"><seg>%s</seg></tuv>\n", catxml.Attr(f.SourceLocale), inline(u.Source, u.Codes))
			fmt.Fprintf(&b, "      <tuv xml:lang=\"%s\"><seg>%s</seg></tuv>\n", catxml.Attr(f.Locale), inline(u.Target, u.Codes))
			b.WriteString("    </tu>\n")
		}
	}
	b.WriteString("  </body>\n</tmx>\n")
	return b.Bytes(), nil
}

// inline writes protected text with <ph> elements holding the codes.
func inline(s string, codes []string) string {
	return catxml.Inline(s, codes, func(n int) string {
		return fmt.Sprintf(`<ph x="%d">%s</ph>`, n, catxml.Text(codes[n-1]))
	})
}
