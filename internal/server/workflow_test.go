package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/edit"
	"github.com/healthloc/healthloc/internal/plan"
	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/project/projecttest"
	"github.com/healthloc/healthloc/internal/render"
)

func TestSaveConflictAndAudit(t *testing.T) {
	ts := newTestServer(t, true)
	ids := ts.ids()
	id := ids[doseSrc]
	a, b := ts.client(), ts.client()
	a.signIn("tina")
	b.signIn("rita")
	// both load the missing entry
	base := project.TextHash("")
	// the dose with its link and emphasis as tokens: 1 and 2 are "**",
	// 3 "[", 4 "](https://who.int/fever)"
	mine := []Part{{Text: "Tome "}, {Tok: 1}, {Text: "500 mg"}, {Tok: 2}, {Text: " cada "}, {Tok: 3}, {Text: "8 horas"}, {Tok: 4}, {Text: "."}}
	res, out := a.post("/api/save", map[string]any{"locale": "es", "document": "guide", "id": id, "base": base, "parts": mine})
	if res.StatusCode != http.StatusOK {
		t.Fatalf("save: %s %v", res.Status, out)
	}
	want := "Tome **500 mg** cada [8 horas](https://who.int/fever)."
	if cat := readFile(t, ts.dir, "locales/es/guide.es.toml"); !strings.Contains(cat, want) {
		t.Fatalf("catalog:\n%s", cat)
	}
	if html := out["row"].(string); !strings.Contains(html, `data-state="translated"`) || !strings.Contains(html, `data-tok="4"`) {
		t.Errorf("the saved row:\n%s", html)
	}
	// the second saves from the page loaded before: refused, both shown
	theirs := []Part{{Text: "Tomar 500 mg cada 8 horas."}}
	res, out = b.post("/api/save", map[string]any{"locale": "es", "document": "guide", "id": id, "base": base, "parts": theirs})
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("conflicting save: %s %v", res.Status, out)
	}
	html := out["html"].(string)
	if !strings.Contains(html, "Tomar 500 mg cada 8 horas.") || !strings.Contains(html, "Tome ") || !strings.Contains(html, "by tina, ") ||
		out["hash"] != project.TextHash(want) {
		t.Errorf("the conflict does not show both versions:\n%s", html)
	}
	if cat := readFile(t, ts.dir, "locales/es/guide.es.toml"); !strings.Contains(cat, want) {
		t.Error("the refused save changed the catalog")
	}
	// keeping theirs over it, knowing the new base
	res, _ = b.post("/api/save", map[string]any{"locale": "es", "document": "guide", "id": id, "base": out["hash"], "parts": theirs})
	if res.StatusCode != http.StatusOK {
		t.Fatalf("save over: %s", res.Status)
	}
	// the audit log has both writes, with the accounts and hashes
	lines := strings.Split(strings.TrimSpace(readFile(t, ts.dir, "workarea/audit.log")), "\n")
	if len(lines) != 2 {
		t.Fatalf("audit log:\n%s", strings.Join(lines, "\n"))
	}
	var first, second auditEntry
	_ = json.Unmarshal([]byte(lines[0]), &first)
	_ = json.Unmarshal([]byte(lines[1]), &second)
	if first.User != "tina" || first.Action != "save" || first.Old != "" || first.New != project.TextHash(want) || first.ID != id ||
		first.Locale != "es" || first.Document != "guide.md" || first.Time == "" {
		t.Errorf("first audit entry %+v", first)
	}
	if second.User != "rita" || second.Old != project.TextHash(want) || second.New != project.TextHash("Tomar 500 mg cada 8 horas.") {
		t.Errorf("second audit entry %+v", second)
	}
	// the same text again writes nothing and logs nothing
	res, out = b.post("/api/save", map[string]any{"locale": "es", "document": "guide", "id": id, "base": project.TextHash("Tomar 500 mg cada 8 horas."), "parts": theirs})
	if res.StatusCode != http.StatusOK || out["unchanged"] != true {
		t.Errorf("saving the same text: %s %v", res.Status, out)
	}
	if n := strings.Count(readFile(t, ts.dir, "workarea/audit.log"), "\n"); n != 2 {
		t.Errorf("audit log has %d lines after an unchanged save", n)
	}
	// a token the source lacks, or an empty text, is refused
	if res, _ := b.post("/api/save", map[string]any{"locale": "es", "document": "guide", "id": id, "base": "x", "parts": []Part{{Tok: 9}}}); res.StatusCode != http.StatusBadRequest {
		t.Errorf("unknown token: %s", res.Status)
	}
	if res, _ := b.post("/api/save", map[string]any{"locale": "es", "document": "guide", "id": ids["Drink water."], "base": base, "parts": []Part{{Text: "  "}}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("empty text: %s", res.Status)
	}
}

