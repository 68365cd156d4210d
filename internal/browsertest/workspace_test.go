package browsertest

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/edit"
	"github.com/healthloc/healthloc/internal/golden"
	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/status"
)

// TestWorkspaceTranslate: a translator translates a missing entry with
// the keyboard; the catalog and status have it, and the overview open in
// another browser shows it without a reload.
func TestWorkspaceTranslate(t *testing.T) {
	w, watcher := teamFor(t, "rita")
	_, ctx := teamFor(t, "tina")
	e := w.entry(t, "oral-rehydration", "fr", "Keep breastfeeding, and breastfeed more often than usual.")
	p := w.load(t)
	if st, _ := edit.Shown(p, e); st != project.Missing {
		t.Fatalf("the entry is %s in fr, want missing", st)
	}
	before := status.Compute(p, []language.Tag{e.Loc}, false).Locales[0]

	navigate(t, watcher, w.url+"/")
	cell := `document.querySelector('tr[data-doc="oral-rehydration"] td[data-locale="fr"] .pct').textContent`
	was := eval[string](t, watcher, cell)

	rec := watch(t, ctx)
	navigate(t, ctx, w.url+"/")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`tr[data-doc="oral-rehydration"] td[data-locale="fr"] a`)), chromedp.WaitVisible(chromedp.ID("entries"))); err != nil {
		t.Fatal(err)
	}
	// "next entry needing work" from the top lands on a missing entry
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowDown, chromedp.KeyModifiers(chromedp.ModifierAlt, chromedp.ModifierShift))); err != nil {
		t.Fatal(err)
	}
	if got := eval[string](t, ctx, `document.activeElement.closest("li.entry").dataset.needsWork`); got != "true" {
		t.Errorf("Alt+Shift+↓ focused an entry with needs-work %q", got)
	}
	const fr = "Continuez à allaiter."
	typeInto(t, ctx, e.ID, fr, true)
	saveEntry(t, ctx, e.ID)
	poll(t, ctx, `document.querySelector('`+row(e.ID)+`').dataset.state === "translated"`, "the saved entry")
	if got := eval[string](t, ctx, `document.querySelector('`+row(e.ID)+` .editor').textContent`); got != fr {
		t.Errorf("editor after saving: %q", got)
	}

	p = w.load(t)
	if st, text := edit.Shown(p, e); st != project.Translated || text != fr {
		t.Errorf("the catalog has %s %q", st, text)
	}
	after := status.Compute(p, []language.Tag{e.Loc}, false).Locales[0]
	if after.Translated.Messages != before.Translated.Messages+1 || after.Missing.Messages != before.Missing.Messages-1 {
		t.Errorf("status fr: translated %d → %d, missing %d → %d", before.Translated.Messages, after.Translated.Messages,
			before.Missing.Messages, after.Missing.Messages)
	}
	poll(t, watcher, cell+` !== `+jsString(was), "the overview to show the new coverage")
	// the filters hide the documents with nothing of the kind
	if err := chromedp.Do(watcher, chromedp.Click(chromedp.CSS(`input[name=show][value=stale]`))); err != nil {
		t.Fatal(err)
	}
	hidden := `Array.from(document.querySelectorAll("#overview tbody tr"), r => r.dataset.doc + ":" + r.hidden).join(" ")`
	if got := eval[string](t, watcher, hidden); !strings.Contains(got, "blood-pressure-medicine:false") || !strings.Contains(got, "handwashing:true") {
		t.Errorf("with the stale filter: %s", got)
	}
	settle(t, ctx, rec)
	if p := problems(rec, w.url); len(p) > 0 {
		t.Errorf("editor: %v", p)
	}
}

// TestWorkspaceFinding: changing a number while typing shows the numbers
// check's error before anything is saved.
func TestWorkspaceFinding(t *testing.T) {
	w, ctx := teamFor(t, "tina")
	e, text := w.translatedWithNumber(t, "oral-rehydration", "fr")
	changed := digitRe.ReplaceAllStringFunc(text, func(n string) string { return n + "9" })
	rec := watch(t, ctx)
	openEditor(t, ctx, w, "fr", "oral-rehydration")
	findings := `document.querySelector('` + row(e.ID) + ` .findings').textContent`
	if got := eval[string](t, ctx, findings); !strings.Contains(got, "No check findings") {
		t.Fatalf("findings before the change: %q", got)
	}
	typeInto(t, ctx, e.ID, changed)
	poll(t, ctx, findings+`.includes("numbers")`, "the numbers finding")
	if got := eval[string](t, ctx, `document.querySelector('`+row(e.ID)+` .finding .sev').textContent`); got != "error" {
		t.Errorf("severity %q", got)
	}
	if got := eval[bool](t, ctx, `document.querySelector('`+row(e.ID)+`').classList.contains("dirty")`); !got {
		t.Error("the changed entry is not marked unsaved")
	}
	// nothing was written
	if _, cur := edit.Shown(w.load(t), e); cur != text {
		t.Errorf("typing changed the catalog: %q", cur)
	}
	// Escape undoes the change, and the finding goes
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Escape)); err != nil {
		t.Fatal(err)
	}
	poll(t, ctx, findings+`.includes("No check findings")`, "the finding to go")
	settle(t, ctx, rec)
	if p := problems(rec, w.url); len(p) > 0 {
		t.Errorf("editor: %v", p)
	}
}

