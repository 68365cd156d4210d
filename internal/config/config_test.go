package config

import (
	"strings"
	"testing"
)

func TestEncodingFor(t *testing.T) {
	c, err := Parse("healthloc.toml", []byte(`encoding = "latin1"

[[encodings]]
glob = "legacy/*.txt"
encoding = "windows-1252"

[[encodings]]
glob = "legacy/**"
encoding = "utf-8"

[[encodings]]
glob = "*.md"
encoding = "cp1252"
`))
	if err != nil {
		t.Fatal(err)
	}
	for rel, want := range map[string]string{
		"legacy/a.txt":     "windows-1252",
		"legacy/a.md":      "utf-8",
		"legacy/sub/a.txt": "utf-8",
		"top.md":           "cp1252",
		"care/top.md":      "latin1", // "*" does not cross "/"
		"legacyx/a.txt":    "latin1",
	} {
		if got := c.EncodingFor(rel); got != want {
			t.Errorf("EncodingFor(%q) = %q, want %q", rel, got, want)
		}
	}
}

func TestParseRefuses(t *testing.T) {
	for data, want := range map[string]string{
		`encoding = "ebcdic"`:                                "encoding: unknown encoding \"ebcdic\"",
		"[[encodings]]\nglob = \"[\"\nencoding = \"latin1\"": "encodings[1]: bad glob \"[\"",
		"[[encodings]]\nglob = \"a/*\"":                      "encodings[1]: glob \"a/*\" has no encoding",
		"[limits]\nmax_file_bytes = -1":                      "limits.max_file_bytes -1: must be positive",
		"[limits]\nmax_nesting = 3":                          "unknown setting \"limits.max_nesting\"",
		`out_dir = "../site"`:                                "out_dir \"../site\" is outside the project",
	} {
		_, err := Parse("healthloc.toml", []byte(data))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%q) = %v, want an error with %q", data, err, want)
		}
	}
}
