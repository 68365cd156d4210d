package server

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// The cookies. Both are HttpOnly and SameSite=Strict; Secure over HTTPS.
const (
	sessionCookie = "healthloc_session"
	// loginCookie holds the login form's CSRF token before a session
	// exists.
	loginCookie = "healthloc_login"
)

// sessionIdle is how long a session lasts without a request, and
// sessionMax how long it lasts at most.
const (
	sessionIdle = 12 * time.Hour
	sessionMax  = 7 * 24 * time.Hour
)

// session is one signed-in browser.
type session struct {
	user *User
	// csrf is the token every write must carry (header X-CSRF-Token or
	// form field csrf).
	csrf             string
	created, lastUse time.Time
}

// sessions are the signed-in browsers, in memory: a restart signs
// everyone out.
type sessions struct {
	mu  sync.Mutex
	now func() time.Time
	m   map[string]*session
}

// randomToken is 32 random bytes, URL-safe.
func randomToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on Linux
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// start makes a session for u and returns its ID.
func (s *sessions) start(u *User) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	for id, ss := range s.m { // forget expired sessions as new ones come
		if s.expired(ss, now) {
			delete(s.m, id)
		}
	}
	id := randomToken()
	s.m[id] = &session{user: u, csrf: randomToken(), created: now, lastUse: now}
	return id
}

func (s *sessions) expired(ss *session, now time.Time) bool {
	return now.Sub(ss.lastUse) > sessionIdle || now.Sub(ss.created) > sessionMax
}

// get is the live session with id, or nil.
func (s *sessions) get(id string) *session {
	s.mu.Lock()
	defer s.mu.Unlock()
	ss := s.m[id]
	if ss == nil {
		return nil
	}
	now := s.now()
	if s.expired(ss, now) {
		delete(s.m, id)
		return nil
	}
	ss.lastUse = now
	return ss
}

func (s *sessions) end(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, id)
}

// setCookie sets a cookie the way every cookie of the workspace is set.
func (s *Server) setCookie(w http.ResponseWriter, r *http.Request, name, value string, maxAge int) {
	http.SetCookie(w, &http.Cookie{
		Name: name, Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, SameSite: http.SameSiteStrictMode,
		Secure: r.TLS != nil || s.opts.SecureCookies,
	})
}

type ctxKey int

const sessionKey ctxKey = 0

// sessionOf is the request's session; nil on the pages that need none.
func sessionOf(r *http.Request) *session {
	ss, _ := r.Context().Value(sessionKey).(*session)
	return ss
}

// authenticate admits a request with a live session, or with the
// start-up token in the URL, which it trades for a session cookie and a
// redirect to the same URL without it. Anything else gets the sign-in
// page (a browser) or 401 (the API).
func (s *Server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if tok := r.URL.Query().Get("token"); tok != "" && s.opts.Token != "" {
			if subtle.ConstantTimeCompare([]byte(tok), []byte(s.opts.Token)) != 1 {
				s.fail(w, r, http.StatusUnauthorized, "the access token is wrong: use the address healthloc serve printed")
				return
			}
			id := s.sessions.start(s.tokenUser)
			s.setCookie(w, r, sessionCookie, id, 0)
			q := r.URL.Query()
			q.Del("token")
			u := url.URL{Path: r.URL.Path, RawQuery: q.Encode()}
			http.Redirect(w, r, u.String(), http.StatusSeeOther)
			return
		}
		var ss *session
		if c, err := r.Cookie(sessionCookie); err == nil {
			ss = s.sessions.get(c.Value)
		}
		if ss == nil {
			if r.Method == http.MethodGet && !strings.HasPrefix(r.URL.Path, "/api/") && s.opts.Users != nil {
				http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			msg := "sign in first"
			if s.opts.Users == nil {
				msg = "no access token: open the address healthloc serve printed, with its ?token="
			}
			s.fail(w, r, http.StatusUnauthorized, msg)
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), sessionKey, ss)))
	})
}

// checkCSRF refuses a write that does not carry the session's CSRF token
// or that another site sent.
func (s *Server) checkCSRF(r *http.Request, want string) bool {
	if !sameOrigin(r) {
		return false
	}
	got := r.Header.Get("X-CSRF-Token")
	if got == "" {
		got = r.PostFormValue("csrf")
	}
	return got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// sameOrigin refuses a request the browser says came from another site:
// Sec-Fetch-Site, where sent, must be same-origin, and Origin, where
// sent, must be this host.
func sameOrigin(r *http.Request) bool {
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" && site != "none" {
		return false
	}
	if o := r.Header.Get("Origin"); o != "" {
		u, err := url.Parse(o)
		if err != nil || u.Host != r.Host {
			return false
		}
	}
	return true
}

// logins throttles password guessing: after maxFailures failed sign-ins
// for one account within failureWindow, the account's sign-in is refused
// until the window has passed.
type logins struct {
	mu       sync.Mutex
	now      func() time.Time
	failures map[string][]time.Time
}

const (
	maxFailures   = 10
	failureWindow = 15 * time.Minute
)

func (l *logins) recent(login string) []time.Time {
	now := l.now()
	var keep []time.Time
	for _, t := range l.failures[login] {
		if now.Sub(t) < failureWindow {
			keep = append(keep, t)
		}
	}
	l.failures[login] = keep
	return keep
}

func (l *logins) blocked(login string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.recent(login)) >= maxFailures
}

func (l *logins) fail(login string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.failures[login] = append(l.recent(login), l.now())
}

func (l *logins) succeed(login string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.failures, login)
}
