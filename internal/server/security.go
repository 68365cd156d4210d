package server

import (
	"encoding/json"
	"net"
	"net/http"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// workspaceCSP is the Content-Security-Policy of every workspace page:
// scripts and styles only from the workspace's own files, never inline;
// nothing from anywhere else; no framing by other sites.
const workspaceCSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
	"frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// previewCSP is the policy of a rendered preview page: healthloc's pages
// carry their own inline style, and no script may run at all, whatever a
// translation holds.
const previewCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'none'; base-uri 'none'; " +
	"frame-ancestors 'self'; sandbox allow-same-origin"

// secure sets the security headers of every response and refuses, before
// any route sees it, a request addressed to another host (on loopback)
// or whose path or query names a parent folder or holds characters no
// name of the workspace has.
func (s *Server) secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", workspaceCSP)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		// no Referer leaves for another site (the start-up token is in
		// one URL, which is answered by a redirect); same-origin requests
		// keep their Origin, which the CSRF check compares
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		h.Set("Cache-Control", "no-store")
		if r.TLS != nil {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		if s.opts.Loopback && !loopbackHost(r.Host) {
			s.fail(w, r, http.StatusMisdirectedRequest, "this workspace answers only at localhost or 127.0.0.1")
			return
		}
		if msg := badRequestPath(r); msg != "" {
			s.fail(w, r, http.StatusBadRequest, msg)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// loopbackHost reports whether a Host header names this computer.
func loopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// badRequestPath says what is wrong with a request's path or query, or
// "" when nothing is. The path is checked as sent, before the router
// cleans it, and decoded, so "%2e%2e" counts as "..".
func badRequestPath(r *http.Request) string {
	raw := r.URL.EscapedPath()
	dec, err := url.PathUnescape(raw)
	if err != nil {
		return "the request path is not valid"
	}
	for _, p := range []string{raw, dec, r.URL.Path} {
		if msg := badName(p, true); msg != "" {
			return "path: " + msg
		}
	}
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return "the query is not valid"
	}
	for k, vs := range q {
		for _, v := range vs {
			if msg := badName(v, false); msg != "" {
				return "parameter " + k + ": " + msg
			}
		}
	}
	return ""
}

// badName says why s cannot be a name the workspace uses (a locale, a
// document, a message ID, a file of a preview), or "".
func badName(s string, isPath bool) string {
	if !utf8.ValidString(s) {
		return "not valid UTF-8"
	}
	if strings.ContainsRune(s, '\\') {
		return "a backslash is not allowed"
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return "control characters are not allowed"
		}
	}
	segs := strings.Split(s, "/")
	if isPath {
		segs = segs[1:] // the leading "/"
	}
	for _, seg := range segs {
		if seg == ".." || seg == "." && isPath {
			return "a path may not name a parent folder (..)"
		}
	}
	return ""
}

// validName is badName for a parameter read from a request body.
func validName(s string) bool {
	return s != "" && len(s) <= 1024 && badName(s, false) == "" && !strings.HasPrefix(s, "/")
}

// fail answers a request with an error: JSON for the API, a page for a
// browser.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, code int, msg string) {
	if wantsJSON(r) {
		writeJSON(w, code, map[string]string{"error": msg})
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	data := map[string]any{"Title": http.StatusText(code), "Message": msg, "Code": code}
	if ss := sessionOf(r); ss != nil {
		data["User"], data["CSRF"] = ss.user, ss.csrf
	}
	if err := s.pages.ExecuteTemplate(w, "error.html", data); err != nil {
		s.logf("error page: %v", err)
	}
}

// writeJSON writes v as a JSON response.
func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	_ = enc.Encode(v)
}
