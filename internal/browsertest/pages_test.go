package browsertest

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/project/projecttest"
	"github.com/healthloc/healthloc/internal/render"
	"github.com/healthloc/healthloc/internal/status"
)

// feverMD adds a list to the shared article.
const feverMD = projecttest.FeverMD + "\n- A rash that does not fade\n- Fast breathing\n"

// translations: locale → source text → translation. es-MX has no catalog
// and inherits es; es lacks two blocks, which fall back to English. fr
// holds hostile translations.
var translations = map[string]map[string]string{
	"es": {
		"Fever in children":                    "Fiebre en los niños",
		"What to do when a child has a fever.": "Qué hacer cuando un niño tiene fiebre.",
		"Medicine":                             "Medicamentos",
		"Give 2.5–5 ml of paracetamol syrup every 6 hours.": "Dé de 2.5 a 5 ml de jarabe de paracetamol cada 6 horas.",
		"Danger signs":              "Señales de peligro",
		"A rash that does not fade": "Un sarpullido que no desaparece",
		"Fast breathing":            "Respiración rápida",
	},
	"ar": {
		"Fever in children": "الحمى عند الأطفال",
		"Medicine":          "الدواء",
		"Give 2.5–5 ml of paracetamol syrup every 6 hours.":       "أعطِ 2.5–5 ml من شراب الباراسيتامول كل 6 ساعات.",
		"Read more at [the help page](https://example.org/help).": "اقرأ المزيد على https://example.org/help اليوم.",
		"Danger signs": "علامات الخطر",
		"Go to a clinic at once if the child has a stiff neck.": "اذهب إلى العيادة فورًا إذا كان الطفل يعاني من تيبس الرقبة.",
	},
	"fr": {
		"Fever in children": `<script>window.pwned="title";alert(1)</script>Fièvre`,
		"Medicine":          `Médicaments<script>window.pwned="script";console.error("pwned")</script>`,
		"Give 2.5–5 ml of paracetamol syrup every 6 hours.":       `<img src=x onerror="window.pwned='onerror';alert(2)"> Donnez 5 ml.`,
		"Read more at [the help page](https://example.org/help).": `Lire [ici](javascript:window.pwned='link';location='about:blank') ou <a href="javascript:window.pwned='raw'">là</a>.`,
		"Danger signs": `<svg onload="window.pwned='svg'"></svg>Signes`,
		"Go to a clinic at once if the child has a stiff neck.": `<a href="JaVaScRiPt:window.pwned='mixed'">clinique</a> <iframe src="javascript:parent.pwned='iframe'"></iframe>`,
		"A rash that does not fade":                             `[éruption](  javascript:window.pwned='spaced' )`,
		"Fast breathing":                                        `<form action="javascript:window.pwned='form'"><button>respiration</button></form>`,
	},
}

var targets = []string{"es", "es-MX", "ar", "fr"}

// fixture loads the one-article project, gives it the translations, and
// returns the files to serve: each locale's bundle under <locale>/ and the
// dashboard as dashboard.html.
func fixture(t *testing.T) map[string][]byte {
	t.Helper()
	p := feverProject(t, targets...)
	plant(p, translations)
	return bundles(t, p, fstest.MapFS{})
}

// feverProject loads a project of the one article in English and the
// locales.
func feverProject(t *testing.T, locales ...string) *project.Project {
	t.Helper()
	conf := `source_locale = "en"` + "\n" + `locales = ["` + strings.Join(locales, `", "`) + `"]` + "\n"
	return projecttest.Load(t, conf, fstest.MapFS{"content/fever.md": {Data: []byte(feverMD)}})
}

// plant gives p the translations (locale → source text → translation).
// The page text keeps healthloc's own translations, except in fr, whose
// page text is as hostile as its articles.
func plant(p *project.Project, translations map[string]map[string]string) {
	for loc, m := range translations {
		shipped := p.Catalogs[loc][project.UISlug]
		p.Catalogs[loc] = map[string]*catalog.Catalog{}
		for _, d := range p.Docs {
			c := &catalog.Catalog{Locale: loc, Messages: map[string]catalog.Message{}}
			for id, src := range d.Source.Messages {
				text, ok := m[src.Other]
				if d.IsUI() && loc == "fr" {
					text, ok = hostileUI+src.Other, true
				}
				if ok {
					c.Messages[id] = catalog.Message{ID: id, Hash: src.Hash, Description: src.Description, Other: text}
				}
			}
			if d.IsUI() && loc != "fr" {
				c = shipped
			}
			if c != nil {
				p.Catalogs[loc][d.Slug] = c
			}
		}
	}
}

// hostileUI starts each fr page-text translation: the page text is
// translated like content, so it is as untrusted.
const hostileUI = `<script>window.pwned="ui"</script><img src=x onerror="window.pwned='ui-img'">"><svg onload="window.pwned='ui-svg'">`

