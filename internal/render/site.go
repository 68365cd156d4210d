package render

import (
	"crypto/sha256"
	"fmt"
	"maps"
	"net/url"
	"path"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/config"
	"github.com/healthloc/healthloc/internal/content"
	"github.com/healthloc/healthloc/internal/project"
)

// Page is a project page as the site knows it: its path relative to the
// content root and, when its front matter gives one, its permalink on the
// source site.
type Page struct {
	Path      string
	Permalink string
}

// Site knows every page of the project, how the source site addresses
// them and how the bundles do, so that a link between two project pages
// points at the same page in the same bundle (or at the site's URL for
// it). It is built once, before any window is rendered, and read by all.
type Site struct {
	cfg    config.Site
	source language.Tag
	// keys maps each way the source writes a page's address, as
	// siteKey normalizes it, to the page's path.
	keys map[string]string
	// sourceURL is each page's URL on the source site.
	sourceURL map[string]string
	// skipped holds, per locale, the pages it does not publish.
	skipped map[string]map[string]bool
}

// NewSite learns the source site's addresses of pages: each file's own
// path (with its extension, and as an .html page), the source URL pattern
// (by default "/{path}/") and, overriding it, a permalink.
func NewSite(cfg *config.Config, pages []Page) *Site {
	s := &Site{cfg: cfg.Site, source: cfg.Source(), keys: map[string]string{}, sourceURL: map[string]string{},
		skipped: map[string]map[string]bool{}}
	src, lang := cfg.Source().String(), langOfTag(cfg.Source())
	for _, pg := range pages {
		u := config.ExpandURL(cfg.Site.SourceURLPattern, src, lang, config.PagePath(pg.Path))
		if pg.Permalink != "" {
			u = pg.Permalink
		}
		s.sourceURL[pg.Path] = u
		for _, k := range []string{"/" + pg.Path, "/" + pagePathOf(pg.Path), u} {
			if key, ok := s.siteKey(k); ok {
				if _, taken := s.keys[key]; !taken {
					s.keys[key] = pg.Path
				}
			}
		}
	}
	return s
}

// Skip records that loc does not publish the page at docPath.
func (s *Site) Skip(loc language.Tag, docPath string) {
	m := s.skipped[loc.String()]
	if m == nil {
		m = map[string]bool{}
		s.skipped[loc.String()] = m
	}
	m[docPath] = true
}

// Published reports whether loc publishes the page at docPath.
func (s *Site) Published(loc language.Tag, docPath string) bool {
	return s == nil || !s.skipped[loc.String()][docPath]
}

// siteKey normalizes an absolute path or a URL on the source site to a
// key of keys: the path alone, without a final slash, "index.html" or
// "index.md" and without an .html, .htm, .md or .markdown extension; ok
// is false for a URL of another site.
func (s *Site) siteKey(u string) (string, bool) {
	if base := s.cfg.SourceBaseURL; base != "" && (strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://") ||
		strings.HasPrefix(u, "//")) {
		b, err := url.Parse(base)
		v, err2 := url.Parse(u)
		if err != nil || err2 != nil || !strings.EqualFold(b.Host, v.Host) {
			return "", false
		}
		u = strings.TrimPrefix(v.Path, strings.TrimSuffix(b.Path, "/"))
	}
	if !strings.HasPrefix(u, "/") || strings.HasPrefix(u, "//") {
		return "", false
	}
	p := path.Clean(u)
	for _, idx := range []string{"/index.html", "/index.htm", "/index.md", "/index.markdown", "/_index.md", "/_index.markdown", "/_index"} {
		p = strings.TrimSuffix(p, idx)
	}
	for _, ext := range []string{".html", ".htm", ".md", ".markdown", ".txt"} {
		p = strings.TrimSuffix(p, ext)
	}
	if p == "" || p == "/index" || p == "/_index" {
		p = "/"
	}
	return p, true
}

// target finds the project page a link in the page at from points at,
// and what follows the path (a "?query" or "#fragment"); ok is false for
// a link to anything else.
func (s *Site) target(href, from string) (docPath, rest string, ok bool) {
	if s == nil || href == "" || strings.HasPrefix(href, "#") {
		return "", "", false
	}
	p, rest := href, ""
	if i := strings.IndexAny(href, "?#"); i >= 0 {
		p, rest = href[:i], href[i:]
	}
	if p == "" {
		return "", "", false
	}
	if scheme, _, found := strings.Cut(p, ":"); found && !strings.ContainsAny(scheme, "/") {
		// an absolute URL: a page of the source site only under its base
		if key, ok := s.siteKey(p); ok {
			if d, ok := s.keys[key]; ok {
				return d, rest, true
			}
		}
		return "", "", false
	}
	if strings.HasPrefix(p, "//") {
		if key, ok := s.siteKey(p); ok {
			if d, ok := s.keys[key]; ok {
				return d, rest, true
			}
		}
		return "", "", false
	}
	if unesc, err := url.PathUnescape(p); err == nil && !strings.Contains(strings.ToLower(p), "%2f") {
		p = unesc
	}
	var tries []string
	if strings.HasPrefix(p, "/") {
		tries = []string{p}
	} else {
		// relative to the file, as a file path, then to the page's URL
		tries = []string{path.Join("/", path.Dir(from), p)}
		if su := s.sourceURL[from]; su != "" {
			dir := su
			if !strings.HasSuffix(dir, "/") {
				dir = path.Dir(dir)
			}
			tries = append(tries, path.Join("/", dir, p))
		}
	}
	for _, t := range tries {
		if key, ok := s.siteKey(t); ok {
			if d, ok := s.keys[key]; ok {
				return d, rest, true
			}
		}
	}
	return "", "", false
}