// TestWorkspaceReview: a reviewer approves, with the account name
// recorded; a translator has no approve control and the server refuses
// the approval if sent anyway.
func TestWorkspaceReview(t *testing.T) {
	w, tina := teamFor(t, "tina")
	_, rita := teamFor(t, "rita")
	e, text := w.translatedWithNumber(t, "blood-pressure-medicine", "fr")
	approve := `fetch("/api/approve", {method: "POST", headers: {"Content-Type": "application/json",
		"X-CSRF-Token": document.querySelector('meta[name="csrf-token"]').content},
		body: JSON.stringify({locale: "fr", document: "blood-pressure-medicine", id: ` + jsString(e.ID) + `,
		hash: document.querySelector('` + row(e.ID) + `').dataset.shown})}).then(r => r.status)`

	openEditor(t, tina, w, "fr", "blood-pressure-medicine")
	if n := eval[int](t, tina, `document.querySelectorAll("[data-act=approve]").length`); n != 0 {
		t.Errorf("a translator sees %d approve buttons", n)
	}
	status, err := chromedp.Run(tina, chromedp.Evaluate[int](approve, chromedp.EvalAwaitPromise))
	if err != nil || status != 403 {
		t.Errorf("a translator's approval: %d %v", status, err)
	}
	if err := chromedp.Do(tina, chromedp.Focus(chromedp.CSS(row(e.ID)+" .editor")),
		chromedp.KeyEvent(kb.Enter, chromedp.KeyModifiers(chromedp.ModifierCtrl, chromedp.ModifierShift))); err != nil {
		t.Fatal(err)
	}
	poll(t, tina, `document.querySelector('`+row(e.ID)+` [data-role=msg]').textContent.includes("Only a reviewer")`, "the translator told")

	openEditor(t, rita, w, "fr", "blood-pressure-medicine")
	if err := chromedp.Do(rita, chromedp.Focus(chromedp.CSS(row(e.ID)+" .editor")),
		chromedp.KeyEvent(kb.Enter, chromedp.KeyModifiers(chromedp.ModifierCtrl, chromedp.ModifierShift))); err != nil {
		t.Fatal(err)
	}
	poll(t, rita, `document.querySelector('`+row(e.ID)+`').dataset.state === "reviewed"`, "the approval")
	if got := eval[string](t, rita, `document.querySelector('`+row(e.ID)+` .reviewer').textContent`); !strings.Contains(got, "rita") {
		t.Errorf("the row says %q", got)
	}
	p := w.load(t)
	if st, _ := edit.Shown(p, e); st != project.Reviewed {
		t.Errorf("state %s after approval", st)
	}
	if r := p.Workflow["fr"].Reviews[e.ID]; r.Reviewer != "rita" || r.TranslationHash != project.TextHash(text) {
		t.Errorf("review record %+v", r)
	}
	// a changed dose is refused until a reviewer gives a reason
	changed := digitRe.ReplaceAllStringFunc(text, func(n string) string { return n + "9" })
	typeInto(t, rita, e.ID, changed)
	saveEntry(t, rita, e.ID)
	poll(t, rita, `document.querySelector('`+row(e.ID)+`').dataset.state === "translated"`, "the save")
	if err := chromedp.Do(rita, chromedp.Click(chromedp.CSS(row(e.ID)+" [data-act=approve]"))); err != nil {
		t.Fatal(err)
	}
	poll(t, rita, `document.querySelector('`+row(e.ID)+` [data-role=msg]').textContent.includes("refused")`, "the refusal")
	err = chromedp.Do(rita,
		chromedp.Click(chromedp.CSS(row(e.ID)+" details.more summary")),
		chromedp.SendKeys(chromedp.CSS(row(e.ID)+" [data-field=override]"), "checked against the ministry leaflet"),
		chromedp.Click(chromedp.CSS(row(e.ID)+" [data-act=override]")))
	if err != nil {
		t.Fatal(err)
	}
	poll(t, rita, `document.querySelector('`+row(e.ID)+`').dataset.state === "reviewed"`, "the override")
	if r := w.load(t).Workflow["fr"].Reviews[e.ID]; r.Override != "checked against the ministry leaflet" {
		t.Errorf("override not recorded: %+v", r)
	}
}

