package browsertest

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/chromedp/chromedp"

	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/render"
)

// siteTemplate is a project's own page template, as a site would write
// it: its own header, the page text and the article.
const siteTemplate = `<!DOCTYPE html>
<html lang="{{.Lang}}" dir="{{.Dir}}">
<head><meta charset="utf-8"><title{{attrs .Title}}>{{.Title.Text}} · Clinic</title>
<link rel="icon" href="data:,">
{{range .Alternates}}<link rel="alternate" hreflang="{{.Lang}}" href="{{.Href}}">
{{end}}<link rel="alternate" hreflang="x-default" href="{{.XDefault}}"></head>
<body>
<header id="site-header" data-locale="{{.Lang}}"><a href="{{.Home}}"{{attrs .UI.Articles}}>{{.UI.Articles.Text}}</a>
<nav aria-label="{{.UI.OtherLanguages.Text}}">{{range .Alternates}}<a href="{{.Href}}" hreflang="{{.Lang}}" lang="{{.Lang}}">{{.Name}}</a> {{end}}</nav></header>
<main>{{if .Index}}<ul>{{range .Articles}}<li><a href="{{.Href}}">{{.Text}}</a></li>{{end}}</ul>{{else}}
{{with .Heading}}<h1{{attrs .}}>{{.Text}}</h1>{{end}}
{{range .Notices}}<p class="site-notice"{{attrs .}}>{{.Text}}</p>{{end}}
<div id="title-attr" title="{{.Title.Text}}"></div>
{{range .Blocks}}<div class="block">{{.}}</div>{{end}}{{end}}</main>
</body></html>
`