// link is where a link to project page to, found in page from, points
// in loc's bundle: in its HTML page when html, else in its localized
// source file. hreflang is set when the link leads to another language's
// page, because loc does not publish it.
func (s *Site) link(loc language.Tag, from, to, rest string, html bool) (href, hreflang string) {
	if s.Published(loc, to) {
		if s.cfg.URLPattern == "" {
			target := to
			if html {
				target = pagePathOf(to)
			}
			return relWithin(path.Dir(from), target) + rest, ""
		}
		return s.pageURL(loc, from, to, html) + rest, ""
	}
	if s.cfg.UnpublishedLinks == "source" {
		u := s.sourceURL[to]
		if base := s.cfg.SourceBaseURL; base != "" && strings.HasPrefix(u, "/") {
			u = strings.TrimSuffix(base, "/") + u
		}
		return u + rest, s.source.String()
	}
	return s.pageURL(s.source, from, to, html) + rest, s.source.String()
}

// pageURL is the address of page to in loc's bundle, from page from of
// the bundle being rendered: the URL pattern's, or a relative link.
func (s *Site) pageURL(loc language.Tag, from, to string, html bool) string {
	if s.cfg.URLPattern != "" {
		return config.ExpandURL(s.cfg.URLPattern, loc.String(), langOfTag(loc), config.PagePath(to))
	}
	target := to
	if html {
		target = pagePathOf(to)
	}
	return relPath(path.Dir(from), loc, target)
}

// relWithin leads from folder dir of a bundle to file target of the same
// bundle, both relative to its root.
func relWithin(dir, target string) string {
	if dir == "." {
		return target
	}
	ds, ts := strings.Split(dir, "/"), strings.Split(target, "/")
	i := 0
	for i < len(ds) && i < len(ts)-1 && ds[i] == ts[i] {
		i++
	}
	return strings.Repeat("../", len(ds)-i) + strings.Join(ts[i:], "/")
}

// relPath leads from folder dir of the bundle being rendered to file
// target of loc's bundle, through the folder that holds the bundles.
func relPath(dir string, loc language.Tag, target string) string {
	up := ""
	if dir != "." {
		up = strings.Repeat("../", strings.Count(dir, "/")+1)
	}
	return up + "../" + loc.String() + "/" + target
}

// pagePathOf is where a content file's HTML page lands in a bundle.
func pagePathOf(p string) string {
	return strings.TrimSuffix(p, path.Ext(p)) + ".html"
}

// langOfTag is the language subtag of t.
func langOfTag(t language.Tag) string {
	b, _ := t.Base()
	return b.String()
}

// alternateURL is page rel (a bundle path such as "care/fever.html") of
// loc as the switcher and hreflang links give it from a page in folder
// dir: the URL pattern's, else a relative link.
func (s *Site) alternateURL(loc language.Tag, dir, docPath, rel string) string {
	if s != nil && s.cfg.URLPattern != "" {
		p := ""
		if docPath != "" {
			p = config.PagePath(docPath)
		}
		return config.ExpandURL(s.cfg.URLPattern, loc.String(), langOfTag(loc), p)
	}
	return relPath(dir, loc, rel)
}

// SiteOf learns the site of project p: its documents (read from the
// content folder on a lean project) and their permalinks, from the
// front-matter keys permalink_keys of [site] names, the first found
// winning. A permalink that is a pattern of its site generator (Jekyll's
// "/:title/", Eleventy's "{{ page.fileSlug }}/") or not a path is left
// out: the page keeps source_url_pattern's URL.
func SiteOf(p *project.Project) *Site {
	return siteFrom(p, p.FrontMatter(p.Config.Site.PermalinkKeys))
}

// siteFrom is SiteOf with the documents' front-matter fields given.
func siteFrom(p *project.Project, fields map[string][]content.Field) *Site {
	keys := p.Config.Site.PermalinkKeys
	var pages []Page
	for _, doc := range p.Documents() {
		if doc == project.UIPath {
			continue
		}
		pg := Page{Path: doc}
		for _, k := range keys {
			for _, f := range fields[doc] {
				if f.Key == k && pg.Permalink == "" && strings.HasPrefix(f.Value, "/") &&
					!strings.ContainsAny(f.Value, ":{}* ") {
					pg.Permalink = f.Value
				}
			}
		}
		pages = append(pages, pg)
	}
	return NewSite(p.Config, pages)
}

// sum hashes what links between pages depend on: every page, its
// permalink and the pages each locale does not publish.
func (s *Site) sum(pages []string) []byte {
	h := sha256.New()
	for _, pg := range pages {
		fmt.Fprintf(h, "%q %q\n", pg, s.sourceURL[pg])
	}
	for _, loc := range slices.Sorted(maps.Keys(s.skipped)) {
		fmt.Fprintf(h, "%s %q\n", loc, slices.Sorted(maps.Keys(s.skipped[loc])))
	}
	return h.Sum(nil)
}
