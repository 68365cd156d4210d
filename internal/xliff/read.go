package xliff

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/healthloc/healthloc/internal/catxml"
	"github.com/healthloc/healthloc/internal/exchange"
)

var numericRe = regexp.MustCompile(`^[0-9]+$`)

// reader decodes one XLIFF file, 1.x or 2.0.
type reader struct {
	path string
	d    *xml.Decoder
	f    *exchange.File
	v2   bool
	// lenient takes any inline code as a placeholder (ParseMemory).
	lenient bool
	// the current unit's codes: native code by placeholder number, the
	// number of each code's key (lenient), XLIFF 2.0 originalData by id
	codes []string
	keys  map[string]int
	data  map[string]string
}

// Parse reads an XLIFF 1.2 (or 1.1, as translate-toolkit writes) or 2.0
// file. A message's ID is the 1.2 resname, else a healthloc-id note,
// else the 1.2 id (2.0: the unit name, else a healthloc-id note). Placeholders
// <ph id="n">/<x id="n"> become "<n/>"; other inline elements give
// their text. A target state of needs-… (1.2) or initial (2.0) marks the
// unit fuzzy. A malformed file is an error naming path and line.
func Parse(path string, data []byte) (*exchange.File, error) {
	return parse(path, data, false)
}

// ParseMemory reads an XLIFF file of any tool as a translation memory:
// every inline code (ph, x, bpt, ept, it, bx, ex, sc, ec) becomes a
// placeholder "<n/>", numbered in the order the source shows them, the
// target's tied to the source's by id; Unit.Codes holds the native
// codes the file spells out (XLIFF 1.2 element content, XLIFF 2.0
// originalData), "" where it does not. A unit whose target holds a code
// the source lacks gets Unit.Problem.
func ParseMemory(path string, data []byte) (*exchange.File, error) {
	return parse(path, data, true)
}

func parse(path string, data []byte, lenient bool) (*exchange.File, error) {
	r := &reader{path: path, d: xml.NewDecoder(bytes.NewReader(data)), f: &exchange.File{Path: path, TagCodes: true}, lenient: lenient}
	r.d.Strict = true
	if err := r.parse(); err != nil {
		return nil, catxml.Error(path, r.d, err)
	}
	return r.f, nil
}

func (r *reader) errorf(format string, args ...any) error {
	line, _ := r.d.InputPos()
	return fmt.Errorf("%s:%d: %s", r.path, line, fmt.Sprintf(format, args...))
}

func (r *reader) parse() error {
	root, err := r.start()
	if err != nil {
		return err
	}
	if root.Name.Local != "xliff" {
		return r.errorf("root element is <%s>, not <xliff>", root.Name.Local)
	}
	switch v := catxml.AttrOf(root, "version"); {
	case strings.HasPrefix(v, "1."):
	case strings.HasPrefix(v, "2."):
		r.v2 = true
		r.f.SourceLocale, r.f.Locale = catxml.AttrOf(root, "srcLang"), catxml.AttrOf(root, "trgLang")
	default:
		return r.errorf("unsupported XLIFF version %q", v)
	}
	return r.children(func(e xml.StartElement) error {
		if e.Name.Local != "file" {
			return r.d.Skip()
		}
		return r.file(e)
	})
}

// start returns the next start element, skipping the prolog.
func (r *reader) start() (xml.StartElement, error) {
	for {
		tok, err := r.d.Token()
		if err == io.EOF {
			return xml.StartElement{}, fmt.Errorf("%s: no <xliff> element", r.path)
		}
		if err != nil {
			return xml.StartElement{}, err
		}
		if e, ok := tok.(xml.StartElement); ok {
			return e, nil
		}
	}
}

// children calls fn for each child element until the parent's end tag.
// fn must consume the child, including its end tag.
func (r *reader) children(fn func(xml.StartElement) error) error {
	return r.eof(catxml.Children(r.d, fn, nil))
}

