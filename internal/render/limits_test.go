package render

import (
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/project/projecttest"
)

// TestRenderManyCells renders a table of 100,000 cells, all translated:
// matching the published blocks to goldmark's nodes must not be
// quadratic.
func TestRenderManyCells(t *testing.T) {
	var b strings.Builder
	b.WriteString("|" + strings.Repeat(" h |", 10) + "\n|" + strings.Repeat("---|", 10) + "\n")
	for i := range 10000 {
		b.WriteString("|")
		for j := range 10 {
			b.WriteString(" c" + string(rune('a'+j)) + strings.Repeat("x", i%7) + " |")
		}
		b.WriteString("\n")
	}
	const conf = "locales = [\"es\"]\n"
	fsys := fstest.MapFS{"content/cells.md": {Data: []byte(b.String())}}
	p := projecttest.Load(t, conf, fsys)
	c := &catalog.Catalog{Locale: "es", Messages: map[string]catalog.Message{}}
	for id, m := range p.Docs[0].Source.Messages {
		c.Messages[id] = catalog.Message{ID: id, Description: m.Description, Hash: m.Hash, Other: "«" + m.Other + "»"}
	}
	fsys["locales/es/cells.es.toml"] = &fstest.MapFile{Data: catalog.Marshal(c)}
	p = projecttest.Load(t, conf, fsys)
	bundle, err := Render(p, language.Spanish, fstest.MapFS{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range bundle.Files {
		if f.Path == "cells.html" {
			if n := strings.Count(string(f.Data), "<td>«c"); n != 100000 {
				t.Errorf("%d translated cells in the page, want 100000", n)
			}
			return
		}
	}
	t.Fatal("no cells.html")
}

// TestFallbackLang checks that the binary search still marks exactly the
// blocks that fell back, in every kind of block.
func TestFallbackLang(t *testing.T) {
	p := loadPlanted(t, "x")
	var d *project.Doc
	for _, doc := range p.Docs {
		if doc.Path == "xss.md" {
			d = doc
		}
	}
	c := p.Catalogs["es"]["xss"]
	for i, id := range d.IDs {
		if i%2 == 1 { // every other segment falls back to en
			delete(c.Messages, id)
		}
	}
	b, err := Render(p, language.Spanish, fstest.MapFS{"img.png": {Data: []byte("png")}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var page string
	for _, f := range b.Files {
		if f.Path == "xss.html" {
			page = string(f.Data)
		}
	}
	for _, want := range []string{
		`<p lang="en">Paragraph with <a href="https://example.org/">a link</a>.</p>`,
		`<li>x</li>`, `<li lang="en">Item two</li>`, "<blockquote>\n<p>x</p>",
		`<th lang="en">Cell A</th>`, `<th>x</th>`, `<td lang="en">Cell C</td>`, `<td>x</td>`,
		`alt="Alt text" lang="en"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s:\n%s", want, page)
		}
	}
}
