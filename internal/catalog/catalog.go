// Package catalog reads and writes go-i18n message files, computes message
// IDs and hashes, and carries translations over when the source changes.
//
// A catalog file holds one document's messages for one locale, at
// <root>/<locale>/<slug>.<locale>.toml, in go-i18n's map form:
//
//	["care/diabetes.3f2a9c1b0e"]
//	description = "paragraph"
//	hash = "sha1-…"
//	other = "…"
//
// Every table header is quoted because IDs contain dots and slashes; an
// unquoted header would be read as nested tables.
package catalog

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/healthloc/healthloc/internal/locale"
	"github.com/healthloc/healthloc/internal/tomlerr"
)

// Message is one catalog entry. Description holds the segment kind, Hash
// the hash of the source the translation was made from (see Hash), and
// Other the text.
type Message struct {
	ID          string
	Hash        string
	Description string
	Other       string
}

// Catalog is the content of one message file. Locale is the tag as
// written in the file name.
type Catalog struct {
	Locale   string
	Messages map[string]Message
}

// messageKeys are the keys healthloc reads and writes inside a message.
// go-i18n knows more (plural forms, id, leftDelim, …), but a key
// healthloc does not model would be lost on the next write, so Parse
// rejects it.
var messageKeys = map[string]bool{"hash": true, "description": true, "other": true}

// goi18nReserved are the keys go-i18n treats as message fields
// (compared in lower case); a table holding any of them is a message.
var goi18nReserved = map[string]bool{
	"id": true, "description": true, "hash": true, "leftdelim": true, "rightdelim": true,
	"zero": true, "one": true, "two": true, "few": true, "many": true, "other": true,
	"translation": true,
}

// Parse parses a message file. path is used for the locale, which comes
// from the file name <slug>.<locale>.toml, and for error messages.
//
// Parse reads a file the way go-i18n does: a table of string keys that
// are not message keys is a namespace, and its messages get IDs joined
// with "."; a bare string value is a message with only other. Marshal
// writes such files back in the flat, quoted map form.
func Parse(path string, data []byte) (*Catalog, error) {
	tag, err := localeFromPath(path)
	if err != nil {
		return nil, err
	}
	if c := (&Catalog{Locale: tag, Messages: map[string]Message{}}); parseCanonical(data, c) {
		return c, nil
	}
	var raw map[string]any
	if _, err := toml.Decode(string(data), &raw); err != nil {
		return nil, tomlerr.Wrap(path, data, err)
	}
	c := &Catalog{Locale: tag, Messages: map[string]Message{}}
	if err := c.collect("", raw, true); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return c, nil
}

// localeFromPath finds the locale in a file name as go-i18n does (the
// text between the last two dots of the base name) and validates it,
// because go-i18n would silently load a bad tag as "und".
func localeFromPath(path string) (string, error) {
	base := filepath.Base(path)
	name, ok := strings.CutSuffix(base, ".toml")
	if !ok {
		return "", fmt.Errorf("%s: catalog file name must end in .toml", path)
	}
	tag := name
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		tag = name[i+1:]
	}
	if _, err := locale.Parse(tag); err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	return tag, nil
}

// collect adds the messages in table to c; prefix is the namespace of
// the table ("" at the top, else "a.b.").
func (c *Catalog) collect(prefix string, table map[string]any, top bool) error {
	for _, key := range slices.Sorted(maps.Keys(table)) {
		id := prefix + key
		switch v := table[key].(type) {
		case string:
			if top && goi18nReserved[strings.ToLower(key)] {
				// go-i18n would read the whole file as a single message.
				return fmt.Errorf("top-level key %q is a message field, not an ID; write messages as [\"id\"] tables", key)
			}
			if err := c.add(Message{ID: id, Other: v}); err != nil {
				return err
			}
		case map[string]any:
			if !isMessage(v) && len(v) > 0 {
				if err := c.collect(id+".", v, false); err != nil {
					return err
				}
				continue
			}
			m, err := message(id, v)
			if err != nil {
				return err
			}
			if err := c.add(m); err != nil {
				return err
			}
		default:
			return fmt.Errorf("message %q: value must be a table or a string, not %s", id, tomlType(v))
		}
	}
	return nil
}

// isMessage reports whether go-i18n reads table as a message rather than
// a namespace. (An empty table is neither to go-i18n; Parse keeps it as
// an empty message so that the ID is not lost.)
func isMessage(table map[string]any) bool {
	for k, v := range table {
		if k == "translation" {
			return true
		}
		if _, ok := v.(string); ok && goi18nReserved[strings.ToLower(k)] {
			return true
		}
	}
	return false
}