// eof names the file and line of an unexpected end of file.
func (r *reader) eof(err error) error {
	if err == io.EOF {
		return r.errorf("unexpected end of file")
	}
	return err
}

func (r *reader) file(e xml.StartElement) error {
	if !r.v2 {
		if tool := catxml.AttrOf(e, "tool-id"); tool != "" && r.f.Tool == "" {
			r.f.Tool = tool
		}
		if date := catxml.AttrOf(e, "date"); date != "" && r.f.Date == "" {
			r.f.Date = date
		}
		if tl := catxml.AttrOf(e, "target-language"); tl != "" {
			r.f.Locale = tl
		}
		if sl := catxml.AttrOf(e, "source-language"); sl != "" && r.f.SourceLocale == "" {
			r.f.SourceLocale = sl
		}
	}
	doc := exchange.Doc{Path: catxml.AttrOf(e, "original")}
	var walk func(xml.StartElement) error
	walk = func(c xml.StartElement) error {
		switch c.Name.Local {
		case "trans-unit":
			if catxml.AttrOf(c, "restype") == "x-gettext-domain-header" {
				return r.d.Skip()
			}
			u, err := r.transUnit(c)
			if err != nil {
				return err
			}
			doc.Units = append(doc.Units, u)
			return nil
		case "unit":
			u, err := r.unit(c)
			if err != nil {
				return err
			}
			doc.Units = append(doc.Units, u)
			return nil
		case "body", "group", "header", "notes":
			return r.children(walk)
		case "tool":
			if r.f.Tool == "" {
				r.f.Tool = strings.TrimSpace(catxml.AttrOf(c, "tool-name") + " " + catxml.AttrOf(c, "tool-version"))
			}
			return r.d.Skip()
		case "note":
			// a note of the file itself (1.2 header, 2.0 notes)
			s, err := r.inline()
			for _, l := range strings.Split(s, "\n") {
				if v, ok := strings.CutPrefix(strings.TrimSpace(l), strings.TrimSpace(exchange.MetaReviewer)); ok && strings.TrimSpace(v) != "" {
					r.f.Reviewer = strings.TrimSpace(v)
				}
			}
			return err
		}
		return r.d.Skip()
	}
	if err := r.children(walk); err != nil {
		return err
	}
	r.f.Docs = append(r.f.Docs, doc)
	return nil
}

// meta applies the bookkeeping lines of a note to u.
func meta(u *exchange.Unit, note string) {
	for _, l := range strings.Split(note, "\n") {
		u.ReadMeta(strings.TrimSpace(l))
	}
}

func (r *reader) transUnit(e xml.StartElement) (exchange.Unit, error) {
	line, _ := r.d.InputPos()
	u := exchange.Unit{ID: catxml.AttrOf(e, "resname"), Line: line}
	r.startUnit()
	err := r.children(func(c xml.StartElement) error {
		switch c.Name.Local {
		case "source":
			s, err := r.inline()
			u.Source = s
			return err
		case "target":
			st := catxml.AttrOf(c, "state")
			u.FileState = st
			if strings.HasPrefix(st, "needs-") || st == "new" {
				u.Fuzzy = true
			}
			s, err := r.inline()
			u.Target = s
			return err
		case "note":
			s, err := r.inline()
			meta(&u, s)
			return err
		}
		return r.d.Skip()
	})
	if u.ID == "" {
		u.ID = catxml.AttrOf(e, "id")
	}
	u.Codes = r.codes
	return u, err
}

