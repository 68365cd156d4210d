package memory

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/exchange"
)

func opts(targets ...string) Options {
	o := Options{Source: language.English}
	for _, t := range targets {
		o.Targets = append(o.Targets, language.MustParse(t))
	}
	return o
}

func read(t *testing.T, name, data string, o Options) *Read {
	t.Helper()
	r, err := ReadFile(name, []byte(data), o)
	if err != nil {
		t.Fatal(err)
	}
	r.Finish()
	return r
}

func TestReadTMX(t *testing.T) {
	const doc = `<tmx version="1.4"><header creationtool="memoQ" creationdate="20200101T000000Z" srclang="en"/><body>
<tu><tuv xml:lang="en"><seg>Take <bpt i="1">**</bpt>two<ept i="1">**</ept> tablets.</seg></tuv>
    <tuv xml:lang="es"><seg>Tome <bpt i="1">**</bpt>dos<ept i="1">**</ept> comprimidos.</seg></tuv>
    <tuv xml:lang="es-MX"><seg>Tome <bpt i="1">**</bpt>dos<ept i="1">**</ept> pastillas.</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>Call <ph>&lt;br&gt;</ph> us</seg></tuv><tuv xml:lang="es"><seg>Llame <ph>&lt;hr&gt;</ph></seg></tuv></tu>
<tu><tuv xml:lang="fr"><seg>Bonjour</seg></tuv><tuv xml:lang="es"><seg>Hola</seg></tuv></tu>
</body></tmx>`
	r := read(t, "dir/agency 2020.tmx", doc, opts("es-MX", "es"))
	if r.Origin.Name != "agency-2020.tmx" || r.Origin.Tool != "memoQ" || r.Origin.Date != "2020-01-01T00:00:00Z" {
		t.Errorf("origin %+v", r.Origin)
	}
	want := Unit{Source: "Take <1/>two<2/> tablets.", Target: "Tome <1/>dos<2/> comprimidos.", Codes: []string{"**", "**"}}
	if es := r.Files["es"]; es == nil || len(es.Units) != 1 || !reflect.DeepEqual(es.Units[0], want) {
		t.Errorf("es = %+v", r.Files["es"])
	}
	if mx := r.Files["es-MX"]; mx == nil || mx.Units[0].Target != "Tome <1/>dos<2/> pastillas." {
		t.Errorf("es-MX = %+v", r.Files["es-MX"])
	}
	var why []string
	for _, s := range r.Skipped {
		why = append(why, s.Reason)
	}
	if got := strings.Join(why, "; "); got != ReasonAddedCode+"; "+ReasonNoSource {
		t.Errorf("skipped: %s", got)
	}
	if len(r.Matched) != 0 {
		t.Errorf("matched %v", r.Matched)
	}
	// a regional code close to one target goes there, and says so
	r = read(t, "fr.tmx", strings.ReplaceAll(doc, `"es"`, `"es-ES"`), opts("es", "fr"))
	if !reflect.DeepEqual(r.Matched, map[string]string{"es-ES": "es", "es-MX": "es"}) || len(r.Files["es"].Units) != 2 {
		t.Errorf("matched %v, files %v", r.Matched, r.Files)
	}
	// the file's languages must be the project's
	if _, err := ReadFile("x.tmx", []byte(`<tmx><header srclang="de"/><body/></tmx>`), opts("es")); err == nil {
		t.Error("a German memory for an English project: no error")
	}
	if _, err := ReadFile("x.tmx", []byte(strings.ReplaceAll(doc, `"es"`, `"es-ES"`)), opts("es", "es-MX")); err == nil ||
		!strings.Contains(err.Error(), "could be any of") {
		t.Errorf("ambiguous language: %v", err)
	}
}