// TestCustomTemplate renders the bundles with a project's own template:
// its header is there, the article's blocks are there, the notice is in
// Spanish, and the hostile fr translations, in the title attribute among
// other places, run nothing.
func TestCustomTemplate(t *testing.T) {
	tm, err := render.ParseTemplates("templates/page.html", []byte(siteTemplate), "", nil)
	if err != nil {
		t.Fatal(err)
	}
	p := feverProject(t, targets...)
	plant(p, translations)
	base := serve(t, bundles(t, p, fstest.MapFS{}, tm))
	ctx := tab(t)
	rec := watch(t, ctx)
	navigate(t, ctx, base+"/es/fever.html")
	if got := eval[string](t, ctx, `document.querySelector("#site-header").dataset.locale + " " + document.title`); got != "es Fiebre en los niños · Clinic" {
		t.Errorf("custom header and title = %q", got)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("main .block").length`); n < 5 {
		t.Errorf("%d blocks, want the article's", n)
	}
	if got := eval[string](t, ctx, `document.querySelector(".site-notice").textContent`); got != "Parte de esta página aún no está traducida y se muestra en inglés." {
		t.Errorf("notice = %q", got)
	}
	navigate(t, ctx, base+"/fr/fever.html")
	navigate(t, ctx, base+"/fr/index.html")
	settle(t, ctx, rec)
	if pwned := eval[string](t, ctx, `String(window.pwned)`); pwned != "undefined" {
		t.Errorf("a hostile translation ran in the custom template: %s", pwned)
	}
	if ps := problems(rec, base); len(ps) > 0 {
		t.Errorf("custom template pages: %v", ps)
	}
}

// hangul matches a Korean syllable.
const hasHangul = `s => /[\uac00-\ud7a3]/.test(s)`

// TestKoreanChrome checks every piece of page text on a ko page: in
// Korean, or wholly in English inside an element marked lang="en". The
// ko page-text catalog of the second project lacks two messages.
func TestKoreanChrome(t *testing.T) {
	for _, missing := range [][]string{nil, {"Contents", "FallbackPartial"}} {
		p := feverProject(t, "ko")
		plant(p, map[string]map[string]string{"ko": {"Fever in children": "어린이의 발열", "Medicine": "약", "Danger signs": "위험 신호"}})
		for _, m := range missing {
			delete(p.Catalogs["ko"][project.UISlug].Messages, project.UIID(m))
		}
		base := serve(t, bundles(t, p, fstest.MapFS{}))
		ctx := tab(t)
		navigate(t, ctx, base+"/ko/fever.html")
		type piece struct{ Name, Text, Lang string }
		got := eval[[]piece](t, ctx, `[
			[".skip", e => e.textContent], [".home", e => e.textContent], ["nav.langs", e => e.getAttribute("aria-label")],
			["#toc-title", e => e.textContent], [".notice", e => e.textContent],
		].map(([sel, text]) => { const e = document.querySelector(sel); return {Name: sel, Text: e ? text(e) : "", Lang: e ? (e.closest("[lang]") || document.documentElement).lang : ""} })`)
		english := 0
		for _, pc := range got {
			korean := eval[bool](t, ctx, "("+hasHangul+")("+jsString(pc.Text)+")")
			switch {
			case pc.Text == "":
				t.Errorf("%v: %s is missing", missing, pc.Name)
			case korean && pc.Lang == "ko":
			case !korean && pc.Lang == "en" && !strings.ContainsAny(pc.Text, "가나다라마바사아자차카타파하영어"):
				english++
			default:
				t.Errorf("%v: %s = %q in lang %q: neither Korean nor wholly English marked lang=en", missing, pc.Name, pc.Text, pc.Lang)
			}
		}
		if english != len(missing) {
			t.Errorf("%v: %d pieces in English, want %d", missing, english, len(missing))
		}
	}
}

func jsString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\u2028", `\u2028`, "\u2029", `\u2029`)
	return `"` + r.Replace(s) + `"`
}

// axeSource reads axe-core's axe.min.js from $HEALTHLOC_AXE, which
// .ci/run sets after installing the npm package axe-core.
func axeSource(t *testing.T) string {
	t.Helper()
	file := os.Getenv("HEALTHLOC_AXE")
	if file == "" {
		if os.Getenv("HEALTHLOC_REQUIRE_TOOLS") == "1" {
			t.Fatal("HEALTHLOC_AXE is not set: .ci/run installs axe-core and sets it")
		}
		t.Skip("set HEALTHLOC_AXE to axe-core's axe.min.js (npm install axe-core) to run the accessibility audit")
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("HEALTHLOC_AXE: %v", err)
	}
	return string(data)
}

// TestAxe runs axe-core in Chromium on healthloc's own pages, index and
// article, left to right and right to left, with fallback blocks, and
// fails on any serious or critical violation.
func TestAxe(t *testing.T) {
	axe := axeSource(t)
	files := fixture(t)
	// a page axe must fault, so that a pass means something
	files["bad.html"] = []byte(`<!DOCTYPE html><html><title>x</title><body><img src="data:,"></body></html>`)
	base := serve(t, files)
	ctx := tab(t)
	seen := map[string]bool{}
	for _, pg := range []string{"/bad.html", "/en/fever.html", "/en/index.html", "/es/fever.html", "/es-MX/index.html", "/ar/fever.html", "/ar/index.html"} {
		navigate(t, ctx, base+pg)
		eval[any](t, ctx, axe+";null")
		type violation struct {
			ID, Impact, Help string
			Nodes            int
		}
		vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]violation](`axe.run(document, {resultTypes: ["violations"]}).then(r =>
			r.violations.map(v => ({ID: v.id, Impact: v.impact || "", Help: v.help, Nodes: v.nodes.length})))`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s: axe: %v", pg, err)
		}
		for _, v := range vs {
			if pg == "/bad.html" {
				seen[v.ID] = true
				continue
			}
			if v.Impact == "serious" || v.Impact == "critical" {
				t.Errorf("%s: axe %s violation %s (%d elements): %s", pg, v.Impact, v.ID, v.Nodes, v.Help)
			} else {
				t.Logf("%s: axe %s violation %s: %s", pg, v.Impact, v.ID, v.Help)
			}
		}
	}
	if !seen["image-alt"] || !seen["html-has-lang"] {
		t.Errorf("axe found %v on a page without lang and alt text: is it running?", seen)
	}
}
