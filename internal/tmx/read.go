package tmx

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/healthloc/healthloc/internal/catxml"
)

// Memory is a TMX file read: its header and its translation units.
type Memory struct {
	// Tool is the creation tool and its version; Date the creation date
	// (RFC 3339 when the header's is well formed); SourceLang the
	// header's srclang ("*all*" or "" when any).
	Tool, Date, SourceLang string
	Units                  []TU
}

// TU is one translation unit: the same text in several languages.
type TU struct {
	ID   string
	Line int
	Vars []TUV
}

// TUV is a unit's text in one language. Its inline codes (<bpt>, <ept>,
// <ph>, <it>) are "<n/>" placeholders numbered in order of appearance;
// Codes[n-1] is the native code they hold (maybe "") and Keys[n-1] what
// ties a code to the same code in the unit's other languages.
type TUV struct {
	Lang  string
	Text  string
	Codes []string
	Keys  []string
	// Pairs are the placeholders that open and close one span (a <bpt>
	// and its <ept>).
	Pairs [][2]int
	// Problem says why the text cannot be used ("" when it can): a
	// sub-flow inside a code, an unknown code.
	Problem string
}

// Parse reads a TMX file (1.4, and the 1.1 and 1.2 that tools still
// write). A malformed file is an error naming path and line.
func Parse(path string, data []byte) (*Memory, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	m, err := parse(d)
	if err != nil {
		return nil, catxml.Error(path, d, err)
	}
	return m, nil
}

func parse(d *xml.Decoder) (*Memory, error) {
	m := &Memory{}
	var root bool
	for {
		tok, err := d.Token()
		if err == io.EOF {
			if !root {
				return nil, errors.New("no <tmx> element")
			}
			return m, nil
		}
		if err != nil {
			return nil, err
		}
		e, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch e.Name.Local {
		case "tmx":
			root = true
		case "header":
			if !root {
				return nil, errors.New("<header> outside <tmx>")
			}
			m.Tool = strings.TrimSpace(catxml.AttrOf(e, "creationtool") + " " + catxml.AttrOf(e, "creationtoolversion"))
			m.Date = date(catxml.AttrOf(e, "creationdate"))
			m.SourceLang = catxml.AttrOf(e, "srclang")
			if err := d.Skip(); err != nil {
				return nil, err
			}
		case "body":
			if !root {
				return nil, errors.New("<body> outside <tmx>")
			}
		case "tu":
			line, _ := d.InputPos()
			tu := TU{ID: catxml.AttrOf(e, "tuid"), Line: line}
			if err := readTU(d, &tu); err != nil {
				return nil, err
			}
			m.Units = append(m.Units, tu)
		default:
			if !root {
				return nil, fmt.Errorf("root element is <%s>, not <tmx>", e.Name.Local)
			}
		}
	}
}

// date is a TMX date (20190304T101500Z) in RFC 3339, or as written when
// it is not one.
func date(s string) string {
	if t, err := time.Parse("20060102T150405Z", s); err == nil {
		return t.UTC().Format(time.RFC3339)
	}
	return s
}

func readTU(d *xml.Decoder, tu *TU) error {
	return catxml.Children(d, func(t xml.StartElement) error {
		if t.Name.Local != "tuv" {
			return d.Skip()
		}
		// xml:lang (1.4), lang (1.1)
		v := TUV{Lang: catxml.AttrOf(t, "lang")}
		if err := readTUV(d, &v); err != nil {
			return err
		}
		tu.Vars = append(tu.Vars, v)
		return nil
	}, nil)
}

func readTUV(d *xml.Decoder, v *TUV) error {
	seg := false
	return catxml.Children(d, func(t xml.StartElement) error {
		if t.Name.Local != "seg" || seg {
			return d.Skip() // a <tuv> has one <seg>
		}
		seg = true
		return readSeg(d, v)
	}, nil)
}

// readSeg reads a <seg>: text, and inline codes as placeholders.
func readSeg(d *xml.Decoder, v *TUV) error {
	var b strings.Builder
	open := map[string]int{} // a <bpt>'s i → its placeholder
	text := func(c xml.CharData) { b.Write(c) }
	var inline func(t xml.StartElement) error
	inline = func(t xml.StartElement) error {
		switch name := t.Name.Local; name {
		case "bpt", "ept", "ph", "it":
			native, sub, err := catxml.Native(d)
			if err != nil {
				return err
			}
			if sub {
				v.problem(fmt.Sprintf("<%s> holds a <sub> text that is translated on its own", name))
			}
			fmt.Fprintf(&b, "<%d/>", v.addCode(t, native, open))
		case "ut":
			if err := d.Skip(); err != nil {
				return err
			}
			v.problem("<ut> is an unknown code (deprecated in TMX 1.4)")
		default: // hi, and anything else: keep its text
			return catxml.Children(d, inline, text)
		}
		return nil
	}
	if err := catxml.Children(d, inline, text); err != nil {
		return err
	}
	v.Text = b.String()
	return nil
}

// problem sets v.Problem unless it has one.
func (v *TUV) problem(s string) {
	if v.Problem == "" {
		v.Problem = s
	}
}

// addCode adds the code of inline element t, holding native, and
// returns its placeholder number. open maps a <bpt>'s i to its
// placeholder until its <ept>.
func (v *TUV) addCode(t xml.StartElement, native string, open map[string]int) int {
	name := t.Name.Local
	n := len(v.Codes) + 1
	var key string
	switch name {
	case "bpt":
		key = "bpt:" + keyOf(t, "i")
		open[catxml.AttrOf(t, "i")] = n
	case "ept":
		i := catxml.AttrOf(t, "i")
		// an <ept> without its <bpt>, or the reverse, is half
		// a pair: the unit's other texts tell whether it lost
		// its partner
		b, ok := open[i]
		if ok {
			v.Pairs = append(v.Pairs, [2]int{b, n})
			delete(open, i)
		}
		key = "ept:" + i
		if ok && strings.HasPrefix(v.Keys[b-1], "x:") {
			key = v.Keys[b-1] + ":end"
		}
	default:
		key = name + ":" + keyOf(t, "x")
	}
	if x := catxml.AttrOf(t, "x"); x != "" && name != "ept" {
		key = "x:" + x
	}
	v.Codes = append(v.Codes, native)
	v.Keys = append(v.Keys, key)
	return n
}

// keyOf is an attribute's value, or "?" when there is none: such codes
// are tied to the other languages' by their native code.
func keyOf(e xml.StartElement, name string) string {
	if v := catxml.AttrOf(e, name); v != "" {
		return v
	}
	return "?"
}
