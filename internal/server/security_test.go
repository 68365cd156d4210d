package server

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/config"
	"github.com/healthloc/healthloc/internal/project"
)

func mustTargets(t testing.TB, dir string) []language.Tag {
	t.Helper()
	cfg, err := config.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return cfg.Targets()
}

// ids are the guide's message IDs by source text.
func (ts *testServer) ids() map[string]string {
	ts.t.Helper()
	snap, err := ts.srv.store.snapshot(context.Background())
	if err != nil {
		ts.t.Fatal(err)
	}
	out := map[string]string{}
	for _, d := range snap.p.Docs {
		if d.Slug != "guide" {
			continue
		}
		for id, m := range d.Source.Messages {
			out[m.Other] = id
		}
	}
	return out
}

const doseSrc = "Take **500 mg** every [8 hours](https://who.int/fever)."

func TestNoTokenRefused(t *testing.T) {
	ts := newTestServer(t, false)
	c := ts.client()
	for _, path := range []string{"/", "/edit/es/guide", "/api/overview", "/preview/es/guide.html", "/api/entry?locale=es&document=guide&id=x"} {
		if res, _ := c.get(path); res.StatusCode != http.StatusUnauthorized {
			t.Errorf("GET %s without token: %s", path, res.Status)
		}
	}
	if res, _ := c.get("/?token=wrong"); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("wrong token: %s", res.Status)
	}
	res, _ := c.post("/api/save", map[string]any{"locale": "es", "document": "guide", "id": "x"})
	if res.StatusCode != http.StatusUnauthorized {
		t.Errorf("save without token: %s", res.Status)
	}
	// the token is traded for a cookie and leaves the address
	res, _ = c.get("/edit/es/guide?token=secret-token")
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/edit/es/guide" {
		t.Fatalf("token: %s → %s", res.Status, res.Header.Get("Location"))
	}
	cookie := res.Header.Get("Set-Cookie")
	for _, want := range []string{"healthloc_session=", "HttpOnly", "SameSite=Strict", "Path=/"} {
		if !strings.Contains(cookie, want) {
			t.Errorf("cookie %q lacks %s", cookie, want)
		}
	}
	if res, _ := c.get("/edit/es/guide"); res.StatusCode != http.StatusOK {
		t.Errorf("with the cookie: %s", res.Status)
	}
}

func TestWrongRoleRefused(t *testing.T) {
	ts := newTestServer(t, true)
	ids := ts.ids()
	tina := ts.client()
	if res := tina.signIn("tina"); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in: %s", res.Status)
	}
	// a translator of es saves in es …
	res, out := tina.post("/api/save", map[string]any{"locale": "es", "document": "guide", "id": ids["Drink water."],
		"base": project.TextHash(""), "parts": []Part{{Text: "Beba agua."}}})
	if res.StatusCode != http.StatusOK {
		t.Fatalf("translator saving in es: %s %v", res.Status, out)
	}
	// … and cannot approve it
	res, out = tina.post("/api/approve", map[string]any{"locale": "es", "document": "guide", "id": ids["Drink water."],
		"hash": project.TextHash("Beba agua.")})
	if res.StatusCode != http.StatusForbidden || !strings.Contains(out["error"].(string), "reviewer") {
		t.Errorf("translator approving: %s %v", res.Status, out)
	}
	for _, path := range []string{"/api/reject", "/api/accept"} {
		if res, _ := tina.post(path, map[string]any{"locale": "es", "document": "guide", "id": ids["Drink water."]}); res.StatusCode != http.StatusForbidden {
			t.Errorf("translator %s: %s", path, res.Status)
		}
	}
	// nor work on a locale not theirs
	if res, _ := tina.get("/edit/fr/guide"); res.StatusCode != http.StatusForbidden {
		t.Errorf("translator of es opening fr: %s", res.Status)
	}
	if res, _ := tina.post("/api/save", map[string]any{"locale": "fr", "document": "guide", "id": ids["Drink water."],
		"base": project.TextHash(""), "parts": []Part{{Text: "Buvez de l'eau."}}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("translator of es saving fr: %s", res.Status)
	}
	if res, _ := tina.get("/preview/fr/guide.html"); res.StatusCode != http.StatusForbidden {
		t.Errorf("translator of es previewing fr: %s", res.Status)
	}
	// the overview shows only their locales
	if _, body := tina.get("/"); strings.Contains(body, `data-locale="fr"`) || !strings.Contains(body, `data-locale="es-MX"`) {
		t.Error("the translator's overview shows other locales, or not theirs")
	}
	// a reviewer approves, and the review records the account name
	rita := ts.client()
	rita.signIn("rita")
	res, out = rita.post("/api/approve", map[string]any{"locale": "es", "document": "guide", "id": ids["Drink water."],
		"hash": project.TextHash("Beba agua.")})
	if res.StatusCode != http.StatusOK {
		t.Fatalf("reviewer approving: %s %v", res.Status, out)
	}
	if reviews := readFile(t, ts.dir, "workarea/es/reviews.toml"); !strings.Contains(reviews, `reviewer = "rita"`) {
		t.Errorf("reviews.toml:\n%s", reviews)
	}
}