// TestWorkspaceConflict: two people save the same entry from pages
// loaded before either saved. The second is shown both versions, keeps
// theirs in the editor, and nothing is lost.
func TestWorkspaceConflict(t *testing.T) {
	w, tina := teamFor(t, "tina")
	_, tom := teamFor(t, "rita")
	e := w.entry(t, "oral-rehydration", "fr", "Keep feeding")
	auditBefore := auditLines(t, w)
	openEditor(t, tina, w, "fr", "oral-rehydration")
	openEditor(t, tom, w, "fr", "oral-rehydration")
	const first, second = "Continuez à nourrir", "Continuer l'alimentation"
	typeInto(t, tina, e.ID, first)
	typeInto(t, tom, e.ID, second)
	saveEntry(t, tina, e.ID)
	poll(t, tina, `document.querySelector('`+row(e.ID)+`').dataset.state === "translated"`, "the first save")
	saveEntry(t, tom, e.ID)
	box := row(e.ID) + " [data-role=conflict]"
	poll(t, tom, `!document.querySelector('`+box+`').hidden`, "the conflict")
	if got := eval[string](t, tom, `document.querySelector('`+box+` [data-role=theirs]').textContent`); got != first {
		t.Errorf("theirs: %q", got)
	}
	if got := eval[string](t, tom, `document.querySelector('`+box+` [data-role=yours]').textContent`); got != second {
		t.Errorf("yours: %q", got)
	}
	if got := eval[string](t, tom, `document.querySelector('`+row(e.ID)+` .editor').textContent`); got != second {
		t.Errorf("the editor lost the text: %q", got)
	}
	if _, text := edit.Shown(w.load(t), e); text != first {
		t.Errorf("the refused save wrote %q", text)
	}
	if err := chromedp.Do(tom, chromedp.Click(chromedp.CSS(box+" [data-act=keep-mine]"))); err != nil {
		t.Fatal(err)
	}
	poll(t, tom, `document.querySelector('`+row(e.ID)+` .editor').textContent === `+jsString(second)+
		` && document.querySelector('`+row(e.ID)+`').dataset.base !== ""`, "keeping mine")
	poll(t, tom, `document.querySelector('`+row(e.ID)+` [data-role=msg]').textContent === "Saved."`, "the save over theirs")
	if _, text := edit.Shown(w.load(t), e); text != second {
		t.Errorf("after keeping mine: %q", text)
	}
	lines := auditLines(t, w)[len(auditBefore):]
	if len(lines) != 2 || !strings.Contains(lines[0], `"user":"tina"`) || !strings.Contains(lines[1], `"user":"rita"`) ||
		!strings.Contains(lines[1], `"old":"`+project.TextHash(first)+`"`) {
		t.Errorf("audit log:\n%s", strings.Join(lines, "\n"))
	}
}