func TestReadPOAndXLIFF(t *testing.T) {
	const po = `msgid ""
msgstr ""
"Language: es\n"
"X-Source-Language: en\n"

#. protected: <1/> = [, <2/> = ](https://who.int "WHO, 2020")
msgctxt "guide.1"
msgid "See <1/>the page<2/>."
msgstr "Vea <1/>la página<2/>."

msgid "Rest."
msgstr "Rest."

msgid "Drink <1/>water."
msgstr "Beba <3/>agua."
`
	r := read(t, "old.po", po, opts("es"))
	want := []Unit{{Source: "See <1/>the page<2/>.", Target: "Vea <1/>la página<2/>.", Codes: []string{"[", `](https://who.int "WHO, 2020")`}}}
	if got := r.Files["es"].Units; !reflect.DeepEqual(got, want) || len(r.Skipped) != 2 {
		t.Errorf("units %+v, skipped %+v", got, r.Skipped)
	}

	const x12 = `<xliff version="1.2"><file original="a" source-language="en-US" target-language="es-ES" tool-id="Okapi" date="2022-02-02T00:00:00Z"><body>
<trans-unit id="t1"><source>Press <bpt id="b1">&lt;b&gt;</bpt>OK<ept id="b1">&lt;/b&gt;</ept> <x id="img"/></source>
<target state="translated">Pulse <x id="img"/> <bpt id="b1">&lt;b&gt;</bpt>OK<ept id="b1">&lt;/b&gt;</ept></target></trans-unit>
<trans-unit id="t2"><source>Wait.</source><target state="needs-translation">Espere.</target></trans-unit>
</body></file></xliff>`
	r = read(t, "okapi.xlf", x12, opts("es"))
	want = []Unit{{Source: "Press <1/>OK<2/> <3/>", Target: "Pulse <3/> <1/>OK<2/>", Codes: []string{"<b>", "</b>", ""}}}
	if got := r.Files["es"].Units; !reflect.DeepEqual(got, want) || r.Origin.Tool != "Okapi" || r.Origin.Format != "xliff12" {
		t.Errorf("units %+v, origin %+v", got, r.Origin)
	}

	const x20 = `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="es"><file id="f"><unit id="u">
<originalData><data id="d1">**</data><data id="d2">**</data></originalData>
<segment state="final"><source>Take <ph id="1" dataRef="d1"/>two<ph id="2" dataRef="d2"/>.</source><target>Tome <ph id="1" dataRef="d1"/>dos<ph id="2" dataRef="d2"/>.</target></segment>
</unit></file></xliff>`
	r = read(t, "a.xliff", x20, opts("es"))
	want = []Unit{{Source: "Take <1/>two<2/>.", Target: "Tome <1/>dos<2/>.", Codes: []string{"**", "**"}}}
	if got := r.Files["es"].Units; !reflect.DeepEqual(got, want) || r.Origin.Format != "xliff20" {
		t.Errorf("units %+v, format %s", got, r.Origin.Format)
	}
}

func TestOmegaTTags(t *testing.T) {
	const doc = `<tmx version="1.4"><header creationtool="OmegaT" creationtoolversion="3.6.0_10" srclang="en"/><body>
<tu><tuv xml:lang="en"><seg>Take &lt;f0/&gt;500 mg&lt;f1/&gt; daily.</seg></tuv><tuv xml:lang="es"><seg>Tome &lt;f0/&gt;500 mg&lt;f1/&gt; al día.</seg></tuv></tu>
</body></tmx>`
	r := read(t, "project_save.tmx", doc, opts("es"))
	u := r.Files["es"].Units[0]
	if u.Source != "Take <1/>500 mg<2/> daily." || u.Target != "Tome <1/>500 mg<2/> al día." || !reflect.DeepEqual(u.Codes, []string{"", ""}) {
		t.Fatalf("unit %+v", u)
	}
	// the codes are unknown: a segment with any codes at those places matches
	ix := NewIndex([]*File{r.Files["es"]})
	src := "Take **500 mg** daily."
	text, origin, ok := ix.Exact(src, catalog.KeyOf(src))
	if !ok || text != "Tome **500 mg** al día." || origin != "memory: project_save.tmx" {
		t.Errorf("Exact = %q, %q, %v", text, origin, ok)
	}
}

func TestIndex(t *testing.T) {
	older := &File{Origin: Origin{Name: "old.tmx", Date: "2019-01-01"}, Units: []Unit{
		{Source: "Drink water.", Target: "Beba agua (vieja)."},
		{Source: "Take <1/>two<2/> tablets every day with food.", Target: "Tome <1/>dos<2/> comprimidos cada día con comida.", Codes: []string{"**", "**"}},
	}}
	newer := &File{Origin: Origin{Name: "new.tmx", Date: "2024-05-01", Tool: "Trados"}, Units: []Unit{
		{Source: "Drink  water. ", Target: "Beba agua."},
	}}
	ix := NewIndex([]*File{older, newer})
	if text, origin, ok := ix.Exact("Drink water.", catalog.KeyOf("Drink water.")); !ok || text != "Beba agua." || origin != "memory: new.tmx" {
		t.Errorf("Exact = %q %q %v; want the newer memory's", text, origin, ok)
	}
	src := "Take **two** tablets every day with food."
	if text, _, ok := ix.Exact(src, catalog.KeyOf(src)); !ok || text != "Tome **dos** comprimidos cada día con comida." {
		t.Errorf("Exact with codes = %q %v", text, ok)
	}
	if _, _, ok := ix.Exact("Take two tablets every day with food.", catalog.KeyOf("Take two tablets every day with food.")); ok {
		t.Error("a source without the markup matched exactly")
	}
	got := ix.Suggest("Take **three** tablets every day with food.", 3)
	if len(got) != 1 || got[0].Score != 85 || got[0].Target != "Tome **dos** comprimidos cada día con comida." {
		t.Errorf("Suggest = %+v", got)
	}
	if got := ix.Suggest("Take a walk every day.", 3); len(got) != 0 {
		t.Errorf("Suggest of an unlike text = %+v", got)
	}
	if got := ix.Suggest("Drink water.", 3); len(got) != 1 || got[0].Score != 100 || got[0].Tool != "Trados" {
		t.Errorf("Suggest of an exact match = %+v", got)
	}
}

