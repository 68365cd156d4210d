package catalog

import (
	"reflect"
	"testing"
)

// TestParseCanonicalMatchesTOML checks that the fast path reads every
// catalog exactly as the TOML parser does, and gives way to it on input
// Marshal would not write.
func TestParseCanonicalMatchesTOML(t *testing.T) {
	tricky := &Catalog{Locale: "es", Messages: map[string]Message{}}
	for i, text := range []string{"plain", `quote " and \ backslash`, "tab\there", "line\nbreak\r\n", "control \x01 \x7f", "emoji 😷 and é",
		"{{.Name}} %s {0}", "", "trailing space ", `["looks like a header"]`, "a = \"b\""} {
		id := MessageID("doc/sub", text) + string(rune('a'+i))
		tricky.Messages[id] = Message{ID: id, Description: "paragraph", Hash: Hash("paragraph", text), Other: text}
	}
	tricky.Messages["a.b.c"] = Message{ID: "a.b.c", Other: "dotted"}
	data := Marshal(tricky)
	fast := &Catalog{Locale: "es", Messages: map[string]Message{}}
	if !parseCanonical(data, fast) {
		t.Fatalf("fast path refused Marshal output:\n%s", data)
	}
	if !reflect.DeepEqual(fast, tricky) {
		t.Fatalf("fast path read\n%+v\nwant\n%+v", fast, tricky)
	}
	for _, in := range []string{
		"# a comment\n[\"x\"]\nother = \"y\"\n",
		"[\"x\"]\nother = 'literal'\n",
		"[\"x\"]\nother=\"no spaces\"\n",
		"[\"x\"]\nother = \"\"\"multi\"\"\"\n",
		"[\"x\"]\nother = \"a\"\nother = \"b\"\n",
		"[\"x\"]\none = \"plural\"\n",
		"[\"x\"]\nother = \"bad \\q escape\"\n",
		"[\"x\"]\nother = \"unterminated\n",
		"[\"x\"]\nother = \"a\" # comment\n",
		"[\"x\"]\n[\"x\"]\n",
		"[\"\"]\nother = \"empty id\"\n",
		"other = \"top level\"\n",
	} {
		if parseCanonical([]byte(in), &Catalog{Messages: map[string]Message{}}) {
			t.Errorf("fast path accepted %q", in)
		}
	}
}
