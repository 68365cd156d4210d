package render

import (
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/config"
	"github.com/healthloc/healthloc/internal/project"
)

func testSite(t *testing.T, conf string) *Site {
	t.Helper()
	cfg, err := config.Parse("healthloc.toml", []byte("locales = [\"es\"]\n"+conf))
	if err != nil {
		t.Fatal(err)
	}
	return NewSite(cfg, []Page{
		{Path: "index.md"}, {Path: "care/index.md", Permalink: "/section/"}, {Path: "care/fever.md"},
		{Path: "care/pill.md", Permalink: "/pill/"}, {Path: "about.html"}, {Path: "notes.txt"},
	})
}

// TestSiteTarget checks that each way a source writes a link to a page
// finds that page, and that nothing else does.
func TestSiteTarget(t *testing.T) {
	s := testSite(t, "[site]\nsource_base_url = \"https://example.org\"\n")
	for _, tc := range []struct{ href, from, want string }{
		{"/care/fever/", "index.md", "care/fever.md"},
		{"/care/fever", "index.md", "care/fever.md"},
		{"/care/fever.html", "index.md", "care/fever.md"},
		{"/care/fever.md#dose", "index.md", "care/fever.md#dose"},
		{"care/fever.md", "index.md", "care/fever.md"},
		{"fever.md", "care/index.md", "care/fever.md"},
		{"../index.md", "care/fever.md", "index.md"},
		{"/", "care/fever.md", "index.md"},
		{"/section/?x=1", "index.md", "care/index.md?x=1"},
		{"/care/", "index.md", "care/index.md"},
		{"/pill/", "index.md", "care/pill.md"},
		{"../care/fever/", "care/pill.md", "care/fever.md"}, // relative to the permalink /pill/
		{"https://example.org/care/fever/", "index.md", "care/fever.md"},
		{"//example.org/about/", "index.md", "about.html"},
		{"/notes/", "index.md", "notes.txt"},
		{"%2Fcare/fever.md", "index.md", ""},
		{"https://other.example/care/fever/", "index.md", ""},
		{"tel:+18885550100", "index.md", ""},
		{"#top", "index.md", ""},
		{"/images/x.png", "index.md", ""},
		{"/care/missing/", "index.md", ""},
	} {
		to, rest, ok := s.target(tc.href, tc.from)
		got := ""
		if ok {
			got = to + rest
		}
		if got != tc.want {
			t.Errorf("target(%q from %s) = %q, want %q", tc.href, tc.from, got, tc.want)
		}
	}
}

func TestSiteLink(t *testing.T) {
	es, en := language.Spanish, language.English
	rel := testSite(t, "")
	pat := testSite(t, "[site]\nurl_pattern = \"/{locale}/{path}/\"\n")
	src := testSite(t, "[site]\nunpublished_links = \"source\"\nsource_base_url = \"https://example.org/\"\n")
	for _, s := range []*Site{rel, pat, src} {
		s.Skip(es, "care/pill.md")
	}
	for _, tc := range []struct {
		s              *Site
		from, to, rest string
		html           bool
		want, lang     string
	}{
		{rel, "care/index.md", "care/fever.md", "#a", true, "fever.html#a", ""},
		{rel, "care/index.md", "care/fever.md", "", false, "fever.md", ""},
		{rel, "care/fever.md", "index.md", "", true, "../index.html", ""},
		{rel, "index.md", "about.html", "", false, "about.html", ""},
		{rel, "care/fever.md", "care/pill.md", "", true, "../../en/care/pill.html", "en"},
		{pat, "care/fever.md", "index.md", "", true, "/es/", ""},
		{pat, "care/fever.md", "care/index.md", "", false, "/es/care/", ""},
		{pat, "index.md", "care/pill.md", "", true, "/en/care/pill/", "en"},
		{src, "index.md", "care/pill.md", "#x", true, "https://example.org/pill/#x", "en"},
	} {
		got, lang := tc.s.link(es, tc.from, tc.to, tc.rest, tc.html)
		if got != tc.want || lang != tc.lang {
			t.Errorf("link(%s → %s) = %q %q, want %q %q", tc.from, tc.to, got, lang, tc.want, tc.lang)
		}
	}
	if !rel.Published(en, "care/pill.md") || rel.Published(es, "care/pill.md") || (*Site)(nil).Published(es, "x") != true {
		t.Error("Published")
	}
}

func TestRewriteMarkdownLinks(t *testing.T) {
	src := "---\ntitle: x\n---\nSee [a](a.md \"t\"), [b](<b.md#x>), ![img](a.md), `[c](a.md)` and <a href=\"a.md\">raw</a>.\n\n```\n[d](a.md)\n[e]: a.md\n```\n\n[ref]: a.md\n"
	fn := func(h string) (string, string) {
		if strings.HasPrefix(h, "a.md") || strings.HasPrefix(h, "b.md") {
			return "NEW:" + h, ""
		}
		return h, ""
	}
	got := string(rewriteMarkdownLinks([]byte(src), 16, fn))
	want := "---\ntitle: x\n---\nSee [a](NEW:a.md \"t\"), [b](<NEW:b.md#x>), ![img](a.md), `[c](a.md)` and <a href=\"NEW:a.md\">raw</a>.\n\n```\n[d](a.md)\n[e]: a.md\n```\n\n[ref]: NEW:a.md\n"
	if got != want {
		t.Errorf("rewriteMarkdownLinks =\n%s\nwant\n%s", got, want)
	}
}