func TestFileRoundTrip(t *testing.T) {
	f := &File{Origin: Origin{Name: "a.tmx", File: "in/a.tmx", Format: "tmx", Tool: "x", Date: "2020", Language: "es-ES", SourceLanguage: "en"},
		Units: []Unit{{Source: "a \"b\"\nc", Target: "d", Codes: []string{"**", ""}}}}
	g, err := Parse("a.toml", f.Marshal())
	if err != nil || !reflect.DeepEqual(g, f) {
		t.Fatalf("Parse(Marshal) = %+v, %v", g, err)
	}
	if _, err := Parse("b.toml", []byte("name = \"b\"\nbogus = 1\n")); err == nil || !strings.Contains(err.Error(), "b.toml: unknown key") {
		t.Errorf("unknown key: %v", err)
	}
	// the fast reader of Marshal's form reads what the TOML parser reads,
	// and leaves any other form to it
	f.Units = append(f.Units, Unit{Source: "x <1/>\\ \t\u00e9 \U0001F600", Target: "y", Codes: []string{`", "`}}, Unit{Source: "z", Target: "w"})
	fast, ok := parseCanonical(f.Marshal())
	if !ok || !reflect.DeepEqual(fast, f) {
		t.Errorf("parseCanonical = %+v, %v", fast, ok)
	}
	for _, other := range []string{"name = 'single'\n", "name = \"a\"\n[[unit]]\nsource = \"s\"\n", "name = \"a\"\nname = \"b\"\n", "[unit]\n"} {
		if _, ok := parseCanonical([]byte(other)); ok {
			t.Errorf("parseCanonical(%q) took it", other)
		}
	}
}

func TestRestore(t *testing.T) {
	codes := []string{"**", "[", "](x)"}
	for _, s := range []string{"plain", "a <1/>b<1/> <2/>c<3/>", "<b> <12 <x/> <4", "<0/>", "<4/>"} {
		want, err := exchange.Restore(s, codes)
		got, ok := restore(s, codes)
		if ok != (err == nil) || ok && got != want {
			t.Errorf("restore(%q) = %q, %v; exchange.Restore %q, %v", s, got, ok, want, err)
		}
	}
}

func TestNameOf(t *testing.T) {
	for in, want := range map[string]string{"a/b/agency 2019.tmx": "agency-2019.tmx", `C:\tm\x.po`: "x.po", "..": "memory", "fr.xlf": "fr.xlf"} {
		if got := NameOf(in); got != want || !ValidName(got) {
			t.Errorf("NameOf(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzParse: the fast reader of memory files takes only what the TOML
// parser reads the same way.
func FuzzParse(f *testing.F) {
	seed := &File{Origin: Origin{Name: "a.tmx", File: "a.tmx", Format: "tmx", Tool: "t"}, Units: []Unit{
		{Source: "Take <1/>two<2/>.", Target: "Tome <1/>dos<2/>.", Codes: []string{"**", "**"}}, {Source: "a \"b\" \\ c", Target: "d\te"}}}
	f.Add(seed.Marshal())
	f.Add([]byte("name = \"x\"\n[[unit]]\nsource = \"a\"\ntarget = \"b\"\ncodes = [\"\", \"\\\"\"]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fast, ok := parseCanonical(data)
		if !ok || fast.Name == "" {
			return
		}
		f := &File{}
		if _, err := toml.NewDecoder(bytes.NewReader(data)).Decode(f); err != nil {
			t.Fatalf("fast reader took what TOML refuses (%v):\n%s", err, data)
		}
		if !reflect.DeepEqual(fast, f) {
			t.Fatalf("fast %+v, TOML %+v", fast, f)
		}
	})
}
