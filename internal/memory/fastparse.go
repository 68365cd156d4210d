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
	var seen uint8 // the keys u has: 1 source, 2 target, 4 codes
	for line := range bytes.Lines(data) {
		line = bytes.TrimSuffix(line, []byte("\n"))
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
		switch {
		case !found:
			return nil, false
		case u != nil:
			ok = setUnitKey(u, &seen, string(key), val)
		default:
			ok = setOriginKey(&f.Origin, string(key), val)
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

// setUnitKey reads a unit's key = value line, once per key.
func setUnitKey(u *Unit, seen *uint8, key string, val []byte) bool {
	bit := uint8(0)
	switch key {
	case "source":
		bit = 1
	case "target":
		bit = 2
	case "codes":
		bit = 4
	default:
		return false
	}
	if *seen&bit != 0 {
		return false
	}
	*seen |= bit
	if bit == 4 {
		codes, ok := parseArray(val)
		u.Codes = codes
		return ok
	}
	s, ok := catalog.Unquote(val)
	if !ok {
		return false
	}
	if bit == 1 {
		u.Source = s
	} else {
		u.Target = s
	}
	return true
}

// setOriginKey reads a key = value line of the file's origin, once per
// key.
func setOriginKey(o *Origin, key string, val []byte) bool {
	s, ok := catalog.Unquote(val)
	if !ok {
		return false
	}
	for _, kv := range []struct {
		name string
		p    *string
	}{{"name", &o.Name}, {"file", &o.File}, {"format", &o.Format}, {"tool", &o.Tool}, {"date", &o.Date},
		{"language", &o.Language}, {"source_language", &o.SourceLanguage}} {
		if key == kv.name {
			if *kv.p != "" {
				return false
			}
			*kv.p = s
			return true
		}
	}
	return false
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
