package po

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/healthloc/healthloc/internal/exchange"
)

// entry is a PO entry being read.
type entry struct {
	line                   int
	ctx, id, str           *string
	plural                 bool
	extracted, refs, flags []string
	hasCtx, hasID, hasStr  bool
}

// parser reads one PO file, line by line.
type parser struct {
	path string
	f    *exchange.File
	cur  *entry
	last *string // the string continuation lines extend
}

// Parse reads a PO file. Entries become units: the ID is msgctxt, else
// the healthloc-id comment, else left to the importer to find among
// the references (xliff2po writes the unit ID there). A malformed file is
// an error naming path and line.
func Parse(path string, data []byte) (*exchange.File, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if !utf8.Valid(data) {
		return nil, fmt.Errorf("%s: not UTF-8; convert it with msgconv --to-code=UTF-8", path)
	}
	p := &parser{path: path, f: &exchange.File{Path: path}}
	for i, raw := range strings.Split(string(data), "\n") {
		if err := p.line(i+1, strings.TrimSpace(strings.TrimSuffix(raw, "\r"))); err != nil {
			return nil, err
		}
	}
	if err := p.finish(); err != nil {
		return nil, err
	}
	return p.f, nil
}

// errorf is an error at a line of the file; format may wrap with %w.
func (p *parser) errorf(line int, format string, args ...any) error {
	return fmt.Errorf("%s:%d: "+format, append([]any{p.path, line}, args...)...)
}

// line reads line n, l (trimmed).
func (p *parser) line(n int, l string) error {
	switch {
	case l == "":
		return p.finish()
	case strings.HasPrefix(l, "#~"):
		return nil // obsolete entry
	case strings.HasPrefix(l, "#"):
		return p.comment(n, l[1:])
	case strings.HasPrefix(l, `"`):
		if p.last == nil {
			return p.errorf(n, "string outside of an entry")
		}
		s, err := unquote(l)
		if err != nil {
			return p.errorf(n, "%w", err)
		}
		*p.last += s
		return nil
	}
	return p.keyword(n, l)
}

// start begins an entry at line n unless one is open.
func (p *parser) start(n int) {
	if p.cur == nil {
		p.cur = &entry{line: n}
	}
}

// comment reads a comment line, text without its "#".
func (p *parser) comment(n int, text string) error {
	if p.cur != nil && p.cur.hasID {
		if err := p.finish(); err != nil {
			return err
		}
	}
	p.start(n)
	kind := ""
	if len(text) > 0 {
		kind, text = text[:1], text[1:]
	}
	text = strings.TrimPrefix(text, " ")
	switch kind {
	case ".":
		p.cur.extracted = append(p.cur.extracted, text)
	case ":":
		p.cur.refs = append(p.cur.refs, strings.Fields(text)...)
	case ",":
		for _, fl := range strings.Split(text, ",") {
			p.cur.flags = append(p.cur.flags, strings.TrimSpace(fl))
		}
	}
	p.last = nil
	return nil
}

// keyword reads a msgctxt, msgid, msgid_plural or msgstr line.
func (p *parser) keyword(n int, l string) error {
	kw, rest, _ := strings.Cut(l, " ")
	s, err := unquote(strings.TrimSpace(rest))
	if err != nil {
		return p.errorf(n, "%s: %w", kw, err)
	}
	if p.cur != nil && (p.cur.hasStr && (kw == "msgctxt" || kw == "msgid")) {
		if err := p.finish(); err != nil {
			return err
		}
	}
	p.start(n)
	cur := p.cur
	switch {
	case kw == "msgctxt":
		if cur.hasCtx || cur.hasID {
			return p.errorf(n, "unexpected msgctxt")
		}
		cur.ctx, cur.hasCtx = &s, true
		p.last = cur.ctx
	case kw == "msgid":
		if cur.hasID {
			return p.errorf(n, "msgid twice in one entry")
		}
		cur.id, cur.hasID = &s, true
		p.last = cur.id
	case kw == "msgid_plural":
		if !cur.hasID {
			return p.errorf(n, "msgid_plural before msgid")
		}
		cur.plural = true
		p.last = new(string)
	case kw == "msgstr" || strings.HasPrefix(kw, "msgstr["):
		if !cur.hasID {
			return p.errorf(n, "%s before msgid", kw)
		}
		if kw != "msgstr" && kw != "msgstr[0]" {
			p.last = new(string)
			return nil
		}
		if cur.hasStr {
			return p.errorf(n, "msgstr twice in one entry")
		}
		cur.str, cur.hasStr = &s, true
		p.last = cur.str
	default:
		return p.errorf(n, "unexpected %q", kw)
	}
	return nil
}

