package memory

import (
	"bytes"
	"unicode/utf8"

	"github.com/healthloc/healthloc/internal/catalog"
)

// parseCanonical reads a memory file in exactly the form Marshal writes:
// comments, "key = basic string" lines, [[unit]] headers and codes
// arrays. A memory can hold tens of thousands of units that extract reads
// once per run; this is many times faster than a general TOML parser.
// ok is false for any other input, which Parse then hands to that one,
// which also produces the error messages.
func parseCanonical(data []byte) (f *File, ok bool) {
	f = &File{}
	var u *Unit
	var seen uint8
	for len(data) > 0 {
		var line []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			line, data = data, nil
		}
		switch {
		case len(line) == 0:
			continue
		case line[0] == '#':
			if !utf8.Valid(line) || bytes.ContainsFunc(line, func(r rune) bool { return r < 0x20 && r != '\t' || r == 0x7f }) {
				return nil, false
			}
			continue
		case string(line) == "[[unit]]":
			if u != nil && seen&3 != 3 {
				return nil, false
			}
			f.Units = append(f.Units, Unit{})
			u, seen = &f.Units[len(f.Units)-1], 0
			continue
		}
		key, val, found := bytes.Cut(line, []byte(" = "))
		if !found {
			return nil, false
		}
		if u != nil {
			bit := uint8(0)
			switch string(key) {
			case "source":
				bit = 1
			case "target":
				bit = 2
			case "codes":
				bit = 4
			default:
				return nil, false
			}
			if seen&bit != 0 {
				return nil, false
			}
			seen |= bit
			if bit == 4 {
				codes, ok := parseArray(val)
				if !ok {
					return nil, false
				}
				u.Codes = codes
				continue
			}
			s, ok := catalog.Unquote(val)
			if !ok {
				return nil, false
			}
			if bit == 1 {
				u.Source = s
			} else {
				u.Target = s
			}
			continue
		}
		s, ok := catalog.Unquote(val)
		if !ok {
			return nil, false
		}
		o := &f.Origin
		for _, kv := range []struct {
			name string
			p    *string
		}{{"name", &o.Name}, {"file", &o.File}, {"format", &o.Format}, {"tool", &o.Tool}, {"date", &o.Date},
			{"language", &o.Language}, {"source_language", &o.SourceLanguage}} {
			if string(key) == kv.name {
				if *kv.p != "" {
					return nil, false
				}
				*kv.p, ok = s, true
				break
			}
			ok = false
		}
		if !ok {
			return nil, false
		}
	}
	if u != nil && seen&3 != 3 {
		return nil, false
	}
	return f, true
}

// parseArray reads ["a", "b"] as Marshal writes it.
func parseArray(v []byte) ([]string, bool) {
	if len(v) < 2 || v[0] != '[' || v[len(v)-1] != ']' {
		return nil, false
	}
	v = v[1 : len(v)-1]
	var out []string
	for len(v) > 0 {
		// a basic string ends at the first quote not escaped
		end := -1
		for i := 1; i < len(v); i++ {
			if v[i] == '\\' {
				i++
				continue
			}
			if v[i] == '"' {
				end = i
				break
			}
		}
		if v[0] != '"' || end < 0 {
			return nil, false
		}
		s, ok := catalog.Unquote(v[:end+1])
		if !ok {
			return nil, false
		}
		out = append(out, s)
		v = v[end+1:]
		if len(v) > 0 {
			if !bytes.HasPrefix(v, []byte(", ")) {
				return nil, false
			}
			v = v[2:]
		}
	}
	return out, true
}
