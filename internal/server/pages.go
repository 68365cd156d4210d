package server

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/locale"
	"github.com/healthloc/healthloc/internal/project"
)

// funcs are the templates' helpers.
var funcs = template.FuncMap{
	"tokenLabel": tokenLabel,
	"join":       strings.Join,
	"pct":        func(f float64) string { return fmt.Sprintf("%.1f%%", f) },
	"inc":        func(i int) int { return i + 1 },
	"editURL": func(loc, slug string) string {
		return "/edit/" + url.PathEscape(loc) + "/" + escapeSlug(slug)
	},
	"previewURL": func(prefix, loc, page string) string {
		return "/" + prefix + "/" + url.PathEscape(loc) + "/" + escapeSlug(page)
	},
	"filterLabel": func(f string) string { return filterLabels[f] },
	"shown":       shown,
	"needsText":   needsText,
	"stateLabel":  func(st string) string { return stateLabels[st] },
	"hasTokens": func(parts []Part) bool {
		return slices.ContainsFunc(parts, func(p Part) bool { return p.Tok > 0 })
	},
	"rowData": func(r row, page map[string]any) rowView {
		v := rowView{R: r}
		v.Source, _ = page["Source"].(localeInfo)
		v.Locale, _ = page["Locale"].(localeInfo)
		v.Review, _ = page["CanReview"].(bool)
		return v
	},
}

// rowView is what the row template shows: an entry, the languages, and
// whether the user reviews.
type rowView struct {
	R              row
	Source, Locale localeInfo
	Review         bool
}

var filterLabels = map[string]string{
	"missing":   "missing entries",
	"stale":     "stale entries",
	"candidate": "candidates waiting for review",
	"finding":   "check findings",
}

var stateLabels = map[string]string{
	"missing":    "Missing",
	"stale":      "Stale: the source changed",
	"candidate":  "Candidate: waiting for review",
	"translated": "Translated",
	"reviewed":   "Reviewed",
}

// shown reports whether a document passes the overview's filters: with
// none set every document does; else one of its cells must have an entry
// of a kind that is set.
func shown(show map[string]bool, d docSummary) bool {
	if len(show) == 0 {
		return true
	}
	for _, c := range d.Cells {
		if show["missing"] && c.Missing > 0 || show["stale"] && c.Stale > 0 ||
			show["candidate"] && c.Candidate > 0 || show["finding"] && c.Findings > 0 {
			return true
		}
	}
	return false
}

// needsText says what a cell needs, for its link's accessible name.
func needsText(c Counts) string {
	var parts []string
	for _, n := range []struct {
		n    int
		what string
	}{{c.Missing, "missing"}, {c.Stale, "stale"}, {c.Candidate, "candidates"}, {c.Findings, "with findings"}} {
		if n.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n.n, n.what))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "; " + strings.Join(parts, ", ")
}

// fragment renders one template into a string, for the API's answers.
func (s *Server) fragment(name string, data any) string {
	var b bytes.Buffer
	if err := s.pages.ExecuteTemplate(&b, name, data); err != nil {
		s.logf("%s: %v", name, err)
		return ""
	}
	return b.String()
}

// escapeSlug escapes each folder of a slug for a URL path.
func escapeSlug(slug string) string {
	parts := strings.Split(slug, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return strings.Join(parts, "/")
}

// page renders a full page with the layout's data.
func (s *Server) page(w http.ResponseWriter, r *http.Request, name string, data map[string]any) {
	if ss := sessionOf(r); ss != nil {
		data["User"], data["CSRF"] = ss.user, ss.csrf
	}
	var b bytes.Buffer
	if err := s.pages.ExecuteTemplate(&b, name, data); err != nil {
		s.logf("%s: %v", name, err)
		s.fail(w, r, http.StatusInternalServerError, "the page could not be built: "+err.Error())
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write(b.Bytes())
}

// loginPage is the sign-in form, with its own CSRF token in a cookie.
func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	if s.opts.Users == nil {
		s.fail(w, r, http.StatusUnauthorized, "this workspace is opened with the address healthloc serve printed, with its ?token=")
		return
	}
	tok := randomToken()
	s.setCookie(w, r, loginCookie, tok, 600)
	s.page(w, r, "login.html", map[string]any{"Title": "Sign in", "LoginCSRF": tok, "Next": safeNext(r.URL.Query().Get("next"))})
}

// safeNext is a local path to go to after signing in; never another site.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	return next
}

