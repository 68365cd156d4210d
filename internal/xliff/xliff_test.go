package xliff

import (
	"strings"
	"testing"

	"github.com/healthloc/healthloc/internal/exchange"
	"github.com/healthloc/healthloc/internal/project"
)

func sample() *exchange.File {
	return &exchange.File{SourceLocale: "en", Locale: "es", Docs: []exchange.Doc{
		{Path: "care/fever.md", Units: []exchange.Unit{
			{ID: "care/fever.1", Kind: "paragraph", Context: []string{"Fever"}, Source: "Take <1/>two<2/> & <b>", Codes: []string{"**", "**"},
				Target: "Tome <1/>dos<2/> & <b>", State: project.Translated, Base: project.TextHash("x")},
			{ID: "care/fever.2", Kind: "title", Source: "Fever", Target: "Fiebre vieja", Previous: "Old fever", State: project.Stale, Base: "sha1-2"},
		}},
		{Path: "b.md", Units: []exchange.Unit{
			{ID: "b.3", Kind: "heading", Source: "Line\nbreak", State: project.Missing, Base: "sha1-3"},
			{ID: "b.4", Kind: "heading", Source: "Done", Target: "Hecho", State: project.Reviewed, Base: "sha1-4"},
		}},
	}}
}

func TestRoundTrip(t *testing.T) {
	for name, marshal := range map[string]func(*exchange.File) ([]byte, error){"1.2": Marshal12, "2.0": Marshal20} {
		t.Run(name, func(t *testing.T) {
			in := sample()
			data, err := marshal(in)
			if err != nil {
				t.Fatal(err)
			}
			out, err := Parse("es.xlf", data)
			if err != nil {
				t.Fatalf("%v\n%s", err, data)
			}
			if out.Locale != "es" || out.SourceLocale != "en" || len(out.Docs) != 2 || out.Docs[0].Path != "care/fever.md" {
				t.Fatalf("file %+v", out)
			}
			got := out.Units()
			for i, u := range in.Units() {
				g := got[i]
				fuzzy := u.State == project.Stale || u.State == project.Missing
				if g.ID != u.ID || g.Source != u.Source || g.Target != u.Target || g.Base != u.Base || g.Fuzzy != fuzzy || g.Line == 0 {
					t.Errorf("unit %d: got %+v, want %+v", i, g, u)
				}
			}
		})
	}
}

func TestMarshalStates(t *testing.T) {
	x12, _ := Marshal12(sample())
	x20, _ := Marshal20(sample())
	for _, c := range []struct {
		data []byte
		want []string
	}{
		{x12, []string{`approved="yes"`, `<target state="translated">Tome <ph id="1">**</ph>dos<ph id="2">**</ph> &amp; &lt;b&gt;</target>`,
			`<target state="needs-review-translation">`, `<target state="needs-translation"></target>`, `<target state="final">`,
			`<note from="developer">previous source: Old fever</note>`, `<note from="developer">healthloc-id: care/fever.1</note>`}},
		{x20, []string{`<unit id="u1" name="care/fever.1">`, `<data id="d1">**</data>`, `<ph id="1" dataRef="d1"/>`,
			`<segment state="initial" subState="healthloc:stale">`, `<segment state="final" subState="healthloc:reviewed">`,
			`<note>healthloc-base: sha1-2</note>`}},
	} {
		for _, w := range c.want {
			if !strings.Contains(string(c.data), w) {
				t.Errorf("output lacks %s:\n%s", w, c.data)
			}
		}
	}
}