// finish ends the open entry, if any: a unit, the header, or nothing
// for comments alone.
func (p *parser) finish() error {
	if p.cur == nil {
		return nil
	}
	e := p.cur
	p.cur, p.last = nil, nil
	if !e.hasID {
		if e.hasCtx || e.hasStr {
			return p.errorf(e.line, "entry has no msgid")
		}
		return nil // comments only
	}
	if !e.hasStr {
		return p.errorf(e.line, "msgid without msgstr")
	}
	if *e.id == "" && !e.hasCtx {
		return p.header(*e.str, e.line)
	}
	if len(p.f.Docs) == 0 {
		p.f.Docs = append(p.f.Docs, exchange.Doc{})
	}
	p.f.Docs[0].Units = append(p.f.Docs[0].Units, e.unit())
	return nil
}

// unit is the exchange unit of a complete entry.
func (e *entry) unit() exchange.Unit {
	u := exchange.Unit{Source: *e.id, Target: *e.str, Line: e.line, Refs: e.refs}
	if e.hasCtx {
		u.ID = *e.ctx
	}
	for _, c := range e.extracted {
		if !u.ReadMeta(c) && strings.HasPrefix(c, protectedPrefix) {
			u.Codes = protectedCodes(strings.TrimPrefix(c, protectedPrefix))
		}
	}
	for _, fl := range e.flags {
		if fl == "fuzzy" {
			u.Fuzzy, u.FileState = true, "fuzzy"
		}
	}
	return u
}

// header reads the Language and charset of the header entry.
func (p *parser) header(h string, line int) error {
	f := p.f
	for _, l := range strings.Split(h, "\n") {
		k, v, ok := strings.Cut(l, ":")
		if !ok {
			continue
		}
		v = strings.TrimSpace(v)
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "language":
			f.Locale = strings.ReplaceAll(v, "_", "-")
		case "x-source-language":
			f.SourceLocale = v
		case "x-reviewer":
			f.Reviewer = v
		case "x-generator":
			f.Tool = v
		case "po-revision-date":
			f.Date = v
		case "content-type":
			if _, cs, ok := strings.Cut(strings.ToLower(v), "charset="); ok && cs != "utf-8" && cs != "charset" {
				return p.errorf(line, "charset %s is not supported; convert the file with msgconv --to-code=UTF-8", cs)
			}
		}
	}
	return nil
}

// unquote decodes a PO string literal.
func unquote(s string) (string, error) {
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return "", fmt.Errorf("expected a quoted string, found %q", s)
	}
	body := s[1 : len(s)-1]
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c == '"' {
			return "", fmt.Errorf("unescaped quote in %s", s)
		}
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		i++
		if i == len(body) {
			return "", fmt.Errorf("string ends in a backslash: %s", s)
		}
		switch body[i] {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case '"', '\\':
			b.WriteByte(body[i])
		case 'a', 'b', 'f', 'v':
			v, _ := strconv.Unquote(`"\` + string(body[i]) + `"`)
			b.WriteString(v)
		default:
			return "", fmt.Errorf("unknown escape \\%c in %s", body[i], s)
		}
	}
	return b.String(), nil
}

// protectedPrefix begins the comment that lists an entry's protected
// codes (see Marshal).
const protectedPrefix = "protected: "

// protectedCodes reads the codes of a "protected:" comment, "<1/> = **,
// <2/> = **": a translation memory made of the file restores them.
func protectedCodes(s string) []string {
	var codes []string
	for n := 1; ; n++ {
		rest, ok := strings.CutPrefix(s, fmt.Sprintf("<%d/> = ", n))
		if !ok {
			return codes
		}
		i := strings.Index(rest, fmt.Sprintf(", <%d/> = ", n+1))
		if i < 0 {
			return append(codes, rest)
		}
		codes, s = append(codes, rest[:i]), rest[i+2:]
	}
}