func TestCheckAndApprove(t *testing.T) {
	ts := newTestServer(t, true)
	ids := ts.ids()
	id := ids[doseSrc]
	rita := ts.client()
	rita.signIn("rita")
	wrong := []Part{{Text: "Tome 50 mg cada 8 horas."}}
	// the finding as the translator types
	res, out := rita.post("/api/check", map[string]any{"locale": "es", "document": "guide", "id": id, "parts": wrong})
	if res.StatusCode != http.StatusOK || out["blocking"] != true || !strings.Contains(out["html"].(string), "numbers") {
		t.Fatalf("check: %s %v", res.Status, out)
	}
	res, _ = rita.post("/api/save", map[string]any{"locale": "es", "document": "guide", "id": id, "base": project.TextHash(""), "parts": wrong})
	if res.StatusCode != http.StatusOK {
		t.Fatal(res.Status)
	}
	hash := project.TextHash("Tome 50 mg cada 8 horas.")
	res, out = rita.post("/api/approve", map[string]any{"locale": "es", "document": "guide", "id": id, "hash": hash})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(out["error"].(string), "numbers") {
		t.Fatalf("approving a changed dose: %s %v", res.Status, out)
	}
	res, out = rita.post("/api/approve", map[string]any{"locale": "es", "document": "guide", "id": id, "hash": hash, "override": "the leaflet of the ministry says 50"})
	if res.StatusCode != http.StatusOK || !strings.Contains(out["row"].(string), `data-state="reviewed"`) {
		t.Fatalf("override: %s %v", res.Status, out)
	}
	reviews := readFile(t, ts.dir, "workarea/es/reviews.toml")
	if !strings.Contains(reviews, `override = "the leaflet of the ministry says 50"`) || !strings.Contains(reviews, `reviewer = "rita"`) {
		t.Errorf("reviews.toml:\n%s", reviews)
	}
	audit := readFile(t, ts.dir, "workarea/audit.log")
	if !strings.Contains(audit, `"action":"approve"`) || !strings.Contains(audit, "override: the leaflet") {
		t.Errorf("audit log:\n%s", audit)
	}
	// a text that is not the one shown is a conflict
	if res, _ := rita.post("/api/approve", map[string]any{"locale": "es", "document": "guide", "id": id, "hash": "sha1-old"}); res.StatusCode != http.StatusConflict {
		t.Errorf("approving a text not shown: %s", res.Status)
	}
}

func TestSuggestionsAndGlossary(t *testing.T) {
	ts := newTestServer(t, false)
	writeFiles(t, ts.dir, map[string]string{
		"content/more.md": "Drink clean water.\n\nTake zinc.\n",
		"healthloc.toml":  "source_locale = \"en\"\nlocales = [\"es\", \"fr\", \"ar\", \"es-MX\"]\n[glossary.terms.zinc]\nes = \"zinc\"\n[glossary]\nkeep = [\"Water\"]\n",
	})
	ids := ts.ids()
	c := ts.client()
	c.signInToken()
	c.post("/api/save", map[string]any{"locale": "es", "document": "guide", "id": ids["Drink water."], "base": project.TextHash(""), "parts": []Part{{Text: "Beba agua."}}})
	snap, _ := ts.srv.store.snapshot(context.Background())
	var more *project.Doc
	for _, d := range snap.p.Docs {
		if d.Slug == "more" {
			more = d
		}
	}
	res, body := c.get("/api/suggest?locale=es&document=more&id=" + more.IDs[0])
	var out struct {
		Suggestions []suggestion
		Glossary    []term
		HTML        string
	}
	_ = json.Unmarshal([]byte(body), &out)
	if res.StatusCode != 200 || len(out.Suggestions) != 1 || out.Suggestions[0].Plain != "Beba agua." || out.Suggestions[0].Score < 80 {
		t.Fatalf("suggestions: %s %s", res.Status, body)
	}
	if len(out.Glossary) != 1 || out.Glossary[0].Source != "Water" || !out.Glossary[0].Keep {
		t.Errorf("glossary of %q: %+v", "Drink clean water.", out.Glossary)
	}
	// es-MX is offered what it inherits from es
	_, body = c.get("/api/suggest?locale=es-MX&document=more&id=" + more.IDs[0])
	if !strings.Contains(body, `"from":"es"`) {
		t.Errorf("es-MX suggestions: %s", body)
	}
	_, body = c.get("/api/suggest?locale=es&document=more&id=" + more.IDs[1])
	if !strings.Contains(body, `"target":"zinc"`) {
		t.Errorf("glossary of zinc: %s", body)
	}
	if _, page := c.get("/edit/es/more"); !strings.Contains(page, `Glossary: <span lang="en">zinc</span> → <span lang="es" dir="ltr">zinc</span>`) {
		t.Error("the editor does not show the glossary term of the entry")
	}
}

