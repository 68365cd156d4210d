package po

import (
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/exchange"
	"github.com/healthloc/healthloc/internal/project"
)

func sample() *exchange.File {
	return &exchange.File{SourceLocale: "en", Locale: "es", Docs: []exchange.Doc{{Path: "care/fever.md", Units: []exchange.Unit{
		{ID: "care/fever.1", Kind: "paragraph", Context: []string{"Fever", "Adults"}, Source: "Take <1/>two<2/>\ntablets \"now\"\\", Codes: []string{"**", "**"},
			Target: "Tome <1/>dos<2/>\ncomprimidos", State: project.Translated, Base: project.TextHash("x")},
		{ID: "care/fever.2", Kind: "title", Source: "Fever", Target: "Fiebre vieja", Previous: "Old fever\nline", State: project.Stale, Base: project.TextHash("Fiebre vieja")},
		{ID: "care/fever.3", Kind: "heading", Source: "Tabs\tand\r", State: project.Missing, Base: project.TextHash("")},
	}}}}
}

func TestMarshalParseRoundTrip(t *testing.T) {
	in := sample()
	data := Marshal(in)
	out, err := Parse("es.po", data)
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	if out.Locale != "es" || out.SourceLocale != "en" {
		t.Errorf("locales %q, %q", out.Locale, out.SourceLocale)
	}
	got := out.Units()
	if len(got) != 3 {
		t.Fatalf("%d units\n%s", len(got), data)
	}
	for i, u := range in.Units() {
		g := got[i]
		if g.ID != u.ID || g.Source != u.Source || g.Target != u.Target || g.Base != u.Base || g.Fuzzy != (u.State == project.Stale) {
			t.Errorf("unit %d: got %+v, want %+v", i, g, u)
		}
		if len(g.Refs) != 1 || g.Refs[0] != "care/fever.md" {
			t.Errorf("unit %d: refs %q", i, g.Refs)
		}
	}
	for _, want := range []string{
		"#. paragraph · Fever › Adults\n",
		"#. protected: <1/> = **, <2/> = **\n",
		"#, fuzzy\n#| msgid \"\"\n#| \"Old fever\\n\"\n#| \"line\"\nmsgctxt \"care/fever.2\"\n",
		"msgid \"\"\n\"Take <1/>two<2/>\\n\"\n\"tablets \\\"now\\\"\\\\\"\n",
		"\"Plural-Forms: nplurals=2; plural=(n != 1);\\n\"\n",
	} {
		if !strings.Contains(string(data), want) {
			t.Errorf("output lacks %q:\n%s", want, data)
		}
	}
}

func TestLanguageHeader(t *testing.T) {
	data := string(Marshal(&exchange.File{SourceLocale: "en", Locale: "pt-BR"}))
	if !strings.Contains(data, `"Language: pt_BR\n"`) || !strings.Contains(data, `"Plural-Forms: nplurals=2; plural=(n > 1);\n"`) {
		t.Fatalf("header:\n%s", data)
	}
	f, err := Parse("pt.po", []byte(data))
	if err != nil || f.Locale != "pt-BR" {
		t.Fatalf("Parse: %v, locale %q", err, f.Locale)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ in, err string }{
		{"msgid \"a\"\n", "x.po:1: msgid without msgstr"},
		{"msgstr \"a\"\n", "x.po:1: msgstr before msgid"},
		{"msgid \"a\nmsgstr \"\"\n", `x.po:1: msgid: expected a quoted string, found "\"a"`},
		{"msgid \"a\"\nmsgstr \"\\q\"\n", `x.po:2: msgstr: unknown escape \q in "\q"`},
		{"msgid \"a\"\nmsgid \"b\"\n", "x.po:2: msgid twice in one entry"},
		{"\"loose\"\n", "x.po:1: string outside of an entry"},
		{"msgid \"a\"\nmsgstr \"\"\nfoo \"x\"\n", `x.po:3: unexpected "foo"`},
		{"msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=ISO-8859-1\\n\"\n", "x.po:1: charset iso-8859-1 is not supported"},
		{"msgid \"\xff\"\nmsgstr \"\"\n", "x.po: not UTF-8"},
	}
	for _, tt := range tests {
		_, err := Parse("x.po", []byte(tt.in))
		if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
			t.Errorf("Parse(%q) = %v, want %q", tt.in, err, tt.err)
		}
	}
}