func TestMissingCSRFRefused(t *testing.T) {
	_, ids, c := tokenSession(t)
	body := map[string]any{"locale": "es", "document": "guide", "id": ids["Drink water."], "base": project.TextHash(""),
		"parts": []Part{{Text: "Beba agua."}}}
	good := c.csrf
	for name, tok := range map[string]string{"none": "", "wrong": "not-the-token"} {
		c.csrf = tok
		for _, path := range []string{"/api/save", "/api/check", "/api/approve", "/api/reject", "/api/accept", "/logout"} {
			if res, _ := c.post(path, body); res.StatusCode != http.StatusForbidden {
				t.Errorf("%s CSRF token, POST %s: %s", name, path, res.Status)
			}
		}
	}
	c.csrf = good
	// the right token from another site is refused too
	for _, h := range []map[string]string{{"Origin": "https://evil.example"}, {"Sec-Fetch-Site": "cross-site"}} {
		h["Content-Type"], h["X-CSRF-Token"] = "application/json", good
		if res, _ := c.do("POST", "/api/save", strings.NewReader(`{}`), h); res.StatusCode != http.StatusForbidden {
			t.Errorf("cross-site save %v: %s", h, res.Status)
		}
	}
	if res, out := c.post("/api/save", body); res.StatusCode != http.StatusOK {
		t.Errorf("save with the token: %s %v", res.Status, out)
	}
	// a form post carries it as a field
	form := url.Values{"csrf": {good}}
	res, _ := c.do("POST", "/logout", strings.NewReader(form.Encode()), map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
	if res.StatusCode != http.StatusOK {
		t.Errorf("sign out with the token: %s", res.Status)
	}
	if res, _ := c.get("/"); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("after signing out: %s", res.Status)
	}
}

func TestDotDotRefused(t *testing.T) {
	ts, ids, c := tokenSession(t)
	writeFiles(t, ts.dir, map[string]string{"secret.txt": "do not serve"})
	paths := []string{
		"/edit/../healthloc.toml",
		"/edit/es/../../healthloc.toml",
		"/edit/es/..%2f..%2fhealthloc.toml",
		"/edit/es/%2e%2e/secret.txt",
		"/preview/es/../../secret.txt",
		"/preview/es/..%2F..%2Fsecret.txt",
		"/candidates/..%2f/secret.txt",
		"/preview/..%5c..%5csecret.txt",
		"/assets/../templates/layout.html",
		"/assets/..%2ftemplates%2flayout.html",
		"/api/entry?locale=es&document=../guide&id=" + ids["Drink water."],
		"/api/entry?locale=../es&document=guide&id=" + ids["Drink water."],
		"/api/entry?locale=es&document=guide&id=../../x",
		"/api/suggest?locale=es&document=..%2Fguide&id=x",
		"/?show=../x",
		"/login?next=/../secret.txt",
	}
	for _, p := range paths {
		res, body := c.get(p)
		if res.StatusCode != http.StatusBadRequest {
			t.Errorf("GET %s: %s, want 400 Bad Request", p, res.Status)
		}
		if strings.Contains(body, "do not serve") || strings.Contains(body, "source_locale") {
			t.Errorf("GET %s served a file outside the workspace", p)
		}
	}
	for _, field := range []string{"locale", "document", "id"} {
		body := map[string]any{"locale": "es", "document": "guide", "id": ids["Drink water."], "base": project.TextHash(""),
			"parts": []Part{{Text: "x"}}}
		body[field] = "../" + body[field].(string)
		for _, path := range []string{"/api/save", "/api/check", "/api/approve"} {
			if res, out := c.post(path, body); res.StatusCode != http.StatusBadRequest {
				t.Errorf("POST %s with %s %q: %s %v", path, field, body[field], res.Status, out)
			}
		}
	}
	// a document or locale that is no path of the project is simply not found
	for _, p := range []string{"/edit/es/healthloc.toml", "/edit/xx/guide", "/preview/es/healthloc.toml"} {
		if res, _ := c.get(p); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %s, want 404", p, res.Status)
		}
	}
}

