// Package catxml holds what the XML files of the translator hand-off
// (XLIFF and TMX) share: escaping, protected text written with inline
// elements, reading attributes and the native code of an inline element,
// and decoding errors that name the file and line.
package catxml

import (
	"encoding/xml"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// tokenRe is a placeholder of protected text (see exchange.Protect).
var tokenRe = regexp.MustCompile(`<([0-9]+)/>`)

// Text escapes character data. Characters XML 1.0 cannot hold are
// replaced by U+FFFD.
func Text(s string) string {
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

// attrEscaper writes as references what attribute-value normalization
// would otherwise turn into spaces on reading.
var attrEscaper = strings.NewReplacer("\"", "&quot;", "\n", "&#xA;", "\t", "&#x9;")

// Attr escapes an attribute value written in double quotes.
func Attr(s string) string { return attrEscaper.Replace(Text(s)) }

// Inline writes protected text s, where "<n/>" stands for codes[n-1], as
// escaped character data with ph(n) for each placeholder. A placeholder
// without a code stays literal text.
func Inline(s string, codes []string, ph func(n int) string) string {
	if len(codes) == 0 {
		return Text(s)
	}
	var b strings.Builder
	pos := 0
	for _, m := range tokenRe.FindAllStringSubmatchIndex(s, -1) {
		n, _ := strconv.Atoi(s[m[2]:m[3]])
		if n < 1 || n > len(codes) {
			continue
		}
		b.WriteString(Text(s[pos:m[0]]))
		b.WriteString(ph(n))
		pos = m[1]
	}
	b.WriteString(Text(s[pos:]))
	return b.String()
}

// AttrOf is the value of e's attribute name, in any namespace, or "".
func AttrOf(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// Children reads the content of the element whose start tag d just
// read, to its end tag: text gets the character data (nil: dropped) and
// start each child element, which start must read to its own end tag.
func Children(d *xml.Decoder, start func(xml.StartElement) error, text func(xml.CharData)) error {
	for {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.CharData:
			if text != nil {
				text(t)
			}
		case xml.StartElement:
			if err := start(t); err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}

// Native reads the rest of the element whose start tag d just read: its
// own text (the native code of an inline element), without that of its
// children, and whether one of the children is a <sub> (text translated
// on its own).
func Native(d *xml.Decoder) (native string, sub bool, err error) {
	var b strings.Builder
	depth := 0
	for {
		tok, err := d.Token()
		if err != nil {
			return "", false, err
		}
		switch t := tok.(type) {
		case xml.CharData:
			if depth == 0 {
				b.Write(t)
			}
		case xml.StartElement:
			if t.Name.Local == "sub" {
				sub = true
			}
			depth++
		case xml.EndElement:
			if depth == 0 {
				return b.String(), sub, nil
			}
			depth--
		}
	}
}

// Error names path and line in an error of reading path with d: the
// line of an XML syntax error, else the line d stopped at. An error
// that already names path is returned as it is.
func Error(path string, d *xml.Decoder, err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("%s:%d: %s", path, se.Line, se.Msg)
	}
	if strings.HasPrefix(err.Error(), path+":") {
		return err
	}
	line, _ := d.InputPos()
	return fmt.Errorf("%s:%d: %w", path, line, err)
}