func TestParseToolOutput(t *testing.T) {
	// msgcat/xliff2po style: wrapped strings, obsolete entries, no msgctxt
	in := `# translator comment
#, fuzzy
msgid ""
msgstr ""
"Language: pt_BR\n"

#. healthloc-base: sha1-abc
#: guide.1
#, c-format, fuzzy
msgid "Long "
"text"
msgstr "Texto "
"longo"

#~ msgid "gone"
#~ msgstr "ido"
`
	f, err := Parse("x.po", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	u := f.Units()
	if f.Locale != "pt-BR" || len(u) != 1 || u[0].ID != "" || u[0].Refs[0] != "guide.1" || u[0].Source != "Long text" ||
		u[0].Target != "Texto longo" || !u[0].Fuzzy || u[0].Base != "sha1-abc" || u[0].Line != 7 {
		t.Fatalf("got %q %+v", f.Locale, u)
	}
}

func TestPluralForms(t *testing.T) {
	for tag, want := range map[string]string{
		"es": "nplurals=2; plural=(n != 1);", "fr": "nplurals=2; plural=(n > 1);", "pt-BR": "nplurals=2; plural=(n > 1);",
		"ja": "nplurals=1; plural=0;", "ar": "nplurals=6;",
	} {
		if got := PluralForms(language.Make(tag)); !strings.HasPrefix(got, want) {
			t.Errorf("PluralForms(%s) = %q, want %q", tag, got, want)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add(Marshal(sample()))
	f.Add([]byte("msgid \"a\"\nmsgstr[0] \"b\"\nmsgstr[1] \"c\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Parse("f.po", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.po") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		for _, u := range file.Units() {
			if u.Line < 1 {
				t.Fatalf("unit without a line: %+v", u)
			}
		}
	})
}

// A candidate is fuzzy with a comment that says why and how to approve
// it, and a file with candidates asks for the reviewer's name in its
// header, which Parse reads back.
func TestCandidate(t *testing.T) {
	f := &exchange.File{SourceLocale: "en", Locale: "es", Docs: []exchange.Doc{{Path: "zinc.md", Units: []exchange.Unit{
		{ID: "zinc.1", Kind: "paragraph", Source: "Give 10 mg.", Target: "Dé 10 mg.", State: project.Candidate, Origin: "align: es/zinc.md"},
		{ID: "zinc.2", Kind: "paragraph", Source: "Rest.", State: project.Missing, Suggestion: "Descanso.", Rejected: "rejected by Dr. Ruiz"},
	}}}}
	data := string(Marshal(f))
	for _, want := range []string{
		`"X-Reviewer: \n"`,
		"#. needs review: a candidate translation (align: es/zinc.md) that no reviewer has approved yet; to approve it, remove \"fuzzy\" and sign the X-Reviewer header\n",
		"#, fuzzy\nmsgctxt \"zinc.1\"\n",
		"#. suggestion, rejected by Dr. Ruiz: Descanso.\n",
	} {
		if !strings.Contains(data, want) {
			t.Errorf("output lacks %q:\n%s", want, data)
		}
	}
	signed := strings.Replace(data, `"X-Reviewer: \n"`, `"X-Reviewer: Dr. Ana Ruiz\n"`, 1)
	out, err := Parse("es.po", []byte(signed))
	if err != nil {
		t.Fatal(err)
	}
	if out.Reviewer != "Dr. Ana Ruiz" || !out.Units()[0].Fuzzy || out.Units()[1].Fuzzy {
		t.Errorf("reviewer %q, units %+v", out.Reviewer, out.Units())
	}
	if strings.Contains(string(Marshal(sample())), "X-Reviewer") {
		t.Error("a file without candidates asks for a reviewer")
	}
}
