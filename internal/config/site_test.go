package config

import (
	"strings"
	"testing"
)

func TestSiteDefaults(t *testing.T) {
	c, err := Parse("healthloc.toml", []byte(`locales = ["es"]`))
	if err != nil {
		t.Fatal(err)
	}
	s := c.Site
	if strings.Join(s.LanguageKeys, ",") != "locale,lang,language,dir" || strings.Join(s.PermalinkKeys, ",") != "permalink,url" ||
		s.SourceURLPattern != "/{path}/" || s.UnpublishedLinks != "fallback" || s.URLPattern != "" || s.Warn() != 0 {
		t.Errorf("site defaults %+v, warn %g", s, s.Warn())
	}
}

func TestSiteErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"[site]\nurl_pattern = \"/{locale}/\"\n", `site.url_pattern "/{locale}/": must hold {path} once`},
		{"[site]\nurl_pattern = \"/{loc}/{path}/\"\n", "unknown placeholder {loc}"},
		{"[site]\nurl_pattern = \"javascript:{path}\"\n", ""},
		{"[site]\nsource_url_pattern = \"/{path\"\n", "unclosed {"},
		{"[site]\nunpublished_links = \"skip\"\n", "must be fallback or source"},
		{"[site]\nwarn_coverage = 120.0\n", "site.warn_coverage 120"},
		{"[site]\npage_min_coverage = -1.0\n", "site.page_min_coverage -1"},
		{"[site]\npage_template = \"../page.html\"\n", "outside the project"},
		{"[site]\nsource_base_url = \"ftp://x\"\n", "must be an http or https URL"},
		{"[site]\nlang_keys = [\"x\"]\n", `unknown setting "site.lang_keys"`},
	} {
		_, err := Parse("healthloc.toml", []byte(tc.in))
		if tc.want == "" {
			// a pattern with a scheme of its own is refused as not http(s)
			if err == nil || !strings.Contains(err.Error(), "url_pattern") {
				t.Errorf("%q: err %v", tc.in, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "healthloc.toml") {
			t.Errorf("%q: err %v, want %q", tc.in, err, tc.want)
		}
	}
	if _, err := Parse("healthloc.toml", []byte("[site]\nwarn_coverage = -1.0\nurl_pattern = \"https://example.org/{lang}/{path}/\"\n")); err != nil {
		t.Errorf("valid site: %v", err)
	}
}

func TestExpandURL(t *testing.T) {
	for _, tc := range []struct{ pattern, loc, rel, want string }{
		{"/{locale}/{path}/", "es-MX", "care/fever.md", "/es-MX/care/fever/"},
		{"/{locale}/{path}/", "es", "index.md", "/es/"},
		{"/{locale}/{path}/", "es", "care/index.md", "/es/care/"},
		{"https://example.org/{lang}/{path}.html", "es-MX", "a.md", "https://example.org/es/a.html"},
		{"//cdn.example/{path}/", "fr", "x/y.md", "//cdn.example/x/y/"},
	} {
		if got := ExpandURL(tc.pattern, tc.loc, strings.Split(tc.loc, "-")[0], PagePath(tc.rel)); got != tc.want {
			t.Errorf("ExpandURL(%q, %s, %s) = %q, want %q", tc.pattern, tc.loc, tc.rel, got, tc.want)
		}
	}
}
