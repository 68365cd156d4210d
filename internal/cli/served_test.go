package cli

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/servedtest"
	"github.com/healthloc/healthloc/l10n"
)

// appBundle loads every file under the catalog root that go-i18n can
// load (toml, json, yaml, hidden files included), as a Go app that walks
// the folder would, and returns the bundle and every message it holds
// by locale and ID.
func appBundle(t *testing.T, dir string) (*i18n.Bundle, map[string]map[string]string) {
	t.Helper()
	b := i18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	b.RegisterUnmarshalFunc("json", json.Unmarshal)
	b.RegisterUnmarshalFunc("yaml", yaml.Unmarshal)
	b.RegisterUnmarshalFunc("yml", yaml.Unmarshal)
	msgs := map[string]map[string]string{}
	err := filepath.WalkDir(filepath.Join(dir, "locales"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch filepath.Ext(path) {
		case ".toml", ".json", ".yaml", ".yml":
		default:
			t.Errorf("%s: a file go-i18n cannot load has no place under the catalog root", path)
			return nil
		}
		mf, err := b.LoadMessageFile(path)
		if err != nil {
			t.Fatalf("go-i18n cannot load %s: %v", path, err)
		}
		if mf.Tag == language.Und {
			t.Errorf("%s loads as und", path)
		}
		for _, m := range mf.Messages {
			if msgs[mf.Tag.String()] == nil {
				msgs[mf.Tag.String()] = map[string]string{}
			}
			msgs[mf.Tag.String()][m.ID] = m.Other
		}
		return nil
	})
	must(t, err)
	for _, tag := range b.LanguageTags() {
		if tag == language.Und {
			t.Errorf("the bundle lists und among its languages")
		}
	}
	return b, msgs
}

// checkServedIsPublished checks the promise of the catalog root: every
// message a Go app loads from it is exactly the text render publishes
// for that message in that locale, and nothing else; and the runtime
// package serves nothing else either.
func checkServedIsPublished(t *testing.T, dir string) {
	t.Helper()
	checkRuntime(t, dir)
	servedtest.Check(t, os.DirFS(dir), "locales", language.English, servedtest.Options{})
	_, msgs := appBundle(t, dir)
	p := loadProject(t, dir)
	docs := map[string]*project.Doc{}
	for _, d := range p.Docs {
		for id := range d.Source.Messages {
			docs[id] = d
		}
	}
	src := p.Config.Source().String()
	for loc, byID := range msgs {
		if loc == src {
			continue
		}
		tag := language.Make(loc)
		for id, text := range byID {
			d := docs[id]
			if d == nil {
				t.Errorf("%s serves %s = %q, which is in no document", loc, id, text)
				continue
			}
			r := p.Resolve(tag, d, id, false)
			if !r.Own || r.Text != text {
				t.Errorf("%s serves %s = %q; render publishes %q from %s", loc, id, text, r.Text, r.From)
			}
		}
	}
}

// checkRuntime checks that the l10n package, loading the project as a Go
// app would, serves each message in each locale (es-MX too, which has no
// catalog of its own) only as the source text or as a translation render
// would publish.
func checkRuntime(t *testing.T, dir string) {
	t.Helper()
	c, err := l10n.LoadProject(os.DirFS(dir))
	if err != nil {
		t.Fatalf("l10n: %v", err)
	}
	s, err := servedtest.Walk(os.DirFS(dir), "locales", language.English)
	must(t, err)
	s.CheckRuntime(t, func(loc language.Tag, id string) (string, language.Tag, error) {
		m, err := c.Message(loc, id)
		return m.Text, m.Locale, err
	}, servedtest.Options{}, language.MustParse("es-MX"))
}

// served is the text a Go app gets for id in loc from the catalogs, or
// "" when go-i18n finds no message.
func served(t *testing.T, dir, loc, id string) string {
	t.Helper()
	b, _ := appBundle(t, dir)
	got, err := i18n.NewLocalizer(b, loc).Localize(&i18n.LocalizeConfig{MessageID: id})
	if err != nil {
		return ""
	}
	return got
}

