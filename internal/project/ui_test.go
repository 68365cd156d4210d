package project

import (
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/catalog"
)

func uiProject(t *testing.T, locales string, files fstest.MapFS, lean bool) (*Project, error) {
	t.Helper()
	cfg := parseConfig(t, "locales = ["+locales+"]\n")
	if files["content/a.md"] == nil {
		files["content/a.md"] = &fstest.MapFile{Data: []byte("# Title\n\nText.\n")}
	}
	return LoadWith(files, cfg, LoadOptions{Lean: lean})
}

// TestPageTextDocument checks the page text as a document of every
// project: last, with pinned IDs, healthloc's reviewed translations for a
// locale without a catalog of its own, inherited by a child locale, and
// a project catalog winning over them.
func TestPageTextDocument(t *testing.T) {
	p, err := uiProject(t, `"ko", "es", "es-MX", "he"`, fstest.MapFS{}, false)
	if err != nil {
		t.Fatal(err)
	}
	d := p.Docs[len(p.Docs)-1]
	if !d.IsUI() || p.UIDoc() != d || len(d.Segments) != 6 || d.IDs[0] != "_ui.SkipToContent" {
		t.Fatalf("page-text document %+v", d.Document)
	}
	ko := language.Korean
	if st, text := p.Lookup(ko, d, UIID("Contents")); st != Reviewed || text != "목차" {
		t.Errorf("ko Contents = %v %q, want healthloc's, reviewed", st, text)
	}
	if p.Catalogs["es-MX"][UISlug] != nil || p.Catalogs["he"][UISlug] != nil {
		t.Error("es-MX (inherits es) or he (healthloc has no Hebrew) got a copy")
	}
	if r := p.Resolve(language.MustParse("es-MX"), d, UIID("Contents"), false); r.Text != "Contenido" || r.From.String() != "es" {
		t.Errorf("es-MX Contents = %+v", r)
	}
	// a project's own translation: translated, not reviewed until a
	// reviewer says so
	c := p.Catalogs["ko"][UISlug]
	m := c.Messages[UIID("Contents")]
	m.Other = "차례"
	c.Messages[UIID("Contents")] = m
	if st, _ := p.Lookup(ko, d, UIID("Contents")); st != Translated {
		t.Errorf("edited ko Contents = %v, want translated", st)
	}
}

// TestPageTextSlugReserved refuses a content file whose slug is the page
// text's.
func TestPageTextSlugReserved(t *testing.T) {
	for _, lean := range []bool{false, true} {
		p, err := uiProject(t, `"es"`, fstest.MapFS{"content/_ui.md": {Data: []byte("# x\n")}}, lean)
		if lean && err == nil {
			err = p.Windows(func(*Project) error { return nil })
		}
		if err == nil || !strings.Contains(err.Error(), `content/_ui.md: the slug "_ui" is reserved for healthloc's page text`) {
			t.Errorf("lean %v: err = %v", lean, err)
		}
	}
}

// TestPageTextLean checks that a lean project's windows and PageText see
// the page text as a whole load does, from disk or from healthloc.
func TestPageTextLean(t *testing.T) {
	own := &catalog.Catalog{Locale: "fr", Messages: map[string]catalog.Message{}}
	files := fstest.MapFS{}
	whole, err := uiProject(t, `"fr", "ko"`, files, false)
	if err != nil {
		t.Fatal(err)
	}
	src := whole.UIDoc().Source.Messages[UIID("Articles")]
	own.Messages[src.ID] = catalog.Message{ID: src.ID, Description: src.Description, Hash: src.Hash, Other: "Fiches"}
	files["locales/fr/_ui.fr.toml"] = &fstest.MapFile{Data: catalog.Marshal(own)}
	lean, err := uiProject(t, `"fr", "ko"`, files, true)
	if err != nil {
		t.Fatal(err)
	}
	pt, err := lean.PageText()
	if err != nil {
		t.Fatal(err)
	}
	var inWindow *Project
	err = lean.Windows(func(w *Project) error {
		if w.UIDoc() != nil {
			inWindow = w
		}
		return nil
	})
	if err != nil || inWindow == nil {
		t.Fatalf("no window holds the page text: %v", err)
	}
	for _, w := range []*Project{pt, inWindow} {
		d := w.UIDoc()
		if _, text := w.Lookup(language.French, d, UIID("Articles")); text != "Fiches" {
			t.Errorf("fr Articles = %q, want the project's", text)
		}
		if st, _ := w.Lookup(language.French, d, UIID("Contents")); st != Missing {
			t.Errorf("fr Contents = %v: a project catalog is not topped up", st)
		}
		if st, text := w.Lookup(language.Korean, d, UIID("Articles")); st != Reviewed || text != "글 목록" {
			t.Errorf("ko Articles = %v %q", st, text)
		}
	}
}