func TestRewriteHTMLLinks(t *testing.T) {
	page := `<p><a href="a.md">x</a> <a href=b.md title="a.md">y</a> <a hreflang="fr" href="a.md">z</a> <img src="a.md"></p>`
	got := string(rewriteHTMLLinks([]byte(page), func(h string) (string, string) { return "n&" + h, "en" }))
	want := `<p><a href="n&amp;a.md" hreflang="en">x</a> <a href="n&amp;b.md" hreflang="en" title="a.md">y</a> <a hreflang="fr" href="n&amp;a.md">z</a> <img src="a.md"></p>`
	if got != want {
		t.Errorf("rewriteHTMLLinks =\n%s\nwant\n%s", got, want)
	}
}

// TestTemplates checks a project's own templates: the data they get,
// escaping whatever they do with a translation, and errors that name the
// file and the line.
func TestTemplates(t *testing.T) {
	page := []byte(`<!DOCTYPE html><html lang="{{.Lang}}" dir="{{.Dir}}"><title>{{.Title.Text}}</title>
<script>var t = {{.Title.Text}};</script>
<a href="{{.Title.Text}}" data-x="{{.Title.Text}}">{{.UI.SkipToContent.Text}}</a>
{{range .Notices}}<p{{attrs .}}>{{.Text}}</p>{{end}}{{range .Blocks}}<section>{{.}}</section>{{end}}
<p class="fallback">{{.Fallback.Sections}} {{range .Fallback.Languages}}{{.}}{{end}}</p></html>`)
	tm, err := ParseTemplates("templates/page.html", page, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	p := fixture(t, `"es"`, translations{"es": map[string]string{"Fever in children": `"><script>alert(1)</script>`, "Medicine": "Medicamentos"}})
	b, err := Render(p, language.Spanish, fstest.MapFS{}, Options{Templates: tm})
	if err != nil {
		t.Fatal(err)
	}
	out := pageOf(t, b, "fever.html")
	if strings.Contains(out, "<script>alert") || strings.Contains(out, `"><script>`) {
		t.Errorf("a translation was not escaped:\n%s", out)
	}
	mustContain(t, out, `<html lang="es" dir="ltr">`, `<section>`, `Medicamentos`, `Ir al contenido`,
		`<p class="fallback">5 inglés</p>`, `<p>Parte de esta página`, `<title>&#34;&gt;alert(1)</title>`,
		`var t = "\"\u003ealert(1)";`, `<a href="%22%3ealert%281%29" data-x="&#34;&gt;alert(1)">`)
	if strings.Contains(out, "<section>\n</section>") {
		t.Error("an empty block")
	}
	mustContain(t, pageOf(t, b, "index.html"), `<a href="`) // the page template lays out the index too

	for _, tc := range []struct{ src, want string }{
		{"<p>\n{{.Nope}}</p>", "templates/page.html:2:2: executing \"templates/page.html\" at <.Nope>: can't evaluate field Nope"},
		{"<p>\n\n{{if}}</p>", "templates/page.html:3: missing value for if"},
		{"<p>{{.UI.Contents.Text | nofunc}}</p>", `templates/page.html:1: function "nofunc" not defined`},
		{"<p>{{index .Alternates 5}}</p>", "templates/page.html:1:5: executing \"templates/page.html\" at <index .Alternates 5>: error calling index"},
	} {
		_, err := ParseTemplates("templates/page.html", []byte(tc.src), "", nil)
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("ParseTemplates(%q) = %v, want %q…", tc.src, err, tc.want)
		}
	}
}

func pageOf(t *testing.T, b *Bundle, name string) string { t.Helper(); return page(t, b, name) }

// TestSourceBundle checks the source-language bundle: every text its
// own, nothing marked as another language, coverage 100%.
func TestSourceBundle(t *testing.T) {
	p := fixture(t, `"es"`, nil)
	b, err := Render(p, language.English, fstest.MapFS{}, Options{Locales: []language.Tag{language.English, language.Spanish}})
	if err != nil {
		t.Fatal(err)
	}
	out := page(t, b, "fever.html")
	if strings.Contains(out, `class="notice"`) || strings.Contains(out, `<p lang=`) {
		t.Errorf("the source page says something fell back:\n%s", out)
	}
	if len(b.Manifest.Fallbacks) != 0 || b.Coverage() != 100 {
		t.Errorf("source bundle: %d fallbacks, %v%% coverage", len(b.Manifest.Fallbacks), b.Coverage())
	}
	_ = project.UISlug
}
