// Package tomlerr turns a TOML decoding error into the one-line error
// healthloc prints, "file:line: message (hint)", with a hint at the likely
// cause for the mistakes people make most when editing TOML by hand.
package tomlerr

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/BurntSushi/toml"
)

// Error is a TOML syntax error in a file; it wraps toml.ParseError.
type Error struct {
	Path string
	Line int
	// Message is the parser's message, Hint the likely cause ("" when
	// there is no good guess).
	Message, Hint string
	err           error
}

func (e *Error) Error() string {
	s := fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Message)
	if e.Hint != "" {
		s += " (" + e.Hint + ")"
	}
	return s
}

func (e *Error) Unwrap() error { return e.err }

// Wrap describes err, returned by decoding data read from path: a
// toml.ParseError becomes an *Error naming the line, with a hint; any
// other error is prefixed with path.
func Wrap(path string, data []byte, err error) error {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", path, err)
	}
	msg := firstLine(pe.Message)
	e := &Error{Path: path, Line: pe.Position.Line, Message: msg, err: err}
	e.Hint = hint(msg, e.Line, data)
	return e
}

// firstLine is the first line of a parser message, lower-cased at the
// start and without a final period, to read as the rest of the error.
func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	s = strings.TrimSuffix(s, ".")
	if s == "" {
		return "syntax error"
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// hint guesses the mistake behind a parser message at line.
func hint(msg string, line int, data []byte) string {
	got := quoted(msg)
	switch {
	case strings.Contains(msg, "strings cannot contain newlines"):
		return fmt.Sprintf("an unclosed quote on line %d?", line)
	case strings.HasPrefix(msg, "unexpected EOF; expected"):
		for _, delim := range []string{`"""`, `'''`} {
			if strings.Contains(msg, delim) {
				if at := bytes.LastIndex(data, []byte(delim)); at >= 0 {
					return fmt.Sprintf("the multi-line string opened on line %d is never closed?", bytes.Count(data[:at], []byte("\n"))+1)
				}
			}
		}
		return "an unclosed quote or bracket?"
	case strings.HasPrefix(msg, "expected value but found"):
		if strings.ContainsAny(got, "“”„‘’«»") {
			return "typographic quotes: TOML needs straight \" quotes around text"
		}
		return "text must be quoted: \"...\""
	case strings.HasPrefix(msg, "expected a top-level item to end with"):
		if got == "," {
			return "a comma after a value? commas go only between the items of a list"
		}
		return "a quote inside the text? write it as \\\" or put the text in single quotes"
	case strings.HasPrefix(msg, "invalid escape in string"), strings.Contains(msg, "hexadecimal digits after"):
		return "a backslash in the text? write it as \\\\ or put the text in single quotes"
	case strings.HasPrefix(msg, "expected '.' or ']' to end table name"):
		if got == "\\n" || got == "" {
			return fmt.Sprintf("an unclosed [ on line %d?", line)
		}
		return "a table name with spaces must be quoted: [\"...\"]"
	case strings.HasPrefix(msg, "expected '.' or '='"):
		switch got {
		case ":":
			return "TOML puts = between a key and its value, not :"
		case `"`, "'":
			return "a missing = between the key and its value?"
		}
		return "a key with spaces must be quoted: \"my key\" = ..."
	case strings.Contains(msg, "has already been defined"):
		return "a key or table may appear only once"
	case strings.Contains(msg, "or array terminator (']')"):
		return "a missing comma between items, or a missing ]?"
	case strings.Contains(msg, "inline table terminator"):
		return "a missing comma between items, or a missing }?"
	case strings.Contains(msg, "key name appears blank"):
		return "a key is missing before ="
	}
	return ""
}

// quoted is what a parser message says it found: the text between the
// last pair of single or double quotes ("but got 'h' instead").
func quoted(msg string) string {
	for _, q := range []string{"'", `"`} {
		if end := strings.LastIndex(msg, q); end > 0 {
			if start := strings.LastIndex(msg[:end], q); start >= 0 {
				return msg[start+1 : end]
			}
		}
	}
	return ""
}
