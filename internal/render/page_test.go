package render

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/project/projecttest"
)

const feverMD = projecttest.FeverMD

// translations maps locale → source text → translation.
type translations map[string]map[string]string

// fixture loads a one-article project and gives it the translations.
func fixture(t *testing.T, targets string, tr translations) *project.Project {
	t.Helper()
	p := projecttest.Load(t, "source_locale = \"en\"\nlocales = ["+targets+"]\n", fstest.MapFS{"content/fever.md": {Data: []byte(feverMD)}})
	for loc, m := range tr {
		for _, d := range p.Docs {
			if d.IsUI() {
				continue // the page text keeps healthloc's translations
			}
			c := &catalog.Catalog{Locale: loc, Messages: map[string]catalog.Message{}}
			for id, src := range d.Source.Messages {
				if text, ok := m[src.Other]; ok {
					c.Messages[id] = catalog.Message{ID: id, Hash: src.Hash, Description: src.Description, Other: text}
				}
			}
			if p.Catalogs[loc] == nil {
				p.Catalogs[loc] = map[string]*catalog.Catalog{}
			}
			p.Catalogs[loc][d.Slug] = c
		}
	}
	return p
}

var spanish = map[string]string{
	"Fever in children":                    "Fiebre en los niños",
	"What to do when a child has a fever.": "Qué hacer cuando un niño tiene fiebre.",
	"Medicine":                             "Medicamentos",
	"Give 2.5–5 ml of paracetamol syrup every 6 hours.": "Dé de 2.5 a 5 ml de jarabe de paracetamol cada 6 horas.",
	"Danger signs": "Señales de peligro",
}

var arabic = map[string]string{
	"Fever in children": "الحمى عند الأطفال",
	"Medicine":          "الدواء",
	"Give 2.5–5 ml of paracetamol syrup every 6 hours.":       "أعطِ 2.5–5 ml من شراب الباراسيتامول كل 6 ساعات.",
	"Read more at [the help page](https://example.org/help).": "اقرأ المزيد على https://example.org/help اليوم.",
	"Danger signs": "علامات الخطر",
	"Go to a clinic at once if the child has a stiff neck.": "اذهب إلى العيادة فورًا إذا كان الطفل يعاني من تيبس الرقبة.",
}

func page(t *testing.T, b *Bundle, name string) string {
	t.Helper()
	for _, f := range b.Files {
		if f.Path == name {
			return string(f.Data)
		}
	}
	t.Fatalf("bundle has no %s", name)
	return ""
}

func mustContain(t *testing.T, page string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(page, w) {
			t.Errorf("page lacks %q", w)
		}
	}
}

func renderAll(t *testing.T, p *project.Project) map[string]*Bundle {
	t.Helper()
	locs := p.Config.Targets()
	out := map[string]*Bundle{}
	for _, loc := range locs {
		b, err := Render(p, loc, fstest.MapFS{}, Options{Locales: locs})
		if err != nil {
			t.Fatal(err)
		}
		out[loc.String()] = b
	}
	return out
}

