// Package config loads and validates healthloc.toml.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/content"
	"github.com/healthloc/healthloc/internal/locale"
	"github.com/healthloc/healthloc/internal/plan"
)

// FileName is the configuration file looked up in the project directory.
const FileName = "healthloc.toml"

// Config is a project's configuration.
type Config struct {
	// SourceLocale is the language the content is written in.
	SourceLocale string `toml:"source_locale"`
	// Locales are the target locales.
	Locales []string `toml:"locales"`
	// ContentRoot holds the source articles.
	ContentRoot string `toml:"content_root"`
	// CatalogRoot holds one folder of catalogs per locale.
	CatalogRoot string `toml:"catalog_root"`
	// OutDir is where render writes bundles.
	OutDir string `toml:"out_dir"`
	// FrontMatterKeys are the translatable front-matter keys.
	FrontMatterKeys []string `toml:"front_matter_keys"`
	// Encoding is the charset of content that is not UTF-8.
	Encoding string `toml:"encoding"`
	// Glossary is what "healthloc check" requires of terms.
	Glossary Glossary `toml:"glossary"`
	// LocalizedLinks maps, per locale, a source URL to the URL a
	// translation links to instead. A key ending in "/" maps every URL
	// under it to the value, which must end in "/" too.
	LocalizedLinks map[string]map[string]string `toml:"localized_links"`
	// Encodings set the charset of the content files matching a glob;
	// the first match wins over Encoding.
	Encodings []EncodingRule `toml:"encodings"`
	// Limits bound what one content or catalog file may hold.
	Limits Limits `toml:"limits"`
	// Site is how rendered bundles fit the site that publishes them.
	Site Site `toml:"site"`

	// Dir is the project directory, the folder holding the file.
	Dir string `toml:"-"`
	// Path is the file the configuration was read from.
	Path string `toml:"-"`

	source  language.Tag
	targets []language.Tag
}

// Glossary maps source terms to the terms each locale must use.
type Glossary struct {
	// Keep are terms left as written in every locale (drug and brand
	// names), unless Terms gives a locale its own.
	Keep []string `toml:"keep"`
	// Terms maps a source term to the required term per locale.
	Terms map[string]map[string]string `toml:"terms"`
}

// EncodingRule is one [[encodings]] table: the charset of the content
// files whose path relative to content_root matches Glob.
type EncodingRule struct {
	// Glob is a path.Match pattern ("legacy/*.txt"); a final "/**"
	// matches everything below a folder.
	Glob     string `toml:"glob"`
	Encoding string `toml:"encoding"`
}

// match reports whether the slash-separated content path rel matches.
func (r EncodingRule) match(rel string) bool {
	if dir, ok := strings.CutSuffix(r.Glob, "/**"); ok {
		return strings.HasPrefix(rel, dir+"/")
	}
	ok, _ := path.Match(r.Glob, rel)
	return ok
}

// EncodingFor is the configured charset of the content file rel (relative
// to content_root, slash-separated): the first [[encodings]] rule that
// matches, else the project-wide encoding.
func (c *Config) EncodingFor(rel string) string {
	for _, r := range c.Encodings {
		if r.match(rel) {
			return r.Encoding
		}
	}
	return c.Encoding
}

// Limits is the [limits] table. Zero means the default.
type Limits struct {
	// MaxFileBytes is the largest content or catalog file read
	// (default content.DefaultMaxBytes, 16 MiB).
	MaxFileBytes int `toml:"max_file_bytes"`
	// MaxDepth is the deepest nesting of lists and block quotes in a
	// Markdown file (default content.DefaultMaxDepth, 100).
	MaxDepth int `toml:"max_depth"`
}

func (l Limits) validate() error {
	if l.MaxFileBytes < 0 {
		return fmt.Errorf("limits.max_file_bytes %d: must be positive", l.MaxFileBytes)
	}
	if l.MaxDepth < 0 {
		return fmt.Errorf("limits.max_depth %d: must be positive", l.MaxDepth)
	}
	return nil
}

// ErrNotFound reports a missing configuration file.
var ErrNotFound = errors.New("no healthloc.toml")

// Default is the configuration `healthloc init` writes, commented.
const Default = `# healthloc.toml: configuration of a healthloc project.

# The locale the articles under content_root are written in (BCP 47).
source_locale = "en"

# The locales to translate into (BCP 47). A locale without a catalog of
# its own falls back along its parents: es-MX -> es-419 -> es -> en.
locales = ["es", "fr"]

# Source articles: Markdown (.md), plain text (.txt), HTML (.html, .htm).
content_root = "content"

# Message catalogs: <catalog_root>/<locale>/<slug>.<locale>.toml
catalog_root = "locales"

# Where "healthloc render" writes one bundle per locale.
out_dir = "dist"

# Front-matter keys whose values are translated.
front_matter_keys = ["title", "description"]

# Charset of content files that are not UTF-8 ("windows-1252", "latin1").
# Files that are valid UTF-8, or start with a byte-order mark, are read as
# such whatever this says.
# encoding = ""

# A charset for only some files, by glob relative to content_root; the
# first match wins over encoding.
# [[encodings]]
# glob = "legacy/*.txt"
# encoding = "windows-1252"

# How the rendered bundles fit the site that publishes them (see
# docs/site-generators.md). Every key is optional.
# [site]
# Links between pages: relative inside the bundle, or the site's URLs.
# url_pattern = "/{locale}/{path}/"
# The source site's URLs, to recognize links to its pages ("/{path}/").
# source_url_pattern = "/{path}/"
# Front-matter keys naming the language, rewritten for each locale.
# language_keys = ["locale", "lang", "language", "dir"]
# A page below this word coverage (%) is not published in a locale;
# links to it lead to the source-language page ("fallback") or to the
# source site ("source", under source_base_url).
# page_min_coverage = 0
# unpublished_links = "fallback"
# Warn about a page at or below this word coverage (%); -1: never.
# warn_coverage = 0
# The site's own html/template pages (see docs/pages.md).
# page_template = "templates/page.html"
# index_template = "templates/index.html"
`