// TestWorkspaceXSS: a script typed as a translation stays text in the
// editor, in the preview and in the rendered bundle.
func TestWorkspaceXSS(t *testing.T) {
	w, ctx := teamFor(t, "tina")
	e := w.entry(t, "oral-rehydration", "fr", "yoghurt drinks")
	const payload = `<img src=x onerror=alert(1)><script>alert(2)</script>`
	rec := watch(t, ctx)
	openEditor(t, ctx, w, "fr", "oral-rehydration")
	typeInto(t, ctx, e.ID, payload)
	saveEntry(t, ctx, e.ID)
	poll(t, ctx, `document.querySelector('`+row(e.ID)+`').dataset.state === "translated"`, "the save")
	// a reload renders it from the catalog
	openEditor(t, ctx, w, "fr", "oral-rehydration")
	if got := eval[string](t, ctx, `document.querySelector('`+row(e.ID)+` .editor').textContent`); got != payload {
		t.Errorf("the editor shows %q", got)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("#entries img, #entries script, [onerror]").length`); n != 0 {
		t.Errorf("the editor has %d elements from the payload", n)
	}
	for _, pv := range []string{"/preview/fr/oral-rehydration.html", "/candidates/fr/oral-rehydration.html"} {
		navigate(t, ctx, w.url+pv)
		if n := eval[int](t, ctx, `document.querySelectorAll("script, [onerror], img[src=x]").length`); n != 0 {
			t.Errorf("%s has %d elements from the payload", pv, n)
		}
	}
	// the bundle render publishes
	p := w.load(t)
	base := serve(t, bundles(t, p, os.DirFS(filepath.Join(w.dir, "content"))))
	navigate(t, ctx, base+"/fr/oral-rehydration.html")
	if n := eval[int](t, ctx, `document.querySelectorAll("script, [onerror], img[src=x]").length`); n != 0 {
		t.Errorf("the bundle has %d elements from the payload", n)
	}
	settle(t, ctx, rec)
	_, _, dialogs := rec.snapshot()
	if len(dialogs) > 0 {
		t.Errorf("the payload ran: %v", dialogs)
	}
}

// TestWorkspaceRTL: the Arabic editor is right to left and marked ar, and
// Arabic typed with a dose in Latin digits is saved exactly.
func TestWorkspaceRTL(t *testing.T) {
	w, ctx := teamFor(t, "tina")
	e := w.entry(t, "oral-rehydration", "ar", "Keep breastfeeding, and breastfeed more often")
	if st, _ := edit.Shown(w.load(t), e); st != project.Missing {
		t.Fatalf("the entry is %s in ar", st)
	}
	openEditor(t, ctx, w, "ar", "oral-rehydration")
	ed := `document.querySelector('` + row(e.ID) + ` .editor')`
	if got := eval[string](t, ctx, ed+`.lang + " " + `+ed+`.dir + " " + getComputedStyle(`+ed+`).direction`); got != "ar rtl rtl" {
		t.Errorf("editor lang, dir, direction: %q", got)
	}
	if got := eval[string](t, ctx, `document.querySelector('`+row(e.ID)+` .source .text').dir`); got != "ltr" {
		t.Errorf("the English source is %q", got)
	}
	const ar = "استمري في الرضاعة الطبيعية، وأرضعي أكثر من المعتاد."
	insertText(t, ctx, e.ID, ar)
	// the end of the line is on the left
	if got := eval[string](t, ctx, `(() => { const r = getSelection().getRangeAt(0).getBoundingClientRect();
		const b = `+ed+`.getBoundingClientRect(); return r.left < b.left + b.width / 2 ? "left" : "right"; })()`); got != "left" {
		t.Errorf("the caret after typing is on the %s of the editor", got)
	}
	saveEntry(t, ctx, e.ID)
	poll(t, ctx, `document.querySelector('`+row(e.ID)+`').dataset.state === "translated"`, "the save")
	if st, text := edit.Shown(w.load(t), e); st != project.Translated || text != ar {
		t.Errorf("saved %s %q", st, text)
	}
	navigate(t, ctx, w.url+"/preview/ar/oral-rehydration.html")
	if got := eval[string](t, ctx, `document.documentElement.dir + " " + document.body.textContent.includes(`+jsString(ar)+`)`); got != "rtl true" {
		t.Errorf("preview: %q", got)
	}
}

// TestWorkspaceAxe runs axe-core on every workspace page: sign-in,
// overview, the editor for a translator (right to left) and a reviewer
// with a finding, a conflict and suggestions open, an error page and both
// previews; it fails on any serious or critical violation.
func TestWorkspaceAxe(t *testing.T) {
	axe := axeSource(t)
	w, rita := teamFor(t, "rita")
	_, tina := teamFor(t, "tina")
	anon := tab(t)
	e, text := w.translatedWithNumber(t, "heat-illness", "fr")
	type page struct {
		ctx             context.Context
		url             string
		setup, teardown func(ctx context.Context)
	}
	// undo leaves the page with no unsaved change, which would ask
	// before leaving
	undo := func(ctx context.Context) {
		if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS(row(e.ID)+" .editor")), chromedp.KeyEvent(kb.Escape)); err != nil {
			t.Fatal(err)
		}
	}
	pages := []page{
		{anon, "/login", nil, nil},
		{rita, "/", nil, nil},
		{tina, "/edit/ar/handwashing", nil, nil},
		{rita, "/edit/fr/heat-illness", func(ctx context.Context) {
			// a finding as typed, the suggestions, and a conflict
			typeInto(t, ctx, e.ID, digitRe.ReplaceAllStringFunc(text, func(n string) string { return n + "9" }))
			poll(t, ctx, `document.querySelector('`+row(e.ID)+` .findings').textContent.includes("numbers")`, "the finding")
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(row(e.ID)+" [data-role=suggest] summary"))); err != nil {
				t.Fatal(err)
			}
			poll(t, ctx, `document.querySelector('`+row(e.ID)+` [data-role=suggest-body]').dataset.loaded === "true"`, "suggestions")
			eval[any](t, ctx, `document.querySelector('`+row(e.ID)+`').dataset.base = "sha1-stale", null`)
			saveEntry(t, ctx, e.ID)
			poll(t, ctx, `!document.querySelector('`+row(e.ID)+` [data-role=conflict]').hidden`, "the conflict")
		}, undo},
		{rita, "/edit/es/no-such-document", nil, nil},
		// a preview runs no script at all, axe's neither: it runs with the
		// page's Content-Security-Policy bypassed, as DevTools can
		{rita, "/preview/fr/oral-rehydration.html", bypassCSP(t, true), nil},
		{rita, "/candidates/ar/oral-rehydration.html", nil, bypassCSP(t, false)},
	}
	for _, pg := range pages {
		if pg.url == "/preview/fr/oral-rehydration.html" {
			pg.setup(pg.ctx)
			pg.setup = nil
		}
		navigate(t, pg.ctx, w.url+pg.url)
		if pg.setup != nil {
			pg.setup(pg.ctx)
		}
		eval[any](t, pg.ctx, axe+";null")
		type violation struct {
			ID, Impact, Help string
			Nodes            int
		}
		vs, err := chromedp.Run(pg.ctx, chromedp.Evaluate[[]violation](`axe.run(document, {resultTypes: ["violations"]}).then(r =>
			r.violations.map(v => ({ID: v.id, Impact: v.impact || "", Help: v.help, Nodes: v.nodes.length})))`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s: axe: %v", pg.url, err)
		}
		for _, v := range vs {
			if v.Impact == "serious" || v.Impact == "critical" {
				t.Errorf("%s: axe %s violation %s (%d elements): %s", pg.url, v.Impact, v.ID, v.Nodes, v.Help)
			} else {
				t.Logf("%s: axe %s violation %s: %s", pg.url, v.Impact, v.ID, v.Help)
			}
		}
		if pg.teardown != nil {
			pg.teardown(pg.ctx)
		}
	}
}

// TestWorkspaceScreenshots takes the README's pictures of the workspace:
// the overview, and the editor with a changed dose flagged as it is
// typed. With -update it writes them to docs/.
func TestWorkspaceScreenshots(t *testing.T) {
	w, ctx := teamFor(t, "rita")
	const width = 1200
	shoot := func(file string) {
		data, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS("body")))
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		img, err := png.DecodeConfig(bytes.NewReader(data))
		if err != nil || img.Width != width || img.Height < 400 {
			t.Errorf("%s: %d×%d, %v", file, img.Width, img.Height, err)
		}
		if golden.Update() {
			if err := os.WriteFile(filepath.Join("..", "..", "docs", file), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	navigate(t, ctx, w.url+"/")
	shoot("screenshot-workspace-overview.png")

	e := w.entry(t, "oral-rehydration", "es", "give 50–100 ml after each loose stool")
	openEditor(t, ctx, w, "es", "oral-rehydration")
	_, text := edit.Shown(w.load(t), e)
	typeInto(t, ctx, e.ID, strings.Replace(text, "50", "500", 1))
	poll(t, ctx, `document.querySelector('`+row(e.ID)+` .findings').textContent.includes("numbers")`, "the finding")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(row(e.ID)+" [data-role=suggest] summary"))); err != nil {
		t.Fatal(err)
	}
	poll(t, ctx, `document.querySelector('`+row(e.ID)+` [data-role=suggest-body]').dataset.loaded === "true"`, "suggestions")
	// the entry above it and this one fill the picture
	eval[any](t, ctx, `(() => { const r = document.querySelector('`+row(e.ID)+`');
		const prev = r.previousElementSibling || r; window.scrollTo(0, prev.offsetTop - 8);
		document.querySelectorAll("li.entry").forEach(x => { if (x !== r && x !== prev) x.hidden = true; });
		document.querySelector(".toolbar").hidden = document.querySelector(".keys").hidden = true; })(), null`)
	shoot("screenshot-workspace-editor.png")
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS(row(e.ID)+" .editor")), chromedp.KeyEvent(kb.Escape)); err != nil {
		t.Fatal(err)
	}
}