func TestPageFallbackAndSwitcher(t *testing.T) {
	p := fixture(t, `"es", "es-MX", "ar"`, translations{"es": spanish, "ar": arabic})
	bs := renderAll(t, p)

	mx := page(t, bs["es-MX"], "fever.html")
	mustContain(t, mx,
		`<html lang="es-MX" dir="ltr">`,
		`<title>Fiebre en los niños</title>`,
		`<h1>Fiebre en los niños</h1>`,
		// two blocks fell back to English; Spanish blocks inherited
		// from es carry no lang of their own
		`<p lang="en">Read more at <a href="https://example.org/help">the help page</a>.</p>`,
		`<p lang="en">Go to a clinic at once if the child has a stiff neck.</p>`,
		`<div class="notice" role="note"><p>Parte de esta página aún no está traducida y se muestra en inglés.</p></div>`,
		`<link rel="alternate" hreflang="es" href="../es/fever.html">`,
		`<link rel="alternate" hreflang="es-MX" href="../es-MX/fever.html">`,
		`<link rel="alternate" hreflang="ar" href="../ar/fever.html">`,
		// x-default is the source-language page
		`<link rel="alternate" hreflang="x-default" href="../en/fever.html">`,
		`aria-current="page">español (México)</a>`,
		`<a href="../ar/fever.html" hreflang="ar" lang="ar" dir="rtl">العربية</a>`,
		`<h2 id="toc-title">Contenido</h2>`,
		`<li><a href="#section-2">Señales de peligro</a></li>`,
		`<h2 id="section-2">Señales de peligro</h2>`,
	)

	ar := page(t, bs["ar"], "fever.html")
	mustContain(t, ar,
		`<html lang="ar" dir="rtl">`,
		`<a class="skip" href="#content">انتقل إلى المحتوى</a>`,
		// the description fell back
		`<p class="lead" lang="en" dir="ltr">What to do when a child has a fever.</p>`,
		`<div class="notice" role="note"><p>جزء من هذه الصفحة لم يُترجم بعد ويُعرض باللغة الإنجليزية.</p></div>`,
		// left-to-right runs are isolated so the dose keeps its order
		`أعطِ <bdi>2.5–5 ml</bdi> من شراب الباراسيتامول كل 6 ساعات.`,
		`<bdi>https://example.org/help</bdi> اليوم.`,
	)

	es := page(t, bs["es"], "fever.html")
	if !strings.Contains(es, `class="notice"`) {
		t.Error("es page: no fallback notice for the untranslated paragraphs")
	}
}

// TestChromeFallsBackWhole checks the page text of a locale healthloc has
// no translation for (he), and of one whose catalog lacks one message:
// each string is wholly in one language, marked with it when that is not
// the page's, never a sentence of one language ending in a word of
// another.
func TestChromeFallsBackWhole(t *testing.T) {
	p := fixture(t, `"he", "ko"`, translations{"he": {"Medicine": "תרופות"}, "ko": {"Medicine": "약"}})
	// ko's own page-text catalog lacks the notice: it falls back whole
	delete(p.Catalogs["ko"][project.UISlug].Messages, project.UIID("FallbackPartial"))
	bs := renderAll(t, p)
	he := page(t, bs["he"], "fever.html")
	mustContain(t, he,
		`<html lang="he" dir="rtl">`,
		`<a class="skip" href="#content" lang="en" dir="ltr">Skip to content</a>`,
		`<nav class="langs" aria-label="Other languages" lang="en" dir="ltr">`,
		`<div class="notice" role="note" lang="en" dir="ltr"><p>Part of this page is not yet translated and is shown in English.</p></div>`,
		`<h2 id="toc-title" lang="en" dir="ltr">Contents</h2>`,
	)
	ko := page(t, bs["ko"], "fever.html")
	mustContain(t, ko,
		`<a class="skip" href="#content">본문으로 건너뛰기</a>`,
		`<a class="home" href="index.html">글 목록</a>`,
		`<h2 id="toc-title">목차</h2>`,
		`<div class="notice" role="note" lang="en"><p>Part of this page is not yet translated and is shown in English.</p></div>`,
	)
	if strings.Contains(ko, "in 영어") || strings.Contains(he, "in אנגלית") {
		t.Error("a notice mixes two languages")
	}
	var fbs int
	for _, f := range bs["ko"].Manifest.Fallbacks {
		if f.Document == project.UIPath {
			fbs++
			if f.ID != project.UIID("FallbackPartial") || f.From != "en" {
				t.Errorf("ko page-text fallback %+v", f)
			}
		}
	}
	if fbs != 1 {
		t.Errorf("manifest lists %d page-text fallbacks for ko, want 1", fbs)
	}
}

// TestChromeWholePage checks the notice of a page with nothing in the
// locale's language.
func TestChromeWholePage(t *testing.T) {
	p := fixture(t, `"zh-Hans"`, nil)
	mustContain(t, page(t, renderAll(t, p)["zh-Hans"], "fever.html"),
		`<div class="notice" role="note"><p>本页尚未翻译，以原文语言（英语）显示。</p></div>`,
		`aria-current="page">中文（简体）</a>`,
	)
}

