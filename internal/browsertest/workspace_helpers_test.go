package browsertest

import (
	"context"
	"fmt"
	"io/fs"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"golang.org/x/crypto/bcrypt"
	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/config"
	"github.com/healthloc/healthloc/internal/edit"
	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/project/projecttest"
	"github.com/healthloc/healthloc/internal/qa"
	"github.com/healthloc/healthloc/internal/server"
)

// workspace is `healthloc serve` over a copy of the example project.
type workspace struct {
	dir, url string
}

// The accounts of the workspace tests; each password is the name.
var accounts = []struct{ login, role, locales string }{
	{"tina", "translator", `["fr", "ar"]`},
	{"rita", "reviewer", `[]`},
}

// team is one workspace and a browser of its own for each account,
// signed in, shared by the workspace tests: starting a browser context
// and signing in take seconds. Each test works on entries of its own.
var team struct {
	once    sync.Once
	err     error
	w       *workspace
	people  map[string]context.Context
	cleanup []func()
}

// stopTeam closes the shared workspace; TestMain calls it.
func stopTeam() {
	for i := len(team.cleanup) - 1; i >= 0; i-- {
		team.cleanup[i]()
	}
}

// teamFor returns the shared workspace and the browser of login, with a
// time limit for this test.
func teamFor(t *testing.T, login string) (*workspace, context.Context) {
	t.Helper()
	tab(t) // skips without Chromium; starts the shared browser
	team.once.Do(func() { team.err = startTeam() })
	if team.err != nil {
		t.Fatal(team.err)
	}
	ctx, cancel := context.WithTimeout(team.people[login], 60*time.Second)
	t.Cleanup(cancel)
	return team.w, ctx
}

// startTeam copies the example project at the repository root, serves
// the workspace over it with the test accounts, and signs each account
// in from a browser context of its own (its own cookies), 1200×900.
func startTeam() error {
	dir, err := os.MkdirTemp("", "healthloc-workspace-")
	if err != nil {
		return err
	}
	team.cleanup = append(team.cleanup, func() { os.RemoveAll(dir) })
	root := filepath.Join("..", "..")
	for _, name := range []string{"healthloc.toml", "content", "locales", "workarea"} {
		if err := copyTree(filepath.Join(root, name), filepath.Join(dir, name)); err != nil {
			return err
		}
	}
	var users strings.Builder
	for _, a := range accounts {
		h, err := bcrypt.GenerateFromPassword([]byte(a.login), bcrypt.MinCost)
		if err != nil {
			return err
		}
		users.WriteString("[user." + a.login + "]\nrole = \"" + a.role + "\"\nlocales = " + a.locales + "\npassword = \"" + string(h) + "\"\n")
	}
	cfg, err := config.Load(dir)
	if err != nil {
		return err
	}
	us, err := server.ParseUsers("users.toml", []byte(users.String()), cfg.Targets())
	if err != nil {
		return err
	}
	srv, err := server.New(context.Background(), server.Options{Dir: dir, Users: us, Loopback: true})
	if err != nil {
		return err
	}
	ts := httptest.NewServer(srv)
	team.cleanup = append(team.cleanup, ts.Close)
	team.w = &workspace{dir: dir, url: ts.URL}
	team.people = map[string]context.Context{}
	for _, a := range accounts {
		ctx, cancel := chromedp.NewContext(browserCtx, chromedp.WithNewBrowserContext())
		team.cleanup = append(team.cleanup, cancel)
		// the first run makes the tab, which lives as long as the
		// context of that run: it must have no time limit
		if err := chromedp.Do(ctx); err != nil {
			return err
		}
		sctx, scancel := context.WithTimeout(ctx, 60*time.Second)
		err := chromedp.Do(sctx,
			chromedp.EmulateViewport(1200, 900),
			chromedp.Navigate(ts.URL+"/login"),
			chromedp.SendKeys(chromedp.ID("login"), a.login),
			chromedp.SendKeys(chromedp.ID("password"), a.login),
			chromedp.Click(chromedp.CSS(`form.login button[type=submit]`)),
			chromedp.WaitVisible(chromedp.ID("overview")),
		)
		scancel()
		if err != nil {
			return fmt.Errorf("signing in as %s: %w", a.login, err)
		}
		team.people[a.login] = ctx
	}
	return nil
}

func copyTree(from, to string) error {
	return filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
}

// load reads the workspace's project as the command line would.
func (w *workspace) load(t *testing.T) *project.Project {
	t.Helper()
	return projecttest.LoadDir(t, w.dir)
}

