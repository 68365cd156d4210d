package server

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"
)

// guide is the test project's one article: a dose, a link, emphasis.
const guide = `---
title: Fever guide
---

# Fever

Take **500 mg** every [8 hours](https://who.int/fever).

Drink water.
`

// testFiles are the files of the test project.
func testFiles() map[string]string {
	return map[string]string{
		"healthloc.toml":   "source_locale = \"en\"\nlocales = [\"es\", \"fr\", \"ar\", \"es-MX\"]\n",
		"content/guide.md": guide,
	}
}

func writeFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// fastHash is a bcrypt hash of password at the lowest cost, so that
// tests sign in quickly.
func fastHash(t testing.TB, password string) string {
	h, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	return string(h)
}

// testUsers are a translator of es, a reviewer of every locale and an
// admin; each one's password is their name.
func testUsers(t testing.TB) string {
	var b strings.Builder
	for _, u := range []struct{ login, role, locales string }{
		{"tina", "translator", `["es", "es-MX"]`},
		{"rita", "reviewer", `[]`},
		{"adam", "admin", `[]`},
	} {
		b.WriteString("[user." + u.login + "]\nname = \"" + strings.ToUpper(u.login[:1]) + u.login[1:] + "\"\nrole = \"" + u.role +
			"\"\nlocales = " + u.locales + "\npassword = \"" + fastHash(t, u.login) + "\"\n\n")
	}
	return b.String()
}

// testServer serves a new test project; with accounts, from testUsers,
// else by token.
type testServer struct {
	t   *testing.T
	dir string
	srv *Server
	ts  *httptest.Server
}

func newTestServer(t *testing.T, accounts bool) *testServer {
	t.Helper()
	dir := t.TempDir()
	writeFiles(t, dir, testFiles())
	o := Options{Dir: dir, Loopback: true, Logf: t.Logf}
	if accounts {
		targets := []string{"es", "fr", "ar", "es-MX"}
		_ = targets
		users, err := ParseUsers("users.toml", []byte(testUsers(t)), mustTargets(t, dir))
		if err != nil {
			t.Fatal(err)
		}
		o.Users = users
	} else {
		o.Token, o.TokenUser = "secret-token", "owner"
	}
	srv, err := New(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return &testServer{t: t, dir: dir, srv: srv, ts: ts}
}

// client is one browser: a cookie jar, no redirects followed
// automatically so that tests see them.
type client struct {
	t    *testing.T
	ts   *testServer
	c    *http.Client
	csrf string
}

// tokenSession starts a server without accounts and a client signed in
// with its token, and returns them with the IDs of the guide's messages.
func tokenSession(t *testing.T) (*testServer, map[string]string, *client) {
	t.Helper()
	ts := newTestServer(t, false)
	ids := ts.ids()
	c := ts.client()
	c.signInToken()
	return ts, ids, c
}

func (ts *testServer) client() *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: ts.t, ts: ts, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

// do sends a request and returns the response and its body.
func (c *client) do(method, path string, body io.Reader, header map[string]string) (*http.Response, string) {
	c.t.Helper()
	req, err := http.NewRequest(method, c.ts.ts.URL+path, body)
	if err != nil {
		c.t.Fatal(err)
	}
	for k, v := range header {
		if k == "Host" {
			req.Host = v
			continue
		}
		req.Header.Set(k, v)
	}
	res, err := c.c.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	return res, string(data)
}

func (c *client) get(path string) (*http.Response, string) { return c.do("GET", path, nil, nil) }

var csrfRe = regexp.MustCompile(`<meta name="csrf-token" content="([^"]+)">`)

// signInToken opens the token's address and keeps the session's CSRF
// token.
func (c *client) signInToken() {
	c.t.Helper()
	res, _ := c.get("/?token=secret-token")
	if res.StatusCode != http.StatusSeeOther {
		c.t.Fatalf("token sign-in: %s", res.Status)
	}
	c.loadCSRF()
}

func (c *client) loadCSRF() {
	c.t.Helper()
	res, body := c.get("/")
	m := csrfRe.FindStringSubmatch(body)
	if res.StatusCode != 200 || m == nil {
		c.t.Fatalf("overview: %s, no CSRF token", res.Status)
	}
	c.csrf = m[1]
}

var loginCSRFRe = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// signIn signs in with an account; the password is the account name.
func (c *client) signIn(login string) *http.Response {
	c.t.Helper()
	_, page := c.get("/login")
	m := loginCSRFRe.FindStringSubmatch(page)
	if m == nil {
		c.t.Fatalf("no CSRF token in the sign-in form:\n%s", page)
	}
	form := url.Values{"csrf": {m[1]}, "login": {login}, "password": {login}, "next": {"/"}}
	res, _ := c.do("POST", "/login", strings.NewReader(form.Encode()), map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
	if res.StatusCode == http.StatusSeeOther {
		c.loadCSRF()
	}
	return res
}

// post sends a JSON API request with the session's CSRF token.
func (c *client) post(path string, v any) (*http.Response, map[string]any) {
	c.t.Helper()
	data, _ := json.Marshal(v)
	res, body := c.do("POST", path, strings.NewReader(string(data)), map[string]string{
		"Content-Type": "application/json", "X-CSRF-Token": c.csrf})
	var out map[string]any
	_ = json.Unmarshal([]byte(body), &out)
	return res, out
}

func readFile(t testing.TB, dir, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// writeProject writes the test project and returns its folder.
func writeProject(t testing.TB) string {
	dir := t.TempDir()
	writeFiles(t, dir, testFiles())
	return dir
}