// login checks an account's password and starts a session.
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	if s.opts.Users == nil {
		s.fail(w, r, http.StatusUnauthorized, "this workspace has no accounts")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	c, err := r.Cookie(loginCookie)
	if err != nil || !sameOrigin(r) || c.Value == "" || r.PostFormValue("csrf") != c.Value {
		s.fail(w, r, http.StatusForbidden, "the sign-in form expired or came from elsewhere: reload it and try again")
		return
	}
	login := strings.ToLower(strings.TrimSpace(r.PostFormValue("login")))
	next := safeNext(r.PostFormValue("next"))
	again := func(msg string, code int) {
		tok := randomToken()
		s.setCookie(w, r, loginCookie, tok, 600)
		w.WriteHeader(code)
		s.page(w, r, "login.html", map[string]any{"Title": "Sign in", "LoginCSRF": tok, "Next": next, "Login": login, "Error": msg})
	}
	if s.logins.blocked(login) {
		again("Too many failed sign-ins for this account: wait 15 minutes.", http.StatusTooManyRequests)
		return
	}
	u := s.opts.Users[login]
	// a hash is checked even for an unknown account, so that timing does
	// not tell which accounts exist
	ok := u != nil && u.hash.verify(r.PostFormValue("password"))
	if u == nil {
		dummyHash().verify(r.PostFormValue("password"))
	}
	if !ok {
		s.logins.fail(login)
		again("The account name or the password is wrong.", http.StatusUnauthorized)
		return
	}
	s.logins.succeed(login)
	s.setCookie(w, r, loginCookie, "", -1)
	s.setCookie(w, r, sessionCookie, s.sessions.start(u), 0)
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// dummyHash is checked for unknown accounts, made on first use.
var dummyHash = sync.OnceValue(func() *passwordHash {
	h, err := HashPassword(randomToken())
	if err != nil {
		panic(err)
	}
	ph, _ := parseHash(h)
	return ph
})

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		s.sessions.end(c.Value)
	}
	s.setCookie(w, r, sessionCookie, "", -1)
	if s.opts.Users != nil {
		http.Redirect(w, r, "/login", http.StatusSeeOther)
		return
	}
	r = r.WithContext(context.WithValue(r.Context(), sessionKey, (*session)(nil)))
	s.page(w, r, "error.html", map[string]any{"Title": "Signed out",
		"Message": "You are signed out. Open the address healthloc serve printed to come back."})
}

// overviewPage is the dashboard.
func (s *Server) overviewPage(w http.ResponseWriter, r *http.Request) {
	snap, err := s.store.snapshot(r.Context())
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err.Error())
		return
	}
	ss := sessionOf(r)
	ov := s.overviewFor(snap, ss.user)
	show := map[string]bool{}
	for _, f := range r.URL.Query()["show"] {
		show[f] = true
	}
	s.page(w, r, "overview.html", map[string]any{"Title": "Overview", "Overview": ov, "Show": show,
		"Filters": []string{"missing", "stale", "candidate", "finding"}})
}

// editorPage is the editor of one document in one locale.
func (s *Server) editorPage(w http.ResponseWriter, r *http.Request) {
	snap, loc, d, ok := s.docParams(w, r, r.PathValue("loc"), r.PathValue("doc"))
	if !ok {
		return
	}
	ss := sessionOf(r)
	page := ""
	if !d.IsUI() {
		page = strings.TrimSuffix(d.Path, pathExt(d.Path)) + ".html"
		if strings.HasSuffix(d.Path, ".html") || strings.HasSuffix(d.Path, ".htm") {
			page = d.Path
		}
	}
	s.page(w, r, "editor.html", map[string]any{
		"Title":     docTitle(d) + " — " + locale.Name(loc),
		"Doc":       d,
		"DocTitle":  docTitle(d),
		"Locale":    infoOf(loc),
		"Source":    infoOf(snap.cfg.Source()),
		"Rows":      rows(snap, s.checks, loc, d),
		"CanReview": ss.user.CanReview(loc),
		"Page":      page,
	})
}

func pathExt(p string) string {
	if i := strings.LastIndexByte(p, '.'); i > strings.LastIndexByte(p, '/') {
		return p[i:]
	}
	return ""
}

// docParams reads a locale and a document from a request and checks the
// user may work on them: the locale must be one of the project's
// targets and the document one of its documents, looked up by name, so
// that nothing taken from a request ever becomes a path.
func (s *Server) docParams(w http.ResponseWriter, r *http.Request, locName, slug string) (*snapshot, language.Tag, *project.Doc, bool) {
	snap, err := s.store.snapshot(r.Context())
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err.Error())
		return nil, language.Und, nil, false
	}
	loc, ok := s.localeParam(w, r, snap, locName)
	if !ok {
		return nil, language.Und, nil, false
	}
	for _, d := range snap.p.Docs {
		if d.Slug == slug {
			return snap, loc, d, true
		}
	}
	s.fail(w, r, http.StatusNotFound, fmt.Sprintf("no document %q in the project", slug))
	return nil, language.Und, nil, false
}

// localeParam is a target locale named in a request that the user may
// work on.
func (s *Server) localeParam(w http.ResponseWriter, r *http.Request, snap *snapshot, name string) (language.Tag, bool) {
	for _, t := range snap.cfg.Targets() {
		if t.String() == name {
			if !sessionOf(r).user.CanEdit(t) {
				s.fail(w, r, http.StatusForbidden, fmt.Sprintf("your account does not work on %s", t))
				return language.Und, false
			}
			return t, true
		}
	}
	s.fail(w, r, http.StatusNotFound, fmt.Sprintf("%q is not a target locale of the project", name))
	return language.Und, false
}

// overviewFor is the dashboard of the locales u works on.
func (s *Server) overviewFor(snap *snapshot, u *User) *overview {
	snap.overviewOnce.Do(func() {
		snap.overview = computeOverview(snap, s.checks, snap.cfg.Targets())
	})
	ov := &overview{Key: snap.overview.Key, Docs: make([]docSummary, len(snap.overview.Docs))}
	keep := map[string]bool{}
	for _, l := range snap.overview.Locales {
		tag := language.Make(l.Code)
		if u.CanEdit(tag) {
			keep[l.Code] = true
			ov.Locales = append(ov.Locales, l)
		}
	}
	for i, d := range snap.overview.Docs {
		ov.Docs[i] = d
		ov.Docs[i].Cells = nil
		for _, c := range d.Cells {
			if keep[c.Locale] {
				ov.Docs[i].Cells = append(ov.Docs[i].Cells, c)
			}
		}
	}
	return ov
}
