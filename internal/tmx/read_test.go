package tmx

import (
	"reflect"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	const doc = `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="SDL Trados Studio" creationtoolversion="2019" creationdate="20190304T101500Z" srclang="en-US" segtype="sentence" o-tmf="x" adminlang="en" datatype="xml"/>
  <body>
    <tu tuid="a">
      <tuv xml:lang="en-US"><seg>Take <bpt i="1" x="1">&lt;b&gt;</bpt>500 mg<ept i="1">&lt;/b&gt;</ept> <ph x="2">&lt;br/&gt;</ph><hi>now</hi>.</seg></tuv>
      <tuv xml:lang="fr-FR"><seg><ph x="2">&lt;br/&gt;</ph>Prenez <bpt i="7" x="1">&lt;b&gt;</bpt>500 mg<ept i="7">&lt;/b&gt;</ept>.</seg></tuv>
    </tu>
    <tu>
      <tuv lang="en"><seg>See <ph>&lt;img alt="<sub>an icon</sub>"&gt;</ph></seg></tuv>
      <tuv lang="de"><seg>Unknown <ut>x</ut> code</seg></tuv>
    </tu>
  </body>
</tmx>`
	m, err := Parse("a.tmx", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if m.Tool != "SDL Trados Studio 2019" || m.Date != "2019-03-04T10:15:00Z" || m.SourceLang != "en-US" || len(m.Units) != 2 {
		t.Fatalf("header %q %q %q, %d units", m.Tool, m.Date, m.SourceLang, len(m.Units))
	}
	en, fr := m.Units[0].Vars[0], m.Units[0].Vars[1]
	if en.Lang != "en-US" || en.Text != "Take <1/>500 mg<2/> <3/>now." || !reflect.DeepEqual(en.Codes, []string{"<b>", "</b>", "<br/>"}) {
		t.Errorf("en = %+v", en)
	}
	if !reflect.DeepEqual(en.Keys, []string{"x:1", "x:1:end", "x:2"}) || !reflect.DeepEqual(en.Pairs, [][2]int{{1, 2}}) {
		t.Errorf("en keys %q, pairs %v", en.Keys, en.Pairs)
	}
	if fr.Text != "<1/>Prenez <2/>500 mg<3/>." || !reflect.DeepEqual(fr.Keys, []string{"x:2", "x:1", "x:1:end"}) {
		t.Errorf("fr = %+v", fr)
	}
	if p := m.Units[1].Vars[0].Problem; !strings.Contains(p, "<sub>") {
		t.Errorf("sub-flow: problem %q", p)
	}
	if p := m.Units[1].Vars[1].Problem; !strings.Contains(p, "<ut>") {
		t.Errorf("ut: problem %q", p)
	}
}

func TestParseErrors(t *testing.T) {
	for doc, want := range map[string]string{
		`<tmx><body><tu><tuv><seg>x</tuv></tu></body></tmx>`: "bad.tmx:1: ",
		`<xliff version="1.2"/>`:                             "not <tmx>",
		``:                                                   "no <tmx> element",
	} {
		if _, err := Parse("bad.tmx", []byte(doc)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%q) = %v, want %q", doc, err, want)
		}
	}
}

// FuzzParse: any input is read or refused with an error naming the file;
// a text's placeholders always stand for codes it has.
func FuzzParse(f *testing.F) {
	f.Add([]byte(`<tmx version="1.4"><header srclang="en" creationdate="20200101T000000Z"/><body><tu><tuv xml:lang="en"><seg>a <bpt i="1" x="1">**</bpt>b<ept i="1">**</ept> <ph>&lt;br&gt;</ph></seg></tuv><tuv xml:lang="fr"><seg>c <it pos="begin">x</it><hi>d</hi></seg></tuv></tu></body></tmx>`))
	f.Add([]byte(`<tmx><body><tu><tuv lang="en"><seg><ph><sub>x</sub></ph><ut>y</ut></seg></tuv></tu></body></tmx>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Parse("f.tmx", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.tmx") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		for _, tu := range m.Units {
			for _, v := range tu.Vars {
				if len(v.Codes) != len(v.Keys) || strings.Count(v.Text, "/>") < len(v.Codes) {
					t.Fatalf("%d codes, %d keys, text %q", len(v.Codes), len(v.Keys), v.Text)
				}
			}
		}
	})
}