func message(id string, table map[string]any) (Message, error) {
	m := Message{ID: id}
	for _, k := range slices.Sorted(maps.Keys(table)) {
		if !messageKeys[k] {
			return Message{}, fmt.Errorf("message %q: unknown key %q (allowed: description, hash, other)", id, k)
		}
		s, ok := table[k].(string)
		if !ok {
			return Message{}, fmt.Errorf("message %q: key %q must be a string, not %s", id, k, tomlType(table[k]))
		}
		*m.field(k) = s // a key of messageKeys
	}
	return m, nil
}

// field is m's field named key in a catalog file (hash, description or
// other), nil for any other key.
func (m *Message) field(key string) *string {
	switch key {
	case "hash":
		return &m.Hash
	case "description":
		return &m.Description
	case "other":
		return &m.Other
	}
	return nil
}

func (c *Catalog) add(m Message) error {
	if err := checkID(m.ID); err != nil {
		return err
	}
	if _, dup := c.Messages[m.ID]; dup {
		// Possible when one file has both ["a.b"] and [a] b = ….
		return fmt.Errorf("message %q is defined twice", m.ID)
	}
	c.Messages[m.ID] = m
	return nil
}

// checkID rejects IDs that go-i18n cannot load back as written.
func checkID(id string) error {
	switch {
	case id == "":
		return errors.New("empty message ID")
	case id == "translation":
		// go-i18n reads a top-level "translation" key as a message field
		// (v1 format) whatever its value, which breaks the whole file.
		return fmt.Errorf("message ID %q is reserved by go-i18n", id)
	case !utf8.ValidString(id):
		return fmt.Errorf("message ID %q is not valid UTF-8", id)
	}
	return nil
}

func tomlType(v any) string {
	switch v.(type) {
	case map[string]any:
		return "a table"
	case []map[string]any:
		return "an array of tables"
	case []any:
		return "an array"
	case bool:
		return "a boolean"
	case int64:
		return "an integer"
	case float64:
		return "a float"
	default:
		return "a date or time"
	}
}

// Marshal encodes c in go-i18n's map form, deterministically: messages
// sorted by ID, each a quoted table header followed by description, hash
// and other (empty description and hash are omitted; other is always
// written so go-i18n sees a message even when it is empty), tables
// separated by a blank line, a trailing newline and nothing else. An
// empty catalog is empty bytes, which go-i18n loads as no messages.
//
// IDs must pass the checks Parse applies (non-empty, not "translation");
// invalid UTF-8 in any string is replaced by U+FFFD because TOML must be
// UTF-8.
func Marshal(c *Catalog) []byte {
	if c == nil || len(c.Messages) == 0 {
		return nil
	}
	ids := make([]string, 0, len(c.Messages))
	for id := range c.Messages {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	// Sized up front: thousands of catalogs wait in memory to be written,
	// and a grown buffer holds up to twice its bytes.
	size := 0
	for _, id := range ids {
		m := c.Messages[id]
		size += len(id) + len(m.Description) + len(m.Hash) + len(m.Other) + 48
	}
	var b bytes.Buffer
	b.Grow(size)
	for i, id := range ids {
		m := c.Messages[id]
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteByte('[')
		writeString(&b, id)
		b.WriteString("]\n")
		if m.Description != "" {
			b.WriteString("description = ")
			writeString(&b, m.Description)
			b.WriteByte('\n')
		}
		if m.Hash != "" {
			b.WriteString("hash = ")
			writeString(&b, m.Hash)
			b.WriteByte('\n')
		}
		b.WriteString("other = ")
		writeString(&b, m.Other)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// writeString writes s as a TOML basic string. Only what TOML requires is
// escaped (quote, backslash, control characters), so non-ASCII text stays
// readable in the file.
// Quote writes s as a TOML basic string, as Marshal does; the workflow
// sidecar shares it.
func Quote(s string) string {
	var b bytes.Buffer
	writeString(&b, s)
	return b.String()
}

func writeString(b *bytes.Buffer, s string) {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	b.WriteByte('"')
	// Runs of bytes that need no escape are copied whole.
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c != 0x7f {
			continue
		}
		b.WriteString(s[start:i])
		start = i + 1
		switch c {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\b':
			b.WriteString(`\b`)
		case '\t':
			b.WriteString(`\t`)
		case '\n':
			b.WriteString(`\n`)
		case '\f':
			b.WriteString(`\f`)
		case '\r':
			b.WriteString(`\r`)
		default:
			fmt.Fprintf(b, `\u%04X`, c)
		}
	}
	b.WriteString(s[start:])
	b.WriteByte('"')
}