func (r *reader) unit(e xml.StartElement) (exchange.Unit, error) {
	line, _ := r.d.InputPos()
	u := exchange.Unit{ID: catxml.AttrOf(e, "name"), Line: line}
	r.startUnit()
	var walk func(xml.StartElement) error
	walk = func(c xml.StartElement) error {
		switch c.Name.Local {
		case "notes", "originalData":
			return r.children(walk)
		case "data":
			s, err := r.inline()
			r.data[catxml.AttrOf(c, "id")] = s
			return err
		case "note":
			s, err := r.inline()
			meta(&u, s)
			return err
		case "segment", "ignorable":
			if c.Name.Local == "segment" {
				u.FileState = catxml.AttrOf(c, "state")
				if u.FileState == "" || u.FileState == "initial" {
					u.Fuzzy, u.FileState = true, "initial"
				}
			}
			return r.children(walk)
		case "source":
			s, err := r.inline()
			u.Source += s
			return err
		case "target":
			s, err := r.inline()
			u.Target += s
			return err
		}
		return r.d.Skip()
	}
	err := r.children(walk)
	u.Codes = r.codes
	return u, err
}

// inline reads the content of the current element as protected text.
func (r *reader) inline() (string, error) {
	var b strings.Builder
	text := func(c xml.CharData) { b.Write(c) }
	var code func(t xml.StartElement) error
	code = func(t xml.StartElement) error {
		switch name := t.Name.Local; name {
		case "ph", "x":
			if r.lenient {
				return r.code(&b, t)
			}
			id := catxml.AttrOf(t, "id")
			if !numericRe.MatchString(id) {
				return r.errorf("inline <%s id=%q> is not a healthloc placeholder", t.Name.Local, id)
			}
			fmt.Fprintf(&b, "<%s/>", id)
			native, err := r.native(t)
			if err != nil {
				return err
			}
			r.setCode(id, native)
		case "bpt", "ept", "it", "bx", "ex", "sc", "ec":
			if r.lenient {
				return r.code(&b, t)
			}
			return r.d.Skip()
		default: // g, pc, mrk, sub: keep their text
			return r.eof(catxml.Children(r.d, code, text))
		}
		return nil
	}
	err := r.eof(catxml.Children(r.d, code, text))
	return b.String(), err
}

func (r *reader) startUnit() {
	r.codes, r.keys, r.data = nil, map[string]int{}, map[string]string{}
}

// native is the native code an inline element holds: its text (XLIFF
// 1.2), or the originalData its dataRef names (2.0). It consumes the
// element.
func (r *reader) native(t xml.StartElement) (string, error) {
	if ref := catxml.AttrOf(t, "dataRef"); ref != "" {
		return r.data[ref], r.d.Skip()
	}
	native, _, err := catxml.Native(r.d)
	return native, err
}

// setCode records the native code of placeholder id (a number).
func (r *reader) setCode(id, native string) {
	n, err := strconv.Atoi(id)
	if err != nil || n < 1 || n > 10000 {
		return
	}
	for len(r.codes) < n {
		r.codes = append(r.codes, "")
	}
	if r.codes[n-1] == "" {
		r.codes[n-1] = native
	}
}

// codeKey ties an inline element to the same code in the other text of
// the unit, and an end to its start: bpt/ept by id (1.2), sc/ec by
// startRef (2.0), bx/ex by rid.
func codeKey(t xml.StartElement) string {
	id := catxml.AttrOf(t, "id")
	switch t.Name.Local {
	case "bpt":
		return "bpt/" + id + "/start"
	case "ept":
		return "bpt/" + id + "/end"
	case "ec":
		if ref := catxml.AttrOf(t, "startRef"); ref != "" {
			return "sc/" + ref + "/end"
		}
	case "ex":
		if rid := catxml.AttrOf(t, "rid"); rid != "" {
			return "bx/" + rid + "/end"
		}
	}
	return t.Name.Local + "/" + id
}

// code writes a lenient inline code as a placeholder: the next number
// for a code the unit has not shown yet.
func (r *reader) code(b *strings.Builder, t xml.StartElement) error {
	k := codeKey(t)
	native, err := r.native(t)
	if err != nil {
		return err
	}
	n, ok := r.keys[k]
	if !ok {
		n = len(r.keys) + 1
		r.keys[k] = n
	}
	r.setCode(strconv.Itoa(n), native)
	fmt.Fprintf(b, "<%d/>", n)
	return nil
}