// TestSuggestionsFromMemory checks that a translation memory from
// outside (healthloc memory add) is offered after the project's own
// translations, named by its origin.
func TestSuggestionsFromMemory(t *testing.T) {
	ts := newTestServer(t, false)
	writeFiles(t, ts.dir, map[string]string{
		"content/more.md": "Drink clean water every day.\n",
		"workarea/es/memory/agency.tmx.toml": "name = \"agency.tmx\"\nfile = \"agency.tmx\"\nformat = \"tmx\"\nlanguage = \"es\"\n\n" +
			"[[unit]]\nsource = \"Drink clean  water every day.\"\ntarget = \"Beba agua limpia cada día.\"\n\n" +
			"[[unit]]\nsource = \"Drink clean cold water every day.\"\ntarget = \"Beba agua limpia y fría cada día.\"\n",
	})
	c := ts.client()
	c.signInToken()
	snap, err := ts.srv.store.snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var id string
	for _, d := range snap.p.Docs {
		if d.Slug == "more" {
			id = d.IDs[0]
		}
	}
	_, body := c.get("/api/suggest?locale=es&document=more&id=" + id)
	var out struct {
		Suggestions []suggestion
		HTML        string
	}
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Suggestions) != 2 {
		t.Fatalf("memory suggestions: %s", body)
	}
	exact, fuzzy := out.Suggestions[0], out.Suggestions[1]
	if exact.Score != 100 || exact.Plain != "Beba agua limpia cada día." || exact.Origin != "memory: agency.tmx" || exact.Document != "" {
		t.Errorf("exact match: %+v", exact)
	}
	if fuzzy.Score >= 100 || fuzzy.Plain != "Beba agua limpia y fría cada día." || len(fuzzy.Diff) == 0 {
		t.Errorf("fuzzy match: %+v", fuzzy)
	}
	if !strings.Contains(out.HTML, `<span class="from">memory: agency.tmx</span>`) {
		t.Errorf("the editor does not name the memory: %s", out.HTML)
	}
	// a memory for another locale is not offered
	_, body = c.get("/api/suggest?locale=fr&document=more&id=" + id)
	if strings.Contains(body, "agency.tmx") {
		t.Errorf("fr is offered es's memory: %s", body)
	}
}

