// Package server is the browser workspace of `healthloc serve`: an
// overview of every document's coverage in every locale, an editor for
// translators, review actions for medical reviewers and previews of the
// rendered pages, over the same project files the command line reads
// and writes.
//
// It reads the project through internal/project, checks with internal/qa,
// renders previews with internal/render and writes only through
// internal/edit's plans, under the project's lock, atomically (see
// internal/plan). The pages are html/template with embedded assets and
// plain JavaScript; no request reaches a file outside the project.
package server

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net"
	"net/http"
	"strings"
	"time"
)

//go:embed assets templates
var embedded embed.FS

// Options configure a Server.
type Options struct {
	// Dir is the project directory, holding healthloc.toml.
	Dir string
	// Encoding overrides the configured charset of the content.
	Encoding string
	// Users are the accounts; nil means access by Token.
	Users Users
	// Token is the start-up access token, when Users is nil.
	Token string
	// TokenUser is the account name recorded for the token's holder,
	// who is an admin.
	TokenUser string
	// LockTimeout is how long a write waits for another healthloc run's
	// lock.
	LockTimeout time.Duration
	// SecureCookies marks cookies Secure even on plain HTTP requests:
	// the workspace runs behind an HTTPS proxy.
	SecureCookies bool
	// Loopback says the server listens on a loopback address only; it
	// then answers only requests addressed to localhost, 127.0.0.1 or
	// [::1], which stops DNS rebinding.
	Loopback bool
	// Logf, when set, logs requests that fail on the server's side.
	Logf func(format string, args ...any)
	// Now is the clock of the audit log and the sessions; time.Now when
	// nil.
	Now func() time.Time
}

// Server is the workspace's HTTP handler.
type Server struct {
	opts      Options
	store     *store
	checks    *findingCache
	sessions  *sessions
	logins    *logins
	tokenUser *User
	pages     *template.Template
	handler   http.Handler
}

// New checks the project and returns the workspace over it.
func New(ctx context.Context, o Options) (*Server, error) {
	if o.Users == nil && o.Token == "" {
		return nil, errors.New("the workspace needs a users file or an access token")
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.LockTimeout == 0 {
		o.LockTimeout = 10 * time.Second
	}
	if o.TokenUser == "" {
		o.TokenUser = "owner"
	}
	s := &Server{
		opts:      o,
		store:     &store{dir: o.Dir, encoding: o.Encoding, lockTimeout: o.LockTimeout},
		checks:    &findingCache{},
		sessions:  &sessions{now: o.Now, m: map[string]*session{}},
		logins:    &logins{now: o.Now, failures: map[string][]time.Time{}},
		tokenUser: &User{Login: o.TokenUser, Name: o.TokenUser, Role: Admin},
	}
	if _, err := s.store.snapshot(ctx); err != nil {
		return nil, err
	}
	var err error
	s.pages, err = template.New("").Funcs(funcs).ParseFS(embedded, "templates/*.html")
	if err != nil {
		return nil, err
	}
	s.handler = s.routes()
	return s, nil
}

// NewToken returns a random access token.
func NewToken() string { return randomToken() }

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// routes is the whole handler: security headers and request checks
// around every route; a session around all but sign-in and the assets; a
// CSRF check around every write.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	assets, _ := fs.Sub(embedded, "assets")
	mux.Handle("GET /assets/", http.StripPrefix("/assets/", http.FileServerFS(assets)))
	mux.HandleFunc("GET /login", s.loginPage)
	mux.HandleFunc("POST /login", s.login)

	authed := http.NewServeMux()
	authed.HandleFunc("GET /{$}", s.overviewPage)
	authed.HandleFunc("GET /edit/{loc}/{doc...}", s.editorPage)
	authed.HandleFunc("GET /preview/{loc}/{file...}", s.preview(false))
	authed.HandleFunc("GET /candidates/{loc}/{file...}", s.preview(true))
	authed.HandleFunc("GET /api/overview", s.apiOverview)
	authed.HandleFunc("GET /api/entry", s.apiEntry)
	authed.HandleFunc("GET /api/suggest", s.apiSuggest)
	authed.Handle("POST /api/check", s.csrf(http.HandlerFunc(s.apiCheck)))
	authed.Handle("POST /api/save", s.csrf(http.HandlerFunc(s.apiSave)))
	authed.Handle("POST /api/approve", s.csrf(s.review(approve)))
	authed.Handle("POST /api/reject", s.csrf(s.review(reject)))
	authed.Handle("POST /api/accept", s.csrf(s.review(accept)))
	authed.Handle("POST /logout", s.csrf(http.HandlerFunc(s.logout)))
	mux.Handle("/", s.authenticate(authed))
	return s.secure(mux)
}

// csrf refuses a write without the session's CSRF token.
func (s *Server) csrf(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ss := sessionOf(r)
		if ss == nil || !s.checkCSRF(r, ss.csrf) {
			s.fail(w, r, http.StatusForbidden, "missing or wrong CSRF token: reload the page and try again")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// CheckAddr refuses a listening address beyond the loopback interface
// unless allowRemote: the workspace edits medical text, and a token on
// an open network is a token anyone on it may read. It reports whether
// addr is loopback.
func CheckAddr(addr string, allowRemote bool) (loopback bool, err error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false, fmt.Errorf("address %q: %w (want host:port, such as 127.0.0.1:8080)", addr, err)
	}
	loopback = host == "localhost"
	if ip := net.ParseIP(host); ip != nil {
		loopback = ip.IsLoopback()
	}
	if !loopback && !allowRemote {
		if host == "" {
			host = "every interface"
		}
		return false, fmt.Errorf("address %q listens on %s, beyond this computer: pass --allow-remote to mean it (and serve it behind HTTPS)", addr, host)
	}
	return loopback, nil
}

// logf logs a server-side failure.
func (s *Server) logf(format string, args ...any) {
	if s.opts.Logf != nil {
		s.opts.Logf(format, args...)
	}
}

// wantsJSON reports whether a failure should be told as JSON.
func wantsJSON(r *http.Request) bool {
	return strings.HasPrefix(r.URL.Path, "/api/") || r.Header.Get("Accept") == "application/json"
}
