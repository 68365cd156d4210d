package catalog

import (
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"

	"golang.org/x/text/unicode/norm"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/nicksnyder/go-i18n/v2/i18n/template"
	"golang.org/x/text/language"
)

// tricky holds texts that a naive TOML writer or go-i18n's default
// template parser would damage.
var tricky = map[string]Message{
	"care/diabetes.3f2a9c1b0e": {ID: "care/diabetes.3f2a9c1b0e", Description: "paragraph", Hash: Hash("paragraph", "x"), Other: "Tome {{.Dose}} mg \"dos\" veces\nal día.\n"},
	"a.b.c":                    {ID: "a.b.c", Other: `back\slash and \n literally, 'single' and """triple"""`},
	"ctrl":                     {ID: "ctrl", Other: "tab\there, cr\r\n, nul\x00, bell\a, del\x7f, form\f, bs\b"},
	"unicode.é":                {ID: "unicode.é", Other: "Ñandú — 糖尿病 — مرض السكري — e\u0301 (NFD kept) — 🩺 — \u00a0nbsp"},
	"other":                    {ID: "other", Other: "an ID named like a reserved key"},
	"one":                      {ID: "one", Description: "heading", Other: "uno"},
	"description":              {ID: "description", Other: "descripción"},
	`quote"in"id`:              {ID: `quote"in"id`, Other: "q"},
	"trailing.":                {ID: "trailing.", Other: "t"},
	"[brackets]":               {ID: "[brackets]", Other: "b"},
	"# not a comment":          {ID: "# not a comment", Other: "# hash"},
	"leading space":            {ID: "leading space", Other: "  spaces kept  "},
	"hash-only":                {ID: "hash-only", Hash: "sha1-0000"},
	"empty":                    {ID: "empty"},
}

func trickyCatalog() *Catalog {
	c := &Catalog{Locale: "es", Messages: map[string]Message{}}
	for id, m := range tricky {
		c.Messages[id] = m
	}
	return c
}

func TestHash(t *testing.T) {
	tests := []struct{ description, other, want string }{
		// Values from go-i18n's own goi18n docs and merge tests.
		{"", "Hello", "sha1-f7ff9e8b7bb2e09b70935a5d785e0cc5d9d0abf0"},
		{"The number of cats a person has", "{{.Name}} has {{.Count}} cats.", "sha1-f937a0e05e19bfe6cd70937c980eaf1f9832f091"},
		{"", "", "sha1-da39a3ee5e6b4b0d3255bfef95601890afd80709"},
	}
	for _, tt := range tests {
		if got := Hash(tt.description, tt.other); got != tt.want {
			t.Errorf("Hash(%q, %q) = %s, want %s", tt.description, tt.other, got, tt.want)
		}
	}
	// description and other are concatenated, exactly as goi18n does.
	if Hash("para", "graph") != Hash("", "paragraph") {
		t.Error("Hash does not hash description+other")
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"  \t\n ", ""},
		{"a  b", "a b"},
		{" a\n\tb \r\n c ", "a b c"},
		{"10\u00a0mg", "10 mg"},
		{"cafe\u0301", "caf\u00e9"},
		{"caf\u00e9", "caf\u00e9"},
		{"**bold** [link](x)", "**bold** [link](x)"},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMessageID(t *testing.T) {
	tests := []struct {
		slug, text string
		want       string
	}{
		// sha256("Hello world") = 64ec88ca00b268e5…
		{"intro", "Hello world", "intro.64ec88ca00"},
		{"intro", "  Hello\n\tworld ", "intro.64ec88ca00"},
		{"care/diabetes", "Hello world", "care/diabetes.64ec88ca00"},
		// sha256("") = e3b0c44298fc1c14…
		{"x", "", "x.e3b0c44298"},
	}
	for _, tt := range tests {
		if got := MessageID(tt.slug, tt.text); got != tt.want {
			t.Errorf("MessageID(%q, %q) = %s, want %s", tt.slug, tt.text, got, tt.want)
		}
	}
	if MessageID("s", "cafe\u0301") != MessageID("s", "caf\u00e9") {
		t.Error("MessageID differs between NFD and NFC text")
	}
	if MessageID("s", "Take 10 mg") == MessageID("s", "Take 20 mg") {
		t.Error("MessageID is the same for different text")
	}
}

func TestFilePath(t *testing.T) {
	tests := []struct{ root, locale, slug, want string }{
		{"locales", "es", "intro", "locales/es/intro.es.toml"},
		{"locales", "es-419", "care/diabetes", "locales/es-419/care/diabetes.es-419.toml"},
		{"/abs/locales/", "ar", "a/b/c", "/abs/locales/ar/a/b/c.ar.toml"},
		{"locales", "fr", "v1.2/notes", "locales/fr/v1.2/notes.fr.toml"},
	}
	for _, tt := range tests {
		if got := FilePath(tt.root, tt.locale, tt.slug); got != filepath.FromSlash(tt.want) {
			t.Errorf("FilePath(%q, %q, %q) = %s, want %s", tt.root, tt.locale, tt.slug, got, tt.want)
		}
	}
}

func TestSimilarity(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"", "", 1},
		{"---", "---", 1},
		{"---", "***", 0},
		{"", "word", 0},
		{"Take one tablet daily.", "Take one tablet daily.", 1},
		{"Take one tablet daily.", "take ONE tablet, daily", 1}, // case and punctuation ignored
		{"a b c d", "a b c e", 0.75},
		{"a b c d", "d c b a", 0.25},          // order matters
		{"Take 10 mg", "Take 20 mg", 2.0 / 3}, // numbers matter
		{"one two", "one two three four", 2 * 2.0 / 6},
		{"alpha beta", "gamma delta", 0},
		{"糖尿病の治療", "糖尿病の予防", 2 * 4.0 / 12},
		{"cafe\u0301 au lait", "caf\u00e9 au lait", 1},
	}
	for _, tt := range tests {
		got := Similarity(tt.a, tt.b)
		if diff := got - tt.want; diff > 1e-9 || diff < -1e-9 {
			t.Errorf("Similarity(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if rev := Similarity(tt.b, tt.a); rev != got {
			t.Errorf("Similarity not symmetric for %q, %q: %v vs %v", tt.a, tt.b, got, rev)
		}
	}
}