// sourceID is the ID of the message whose source text starts with text.
func sourceID(t *testing.T, dir, text string) (string, catalog.Message) {
	t.Helper()
	for _, d := range loadProject(t, dir).Docs {
		for id, m := range d.Source.Messages {
			if strings.HasPrefix(m.Other, text) {
				return id, m
			}
		}
	}
	t.Fatalf("no message starts with %q", text)
	return "", catalog.Message{}
}

// TestServedCatalogs walks the catalog root as a Go app would after each
// change that leaves a translation unsafe to serve, and checks that the
// app can only ever get what render publishes.
func TestServedCatalogs(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "healthloc.toml"), "locales = [\"es\", \"es-MX\"]\n")
	guide := "# Fever\n\nTake 500 mg every 2 hours.\n\nDrink plenty of clean water.\n\nRest at home until the fever has gone.\n"
	writeFile(t, filepath.Join(dir, "content", "guide.md"), guide)
	healthloc(t, dir, "extract")
	es := map[string]string{
		"Fever":                  "Fiebre",
		"Take 500 mg":            "Tome 500 mg cada 2 horas.",
		"Drink plenty":           "Beba mucha agua limpia.",
		"Rest at home until the": "Descanse en casa hasta que se vaya la fiebre.",
	}
	c := &catalog.Catalog{Locale: "es", Messages: map[string]catalog.Message{}}
	for prefix, text := range es {
		id, m := sourceID(t, dir, prefix)
		c.Messages[id] = catalog.Message{ID: id, Description: m.Description, Hash: m.Hash, Other: text}
	}
	writeFile(t, filepath.Join(dir, "locales", "es", "guide.es.toml"), string(catalog.Marshal(c)))
	healthloc(t, dir, "extract")
	checkServedIsPublished(t, dir)

	t.Run("a number changes in a translated paragraph", func(t *testing.T) {
		writeFile(t, filepath.Join(dir, "content", "guide.md"), strings.Replace(guide, "every 2 hours", "every 4 hours", 1))
		healthloc(t, dir, "extract")
		checkServedIsPublished(t, dir)
		id, _ := sourceID(t, dir, "Take 500 mg every 4")
		for _, loc := range []string{"es", "es-MX"} {
			if got := served(t, dir, loc, id); strings.Contains(got, "cada 2 horas") {
				t.Errorf("%s app gets the outdated dose %q", loc, got)
			}
		}
		if data, _ := os.ReadFile(filepath.Join(dir, "workarea", "es", "docs", "guide.toml")); !strings.Contains(string(data), "cada 2 horas") {
			t.Errorf("the outdated translation is not kept in the work area:\n%s", data)
		}
	})
	t.Run("a candidate waits for review", func(t *testing.T) {
		writeFile(t, filepath.Join(dir, "es.md"), "# Fiebre\n\nTome 500 mg cada 4 horas.\n\nBeba mucha agua limpia.\n\nDescanse en casa hasta que se vaya la fiebre.\n")
		out := healthloc(t, dir, "align", "--locale", "es", "guide.md", filepath.Join(dir, "es.md"))
		if !strings.Contains(out, "1 candidates for review") {
			t.Fatalf("align:\n%s", out)
		}
		checkServedIsPublished(t, dir)
		id, _ := sourceID(t, dir, "Take 500 mg every 4")
		if got := served(t, dir, "es", id); got != "" {
			t.Errorf("an app gets the unreviewed candidate %q", got)
		}
	})
	t.Run("a paragraph is deleted", func(t *testing.T) {
		writeFile(t, filepath.Join(dir, "content", "guide.md"), "# Fever\n\nTake 500 mg every 4 hours.\n\nRest at home until the fever has gone.\n")
		healthloc(t, dir, "extract")
		checkServedIsPublished(t, dir)
		_, msgs := appBundle(t, dir)
		for id, text := range msgs["es"] {
			if strings.Contains(text, "Beba") {
				t.Errorf("an app gets %s = %q, whose source is gone", id, text)
			}
		}
	})
	t.Run("a translation changes a dose", func(t *testing.T) {
		id, m := sourceID(t, dir, "Take 500 mg every 4")
		c := &catalog.Catalog{Locale: "es", Messages: map[string]catalog.Message{
			id: {ID: id, Description: m.Description, Hash: m.Hash, Other: "Tome 50 mg cada 4 horas."}}}
		must(t, os.WriteFile(filepath.Join(dir, "es.po"), nil, 0o644))
		path := filepath.Join(dir, "locales", "es", "guide.es.toml")
		data, _ := os.ReadFile(path)
		writeFile(t, path, string(data)+"\n"+string(catalog.Marshal(c)))
		healthloc(t, dir, "extract", "--no-cache")
		checkServedIsPublished(t, dir)
		if got := served(t, dir, "es", id); got != "" {
			t.Errorf("an app gets %q, whose dose the numbers check refuses", got)
		}
		if data, _ := os.ReadFile(filepath.Join(dir, "workarea", "es", "docs", "guide.toml")); !strings.Contains(string(data), `state = "held"`) {
			t.Errorf("the translation is not held in the work area:\n%s", data)
		}
	})
	t.Run("a hand-edited entry does not match its hash", func(t *testing.T) {
		id, m := sourceID(t, dir, "Rest at home")
		path := filepath.Join(dir, "locales", "es", "guide.es.toml")
		data, err := os.ReadFile(path)
		must(t, err)
		edited := strings.Replace(string(data), m.Hash, catalog.Hash(m.Description, "Rest at home."), 1)
		if edited == string(data) {
			t.Fatalf("%s is not served:\n%s", id, data)
		}
		writeFile(t, path, edited)
		// before extract moves it out, the runtime refuses it
		c, err := l10n.LoadProject(os.DirFS(dir))
		must(t, err)
		if m, err := c.Message(language.Spanish, id); err != nil || m.Locale != language.English {
			t.Errorf("the runtime serves %q from %s (%v), made for another source", m.Text, m.Locale, err)
		}
		healthloc(t, dir, "extract")
		checkServedIsPublished(t, dir)
		if got := served(t, dir, "es", id); got != "" {
			t.Errorf("an app gets %q, made for another source", got)
		}
	})
}

