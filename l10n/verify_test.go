package l10n_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/servedtest"
	"github.com/healthloc/healthloc/l10n"
)

// TestRefusesWhatTheInvariantForbids edits the served catalogs by hand in
// every way that would put outdated text in front of a reader, and checks
// that neither Message nor Document nor the Bundle returns it, that
// Refused names it, and (with servedtest) that a plain go-i18n app would
// have been served it.
func TestRefusesWhatTheInvariantForbids(t *testing.T) {
	const dose = "dose-child"
	oldSrc := "Give paracetamol every 6 hours if the child is uncomfortable, at most 4 doses in 24 hours."
	newSrc := strings.Replace(oldSrc, "every 6 hours", "every 8 hours", 1)
	oldHash := catalog.Hash("paragraph", oldSrc)
	keep := "Keep medicines where children cannot reach them."
	keepID := catalog.MessageID("fever", keep)
	for _, tc := range []struct {
		name   string
		change func(t *testing.T, p fstest.MapFS)
		loc    language.Tag
		id     string
		reason string
	}{{
		// A pinned ID keeps its ID when the text changes: the old
		// translation stays under it with the old hash.
		name: "number changed under a pinned ID",
		change: func(t *testing.T, p fstest.MapFS) {
			edit(t, p, "content/fever.md", oldSrc, newSrc)
			edit(t, p, "locales/en/fever.en.toml", oldSrc, newSrc)
			edit(t, p, "locales/en/fever.en.toml", oldHash, catalog.Hash("paragraph", newSrc))
		},
		loc: ar, id: dose, reason: "outdated",
	}, {
		// A generated ID changes with the text; extract used to carry the
		// old translation to the new ID, keeping its old hash, in the
		// served catalog.
		name: "number changed, old translation carried to the new ID",
		change: func(t *testing.T, p fstest.MapFS) {
			oldText := "Keep medicines where children cannot reach them."
			newText := "Keep medicines where children under 12 cannot reach them."
			newID := catalog.MessageID("fever", newText)
			edit(t, p, "content/fever.md", oldText, newText)
			edit(t, p, "locales/en/fever.en.toml", `["`+keepID+`"]`, `["`+newID+`"]`)
			edit(t, p, "locales/en/fever.en.toml", oldText, newText)
			edit(t, p, "locales/en/fever.en.toml", catalog.Hash("paragraph", oldText), catalog.Hash("paragraph", newText))
			edit(t, p, "locales/es/fever.es.toml", `["`+keepID+`"]`, `["`+newID+`"]`)
			edit(t, p, "locales/es-419/fever.es-419.toml", `["`+keepID+`"]`, `["`+newID+`"]`)
		},
		loc: esMX, id: catalog.MessageID("fever", "Keep medicines where children under 12 cannot reach them."), reason: "outdated",
	}, {
		name: "hash edited by hand",
		change: func(t *testing.T, p fstest.MapFS) {
			edit(t, p, "locales/ar/fever.ar.toml", oldHash, "sha1-0000000000000000000000000000000000000000")
		},
		loc: ar, id: dose, reason: "outdated",
	}, {
		name: "hash removed by hand",
		change: func(t *testing.T, p fstest.MapFS) {
			edit(t, p, "locales/ar/fever.ar.toml", `hash = "`+oldHash+`"`+"\n", "")
		},
		loc: ar, id: dose, reason: "no hash",
	}, {
		name: "deleted paragraph left in a served catalog",
		change: func(t *testing.T, p fstest.MapFS) {
			p["locales/ar/old.ar.toml"] = &fstest.MapFile{Data: []byte(`["old.0123456789"]` + "\n" +
				`hash = "sha1-1111111111111111111111111111111111111111"` + "\n" + `other = "نص قديم"` + "\n")}
		},
		loc: ar, id: "old.0123456789", reason: "not in the source",
	}} {
		t.Run(tc.name, func(t *testing.T) {
			p := project(t)
			tc.change(t, p)
			c := load(t, p)
			refused := c.Refused()
			if len(refused) == 0 {
				t.Fatalf("nothing refused")
			}
			for _, r := range refused {
				if r.ID != tc.id || !strings.Contains(r.Reason, tc.reason) {
					t.Errorf("Refused %+v, want only %s for %q", r, tc.id, tc.reason)
				}
			}
			if m, err := c.Message(tc.loc, tc.id); err == nil && m.Locale != en {
				t.Errorf("Message(%s, %s) = %q from %s, want the source text", tc.loc, tc.id, m.Text, m.Locale)
			}
			segs, _ := c.Document(tc.loc, "fever")
			for _, s := range segs {
				if s.ID == tc.id && s.Locale != en {
					t.Errorf("Document(%s) serves %q from %s", tc.loc, s.Text, s.Locale)
				}
			}
			// A plain go-i18n app would have served it…
			served, err := servedtest.Walk(p, "locales", en)
			if err != nil {
				t.Fatal(err)
			}
			if ps := served.Problems(servedtest.Options{}); len(ps) == 0 {
				t.Errorf("servedtest finds nothing wrong with the edited catalogs")
			}
			// …but the runtime serves only what render publishes.
			served.CheckRuntime(t, get(c), servedtest.Options{}, esMX)
			// The Bundle holds only the verified messages.
			l := i18n.NewLocalizer(c.Bundle(), refused[0].Locale.String())
			if s, tag, err := l.LocalizeWithTag(&i18n.LocalizeConfig{MessageID: tc.id}); err == nil && tag != en {
				t.Errorf("the Bundle serves %q from %s", s, tag)
			}
		})
	}
}