func TestHostAndHeaders(t *testing.T) {
	ts := newTestServer(t, false)
	c := ts.client()
	res, _ := c.do("GET", "/?token=secret-token", nil, map[string]string{"Host": "evil.example:80"})
	if res.StatusCode != http.StatusMisdirectedRequest {
		t.Errorf("a request for another host (DNS rebinding): %s", res.Status)
	}
	c.signInToken()
	res, _ = c.get("/")
	csp := res.Header.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'none'", "script-src 'self'", "frame-ancestors 'none'", "base-uri 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %s", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
		t.Errorf("CSP %q allows inline script or style", csp)
	}
	for k, want := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin",
		"X-Frame-Options": "DENY", "Cache-Control": "no-store"} {
		if got := res.Header.Get(k); got != want {
			t.Errorf("%s: %q, want %q", k, got, want)
		}
	}
	res, _ = c.get("/preview/es/guide.html")
	if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "sandbox") || strings.Contains(csp, "script-src") {
		t.Errorf("preview CSP %q: want a sandbox and no script", csp)
	}
}

func TestCheckAddr(t *testing.T) {
	for _, c := range []struct {
		addr         string
		allow        bool
		ok, loopback bool
	}{
		{"127.0.0.1:8080", false, true, true},
		{"127.0.0.1:0", false, true, true},
		{"localhost:8080", false, true, true},
		{"[::1]:8080", false, true, true},
		{":8080", false, false, false},
		{"0.0.0.0:8080", false, false, false},
		{"[::]:8080", false, false, false},
		{"192.168.1.5:8080", false, false, false},
		{"example.org:80", false, false, false},
		{"0.0.0.0:8080", true, true, false},
		{"8080", false, false, false},
	} {
		loop, err := CheckAddr(c.addr, c.allow)
		if (err == nil) != c.ok || loop != c.loopback {
			t.Errorf("CheckAddr(%q, %t) = %t, %v", c.addr, c.allow, loop, err)
		}
	}
}

func TestLogin(t *testing.T) {
	ts := newTestServer(t, true)
	c := ts.client()
	// a page asks for a sign-in
	res, _ := c.get("/edit/es/guide")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login?next=") {
		t.Fatalf("no session: %s %s", res.Status, res.Header.Get("Location"))
	}
	// the form's own CSRF token is required
	form := url.Values{"login": {"rita"}, "password": {"rita"}}
	if res, _ := c.do("POST", "/login", strings.NewReader(form.Encode()), map[string]string{"Content-Type": "application/x-www-form-urlencoded"}); res.StatusCode != http.StatusForbidden {
		t.Errorf("sign-in without the form's token: %s", res.Status)
	}
	_, page := c.get("/login")
	m := loginCSRFRe.FindStringSubmatch(page)
	form.Set("csrf", m[1])
	form.Set("password", "wrong")
	for i := range maxFailures {
		res, body := c.do("POST", "/login", strings.NewReader(form.Encode()), map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
		if res.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "wrong") {
			t.Fatalf("wrong password %d: %s", i, res.Status)
		}
		form.Set("csrf", loginCSRFRe.FindStringSubmatch(body)[1])
	}
	form.Set("password", "rita")
	if res, _ := c.do("POST", "/login", strings.NewReader(form.Encode()), map[string]string{"Content-Type": "application/x-www-form-urlencoded"}); res.StatusCode != http.StatusTooManyRequests {
		t.Errorf("after %d failures: %s", maxFailures, res.Status)
	}
	if res := ts.client().signIn("adam"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("another account is not blocked: %s", res.Status)
	}
	if res := ts.client().signIn("nobody"); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("unknown account: %s", res.Status)
	}
}