// TestMigrateExample migrates a copy of the example project as it was
// before the work area: stale entries inside the served catalogs and the
// sidecar in locales/fr/.workflow.toml.
func TestMigrateExample(t *testing.T) {
	dir := exampleProject(t)
	must(t, os.RemoveAll(filepath.Join(dir, "locales")))
	must(t, os.RemoveAll(filepath.Join(dir, "workarea")))
	must(t, os.CopyFS(filepath.Join(dir, "locales"), os.DirFS(filepath.Join("testdata", "legacy-example", "locales"))))
	texts := translationTexts(t, dir)
	before := healthloc(t, dir, "status", "--format", "csv")

	out := healthloc(t, dir, "extract")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var summary []string
	for _, l := range lines {
		if strings.HasPrefix(l, "migrated") {
			summary = append(summary, l)
		}
	}
	if len(summary) != 1 || !strings.Contains(summary[0], "fr 2 translations") {
		t.Fatalf("want one migration line that moves fr's 2 stale translations:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(dir, "locales", "fr", ".workflow.toml")); err == nil {
		t.Errorf("the old sidecar is still in the catalog root")
	}
	if after := translationTexts(t, dir); fmt.Sprint(after) != fmt.Sprint(texts) {
		t.Errorf("translations before the migration %v, after %v", texts, after)
	}
	if after := healthloc(t, dir, "status", "--format", "csv"); after != before {
		t.Errorf("status before the migration:\n%s\nafter:\n%s", before, after)
	}
	checkServedIsPublished(t, dir)
	if out := healthloc(t, dir, "extract", "--no-cache"); !strings.Contains(out, "0 files written") || strings.Contains(out, "migrated") {
		t.Errorf("a second extract after the migration:\n%s", out)
	}
}

// translationTexts is every translation text in the catalogs and the
// work area, by locale, counted.
func translationTexts(t *testing.T, dir string) map[string]map[string]int {
	t.Helper()
	out := map[string]map[string]int{}
	p := loadProject(t, dir)
	for loc, cats := range p.Catalogs {
		if loc == p.Config.Source().String() {
			continue
		}
		out[loc] = map[string]int{}
		for _, c := range cats {
			for _, m := range c.Messages {
				out[loc][m.Other]++
			}
		}
	}
	return out
}
