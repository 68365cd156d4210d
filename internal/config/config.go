// Package config loads and validates healthloc.toml.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/locale"
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
# encoding = ""
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
	return Parse(path, data)
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
