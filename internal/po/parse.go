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
	line                          int
	ctx, id, str                  *string
	plural                        bool
	extracted, refs, flags        []string
	hasCtx, hasID, hasStr, header bool
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
	f := &exchange.File{Path: path}
	var cur *entry
	var last *string // the string continuation lines extend
	finish := func() error {
		if cur == nil {
			return nil
		}
		e := cur
		cur, last = nil, nil
		if !e.hasID {
			if e.hasCtx || e.hasStr {
				return fmt.Errorf("%s:%d: entry has no msgid", path, e.line)
			}
			return nil // comments only
		}
		if !e.hasStr {
			return fmt.Errorf("%s:%d: msgid without msgstr", path, e.line)
		}
		if *e.id == "" && !e.hasCtx {
			return header(f, *e.str, path, e.line)
		}
		u := exchange.Unit{Source: *e.id, Target: *e.str, Line: e.line, Refs: e.refs}
		if e.hasCtx {
			u.ID = *e.ctx
		}
		for _, c := range e.extracted {
			switch {
			case strings.HasPrefix(c, exchange.MetaID):
				if u.ID == "" {
					u.ID = strings.TrimSpace(strings.TrimPrefix(c, exchange.MetaID))
				}
			case strings.HasPrefix(c, exchange.MetaBase):
				u.Base = strings.TrimSpace(strings.TrimPrefix(c, exchange.MetaBase))
			case strings.HasPrefix(c, protectedPrefix):
				u.Codes = protectedCodes(strings.TrimPrefix(c, protectedPrefix))
			}
		}
		for _, fl := range e.flags {
			if fl == "fuzzy" {
				u.Fuzzy, u.FileState = true, "fuzzy"
			}
		}
		if len(f.Docs) == 0 {
			f.Docs = append(f.Docs, exchange.Doc{})
		}
		f.Docs[0].Units = append(f.Docs[0].Units, u)
		return nil
	}
	start := func(n int) {
		if cur == nil {
			cur = &entry{line: n}
		}
	}
	lines := strings.Split(string(data), "\n")
	for i, raw := range lines {
		n := i + 1
		l := strings.TrimSpace(strings.TrimSuffix(raw, "\r"))
		switch {
		case l == "":
			if err := finish(); err != nil {
				return nil, err
			}
			continue
		case strings.HasPrefix(l, "#~"):
			continue // obsolete entry
		case strings.HasPrefix(l, "#"):
			if cur != nil && cur.hasID {
				if err := finish(); err != nil {
					return nil, err
				}
			}
			start(n)
			kind, text := "", l[1:]
			if len(text) > 0 {
				kind, text = text[:1], text[1:]
			}
			text = strings.TrimPrefix(text, " ")
			switch kind {
			case ".":
				cur.extracted = append(cur.extracted, text)
			case ":":
				cur.refs = append(cur.refs, strings.Fields(text)...)
			case ",":
				for _, fl := range strings.Split(text, ",") {
					cur.flags = append(cur.flags, strings.TrimSpace(fl))
				}
			}
			last = nil
			continue
		case strings.HasPrefix(l, `"`):
			if last == nil {
				return nil, fmt.Errorf("%s:%d: string outside of an entry", path, n)
			}
			s, err := unquote(l)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %w", path, n, err)
			}
			*last += s
			continue
		}
		kw, rest, _ := strings.Cut(l, " ")
		s, err := unquote(strings.TrimSpace(rest))
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %s: %w", path, n, kw, err)
		}
		if cur != nil && (cur.hasStr && (kw == "msgctxt" || kw == "msgid")) {
			if err := finish(); err != nil {
				return nil, err
			}
		}
		start(n)
		switch {
		case kw == "msgctxt":
			if cur.hasCtx || cur.hasID {
				return nil, fmt.Errorf("%s:%d: unexpected msgctxt", path, n)
			}
			cur.ctx, cur.hasCtx = &s, true
			last = cur.ctx
		case kw == "msgid":
			if cur.hasID {
				return nil, fmt.Errorf("%s:%d: msgid twice in one entry", path, n)
			}
			cur.id, cur.hasID = &s, true
			last = cur.id
		case kw == "msgid_plural":
			if !cur.hasID {
				return nil, fmt.Errorf("%s:%d: msgid_plural before msgid", path, n)
			}
			cur.plural = true
			last = new(string)
		case kw == "msgstr" || strings.HasPrefix(kw, "msgstr["):
			if !cur.hasID {
				return nil, fmt.Errorf("%s:%d: %s before msgid", path, n, kw)
			}
			if kw == "msgstr" || kw == "msgstr[0]" {
				if cur.hasStr {
					return nil, fmt.Errorf("%s:%d: msgstr twice in one entry", path, n)
				}
				cur.str, cur.hasStr = &s, true
				last = cur.str
			} else {
				last = new(string)
			}
		default:
			return nil, fmt.Errorf("%s:%d: unexpected %q", path, n, kw)
		}
	}
	if err := finish(); err != nil {
		return nil, err
	}
	return f, nil
}

// header reads the Language and charset of the header entry.
func header(f *exchange.File, h, path string, line int) error {
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
				return fmt.Errorf("%s:%d: charset %s is not supported; convert the file with msgconv --to-code=UTF-8", path, line, cs)
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
