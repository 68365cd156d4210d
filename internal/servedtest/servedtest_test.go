package servedtest

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/catalog"
)

func entry(id, desc, hash, other string) string {
	return `["` + id + `"]` + "\ndescription = " + catalog.Quote(desc) + "\nhash = " + catalog.Quote(hash) + "\nother = " + catalog.Quote(other) + "\n"
}

// fixture is a served tree as it should be: a source catalog, a current
// translation, and a nested one in a content subfolder.
func fixture() fstest.MapFS {
	h1 := catalog.Hash("paragraph", "Take 500 mg every 6 hours.")
	h2 := catalog.Hash("heading", "Doses")
	return fstest.MapFS{
		"locales/en/guide.en.toml":         {Data: []byte(entry("guide.a", "paragraph", h1, "Take 500 mg every 6 hours."))},
		"locales/en/sub/more.en.toml":      {Data: []byte(entry("more.b", "heading", h2, "Doses"))},
		"locales/es/guide.es.toml":         {Data: []byte(entry("guide.a", "paragraph", h1, "Tome 500 mg cada 6 horas."))},
		"locales/es/sub/more.es.toml":      {Data: []byte(entry("more.b", "heading", h2, "Dosis"))},
		"locales/es/README.md":             {Data: []byte("not a catalog")},
		"workarea/es/guide.toml":           {Data: []byte("outside the root")},
		"locales/fr/sub/.hidden/x.fr.json": {Data: []byte(`{"more.b": {"hash": "` + h2 + `", "other": "Doses"}}`)},
	}
}

func TestCleanTree(t *testing.T) {
	s := Check(t, fixture(), "locales", language.English, Options{})
	if len(s.Files) != 5 {
		t.Errorf("loaded %d files, want 5 (hidden ones included, README.md not)", len(s.Files))
	}
	s.CheckRuntime(t, func(loc language.Tag, id string) (string, language.Tag, error) {
		if loc == language.Spanish && id == "guide.a" {
			return "Tome 500 mg cada 6 horas.", language.Spanish, nil
		}
		return map[string]string{"guide.a": "Take 500 mg every 6 hours.", "more.b": "Doses"}[id], language.English, nil
	}, Options{}, language.MustParse("es-MX"))
}

func TestProblems(t *testing.T) {
	stale := catalog.Hash("paragraph", "Take 500 mg every 4 hours.")
	for _, tc := range []struct {
		name, file, data string
		opts             Options
		want             []string
	}{
		{"workflow sidecar", "locales/fr/.workflow.toml", "[previous.\"guide.a\"]\nsource = \"x\"\n", Options{},
			[]string{`Bundle.LanguageTags() lists "und"`, `locales/fr/.workflow.toml: loads as language "und"`}},
		{"no tag", "locales/es/notes.toml", entry("x", "", "", "y"), Options{},
			[]string{`Bundle.LanguageTags() lists "und"`, `locales/es/notes.toml: loads as language "und"`}},
		{"stale", "locales/es/guide.es.toml", entry("guide.a", "paragraph", stale, "Tome 500 mg cada 4 horas."), Options{},
			[]string{
				`go-i18n serves es guide.a: outdated: hash "` + stale + `", source "` + catalog.Hash("paragraph", "Take 500 mg every 6 hours.") + `"`,
				`locales/es/guide.es.toml: guide.a: outdated: hash "` + stale + `", source "` + catalog.Hash("paragraph", "Take 500 mg every 6 hours.") + `"`,
			}},
		{"obsolete", "locales/es/old.es.toml", entry("old.c", "paragraph", stale, "Viejo."), Options{},
			[]string{"locales/es/old.es.toml: old.c: not a message of the source catalogs"}},
		{"source edited by hand", "locales/en/guide.en.toml", entry("guide.a", "paragraph", catalog.Hash("paragraph", "Take 500 mg every 6 hours."), "Take 500 mg every 8 hours."), Options{},
			[]string{"locales/en/guide.en.toml: guide.a: source hash does not match the source text"}},
		{"unapproved", "", "", Options{Approved: func(loc language.Tag, id, _, _ string) bool { return id != "more.b" }},
			[]string{"go-i18n serves es more.b: not approved", "go-i18n serves fr more.b: not approved",
				"locales/es/sub/more.es.toml: more.b: not approved", "locales/fr/sub/.hidden/x.fr.json: more.b: not approved"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fixture()
			if tc.file != "" {
				fsys[tc.file] = &fstest.MapFile{Data: []byte(tc.data)}
			}
			s, err := Walk(fsys, "locales", language.English)
			if err != nil {
				t.Fatal(err)
			}
			got := s.Problems(tc.opts)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("Problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestRuntimeProblems(t *testing.T) {
	s, err := Walk(fixture(), "locales", language.English)
	if err != nil {
		t.Fatal(err)
	}
	bad := func(loc language.Tag, id string) (string, language.Tag, error) {
		switch {
		case id == "more.b":
			return "", language.English, errors.New("lost")
		case loc == language.French:
			return "Tome 500 mg cada 6 horas.", language.Spanish, nil // not on fr's chain
		case loc == language.Spanish:
			return "Tome 500 mg cada 4 horas.", language.Spanish, nil // not in the files
		}
		return "Take 500 mg every 4 hours.", language.English, nil
	}
	got := strings.Join(s.RuntimeProblems(bad, Options{}), "\n")
	for _, want := range []string{
		"en guide.a from en: \"Take 500 mg every 4 hours.\" is not the source text",
		"es guide.a from es: \"Tome 500 mg cada 4 horas.\" is not a servable translation in the files",
		"fr guide.a from es: not on the fallback chain",
		"fr more.b: lost",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("RuntimeProblems misses %q in:\n%s", want, got)
		}
	}
}

func TestWalkFailsLikeAnApp(t *testing.T) {
	fsys := fixture()
	fsys["locales/es/bom.es.json"] = &fstest.MapFile{Data: []byte("\ufeff{}")}
	if _, err := Walk(fsys, "locales", language.English); err == nil || !strings.Contains(err.Error(), "go-i18n cannot load locales/es/bom.es.json") {
		t.Errorf("Walk = %v", err)
	}
}
