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

// loadPages loads a project whose content is the given files, with es
// translations given by source text.
func loadPages(t *testing.T, files map[string]string, es map[string]string) *project.Project {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys["content/"+name] = &fstest.MapFile{Data: []byte(data)}
	}
	p := projecttest.Load(t, `locales = ["es", "ar"]`, fsys)
	p.Catalogs["es"] = map[string]*catalog.Catalog{}
	for _, d := range p.Docs {
		c := &catalog.Catalog{Locale: "es", Messages: map[string]catalog.Message{}}
		for id, m := range d.Source.Messages {
			if tr, ok := es[m.Other]; ok {
				c.Messages[id] = catalog.Message{ID: id, Hash: m.Hash, Description: m.Description, Other: tr}
			}
		}
		p.Catalogs["es"][d.Slug] = c
	}
	return p
}

// page renders the bundle of loc and returns its file at name.
func htmlPage(t *testing.T, p *project.Project, loc, name string) string {
	t.Helper()
	b, err := Render(p, language.MustParse(loc), fstest.MapFS{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range b.Files {
		if f.Path == name {
			return string(f.Data)
		}
	}
	t.Fatalf("no %s in the bundle", name)
	return ""
}

func TestHTMLDocumentIdentity(t *testing.T) {
	// The source locale's page is the source with only the <html> start
	// tag changed (old → new).
	tests := []struct {
		name, in, old, new string
	}{
		{
			name: "minified one line, no final newline, inline script and JSON-LD",
			in: `<!doctype html><html lang=en-GB><head><title>Sun</title><script type="application/ld+json">{"name":"<p>Sun</p>"}</script>` +
				`<script>if(a<b&&c>d){x("</p>")}</script><style>p>b{color:red}</style></head><body><p>Use <b>SPF&nbsp;30</b>.<br>Reapply.` +
				`<ul><li>Hat<li>Shade</ul><img src=s.png alt=Sun><table><tr><td>UV 8+<td>High</table></body></html>`,
			old: `<html lang=en-GB>`,
			new: `<html dir="ltr" lang="en">`,
		},
		{
			name: "no html element",
			in:   "<!DOCTYPE html>\n<p>Only a paragraph</p>",
			old:  "<!DOCTYPE html>",
			new:  `<!DOCTYPE html><html lang="en" dir="ltr">`,
		},
		{
			name: "byte-order mark and CRLF",
			in:   "\ufeff<html class=\"x\">\r\n<body>\r\n<h1>Title</h1>\r\n</body>\r\n</html>",
			old:  `<html class="x">`,
			new:  `<html lang="en" dir="ltr" class="x">`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := loadPages(t, map[string]string{"a.html": tt.in}, nil)
			got := htmlPage(t, p, "en", "a.html")
			if want := strings.Replace(tt.in, tt.old, tt.new, 1); got != want {
				t.Errorf("got\n %q\nwant\n %q", got, want)
			}
		})
	}
}

func TestHTMLDocumentFallbacks(t *testing.T) {
	in := `<html lang="en"><head><title>Heat</title></head><body>Intro text<p>Drink <b>water</b>.</p>` +
		`<ul><li>Rest</li></ul><img alt="A fan"><p><a href="/x" title="More">more</a></p></body></html>`
	es := map[string]string{
		"Heat":                       "Calor",
		"Drink <1>water</1>.":        `Beba <1>agua</1> <script>alert(1)</script>.`,
		"A fan":                      "Un ventilador",
		"<1 title=\"More\">more</1>": "<1 title=\"Más\">más</1>",
	}
	p := loadPages(t, map[string]string{"heat.html": in}, es)

	got := htmlPage(t, p, "es", "heat.html")
	want := `<html dir="ltr" lang="es"><head><title>Calor</title></head><body><span lang="en">Intro text</span>` +
		`<p>Beba <b>agua</b> &lt;script&gt;alert(1)&lt;/script&gt;.</p><ul><li lang="en">Rest</li></ul>` +
		`<img alt="Un ventilador"><p><a href="/x" title="Más">más</a></p></body></html>`
	if got != want {
		t.Errorf("es:\n got  %s\n want %s", got, want)
	}

	got = htmlPage(t, p, "ar", "heat.html")
	want = `<html dir="rtl" lang="ar"><head><title lang="en" dir="ltr">Heat</title></head><body>` +
		`<span lang="en" dir="ltr">Intro text</span><p lang="en" dir="ltr">Drink <b>water</b>.</p>` +
		`<ul><li lang="en" dir="ltr">Rest</li></ul><img lang="en" dir="ltr" alt="A fan">` +
		`<p lang="en" dir="ltr"><a href="/x" title="More">more</a></p></body></html>`
	if got != want {
		t.Errorf("ar:\n got  %s\n want %s", got, want)
	}
}

func TestHTMLDocumentBundle(t *testing.T) {
	p := loadPages(t, map[string]string{"a.htm": "<p>Hi</p>", "b.md": "# Hi\n"}, map[string]string{"Hi": "Hola"})
	b, err := Render(p, language.MustParse("es"), fstest.MapFS{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, f := range b.Files {
		paths = append(paths, f.Path)
	}
	// An HTML source is its own page: no second .html for a.htm.
	if got := strings.Join(paths, " "); got != "a.htm b.html b.md index.html manifest.json" {
		t.Errorf("bundle files: %s", got)
	}
	if got := htmlPage(t, p, "es", "a.htm"); got != `<html lang="es" dir="ltr"><p>Hola</p>` {
		t.Errorf("a.htm: %q", got)
	}
}