func TestMarshalGolden(t *testing.T) {
	c := &Catalog{Locale: "es", Messages: map[string]Message{
		"intro.b": {ID: "intro.b", Description: "paragraph", Hash: "sha1-2", Other: "Dos \"comillas\"\ny línea"},
		"intro.a": {ID: "intro.a", Description: "title", Hash: "sha1-1", Other: "Uno"},
		"intro.c": {ID: "intro.c", Other: "Sin hash"},
	}}
	want := `["intro.a"]
description = "title"
hash = "sha1-1"
other = "Uno"

["intro.b"]
description = "paragraph"
hash = "sha1-2"
other = "Dos \"comillas\"\ny línea"

["intro.c"]
other = "Sin hash"
`
	for i := 0; i < 5; i++ { // map order must not leak into the output
		if got := string(Marshal(c)); got != want {
			t.Fatalf("Marshal =\n%s\nwant\n%s", got, want)
		}
	}
}

func TestMarshalEmpty(t *testing.T) {
	for _, c := range []*Catalog{nil, {Locale: "es"}, {Locale: "es", Messages: map[string]Message{}}} {
		data := Marshal(c)
		if len(data) != 0 {
			t.Errorf("Marshal(%v) = %q, want empty", c, data)
		}
		b := i18n.NewBundle(language.English)
		b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
		mf, err := b.ParseMessageFileBytes(data, "x.es.toml")
		if err != nil || len(mf.Messages) != 0 {
			t.Errorf("go-i18n loading empty catalog: %v, %d messages", err, len(mf.Messages))
		}
		got, err := Parse("x.es.toml", data)
		if err != nil || len(got.Messages) != 0 {
			t.Errorf("Parse of empty catalog: %v, %v", got, err)
		}
	}
}

// TestMarshalLoadsInGoI18n checks that go-i18n reads every ID and text
// exactly as written.
func TestMarshalLoadsInGoI18n(t *testing.T) {
	data := Marshal(trickyCatalog())
	b := i18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	mf, err := b.ParseMessageFileBytes(data, "x.es.toml")
	if err != nil {
		t.Fatalf("go-i18n cannot load Marshal output: %v\n%s", err, data)
	}
	if mf.Tag != language.Spanish {
		t.Errorf("go-i18n tag = %s, want es", mf.Tag)
	}
	var ids []string
	for _, m := range mf.Messages {
		ids = append(ids, m.ID)
		want, ok := tricky[m.ID]
		if !ok {
			t.Errorf("go-i18n loaded unexpected ID %q", m.ID)
			continue
		}
		got := Message{ID: m.ID, Hash: m.Hash, Description: m.Description, Other: m.Other}
		if got != want {
			t.Errorf("go-i18n loaded %#v, want %#v", got, want)
		}
	}
	if len(ids) != len(tricky) {
		sort.Strings(ids)
		t.Errorf("go-i18n loaded %d messages %q, want %d", len(ids), ids, len(tricky))
	}

	loc := i18n.NewLocalizer(b, "es")
	for id, want := range tricky {
		if want.Other == "" {
			continue // go-i18n has no template for an empty message
		}
		got, err := loc.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateParser: template.IdentityParser{}})
		if err != nil {
			t.Errorf("Localize(%q): %v", id, err)
			continue
		}
		if got != want.Other {
			t.Errorf("Localize(%q) = %q, want %q", id, got, want.Other)
		}
	}
}