// entry finds the message of document slug whose source contains text.
func (w *workspace) entry(t *testing.T, slug, loc, text string) edit.Entry {
	t.Helper()
	p := w.load(t)
	for _, d := range p.Docs {
		if d.Slug != slug {
			continue
		}
		for i, id := range d.IDs {
			if strings.Contains(d.Segments[i].Text, text) {
				e, err := edit.Find(p, language.MustParse(loc), slug, id)
				if err != nil {
					t.Fatal(err)
				}
				return e
			}
		}
	}
	t.Fatalf("no segment of %s holds %q", slug, text)
	return edit.Entry{}
}

// row is the CSS selector of an entry's row in the editor.
func row(id string) string { return `li.entry[data-id="` + id + `"]` }

// poll waits until expr is true in the page.
func poll(t *testing.T, ctx context.Context, expr, what string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(15*time.Second))); err != nil {
		t.Fatalf("waiting for %s (%s): %v", what, expr, err)
	}
}

// typeInto focuses an entry's editor, selects its text with Ctrl+A,
// deletes it, and types text, key by key when keys is set, else as an
// input method inserts it (one event, much faster).
func typeInto(t *testing.T, ctx context.Context, id, text string, keys ...bool) {
	t.Helper()
	sel := chromedp.CSS(row(id) + " .editor")
	err := chromedp.Do(ctx,
		chromedp.ScrollIntoView(sel),
		chromedp.Focus(sel),
		chromedp.KeyEvent("a", chromedp.KeyModifiers(chromedp.ModifierCtrl)),
		chromedp.KeyEvent(kb.Delete),
	)
	if err != nil {
		t.Fatalf("typing into %s: %v", id, err)
	}
	if len(keys) > 0 && keys[0] {
		if err := chromedp.Do(ctx, chromedp.SendKeys(sel, text)); err != nil {
			t.Fatalf("typing into %s: %v", id, err)
		}
		return
	}
	insertText(t, ctx, id, text)
}

// saveEntry presses Ctrl+Enter in an entry's editor.
func saveEntry(t *testing.T, ctx context.Context, id string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS(row(id)+" .editor")), chromedp.KeyEvent(kb.Enter, chromedp.KeyModifiers(chromedp.ModifierCtrl))); err != nil {
		t.Fatal(err)
	}
}

func editorURL(w *workspace, loc, slug string) string { return w.url + "/edit/" + loc + "/" + slug }

// insertText types text as an input method does (for scripts a key map
// does not have).
func insertText(t *testing.T, ctx context.Context, id, text string) {
	t.Helper()
	sel := chromedp.CSS(row(id) + " .editor")
	err := chromedp.Do(ctx, chromedp.ScrollIntoView(sel), chromedp.Focus(sel),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, input.InsertText, input.InsertTextParams{Text: text})
			return err
		}))
	if err != nil {
		t.Fatalf("inserting text into %s: %v", id, err)
	}
}

// openEditor opens the editor of a document in a locale.
func openEditor(t *testing.T, ctx context.Context, w *workspace, loc, slug string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(editorURL(w, loc, slug)), chromedp.WaitVisible(chromedp.ID("entries"))); err != nil {
		t.Fatal(err)
	}
}

// translatedWithNumber finds an entry of slug translated in loc whose
// translation has a number and no finding.
func (w *workspace) translatedWithNumber(t *testing.T, slug, loc string) (edit.Entry, string) {
	t.Helper()
	p := w.load(t)
	cfg := p.Config
	for _, d := range p.Docs {
		if d.Slug != slug {
			continue
		}
		for _, id := range d.IDs {
			e := edit.Entry{Loc: language.MustParse(loc), Doc: d, ID: id}
			st, text := edit.Shown(p, e)
			if st == project.Translated && digitRe.MatchString(text) && len(text) < 120 && !strings.ContainsAny(text, "<[*`") && len(edit.Findings(p, qa.RulesOf(cfg), e, text)) == 0 {
				return e, text
			}
		}
	}
	t.Fatalf("no translated entry with a number in %s %s", loc, slug)
	return edit.Entry{}, ""
}

// auditLines are the lines of the workspace's audit log.
func auditLines(t *testing.T, w *workspace) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(w.dir, "workarea", "audit.log"))
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSpace(string(data)), "\n")
}

// bypassCSP turns the bypass of pages' Content-Security-Policy on or off
// in a tab, from the next navigation.
func bypassCSP(t *testing.T, on bool) func(context.Context) {
	return func(ctx context.Context) {
		err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, page.SetBypassCSP, page.SetBypassCSPParams{Enabled: on})
			return err
		}))
		if err != nil {
			t.Fatal(err)
		}
	}
}

var digitRe = regexp.MustCompile(`[0-9]+`)