// TestPreviewIsRender checks that the preview is the bundle render
// builds, byte for byte, and that the candidates' preview marks them.
func TestPreviewIsRender(t *testing.T) {
	ts, ids, c := tokenSession(t)
	c.post("/api/save", map[string]any{"locale": "es", "document": "guide", "id": ids["Fever guide"], "base": project.TextHash(""),
		"parts": []Part{{Text: "Guía de la fiebre"}}})
	snap, _ := ts.srv.store.snapshot(context.Background())
	hashOf := func(text string) string {
		return snap.p.Docs[0].Source.Messages[ids[text]].Hash
	}
	writeFiles(t, ts.dir, map[string]string{"workarea/es/docs/guide.toml": `[candidate."` + ids["Drink water."] + `"]
hash = "` + hashOf("Drink water.") + `"
other = "Beba agua <b>limpia</b>."
origin = "align: es/guide.md"

[candidate."` + ids["Fever"] + `"]
hash = "` + hashOf("Fever") + `"
other = "Fiebre"
origin = "memory"
`})
	res, got := c.get("/preview/es/guide.html")
	if res.StatusCode != 200 {
		t.Fatal(res.Status)
	}
	p := projecttest.LoadDir(t, ts.dir)
	b, err := render.Render(p, language.Spanish, os.DirFS(filepath.Join(ts.dir, "content")), render.Options{Site: render.SiteOf(p),
		Locales: append([]language.Tag{p.Config.Source()}, p.Config.Targets()...)})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range b.Files {
		if f.Path == "guide.html" && !bytes.Equal(f.Data, []byte(got)) {
			t.Errorf("the preview differs from render's page:\n%s\n---\n%s", got, f.Data)
		}
	}
	if strings.Contains(got, "Beba agua") {
		t.Error("the published preview shows a candidate")
	}
	_, cand := c.get("/candidates/es/guide.html")
	// render keeps safe inline markup of a translation, as it publishes it
	if !strings.Contains(cand, `<p><mark class="healthloc-candidate">Beba agua <b>limpia</b>.</mark></p>`) {
		t.Errorf("the candidates' preview does not mark the candidate:\n%s", cand)
	}
	if strings.ContainsRune(cand, markOpen) || strings.ContainsRune(cand, markClose) {
		t.Error("a mark was left in the page")
	}
	// a candidate heading is marked in the body, and the title and the
	// table of contents carry no markup
	if !strings.Contains(cand, `<mark class="healthloc-candidate">Fiebre</mark>`) {
		t.Errorf("the candidate heading is not marked:\n%s", cand)
	}
	if i := strings.Index(cand, "<title"); i < 0 || strings.Contains(cand[i:strings.Index(cand, "</title>")], "mark") {
		t.Error("the page title holds a mark")
	}
	if !strings.Contains(cand, "Guía de la fiebre") {
		t.Error("the candidates' preview lost the translation")
	}
}

// TestXSSInert types a script into a translation: the editor, the
// preview and the bundle show it as text.
func TestXSSInert(t *testing.T) {
	_, ids, c := tokenSession(t)
	payload := `<img src=x onerror=alert(1)><script>alert(2)</script>"'&`
	res, out := c.post("/api/save", map[string]any{"locale": "es", "document": "guide", "id": ids["Drink water."],
		"base": project.TextHash(""), "parts": []Part{{Text: payload}}})
	if res.StatusCode != 200 {
		t.Fatalf("save: %s %v", res.Status, out)
	}
	_, page := c.get("/edit/es/guide")
	for _, body := range []string{page, out["row"].(string)} {
		if strings.Contains(body, "<img src=x") || strings.Contains(body, "<script>alert") {
			t.Errorf("the editor shows the payload as markup")
		}
		if !strings.Contains(body, "&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;&#34;&#39;&amp;") {
			t.Errorf("the editor does not show the payload as text")
		}
	}
	_, pv := c.get("/preview/es/guide.html")
	if strings.Contains(pv, "<img src=x") || strings.Contains(pv, "<script>") || strings.Contains(pv, "onerror=alert") && !strings.Contains(pv, "&lt;img") {
		t.Errorf("the preview runs the payload:\n%s", pv)
	}
}

// TestParts checks that every translation of the example project goes
// through the editor's parts unchanged.
func TestParts(t *testing.T) {
	p := projecttest.LoadDir(t, filepath.Join("..", ".."))
	n, toks := 0, 0
	for _, loc := range p.Config.Targets() {
		for _, d := range p.Docs {
			for i, id := range d.IDs {
				seg := d.Segments[i]
				src, cs := sourceParts(seg)
				if got, err := join(src, cs); err != nil || got != seg.Text {
					t.Errorf("%s: source %q → %q (%v)", id, seg.Text, got, err)
				}
				_, text := edit.Shown(p, edit.Entry{Loc: loc, Doc: d, ID: id})
				parts := translationParts(seg, text, cs)
				got, err := join(parts, cs)
				if err != nil || got != text {
					t.Errorf("%s %s: %q → %q (%v)", loc, id, text, got, err)
				}
				n++
				for _, pt := range parts {
					if pt.Tok > 0 {
						toks++
					}
				}
			}
		}
	}
	if n < 500 || toks < 50 {
		t.Errorf("only %d texts, %d tokens", n, toks)
	}
}

