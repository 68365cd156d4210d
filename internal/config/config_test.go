package config

import (
	"strings"
	"testing"

	"github.com/healthloc/healthloc/internal/content"
)

func TestParseDefaults(t *testing.T) {
	c, err := Parse("p/healthloc.toml", []byte(`locales = ["es", "es-MX", "ar"]`))
	if err != nil {
		t.Fatal(err)
	}
	if c.SourceLocale != "en" || c.ContentRoot != "content" || c.CatalogRoot != "locales" || c.OutDir != "dist" {
		t.Errorf("defaults not applied: %+v", c)
	}
	if strings.Join(c.FrontMatterKeys, ",") != "title,description" {
		t.Errorf("front matter keys %v", c.FrontMatterKeys)
	}
	var tags []string
	for _, t := range c.Targets() {
		tags = append(tags, t.String())
	}
	if strings.Join(tags, ",") != "es,es-MX,ar" || c.Source().String() != "en" {
		t.Errorf("targets %v source %v", tags, c.Source())
	}
	if c.Dir != "p" {
		t.Errorf("dir %q", c.Dir)
	}
}

func TestDefaultIsValid(t *testing.T) {
	if _, err := Parse("healthloc.toml", []byte(Default)); err != nil {
		t.Fatalf("the file init writes does not load: %v", err)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"syntax", "locales = [\"es\"\nx = 1\n", "healthloc.toml:2: "},
		{"unknown key", "locale = [\"es\"]\n", `healthloc.toml: unknown setting "locale"`},
		{"bad tag", "locales = [\"es_MX\"]\n", `healthloc.toml: locales: bad locale tag "es_MX"`},
		{"bad source", "source_locale = \"\"\nlocales = []\ncontent_root = \"c\"\n", ""},
		{"duplicate", "locales = [\"es\", \"es\"]\n", `"es" is listed twice`},
		{"source as target", "locales = [\"en\"]\n", `"en" is listed twice or is the source locale`},
		{"dotdot", "content_root = \"../elsewhere\"\n", `content_root "../elsewhere" is outside the project`},
		{"absolute", "out_dir = \"/tmp/dist\"\n", `out_dir "/tmp/dist" is outside the project`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("healthloc.toml", []byte(tc.in))
			if tc.want == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want it to contain %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
		})
	}
}

// TestGlobRules reads one file with both kinds of per-glob rules: each
// accessor follows its own rules and falls back to its own default.
func TestGlobRules(t *testing.T) {
	c, err := Parse("healthloc.toml", []byte(`encoding = "latin1"
front_matter = "yaml"

[[encodings]]
glob = "legacy/*.txt"
encoding = "windows-1252"

[[encodings]]
glob = "legacy/**"
encoding = "utf-8"

[[encodings]]
glob = "*.md"
encoding = "cp1252"

[[front_matter_rules]]
glob = "notes/**"
front_matter = "none"

[[front_matter_rules]]
glob = "*.markdown"
front_matter = "auto"
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
	for rel, want := range map[string]content.FrontMatter{
		"notes/a.md":     content.FrontMatterNone,
		"notes/x/a.md":   content.FrontMatterNone,
		"top.markdown":   content.FrontMatterAuto,
		"guide/top.md":   content.FrontMatterYAML,
		"notesx/a.md":    content.FrontMatterYAML,
		"x/top.markdown": content.FrontMatterYAML, // "*" does not cross "/"
	} {
		if got := c.FrontMatterFor(rel); got != want {
			t.Errorf("FrontMatterFor(%q) = %q, want %q", rel, got, want)
		}
	}
	if c, err = Parse("healthloc.toml", nil); err != nil || c.FrontMatterFor("a.md") != content.FrontMatterAuto {
		t.Errorf("default: %v, %v", c.FrontMatterFor("a.md"), err)
	}
}

func TestParseRefuses(t *testing.T) {
	for data, want := range map[string]string{
		`encoding = "ebcdic"`:                                           "encoding: unknown encoding \"ebcdic\"",
		"[[encodings]]\nglob = \"[\"\nencoding = \"latin1\"":            "encodings[1]: bad glob \"[\"",
		"[[encodings]]\nglob = \"a/*\"":                                 "encodings[1]: glob \"a/*\" has no encoding",
		"[limits]\nmax_file_bytes = -1":                                 "limits.max_file_bytes -1: must be positive",
		"[limits]\nmax_nesting = 3":                                     "unknown setting \"limits.max_nesting\"",
		`out_dir = "../site"`:                                           "out_dir \"../site\" is outside the project",
		`front_matter = "toml"`:                                         `front_matter "toml": must be "yaml", "none" or "auto"`,
		"[[front_matter_rules]]\nglob = \"[\"\nfront_matter = \"none\"": "front_matter_rules[1]: bad glob \"[\"",
		"[[front_matter_rules]]\nglob = \"a/*\"":                        "front_matter_rules[1]: glob \"a/*\" has no front_matter",
		"[[front_matter_rules]]\nglob = \"a/*\"\nfront_matter = \"x\"":  `front_matter_rules[1]: front_matter "x": must be`,
		"syntax = \"unclosed\n":                                         "healthloc.toml:1: strings cannot contain newlines (an unclosed quote on line 1?)",
	} {
		_, err := Parse("healthloc.toml", []byte(data))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%q) = %v, want an error with %q", data, err, want)
		}
	}
}