func TestIndexPage(t *testing.T) {
	p := fixture(t, `"es", "ar"`, translations{"es": spanish})
	bs := renderAll(t, p)
	idx := page(t, bs["es"], "index.html")
	mustContain(t, idx,
		`<title>Artículos</title>`,
		`<li><a href="fever.html">Fiebre en los niños</a></li>`,
		`<link rel="alternate" hreflang="ar" href="../ar/index.html">`,
	)
	// The title fell back on the ar index: the entry says it is English.
	mustContain(t, page(t, bs["ar"], "index.html"), `<li><a href="fever.html" lang="en" dir="ltr">Fever in children</a></li>`)
	for _, f := range bs["es"].Manifest.Files {
		if f.Path == "index.html" {
			return
		}
	}
	t.Error("manifest does not list index.html")
}

func TestPageUntrustedTranslation(t *testing.T) {
	evil := map[string]string{
		"Medicine": `<script>alert(1)</script>Medicamentos`,
		"Give 2.5–5 ml of paracetamol syrup every 6 hours.":       `<img src=x onerror="alert(1)"> Dé 5 ml.`,
		"Read more at [the help page](https://example.org/help).": `Lea [aquí](javascript:alert(1)) y <a href="javascript:alert(2)">aquí</a>.`,
		"Danger signs": `{{.Count}} <iframe src="https://evil.example"></iframe>`,
	}
	p := fixture(t, `"es"`, translations{"es": evil})
	pg := strings.ToLower(page(t, renderAll(t, p)["es"], "fever.html"))
	for _, bad := range []string{"<script", "onerror", "javascript:", "<iframe", "<img src=\"x\""} {
		if strings.Contains(pg, bad) {
			t.Errorf("page contains %q", bad)
		}
	}
	mustContain(t, pg, "{{.count}}")
}

func TestPageDeterministic(t *testing.T) {
	p := fixture(t, `"es", "es-MX", "ar"`, translations{"es": spanish, "ar": arabic})
	a, b := renderAll(t, p), renderAll(t, p)
	for loc := range a {
		for i, f := range a[loc].Files {
			if !bytes.Equal(f.Data, b[loc].Files[i].Data) {
				t.Errorf("%s/%s differs between two renders", loc, f.Path)
			}
		}
	}
}

func TestPageLayoutRules(t *testing.T) {
	p := fixture(t, `"es"`, translations{"es": spanish})
	pg := page(t, renderAll(t, p)["es"], "fever.html")
	mustContain(t, pg, "font-size:1.125rem", "max-inline-size:70ch", "@media print", `<meta name="viewport"`)
	for _, bad := range []string{"<script", "http://", "@import", "url(", "margin-left", "padding-left", "text-align:left"} {
		if strings.Contains(pg[:strings.Index(pg, "</head>")], bad) {
			t.Errorf("page head contains %q", bad)
		}
	}
}

func TestFinishBodyHoistsLang(t *testing.T) {
	in := "<ul>\n<li>\n<p lang=\"en\" dir=\"ltr\">Fast breathing</p>\n</li>\n<li><p lang=\"en\" dir=\"ltr\">One</p><p>اثنان</p></li>\n</ul>\n<blockquote>\n<p lang=\"en\" dir=\"ltr\">Keep giving ORS.</p>\n</blockquote>\n"
	got, _, _, _, err := finishBodyJoined(in, "rtl", false)
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, got,
		`<li lang="en" dir="ltr">`,
		`<li><p lang="en" dir="ltr">One</p><p>اثنان</p></li>`, // mixed: left alone
		`<blockquote lang="en" dir="ltr">`,
	)
}