// TestSharesTheCLILock: a save waits for the lock a command-line run
// holds and gives up with 503, writing nothing; a catalog the command
// line changed meanwhile is a conflict, not an overwrite.
func TestSharesTheCLILock(t *testing.T) {
	ts := newTestServer(t, false)
	ts.srv.opts.LockTimeout = 200 * time.Millisecond
	ts.srv.store.lockTimeout = 200 * time.Millisecond
	ids := ts.ids()
	c := ts.client()
	c.signInToken()
	unlock, err := plan.Lock(filepath.Join(ts.dir, LockName), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	body := map[string]any{"locale": "es", "document": "guide", "id": ids["Drink water."], "base": project.TextHash(""),
		"parts": []Part{{Text: "Beba agua."}}}
	res, out := c.post("/api/save", body)
	if res.StatusCode != http.StatusServiceUnavailable || !strings.Contains(out["error"].(string), "another healthloc run") {
		t.Errorf("save while the CLI holds the lock: %s %v", res.Status, out)
	}
	if _, err := os.Stat(filepath.Join(ts.dir, "locales", "es")); err == nil {
		t.Error("a save wrote while another run held the lock")
	}
	must(t, unlock())
	// the command line writes the catalog (as import would)
	snap, _ := ts.srv.store.snapshot(context.Background())
	e, _ := edit.Find(snap.p, language.Spanish, "guide", ids["Drink water."])
	ch, err := edit.Save(snap.p, e, project.TextHash(""), "Tome agua.")
	must(t, err)
	must(t, commit(context.Background(), snap.cfg, ch.Plan))
	res, out = c.post("/api/save", body)
	if res.StatusCode != http.StatusConflict || !strings.Contains(out["html"].(string), "Tome agua.") {
		t.Errorf("save over the command line's change: %s %v", res.Status, out)
	}
	if _, err := os.Stat(filepath.Join(ts.dir, LockName)); err == nil {
		t.Error("the lock was left behind")
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestConcurrentRequests reads and writes from several browsers at once
// (run with -race): every save lands, each once in the audit log.
func TestConcurrentRequests(t *testing.T) {
	ts := newTestServer(t, false)
	ids := ts.ids()
	locs := []string{"es", "fr", "ar", "es-MX"}
	done := make(chan error, len(locs))
	for _, loc := range locs {
		go func() {
			c := ts.client()
			c.signInToken()
			for _, path := range []string{"/", "/edit/" + loc + "/guide", "/api/overview", "/preview/" + loc + "/guide.html"} {
				if res, _ := c.get(path); res.StatusCode != 200 {
					done <- fmt.Errorf("%s %s: %s", loc, path, res.Status)
					return
				}
			}
			res, out := c.post("/api/save", map[string]any{"locale": loc, "document": "guide", "id": ids["Drink water."],
				"base": project.TextHash(""), "parts": []Part{{Text: "agua " + loc}}})
			if res.StatusCode != 200 {
				done <- fmt.Errorf("%s save: %s %v", loc, res.Status, out)
				return
			}
			done <- nil
		}()
	}
	for range locs {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
	if n := strings.Count(readFile(t, ts.dir, "workarea/audit.log"), "\n"); n != len(locs) {
		t.Errorf("%d audit lines, want %d", n, len(locs))
	}
	p := ts.srv
	snap, _ := p.store.snapshot(context.Background())
	for _, loc := range locs {
		e, _ := edit.Find(snap.p, language.MustParse(loc), "guide", ids["Drink water."])
		if _, text := edit.Shown(snap.p, e); text != "agua "+loc {
			t.Errorf("%s: %q", loc, text)
		}
	}
}

// TestOverviewFilters: the overview's filters work as a plain form.
func TestOverviewFilters(t *testing.T) {
	ts := newTestServer(t, false)
	writeFiles(t, ts.dir, map[string]string{"content/done.md": "Drink water.\n"})
	ids := ts.ids()
	c := ts.client()
	c.signInToken()
	for _, loc := range []string{"es", "fr", "ar", "es-MX"} {
		c.post("/api/save", map[string]any{"locale": loc, "document": "guide", "id": ids["Drink water."], "base": project.TextHash(""),
			"parts": []Part{{Text: "x " + loc}}})
	}
	// nothing is stale, so the stale filter hides every document; both
	// still have missing entries
	_, page := c.get("/?show=stale")
	if !strings.Contains(page, `<tr data-doc="done" hidden>`) || !strings.Contains(page, `<tr data-doc="guide" hidden>`) {
		t.Errorf("the stale filter shows documents with nothing stale")
	}
	_, page = c.get("/?show=missing")
	if strings.Contains(page, `<tr data-doc="guide" hidden>`) {
		t.Errorf("the missing filter hides a document with missing entries")
	}
	if !strings.Contains(page, `<input type="checkbox" name="show" value="missing" checked>`) {
		t.Error("the filter is not shown as set")
	}
}