// bundles renders the source and every target of p, as render does, and
// the English dashboard.
func bundles(t *testing.T, p *project.Project, assets fs.FS, tmpl ...*render.Templates) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	locs := append([]language.Tag{p.Config.Source()}, p.Config.Targets()...)
	opts := render.Options{Locales: locs, Site: render.SiteOf(p)}
	if len(tmpl) > 0 {
		opts.Templates = tmpl[0]
	}
	for _, loc := range locs {
		b, err := render.Render(p, loc, assets, opts)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range b.Files {
			files[loc.String()+"/"+f.Path] = f.Data
		}
	}
	var buf bytes.Buffer
	if err := status.WriteDashboard(&buf, status.Compute(p, nil, true), status.Stale(p, nil), language.English); err != nil {
		t.Fatal(err)
	}
	files["dashboard.html"] = buf.Bytes()
	return files
}

func TestArabicPage(t *testing.T) {
	base := serve(t, fixture(t))
	ctx := tab(t)
	rec := watch(t, ctx)
	navigate(t, ctx, base+"/ar/fever.html")

	if got := eval[string](t, ctx, `getComputedStyle(document.body).direction`); got != "rtl" {
		t.Errorf("computed direction = %q, want rtl", got)
	}
	if got := eval[string](t, ctx, `document.documentElement.lang + " " + document.documentElement.dir`); got != "ar rtl" {
		t.Errorf("<html> lang and dir = %q", got)
	}
	// The switcher lists every rendered locale, named in its own language,
	// and each link leads to a page that exists.
	got := eval[[]string](t, ctx, `[...document.querySelectorAll("nav.langs a")].map(a => a.hreflang + "=" + a.textContent)`)
	want := []string{"en=English", "es=español", "es-MX=español (México)", "ar=العربية", "fr=français"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("switcher = %v, want %v", got, want)
	}
	for _, href := range eval[[]string](t, ctx, `[...document.querySelectorAll("nav.langs a, link[rel=alternate]")].map(a => a.href)`) {
		status := eval[int](t, ctx, `(() => { const x = new XMLHttpRequest(); x.open("HEAD", "`+href+`", false); x.send(); return x.status })()`)
		if status != 200 {
			t.Errorf("%s: HTTP %d", href, status)
		}
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("link[rel=alternate][hreflang]").length`); n != len(targets)+2 {
		t.Errorf("%d hreflang links, want %d (the source, every target and x-default)", n, len(targets)+2)
	}
	if got := eval[string](t, ctx, `document.querySelector("link[hreflang=x-default]").getAttribute("href")`); got != "../en/fever.html" {
		t.Errorf("x-default = %q, want the source-language page", got)
	}
	// The layout mirrors: the home link sits at the right edge, the
	// switcher at the left.
	if !eval[bool](t, ctx, `document.querySelector(".home").getBoundingClientRect().left > document.querySelector("nav.langs").getBoundingClientRect().left`) {
		t.Error("header is not mirrored: the home link is left of the switcher")
	}
	// The dose stays one left-to-right run inside the Arabic sentence.
	if got := eval[string](t, ctx, `(() => { const b = document.querySelector("article p bdi"); return b.textContent + "|" + getComputedStyle(b).direction + "|" + getComputedStyle(b).unicodeBidi })()`); got != "2.5–5 ml|ltr|isolate" {
		t.Errorf("dose run = %q, want 2.5–5 ml|ltr|isolate", got)
	}
	// Blocks that fell back to English are marked and laid out ltr.
	if got := eval[string](t, ctx, `(() => { const e = document.querySelector("article > ul > li"); return e.lang + " " + getComputedStyle(e).direction })()`); got != "en ltr" {
		t.Errorf("fallback list item = %q, want en ltr", got)
	}
	noProblems(t, ctx, rec, base, "page problems")
}

func TestMexicanSpanishFallback(t *testing.T) {
	base := serve(t, fixture(t))
	ctx := tab(t)
	navigate(t, ctx, base+"/es-MX/fever.html")

	if got := eval[string](t, ctx, `document.documentElement.lang`); got != "es-MX" {
		t.Errorf("document.documentElement.lang = %q, want es-MX", got)
	}
	// Every block that fell back reports lang=en; the rest inherit es-MX.
	got := eval[[]string](t, ctx, `[...document.querySelectorAll("article p, article li, article h1, article h2")].map(e => (e.closest("[lang]").lang) + ":" + e.textContent.trim().slice(0, 12))`)
	var en, mx int
	for _, g := range got {
		switch {
		case strings.HasPrefix(g, "en:"):
			en++
			if !strings.HasPrefix(g, "en:Read more") && !strings.HasPrefix(g, "en:Go to a cl") {
				t.Errorf("block %q is marked English", g)
			}
		case strings.HasPrefix(g, "es-MX:"):
			mx++
		default:
			t.Errorf("block %q has an unexpected language", g)
		}
	}
	if en != 2 || mx < 6 {
		t.Errorf("%d English and %d es-MX blocks in %v, want 2 and at least 6", en, mx, got)
	}
	notice := eval[string](t, ctx, `document.querySelector(".notice").textContent`)
	if notice != "Parte de esta página aún no está traducida y se muestra en inglés." {
		t.Errorf("notice = %q", notice)
	}
}

func TestLayout(t *testing.T) {
	base := serve(t, fixture(t))
	ctx := tab(t)
	for _, loc := range targets {
		navigate(t, ctx, base+"/"+loc+"/fever.html")
		if px := eval[float64](t, ctx, `parseFloat(getComputedStyle(document.querySelector("article > p:not(.lead)")).fontSize)`); px < 16 {
			t.Errorf("%s: body text is %gpx, want at least 16", loc, px)
		}
		// Characters per line, measured with the page's own "0" width.
		chars := eval[float64](t, ctx, `(() => {
			const p = document.querySelector("article > p:not(.lead)"), s = document.createElement("span");
			s.textContent = "0".repeat(100); s.style.whiteSpace = "nowrap"; s.style.position = "absolute"; p.appendChild(s);
			const ch = s.getBoundingClientRect().width / 100; s.remove();
			return p.getBoundingClientRect().width / ch })()`)
		if chars > 75 || chars < 40 {
			t.Errorf("%s: lines hold %.1f characters, want 40–75", loc, chars)
		}
		if n := eval[int](t, ctx, `document.scripts.length`); n != 0 {
			t.Errorf("%s: %d scripts on the page", loc, n)
		}
	}
	navigate(t, ctx, base+"/es/index.html")
	if got := eval[[]string](t, ctx, `[...document.querySelectorAll("ul.articles a")].map(a => a.textContent)`); strings.Join(got, "|") != "Fiebre en los niños" {
		t.Errorf("es index lists %v", got)
	}
}

func TestHostileTranslation(t *testing.T) {
	base := serve(t, fixture(t))
	ctx := tab(t)
	rec := watch(t, ctx)
	url := base + "/fr/fever.html"
	navigate(t, ctx, url)

	if got := eval[string](t, ctx, `String(window.pwned)`); got != "undefined" {
		t.Errorf("a translation ran script: window.pwned = %q", got)
	}
	if n := eval[int](t, ctx, `document.scripts.length + document.querySelectorAll("iframe, form, object, embed, svg").length`); n != 0 {
		t.Errorf("%d script, iframe, form, object, embed or svg elements on the page", n)
	}
	bad := eval[[]string](t, ctx, `[...document.querySelectorAll("*")].flatMap(e => [...e.attributes].filter(a => a.name.startsWith("on") || /^\s*javascript:/i.test(a.value)).map(a => e.tagName + " " + a.name + "=" + a.value))`)
	if len(bad) > 0 {
		t.Errorf("dangerous attributes: %v", bad)
	}
	// Click every link of the article that does not leave for an http(s)
	// page: none may run script or navigate.
	eval[any](t, ctx, `[...document.querySelectorAll("article a")].filter(a => !/^https?:/.test(a.href) && !a.hash).forEach(a => a.click()), null`)
	if got := eval[string](t, ctx, `location.href + " " + String(window.pwned)`); got != url+" undefined" {
		t.Errorf("after clicking the links: %q", got)
	}
	// The text of the hostile translations is still shown, as text.
	if h := eval[string](t, ctx, `document.querySelector("h1").textContent`); !strings.Contains(h, "Fièvre") {
		t.Errorf("title = %q", h)
	}
	noProblems(t, ctx, rec, base, "page problems")
}

func TestDashboard(t *testing.T) {
	base := serve(t, fixture(t))
	ctx := tab(t)
	rec := watch(t, ctx)
	navigate(t, ctx, base+"/dashboard.html")

	if got := eval[string](t, ctx, `document.title`); got != "Translation status" {
		t.Errorf("title = %q", got)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("svg.bar").length`); n != 2*len(targets)+1 {
		t.Errorf("%d bars, want %d (locales, totals and one document)", n, 2*len(targets)+1)
	}
	// Bars have a size: inline SVG laid out, not collapsed.
	if w := eval[float64](t, ctx, `document.querySelector("svg.bar").getBoundingClientRect().width`); w < 100 {
		t.Errorf("bar is %gpx wide", w)
	}
	if got := eval[string](t, ctx, `document.querySelector("svg.bar").getAttribute("aria-label")`); !strings.HasPrefix(got, "español: Reviewed 0, Translated 33, Awaiting review 0, Stale 0, Missing 19") {
		t.Errorf("first bar label = %q", got)
	}
	noProblems(t, ctx, rec, base, "console errors or outside requests")
}
