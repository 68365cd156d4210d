package config

import (
	"fmt"
	"net/url"
	"path"
	"path/filepath"
	"strings"
)

// Site is the [site] table: how a rendered bundle fits the site that
// publishes it.
type Site struct {
	// URLPattern is how bundle pages link to each other: empty for
	// relative links inside the bundle, else a pattern such as
	// "/{locale}/{path}/".
	URLPattern string `toml:"url_pattern"`
	// SourceURLPattern is the source site's URL of a page, used to
	// recognize links to project pages ("/{path}/" by default). Links
	// written as file paths ("types.md") are always recognized.
	SourceURLPattern string `toml:"source_url_pattern"`
	// SourceBaseURL is the source site's origin ("https://example.org"):
	// absolute links under it are links to project pages, and
	// UnpublishedLinks = "source" points at it.
	SourceBaseURL string `toml:"source_base_url"`
	// PermalinkKeys are the front-matter keys that give a page's source
	// URL, overriding SourceURLPattern.
	PermalinkKeys []string `toml:"permalink_keys"`
	// LanguageKeys are the front-matter keys that name the language;
	// render rewrites them for the locale.
	LanguageKeys []string `toml:"language_keys"`
	// UnpublishedLinks is where a link to a page the locale does not
	// publish points: "fallback" (the page in the source language) or
	// "source" (the source site's URL).
	UnpublishedLinks string `toml:"unpublished_links"`
	// PageMinCoverage: a page whose word coverage in a locale is below
	// this percent is not published in that locale (0: every page is).
	PageMinCoverage float64 `toml:"page_min_coverage"`
	// WarnCoverage: render warns about a page whose word coverage in a
	// locale is at or below this percent; -1 never warns.
	WarnCoverage *float64 `toml:"warn_coverage"`
	// PageTemplate and IndexTemplate are html/template files, relative to
	// the project, replacing healthloc's own article and index pages.
	PageTemplate  string `toml:"page_template"`
	IndexTemplate string `toml:"index_template"`
}

// The site defaults.
var (
	defaultLanguageKeys  = []string{"locale", "lang", "language", "dir"}
	defaultPermalinkKeys = []string{"permalink", "url"}
)

// DefaultSourceURLPattern is the source site's URL of a page unless
// source_url_pattern says otherwise: the pretty URL most site generators
// give content/<path>.md.
const DefaultSourceURLPattern = "/{path}/"

func (s *Site) setDefaults() {
	if s.LanguageKeys == nil {
		s.LanguageKeys = defaultLanguageKeys
	}
	if s.PermalinkKeys == nil {
		s.PermalinkKeys = defaultPermalinkKeys
	}
	if s.SourceURLPattern == "" {
		s.SourceURLPattern = DefaultSourceURLPattern
	}
	if s.UnpublishedLinks == "" {
		s.UnpublishedLinks = "fallback"
	}
}

// Warn is the coverage at or below which render warns about a page: 0
// (a page with nothing localized) unless warn_coverage says otherwise.
func (s *Site) Warn() float64 {
	if s.WarnCoverage == nil {
		return 0
	}
	return *s.WarnCoverage
}

func (s *Site) validate() error {
	for _, kv := range [][2]string{{"url_pattern", s.URLPattern}, {"source_url_pattern", s.SourceURLPattern}} {
		if kv[1] == "" {
			continue
		}
		if err := checkPattern(kv[1]); err != nil {
			return fmt.Errorf("site.%s %q: %w", kv[0], kv[1], err)
		}
	}
	if s.SourceBaseURL != "" {
		u, err := url.Parse(s.SourceBaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("site.source_base_url %q: must be an http or https URL such as \"https://example.org\"", s.SourceBaseURL)
		}
	}
	switch s.UnpublishedLinks {
	case "fallback", "source":
	default:
		return fmt.Errorf("site.unpublished_links %q: must be fallback or source", s.UnpublishedLinks)
	}
	if s.PageMinCoverage < 0 || s.PageMinCoverage > 100 {
		return fmt.Errorf("site.page_min_coverage %g: must be between 0 and 100", s.PageMinCoverage)
	}
	if w := s.Warn(); w != -1 && (w < 0 || w > 100) {
		return fmt.Errorf("site.warn_coverage %g: must be between 0 and 100, or -1 for no warning", w)
	}
	for _, kv := range [][2]string{{"page_template", s.PageTemplate}, {"index_template", s.IndexTemplate}} {
		if kv[1] != "" && !filepath.IsLocal(filepath.FromSlash(kv[1])) {
			return fmt.Errorf("site.%s %q is outside the project: use a relative path inside it", kv[0], kv[1])
		}
	}
	for _, keys := range [][]string{s.LanguageKeys, s.PermalinkKeys} {
		for _, k := range keys {
			if k == "" {
				return fmt.Errorf("site: an empty front-matter key")
			}
		}
	}
	return nil
}

// checkPattern accepts a URL pattern: {path} once, {locale} and {lang}
// any number of times, and nothing else in braces.
func checkPattern(p string) error {
	rest := p
	paths := 0
	for {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			return fmt.Errorf("unclosed {")
		}
		switch name := rest[i+1 : i+j]; name {
		case "path":
			paths++
		case "locale", "lang":
		default:
			return fmt.Errorf("unknown placeholder {%s}: use {locale}, {lang} and {path}", name)
		}
		rest = rest[i+j+1:]
	}
	if paths != 1 {
		return fmt.Errorf("must hold {path} once")
	}
	if strings.ContainsAny(p, " \t\n\"<>\\") {
		return fmt.Errorf("must not hold spaces, quotes, angle brackets or backslashes")
	}
	if scheme, _, ok := strings.Cut(p, ":"); ok && !strings.ContainsAny(scheme, "/{") {
		if l := strings.ToLower(scheme); (l != "http" && l != "https") || !strings.HasPrefix(p[len(scheme):], "://") {
			return fmt.Errorf("an absolute pattern must be an http or https URL")
		}
	}
	if strings.HasPrefix(p, "//") || strings.Contains(p, "://") {
		if u, err := url.Parse(strings.NewReplacer("{locale}", "x", "{lang}", "x", "{path}", "x").Replace(p)); err != nil ||
			(u.Scheme != "http" && u.Scheme != "https") {
			return fmt.Errorf("an absolute pattern must be an http or https URL")
		}
	}
	return nil
}

// PagePath is the {path} of a content file: its path relative to the
// content root without its extension, and without a last "index" or
// "_index", as Hugo names a section's page (so "care/index.md" and
// "care/_index.md" are "care", the root "index.md" is "").
func PagePath(rel string) string {
	p := strings.TrimSuffix(rel, path.Ext(rel))
	if p == "index" || p == "_index" {
		return ""
	}
	return strings.TrimSuffix(strings.TrimSuffix(p, "/index"), "/_index")
}

// ExpandURL fills a URL pattern for a locale ({locale} the tag, {lang}
// its language) and a page path, and removes the doubled slashes that an
// empty path leaves.
func ExpandURL(pattern, locale, lang, pagePath string) string {
	s := strings.NewReplacer("{locale}", locale, "{lang}", lang, "{path}", pagePath).Replace(pattern)
	scheme := ""
	if i := strings.Index(s, "://"); i >= 0 {
		scheme, s = s[:i+3], s[i+3:]
	} else if strings.HasPrefix(s, "//") {
		scheme, s = "//", s[2:]
	}
	for strings.Contains(s, "//") {
		s = strings.ReplaceAll(s, "//", "/")
	}
	return scheme + s
}
