package main

import (
	_ "embed"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"strings"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/l10n"
)

//go:embed page.tmpl
var pageText string

var pageTmpl = template.Must(template.New("page").Parse(pageText))

// server serves the articles of one project.
type server struct {
	c *l10n.Catalogs
}

// newHandler serves the index at / and each article at /<slug>.
func newHandler(c *l10n.Catalogs) http.Handler {
	s := &server{c: c}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.index)
	mux.HandleFunc("GET /{slug...}", s.article)
	return mux
}

// page is what page.tmpl shows.
type page struct {
	Lang, Dir  string
	Title      string
	Body       template.HTML
	Languages  []langLink
	Articles   []articleLink
	Alternates []langLink
}

type langLink struct {
	Lang, Name, Dir, Href string
	Current               bool
}

type articleLink struct {
	Href  string
	Title textHTML
}

// textHTML is one message on the page, with its own lang and dir when it
// is not in the page's language.
type textHTML struct {
	Lang, Dir string
	HTML      template.HTML
}

// locale picks the request's locale: ?lang= first, else Accept-Language.
// keep is the query string links carry to keep an explicit choice.
func (s *server) locale(r *http.Request) (loc language.Tag, keep string) {
	if q := r.URL.Query().Get("lang"); q != "" {
		loc = s.c.Match(q)
		return loc, "?lang=" + url.QueryEscape(loc.String())
	}
	return s.c.Match(r.Header.Get("Accept-Language")), ""
}

func (s *server) index(w http.ResponseWriter, r *http.Request) {
	loc, keep := s.locale(r)
	p := s.newPage(loc, "/")
	p.Title = "healthloc"
	for _, slug := range s.c.Documents() {
		segs, err := s.c.Document(loc, slug)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		title := textHTML{HTML: template.HTML(template.HTMLEscapeString(slug))}
		if t, ok := titleOf(segs); ok {
			title = s.text(t, loc)
		}
		p.Articles = append(p.Articles, articleLink{Href: "/" + slug + keep, Title: title})
	}
	s.write(w, loc, p)
}

func (s *server) article(w http.ResponseWriter, r *http.Request) {
	loc, _ := s.locale(r)
	slug := r.PathValue("slug")
	segs, err := s.c.Document(loc, slug)
	if errors.Is(err, l10n.ErrNotFound) {
		http.NotFound(w, r)
		return
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	p := s.newPage(loc, "/"+slug)
	p.Title = slug
	if t, ok := titleOf(segs); ok {
		p.Title = t.Text
	}
	p.Body = s.body(segs, loc)
	s.write(w, loc, p)
}

// newPage fills what every page has: its language and the language menu.
func (s *server) newPage(loc language.Tag, path string) page {
	p := page{Lang: loc.String(), Dir: l10n.Direction(loc)}
	for _, t := range s.c.Locales() {
		l := langLink{Lang: t.String(), Name: l10n.Name(t), Dir: l10n.Direction(t),
			Href: path + "?lang=" + url.QueryEscape(t.String()), Current: t == loc}
		p.Languages = append(p.Languages, l)
	}
	p.Alternates = p.Languages
	return p
}

func (s *server) write(w http.ResponseWriter, loc language.Tag, p page) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Language", loc.String())
	h.Add("Vary", "Accept-Language")
	var b strings.Builder
	if err := pageTmpl.Execute(&b, p); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	_, _ = w.Write([]byte(b.String()))
}

// text is a message as HTML, marked with its locale when that is another
// language than the page's, as render marks blocks: Spanish text on an
// es-MX page is not marked, English text on it is.
func (s *server) text(t l10n.Text, page language.Tag) textHTML {
	out := textHTML{HTML: t.HTML()}
	tb, _ := t.Locale.Base()
	pb, _ := page.Base()
	if tb != pb {
		out.Lang = t.Locale.String()
		if d := l10n.Direction(t.Locale); d != l10n.Direction(page) {
			out.Dir = d
		}
	}
	return out
}

// titleOf is the document's title: its title segment, else its first
// heading.
func titleOf(segs []l10n.Text) (l10n.Text, bool) {
	for _, kind := range []string{"title", "heading"} {
		for _, s := range segs {
			if s.Kind == kind {
				return s, true
			}
		}
	}
	return l10n.Text{}, false
}