// TestLoadMessageFile writes a catalog where FilePath puts it and loads
// it with go-i18n's file loader, which takes the locale from the name.
func TestLoadMessageFile(t *testing.T) {
	root := t.TempDir()
	path := FilePath(root, "es-419", "care/diabetes")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	id := MessageID("care/diabetes", "Check your blood sugar.")
	c := &Catalog{Locale: "es-419", Messages: map[string]Message{id: {ID: id, Other: "Revise su azúcar."}}}
	if err := os.WriteFile(path, Marshal(c), 0o644); err != nil {
		t.Fatal(err)
	}
	b := i18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	mf, err := b.LoadMessageFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if mf.Tag.String() != "es-419" || len(mf.Messages) != 1 || mf.Messages[0].ID != id {
		t.Fatalf("go-i18n loaded tag %s, messages %v", mf.Tag, mf.Messages)
	}
	data, _ := os.ReadFile(path)
	got, err := Parse(path, data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, c) {
		t.Errorf("Parse = %#v, want %#v", got, c)
	}
}

func TestRoundTrip(t *testing.T) {
	c := trickyCatalog()
	data := Marshal(c)
	got, err := Parse("dir/doc.es.toml", data)
	if err != nil {
		t.Fatalf("Parse(Marshal(c)): %v\n%s", err, data)
	}
	if !reflect.DeepEqual(got, c) {
		t.Errorf("round trip changed the catalog:\n got %#v\nwant %#v", got, c)
	}
	if again := Marshal(got); string(again) != string(data) {
		t.Errorf("Marshal is not stable:\n%s\nvs\n%s", again, data)
	}
}