func TestFinishBodyTitle(t *testing.T) {
	tests := []struct {
		in, want, heading string
		h1                bool
		toc               int
	}{
		// a plain-text document's title line becomes the page heading
		{"<h2 lang=\"en\">Washing hands</h2>\n<p>Wash.</p>\n<h2>When</h2>\n", `<h2 id="section-1">When</h2>`, "Washing hands/en", false, 1},
		// so does a Markdown h1 at the top
		{"<h1>Title <em>here</em></h1>\n<h2>One</h2>\n", `<h2 id="section-1">One</h2>`, "Title here/", false, 1},
		// a body that opens with text keeps its headings
		{"<p>Intro.</p>\n<h1>Later</h1>\n<h2>One</h2>\n", `<h2 id="section-1">One</h2>`, "", true, 1},
	}
	for _, tt := range tests {
		got, toc, heading, h1, err := finishBodyJoined(tt.in, "ltr", true)
		if err != nil {
			t.Fatal(err)
		}
		hd := ""
		if heading != nil {
			hd = heading.Text + "/" + heading.Lang
		}
		if !strings.Contains(got, tt.want) || hd != tt.heading || h1 != tt.h1 || len(toc) != tt.toc {
			t.Errorf("finishBody(%q) = %q, heading %q, h1 %v, %d toc entries; want %q, %q, %v, %d",
				tt.in, got, hd, h1, len(toc), tt.want, tt.heading, tt.h1, tt.toc)
		}
	}
}

func TestFinishBodyIsolation(t *testing.T) {
	tests := []struct{ dir, in, want string }{
		{"rtl", `<p>أعطِ 50–100 ml بعد كل مرة، ثم 10 دقائق.</p>`, `<p>أعطِ <bdi>50–100 ml</bdi> بعد كل مرة، ثم 10 دقائق.</p>`},
		{"rtl", `<p>راجع <a href="https://who.int">WHO 2024</a> أو <code>5 ml</code>.</p>`, `<p>راجع <a href="https://who.int" dir="auto">WHO 2024</a> أو <code dir="auto">5 ml</code>.</p>`},
		{"rtl", `<p>النسبة 1/2 من الكوب.</p>`, `<p>النسبة <bdi>1/2</bdi> من الكوب.</p>`},
		{"rtl", `<p lang="en" dir="ltr">Give 5 ml.</p>`, `<p lang="en" dir="ltr">Give 5 ml.</p>`},
		{"ltr", `<p>Give 50–100 ml.</p>`, `<p>Give 50–100 ml.</p>`},
	}
	for _, tt := range tests {
		got, _, _, _, err := finishBodyJoined(tt.in, tt.dir, false)
		if err != nil {
			t.Fatal(err)
		}
		if got != tt.want {
			t.Errorf("finishBody(%q, %s) = %q, want %q", tt.in, tt.dir, got, tt.want)
		}
	}
}

func TestAlternatesNested(t *testing.T) {
	es, ar, en := language.Spanish, language.Arabic, language.English
	bd := &Bundler{loc: ar, source: en, opts: Options{Locales: []language.Tag{en, es, ar}}}
	got, xdef := bd.alternates("sub", "sub/x.md", "sub/x.html")
	if len(got) != 3 || got[1].Href != "../../es/sub/x.html" || got[2].Href != "../../ar/sub/x.html" ||
		got[1].Current || !got[2].Current || got[2].Dir != "rtl" || got[2].Name != "العربية" || xdef != "../../en/sub/x.html" {
		t.Errorf("alternates = %+v, x-default %s", got, xdef)
	}
	bd = &Bundler{loc: ar, source: en}
	if got, xdef := bd.alternates(".", "x.md", "x.html"); len(got) != 1 || got[0].Href != "../ar/x.html" || xdef != "../en/x.html" {
		t.Errorf("alternates without Locales = %+v, x-default %s", got, xdef)
	}
}

// finishBodyJoined is finishBody with no link rewriting and the blocks
// joined.
func finishBodyJoined(body, dir string, needH1 bool) (string, []Section, *run, bool, error) {
	b, toc, h, h1, err := finishBody(body, dir, needH1, nil)
	return strings.Join(b, ""), toc, h, h1, err
}
