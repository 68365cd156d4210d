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
	"github.com/healthloc/healthloc/internal/tomlerr"
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
	// WorkRoot holds the work area: what is not safe to serve yet (stale,
	// obsolete and candidate translations, reviews, accepted findings).
	WorkRoot string `toml:"work_root"`
	// RequireReviewed serves and publishes only translations a reviewer
	// approved, as render --require-reviewed does.
	RequireReviewed bool `toml:"require_reviewed"`
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
	// FrontMatter is how a Markdown file's leading "---" block is read:
	// "yaml" (it must be a YAML mapping), "none" (it is Markdown) or
	// unset: a YAML mapping is front matter, anything else Markdown, with
	// a warning.
	FrontMatter string `toml:"front_matter"`
	// FrontMatterRules set it for the content files matching a glob; the
	// first match wins over FrontMatter.
	FrontMatterRules []FrontMatterRule `toml:"front_matter_rules"`
	// Limits bound what one content or catalog file may hold.
	Limits Limits `toml:"limits"`
	// Readability sets readability targets per locale and the
	// plain-language glossary (see readability.go).
	Readability Readability `toml:"readability"`
	// Site is how rendered bundles fit the site that publishes them.
	Site Site `toml:"site"`
	// Checks switches checks off for a locale, with a reason.
	Checks Checks `toml:"checks"`

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

// FrontMatterRule is one [[front_matter_rules]] table: how the leading
// "---" block of the Markdown files matching Glob is read.
type FrontMatterRule struct {
	Glob        string `toml:"glob"`
	FrontMatter string `toml:"front_matter"`
}

// globMatch reports whether the slash-separated content path rel matches
// glob, a path.Match pattern where a final "/**" matches everything below
// a folder.
func globMatch(glob, rel string) bool {
	if dir, ok := strings.CutSuffix(glob, "/**"); ok {
		return strings.HasPrefix(rel, dir+"/")
	}
	ok, _ := path.Match(glob, rel)
	return ok
}

// EncodingFor is the configured charset of the content file rel (relative
// to content_root, slash-separated): the first [[encodings]] rule that
// matches, else the project-wide encoding.
func (c *Config) EncodingFor(rel string) string {
	for _, r := range c.Encodings {
		if globMatch(r.Glob, rel) {
			return r.Encoding
		}
	}
	return c.Encoding
}

// FrontMatterFor is how the content file rel (relative to content_root,
// slash-separated) reads a leading "---" block: the first
// [[front_matter_rules]] rule that matches, else front_matter.
func (c *Config) FrontMatterFor(rel string) content.FrontMatter {
	for _, r := range c.FrontMatterRules {
		if globMatch(r.Glob, rel) {
			fm, _ := content.CheckFrontMatter(r.FrontMatter) // validated
			return fm
		}
	}
	fm, _ := content.CheckFrontMatter(c.FrontMatter)
	return fm
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

# The work area: translations that are not served yet (stale, obsolete,
# candidates waiting for review), review records and accepted findings.
# Commit it with the catalogs; nothing in it is ever published.
work_root = "workarea"

# Serve and publish only translations a medical reviewer approved (as
# "healthloc render --require-reviewed"); the others wait in the work area.
# require_reviewed = false

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

# How a Markdown file that starts with a "---" line is read: "yaml" (YAML
# front matter, which must be keys and values) or "none" (Markdown, where
# "---" is a thematic break or a heading underline). Unset, a block of keys
# and values is front matter and anything else is Markdown, with a warning.
# front_matter = "yaml"

# The same for only some files, by glob relative to content_root; the
# first match wins over front_matter.
# [[front_matter_rules]]
# glob = "notes/**"
# front_matter = "none"

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
	for _, kv := range c.roots() {
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
		return nil, tomlerr.Wrap(path, data, err)
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
	if c.WorkRoot == "" {
		c.WorkRoot = "workarea"
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
		if err := checkRule("encodings", i, r.Glob, "encoding", r.Encoding); err != nil {
			return err
		}
		if err := content.CheckEncoding(r.Encoding); err != nil {
			return fmt.Errorf("encodings[%d]: %w", i+1, err)
		}
	}
	if _, err := content.CheckFrontMatter(c.FrontMatter); err != nil {
		return fmt.Errorf("front_matter %w", err)
	}
	for i, r := range c.FrontMatterRules {
		if err := checkRule("front_matter_rules", i, r.Glob, "front_matter", r.FrontMatter); err != nil {
			return err
		}
		if _, err := content.CheckFrontMatter(r.FrontMatter); err != nil {
			return fmt.Errorf("front_matter_rules[%d]: front_matter %w", i+1, err)
		}
	}
	if err := c.Limits.validate(); err != nil {
		return err
	}
	if err := c.Checks.validate(); err != nil {
		return err
	}
	if err := c.Site.validate(); err != nil {
		return err
	}
	for _, kv := range c.roots() {
		if !filepath.IsLocal(filepath.FromSlash(kv[1])) {
			return fmt.Errorf("%s %q is outside the project: use a relative path inside it", kv[0], kv[1])
		}
	}
	return c.checkOverlap()
}

// roots are the configured folders, by setting name.
func (c *Config) roots() [][2]string {
	return [][2]string{{"content_root", c.ContentRoot}, {"catalog_root", c.CatalogRoot}, {"work_root", c.WorkRoot}, {"out_dir", c.OutDir}}
}

// checkOverlap refuses a work area inside the served catalogs or the
// other way round: nothing but served catalogs may live under
// catalog_root, and the work area must not be published or read as
// content.
func (c *Config) checkOverlap() error {
	work := path.Clean(filepath.ToSlash(c.WorkRoot))
	for _, kv := range [][2]string{{"catalog_root", c.CatalogRoot}, {"content_root", c.ContentRoot}, {"out_dir", c.OutDir}} {
		other := path.Clean(filepath.ToSlash(kv[1]))
		if work == other || strings.HasPrefix(work+"/", other+"/") && other != "." || strings.HasPrefix(other+"/", work+"/") && work != "." {
			return fmt.Errorf("work_root %q overlaps %s %q: the work area needs a folder of its own", c.WorkRoot, kv[0], kv[1])
		}
	}
	if work == "." {
		return fmt.Errorf("work_root %q: the work area needs a folder of its own", c.WorkRoot)
	}
	return nil
}

// Source is the parsed source locale.
func (c *Config) Source() language.Tag { return c.source }

// Targets are the parsed target locales, in configuration order.
func (c *Config) Targets() []language.Tag { return c.targets }

// Abs resolves a project-relative path against the project directory.
func (c *Config) Abs(rel string) string { return filepath.Join(c.Dir, filepath.FromSlash(rel)) }

// checkRule checks rule i (from 0) of the list key of rules by glob: a
// valid glob, and a value for its setting field.
func checkRule(key string, i int, glob, field, value string) error {
	if _, err := path.Match(glob, ""); err != nil || glob == "" {
		return fmt.Errorf("%s[%d]: bad glob %q", key, i+1, glob)
	}
	if value == "" {
		return fmt.Errorf("%s[%d]: glob %q has no %s", key, i+1, glob, field)
	}
	return nil
}
