package catalog

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"
)

// parseCanonical reads a catalog in exactly the form Marshal writes:
// quoted table headers, the keys description, hash and other with basic
// strings, and blank lines. It is many times faster than a general TOML
// parser, which matters with thousands of catalogs. ok is false for any
// other input, which Parse then hands to the full parser; that one also
// produces the error messages.
func parseCanonical(data []byte, c *Catalog) (ok bool) {
	var cur *Message
	seen := map[string]bool{}
	flush := func() bool {
		if cur == nil {
			return true
		}
		if c.add(*cur) != nil {
			return false
		}
		cur = nil
		return true
	}
	for line := range bytes.Lines(data) {
		line = bytes.TrimSuffix(line, []byte("\n"))
		switch {
		case len(line) == 0:
			continue
		case bytes.HasPrefix(line, []byte(`["`)) && bytes.HasSuffix(line, []byte(`"]`)):
			if !flush() {
				return false
			}
			id, ok := unquote(line[1 : len(line)-1])
			if !ok {
				return false
			}
			cur = &Message{ID: id}
			clear(seen)
		default:
			key, val, found := bytes.Cut(line, []byte(" = "))
			if !found || cur == nil || seen[string(key)] {
				return false
			}
			s, ok := unquote(val)
			if !ok {
				return false
			}
			seen[string(key)] = true
			f := cur.field(string(key))
			if f == nil {
				return false
			}
			*f = s
		}
	}
	return flush()
}

// unquote decodes a TOML basic string, "…" with escapes, and nothing
// after it.
func unquote(q []byte) (string, bool) {
	if len(q) < 2 || q[0] != '"' || q[len(q)-1] != '"' {
		return "", false
	}
	q = q[1 : len(q)-1]
	if bytes.IndexByte(q, '\\') < 0 {
		if bytes.IndexByte(q, '"') >= 0 || !utf8.Valid(q) || hasControl(q) {
			return "", false
		}
		return string(q), true
	}
	var b strings.Builder
	for i := 0; i < len(q); i++ {
		ch := q[i]
		switch {
		case ch == '"' || (ch < 0x20 && ch != '\t') || ch == 0x7f:
			return "", false
		case ch != '\\':
			b.WriteByte(ch)
			continue
		}
		i++
		if i >= len(q) {
			return "", false
		}
		switch q[i] {
		case '"':
			b.WriteByte('"')
		case '\\':
			b.WriteByte('\\')
		case 'b':
			b.WriteByte('\b')
		case 't':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'f':
			b.WriteByte('\f')
		case 'r':
			b.WriteByte('\r')
		case 'u', 'U':
			n := 4
			if q[i] == 'U' {
				n = 8
			}
			if i+1+n > len(q) {
				return "", false
			}
			v, err := strconv.ParseUint(string(q[i+1:i+1+n]), 16, 32)
			if err != nil || !utf8.ValidRune(rune(v)) {
				return "", false
			}
			b.WriteRune(rune(v))
			i += n
		default:
			return "", false
		}
	}
	s := b.String()
	return s, utf8.ValidString(s)
}

func hasControl(q []byte) bool {
	for _, ch := range q {
		if (ch < 0x20 && ch != '\t') || ch == 0x7f {
			return true
		}
	}
	return false
}
