package tomlerr

import (
	"errors"
	"testing"

	"github.com/BurntSushi/toml"
)

// TestWrap checks the message and the hint for the mistakes people make
// most when editing a catalog or a configuration by hand.
func TestWrap(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"[\"a\"]\nother = \"Hola\n", `f.toml:2: strings cannot contain newlines (an unclosed quote on line 2?)`},
		{"[\"a\"]\nother = \"x\"\n[\"b\"]\nother = \"y\n\n[\"c\"]\n", `f.toml:4: strings cannot contain newlines (an unclosed quote on line 4?)`},
		{"[\"a\"]\nother = '''x\nfoo\nbar\n", `f.toml:4: unexpected EOF; expected "'''" (the multi-line string opened on line 2 is never closed?)`},
		{"[\"a\"]\nother = Hola\n", `f.toml:2: expected value but found "Hola" instead (text must be quoted: "...")`},
		{"[\"a\"]\nother = “x”\n", `f.toml:2: expected value but found '“' instead (typographic quotes: TOML needs straight " quotes around text)`},
		{"[\"a\"]\nother = \"say \"hi\"\"\n", `f.toml:2: expected a top-level item to end with a newline, comment, or EOF, but got 'h' instead (a quote inside the text? write it as \" or put the text in single quotes)`},
		{"[\"a\"]\nother = \"x\",\n", `f.toml:2: expected a top-level item to end with a newline, comment, or EOF, but got ',' instead (a comma after a value? commas go only between the items of a list)`},
		{"[\"a\"]\nother = \"C:\\dir\"\n", `f.toml:2: invalid escape in string '\d' (a backslash in the text? write it as \\ or put the text in single quotes)`},
		{"[\"a\"\nother = \"x\"\n", `f.toml:2: expected '.' or ']' to end table name, but got '\n' instead (an unclosed [ on line 2?)`},
		{"[a b]\n", `f.toml:1: expected '.' or ']' to end table name, but got 'b' instead (a table name with spaces must be quoted: ["..."])`},
		{"[\"a\"]\nother: \"x\"\n", `f.toml:2: expected '.' or '=', but got ':' instead (TOML puts = between a key and its value, not :)`},
		{"[\"a\"]\nother \"x\"\n", `f.toml:2: expected '.' or '=', but got '"' instead (a missing = between the key and its value?)`},
		{"[\"a\"]\nmy key = 1\n", `f.toml:2: expected '.' or '=', but got 'k' instead (a key with spaces must be quoted: "my key" = ...)`},
		{"a = 1\na = 2\n", `f.toml:2: key 'a' has already been defined (a key or table may appear only once)`},
		{"locales = [\"es\" \"fr\"]\n", `f.toml:1: expected a comma (',') or array terminator (']'), but got '"' (a missing comma between items, or a missing ]?)`},
		{"a = 1979-05-27T07:32:00Z1\n", `f.toml:1: invalid datetime: "1979-05-27T07:32:00Z1"`},
	} {
		var v map[string]any
		_, err := toml.Decode(tc.in, &v)
		if err == nil {
			t.Fatalf("%q decoded", tc.in)
		}
		got := Wrap("f.toml", []byte(tc.in), err)
		if got.Error() != tc.want {
			t.Errorf("%q:\n got  %s\n want %s", tc.in, got, tc.want)
		}
		var pe toml.ParseError
		if !errors.As(got, &pe) {
			t.Errorf("%q: the ParseError is not wrapped", tc.in)
		}
	}
	other := errors.New("boom")
	if got := Wrap("f.toml", nil, other); got.Error() != "f.toml: boom" || !errors.Is(got, other) {
		t.Errorf("other error: %v", got)
	}
}