// TestParseGoI18nForms checks that Parse reads other valid go-i18n
// layouts with the IDs go-i18n gives them.
func TestParseGoI18nForms(t *testing.T) {
	tests := []struct {
		name string
		data string
		want map[string]Message
	}{
		{"empty", "", map[string]Message{}},
		{"comment only", "# nothing yet\n", map[string]Message{}},
		{"bare string", "\"a.b\" = \"hola\"\nplain = \"x\"\n", map[string]Message{
			"a.b":   {ID: "a.b", Other: "hola"},
			"plain": {ID: "plain", Other: "x"},
		}},
		{"nested tables", "[care.diabetes]\nother = \"x\"\n[care.asthma]\nhash = \"h\"\n", map[string]Message{
			"care.diabetes": {ID: "care.diabetes", Other: "x"},
			"care.asthma":   {ID: "care.asthma", Hash: "h"},
		}},
		{"dotted keys", "[\"a\"]\nb.other = \"x\"\n", map[string]Message{
			"a.b": {ID: "a.b", Other: "x"},
		}},
		{"inline table", "\"x.1\" = { other = \"o\", description = \"d\" }\n", map[string]Message{
			"x.1": {ID: "x.1", Other: "o", Description: "d"},
		}},
		{"multi-line and literal strings", "[m]\nother = '''\nline 1\nline {{2}}'''\ndescription = 'c:\\path'\n", map[string]Message{
			"m": {ID: "m", Other: "line 1\nline {{2}}", Description: `c:\path`},
		}},
		{"BOM and CRLF", "\ufeff[\"m\"]\r\nother = \"x\"\r\n", map[string]Message{
			"m": {ID: "m", Other: "x"},
		}},
		{"empty table keeps its ID", "[\"m\"]\n", map[string]Message{
			"m": {ID: "m"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse("locales/es/doc.es.toml", []byte(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			if got.Locale != "es" {
				t.Errorf("Locale = %q, want es", got.Locale)
			}
			if !reflect.DeepEqual(got.Messages, tt.want) {
				t.Errorf("Messages = %#v, want %#v", got.Messages, tt.want)
			}
			// go-i18n must agree on the non-empty messages.
			b := i18n.NewBundle(language.English)
			b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
			mf, err := b.ParseMessageFileBytes([]byte(tt.data), "doc.es.toml")
			if err != nil {
				t.Fatalf("go-i18n: %v", err)
			}
			for _, m := range mf.Messages {
				w := tt.want[m.ID]
				if (Message{ID: m.ID, Hash: m.Hash, Description: m.Description, Other: m.Other}) != w {
					t.Errorf("go-i18n read %q as %#v, Parse as %#v", m.ID, m, w)
				}
			}
		})
	}
}

func TestParseLocale(t *testing.T) {
	tests := []struct{ path, want, wantErr string }{
		{path: "locales/es/doc.es.toml", want: "es"},
		{path: "locales/es-419/care/diabetes.es-419.toml", want: "es-419"},
		{path: "doc.v2.zh-Hant-TW.toml", want: "zh-Hant-TW"},
		{path: "es.toml", want: "es"}, // go-i18n reads this name as es too
		{path: "locales/xx/doc.xx.toml", wantErr: `locales/xx/doc.xx.toml: bad locale tag "xx": `},
		{path: "doc.en_US.toml", wantErr: `doc.en_US.toml: bad locale tag "en_US": `},
		{path: "doc.und.toml", wantErr: `doc.und.toml: bad locale tag "und": `},
		{path: "doc..toml", wantErr: `doc..toml: bad locale tag "": `},
		{path: "doc.es.yaml", wantErr: `doc.es.yaml: catalog file name must end in .toml`},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			c, err := Parse(filepath.FromSlash(tt.path), []byte(`["a"]`+"\nother = \"b\"\n"))
			if tt.wantErr != "" {
				if err == nil || !strings.HasPrefix(filepath.ToSlash(err.Error()), tt.wantErr) {
					t.Fatalf("error = %v, want prefix %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.Locale != tt.want {
				t.Errorf("Locale = %q, want %q", c.Locale, tt.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ name, data, wantErr string }{
		{"syntax", "[\"a\"]\nother = \"x\"\n\nother = = 1\n", `doc.es.toml:4: `},
		{"unterminated string", "[\"a\"]\nother = \"x\n", `doc.es.toml:2: `},
		{"duplicate key", "[\"a\"]\nother = \"x\"\nother = \"y\"\n", `doc.es.toml:3: `},
		{"unknown key", "[\"intro.abc\"]\nother = \"x\"\nreviewed = \"yes\"\n", `doc.es.toml: message "intro.abc": unknown key "reviewed"`},
		{"plural form", "[\"intro.abc\"]\none = \"x\"\nother = \"y\"\n", `doc.es.toml: message "intro.abc": unknown key "one"`},
		{"capitalised key", "[\"m\"]\nOther = \"x\"\n", `doc.es.toml: message "m": unknown key "Other"`},
		{"id key", "[\"m\"]\nid = \"n\"\nother = \"x\"\n", `doc.es.toml: message "m": unknown key "id"`},
		{"sub-table in message", "[\"m\"]\nother = \"x\"\n[\"m\".sub]\nother = \"y\"\n", `doc.es.toml: message "m": unknown key "sub"`},
		{"non-string value", "[\"m\"]\nhash = \"h\"\nother = 3\n", `doc.es.toml: message "m": key "other" must be a string, not an integer`},
		{"top-level number", "m = 3\n", `doc.es.toml: message "m": value must be a table or a string, not an integer`},
		{"top-level array", "m = [\"a\"]\n", `doc.es.toml: message "m": value must be a table or a string, not an array`},
		{"top-level reserved string", "other = \"x\"\n", `doc.es.toml: top-level key "other" is a message field`},
		{"translation ID", "[\"translation\"]\nother = \"x\"\n", `doc.es.toml: message ID "translation" is reserved by go-i18n`},
		{"empty ID", "[\"\"]\nother = \"x\"\n", `doc.es.toml: empty message ID`},
		{"duplicate after flattening", "[\"a.b\"]\nother = \"x\"\n[a.b]\nother = \"y\"\n", `doc.es.toml: message "a.b" is defined twice`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("doc.es.toml", []byte(tt.data))
			if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) {
				t.Fatalf("error = %v, want prefix %q", err, tt.wantErr)
			}
			if msg := strings.TrimPrefix(err.Error(), "doc.es.toml:"); strings.ContainsAny(msg[:3], "ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
				t.Errorf("error not lower case: %v", err)
			}
		})
	}
}

func TestNormalizeFastPath(t *testing.T) {
	for _, s := range []string{"plain text", "two  spaces", " lead", "trail ", "tab\there", "line\nbreak", "café", "e\u0301", "", "a"} {
		want := strings.Join(strings.Fields(norm.NFC.String(s)), " ")
		if got := Normalize(s); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", s, got, want)
		}
	}
}