// get adapts Message to servedtest.
func get(c *l10n.Catalogs) servedtest.Get {
	return func(loc language.Tag, id string) (string, language.Tag, error) {
		m, err := c.Message(loc, id)
		return m.Text, m.Locale, err
	}
}

func TestSourceEditedByHand(t *testing.T) {
	old := "Keep medicines where children cannot reach them."
	p := project(t)
	edit(t, p, "locales/en/fever.en.toml", old, "Keep medicines where children under 12 cannot reach them.")
	// With the content, the source catalog no longer matches it.
	if _, err := l10n.LoadProject(p); err == nil || !strings.Contains(err.Error(), "content/fever.md:13: this paragraph is not in the source catalog locales/en/fever.en.toml") {
		t.Errorf("LoadProject = %v", err)
	}
	// Without it, its translations can no longer be trusted.
	c, err := l10n.Load(p, l10n.Options{Root: "locales"})
	if err != nil {
		t.Fatal(err)
	}
	m, _ := c.Message(es, catalog.MessageID("fever", old))
	if m.Locale != en || !strings.Contains(m.Text, "under 12") {
		t.Errorf("Message = %q from %s, want the edited source", m.Text, m.Locale)
	}
	if r := c.Refused(); len(r) != 2 || !strings.Contains(r[0].Reason, "source message was edited by hand") {
		t.Errorf("Refused = %+v", r)
	}
}

func TestContentNotExtracted(t *testing.T) {
	p := project(t)
	edit(t, p, "content/water.txt", "Safe Drinking Water", "Safe Water")
	_, err := l10n.LoadProject(p)
	if err == nil || err.Error() != "content/water.txt:1: this heading is not in the source catalog locales/en/water.en.toml as it is now: run healthloc extract" {
		t.Errorf("LoadProject = %v", err)
	}
	p = project(t)
	p["locales/en/gone.en.toml"] = &fstest.MapFile{Data: []byte("[\"gone.0123456789\"]\ndescription = \"heading\"\nhash = \"" +
		catalog.Hash("heading", "Gone") + "\"\nother = \"Gone\"\n")}
	_, err = l10n.LoadProject(p)
	if err == nil || !strings.Contains(err.Error(), `locales/en/gone.en.toml: message "gone.0123456789" is not in the content`) {
		t.Errorf("LoadProject = %v", err)
	}
}

func TestBadFiles(t *testing.T) {
	for _, tc := range []struct{ name, data, want string }{
		{"locales/fr/.workflow.toml", "[previous.x]\nsource = \"y\"\n",
			`locales/fr/.workflow.toml: the file name holds no valid locale (go-i18n would load it as "und"): bad locale tag "workflow"`},
		{"locales/es/fever.toml", "", `locales/es/fever.toml: the file name holds no valid locale (go-i18n would load it as "und"): bad locale tag "fever"`},
		{"locales/es/fever.es_MX.json", "{}", `bad locale tag "es_MX"`},
		{"locales/es/notes.und.yaml", "", `bad locale tag "und"`},
		{"locales/active.es.toml", "", "locales/active.es.toml: a catalog belongs in the folder of its locale"},
		{"locales/es/fever.fr.toml", "", `locales/es/fever.fr.toml: a fr catalog in folder "es": it belongs in locales/fr/`},
		{"locales/es/es.toml", "", "locales/es/es.toml: the file name has no document slug"},
		{"locales/es/fever.es.TOML", "", "locales/es/fever.es.TOML: go-i18n loads only lower-case extensions"},
		{"locales/es/x.es.json", "\ufeff{}", "locales/es/x.es.json: "},
		{"locales/es/x.es.toml", "[\"fever.168690cfcd\"]\nother = \"x\"\n", `locales/es/x.es.toml: message "fever.168690cfcd" is in locales/es/fever.es.toml too`},
	} {
		p := project(t)
		p[tc.name] = &fstest.MapFile{Data: []byte(tc.data)}
		_, err := l10n.LoadProject(p)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: LoadProject = %v, want %q", tc.name, err, tc.want)
		}
	}
}