// translate-toolkit's po2xliff writes XLIFF 1.1 with numeric ids, the
// message ID and base in developer notes, and the PO header as a unit.
func TestParsePo2xliff(t *testing.T) {
	in := `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.1" version="1.1">
  <file original="fr.po" source-language="en-US" datatype="po">
    <body>
      <trans-unit xml:space="preserve" id="2" approved="no" restype="x-gettext-domain-header"><source>Language: fr</source></trans-unit>
      <trans-unit xml:space="preserve" id="3" approved="yes"><source>Take &lt;1/&gt;two&lt;2/&gt;</source>
        <target state="translated">Prenez &lt;1/&gt;deux&lt;2/&gt;</target>
        <note from="developer">paragraph
healthloc-id: guide.1
healthloc-base: sha1-b</note>
      </trans-unit>
      <trans-unit xml:space="preserve" id="4" approved="no"><source>Fuzzy</source>
        <target state="needs-translation">Flou</target>
      </trans-unit>
    </body>
  </file>
</xliff>`
	f, err := Parse("fr.xlf", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	u := f.Units()
	if f.Locale != "" || len(u) != 2 || u[0].ID != "guide.1" || u[0].Base != "sha1-b" || u[0].Target != "Prenez <1/>deux<2/>" || u[0].Fuzzy ||
		u[1].ID != "4" || !u[1].Fuzzy {
		t.Fatalf("got %+v", u)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ in, err string }{
		{"<xliff version=\"1.2\">\n<file>\n<body>\n<trans-unit id=\"a\"><source>x</target>", "x.xlf:4: element <source> closed by </target>"},
		{"<html/>", "x.xlf:1: root element is <html>, not <xliff>"},
		{"<xliff version=\"3.0\"/>", `x.xlf:1: unsupported XLIFF version "3.0"`},
		{"", "x.xlf: no <xliff> element"},
		{"<xliff version=\"2.0\"><file><unit name=\"a\"><segment><source>a <ph id=\"x\"/></source>", `x.xlf:1: inline <ph id="x"> is not a healthloc placeholder`},
		{"<xliff version=\"1.2\"><file>", "x.xlf:1: unexpected EOF"},
	}
	for _, tt := range tests {
		_, err := Parse("x.xlf", []byte(tt.in))
		if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
			t.Errorf("Parse(%q) = %v, want %q", tt.in, err, tt.err)
		}
	}
}

func FuzzParse(f *testing.F) {
	x12, _ := Marshal12(sample())
	x20, _ := Marshal20(sample())
	f.Add(x12)
	f.Add(x20)
	f.Fuzz(func(t *testing.T, data []byte) {
		if _, err := Parse("f.xlf", data); err != nil && !strings.HasPrefix(err.Error(), "f.xlf") {
			t.Fatalf("error does not name the file: %v", err)
		}
	})
}

// A candidate is needs-review-translation (1.2) or initial with subState
// healthloc:candidate (2.0), with a note; the file asks for its reviewer
// in a note, which Parse reads back once signed.
func TestCandidate(t *testing.T) {
	f := &exchange.File{SourceLocale: "en", Locale: "es", Docs: []exchange.Doc{{Path: "zinc.md", Units: []exchange.Unit{
		{ID: "zinc.1", Kind: "paragraph", Source: "Give 10 mg.", Target: "Dé 10 mg.", State: project.Candidate, Origin: "align: es/zinc.md"},
	}}}}
	for name, tt := range map[string]struct {
		marshal func(*exchange.File) ([]byte, error)
		want    []string
	}{
		"1.2": {Marshal12, []string{`<header>` + "\n" + `      <note from="healthloc">healthloc-reviewer: </note>`, `<target state="needs-review-translation">Dé 10 mg.</target>`}},
		"2.0": {Marshal20, []string{`<notes>` + "\n" + `      <note category="healthloc">healthloc-reviewer: </note>`, `<segment state="initial" subState="healthloc:candidate">`}},
	} {
		t.Run(name, func(t *testing.T) {
			data, err := tt.marshal(f)
			if err != nil {
				t.Fatal(err)
			}
			s := string(data)
			for _, want := range append(tt.want, "needs review: a candidate translation (align: es/zinc.md)") {
				if !strings.Contains(s, want) {
					t.Errorf("output lacks %q:\n%s", want, s)
				}
			}
			out, err := Parse("es.xlf", []byte(strings.Replace(s, "healthloc-reviewer: <", "healthloc-reviewer: Dr. Ana Ruiz<", 1)))
			if err != nil {
				t.Fatal(err)
			}
			if out.Reviewer != "Dr. Ana Ruiz" || len(out.Units()) != 1 || !out.Units()[0].Fuzzy {
				t.Errorf("reviewer %q, units %+v", out.Reviewer, out.Units())
			}
		})
	}
}