// Load reads dir/healthloc.toml, applies defaults and validates it.
func Load(dir string) (*Config, error) {
	path := filepath.Join(dir, FileName)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w: run \"healthloc init\" to create one", path, ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	c, err := Parse(path, data)
	if err != nil {
		return nil, err
	}
	if err := c.checkLinks(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return c, nil
}

// checkLinks refuses a content_root, catalog_root or out_dir that a
// symbolic link takes out of the project: Parse checks the paths as
// written, this checks where they lead on disk. A path that does not
// exist yet is checked through its deepest existing parent.
func (c *Config) checkLinks() error {
	dir, err := filepath.EvalSymlinks(c.Dir)
	if err != nil {
		return err
	}
	dir, err = filepath.Abs(dir)
	if err != nil {
		return err
	}
	for _, kv := range [][2]string{{"content_root", c.ContentRoot}, {"catalog_root", c.CatalogRoot}, {"out_dir", c.OutDir}} {
		real, err := plan.Resolve(c.Abs(kv[1]))
		if err != nil {
			return fmt.Errorf("%s %q: %w", kv[0], kv[1], err)
		}
		if rel, err := filepath.Rel(dir, real); err != nil || !filepath.IsLocal(rel) && rel != "." {
			return fmt.Errorf("%s %q leads to %s through a symbolic link, outside the project: use a folder inside it",
				kv[0], kv[1], real)
		}
	}
	return nil
}

// Parse decodes a configuration read from path.
func Parse(path string, data []byte) (*Config, error) {
	c := &Config{Path: path, Dir: filepath.Dir(path)}
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(c)
	if err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return nil, fmt.Errorf("%s:%d: %s", path, perr.Position.Line, firstLine(perr.Message))
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return nil, fmt.Errorf("%s: unknown setting %q", path, und[0].String())
	}
	c.setDefaults()
	if err := c.validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return c, nil
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return strings.ToLower(s[:1]) + s[1:]
}

func (c *Config) setDefaults() {
	if c.SourceLocale == "" {
		c.SourceLocale = "en"
	}
	if c.ContentRoot == "" {
		c.ContentRoot = "content"
	}
	if c.CatalogRoot == "" {
		c.CatalogRoot = "locales"
	}
	if c.OutDir == "" {
		c.OutDir = "dist"
	}
	if c.FrontMatterKeys == nil {
		c.FrontMatterKeys = []string{"title", "description"}
	}
	c.Site.setDefaults()
}

func (c *Config) validate() error {
	src, err := locale.Parse(c.SourceLocale)
	if err != nil {
		return fmt.Errorf("source_locale: %w", err)
	}
	c.source = src
	seen := map[string]bool{src.String(): true}
	for _, l := range c.Locales {
		t, err := locale.Parse(l)
		if err != nil {
			return fmt.Errorf("locales: %w", err)
		}
		if seen[t.String()] {
			return fmt.Errorf("locales: %q is listed twice or is the source locale", l)
		}
		seen[t.String()] = true
		c.targets = append(c.targets, t)
	}
	for term, m := range c.Glossary.Terms {
		for l := range m {
			if _, err := locale.Parse(l); err != nil {
				return fmt.Errorf("glossary.terms.%q: %w", term, err)
			}
		}
	}
	for l, m := range c.LocalizedLinks {
		if _, err := locale.Parse(l); err != nil {
			return fmt.Errorf("localized_links: %w", err)
		}
		for from, to := range m {
			if strings.HasSuffix(from, "/") != strings.HasSuffix(to, "/") {
				return fmt.Errorf("localized_links.%s: %q maps a prefix only when both URLs end in \"/\"", l, from)
			}
		}
	}
	if err := content.CheckEncoding(c.Encoding); err != nil {
		return fmt.Errorf("encoding: %w", err)
	}
	for i, r := range c.Encodings {
		if _, err := path.Match(r.Glob, ""); err != nil || r.Glob == "" {
			return fmt.Errorf("encodings[%d]: bad glob %q", i+1, r.Glob)
		}
		if r.Encoding == "" {
			return fmt.Errorf("encodings[%d]: glob %q has no encoding", i+1, r.Glob)
		}
		if err := content.CheckEncoding(r.Encoding); err != nil {
			return fmt.Errorf("encodings[%d]: %w", i+1, err)
		}
	}
	if err := c.Limits.validate(); err != nil {
		return err
	}
	if err := c.Site.validate(); err != nil {
		return err
	}
	for _, kv := range [][2]string{{"content_root", c.ContentRoot}, {"catalog_root", c.CatalogRoot}, {"out_dir", c.OutDir}} {
		if !filepath.IsLocal(filepath.FromSlash(kv[1])) {
			return fmt.Errorf("%s %q is outside the project: use a relative path inside it", kv[0], kv[1])
		}
	}
	return nil
}

// Source is the parsed source locale.
func (c *Config) Source() language.Tag { return c.source }

// Targets are the parsed target locales, in configuration order.
func (c *Config) Targets() []language.Tag { return c.targets }

// Abs resolves a project-relative path against the project directory.
func (c *Config) Abs(rel string) string { return filepath.Join(c.Dir, filepath.FromSlash(rel)) }
