// Package l10n serves a healthloc project's catalogs to a Go program at
// run time: it loads them from an fs.FS (an embed.FS, os.DirFS, ...) into a
// go-i18n Bundle, picks the locale for an Accept-Language header, and
// returns a document's localized segments, or one message, each with the
// locale its text came from, and as sanitized HTML.
//
// # What it serves
//
// A translation is returned only if it translates the source as it is
// now. At Load, every message of every target locale is checked against
// the source catalogs (catalog_root/<source>/<slug>.<source>.toml):
//
//   - its ID must be a message of the source catalogs;
//   - its hash must be present and equal to that source message's hash;
//   - that source message's hash must match its own text
//     ("sha1-" + hex(sha1(description + other)), as goi18n computes it), so a
//     source catalog edited by hand does not vouch for old translations.
//
// A translation that fails any check is left out of the Bundle and listed
// by Refused; lookups fall back along the chain instead. healthloc's
// extract keeps only such translations in the served catalogs, so the
// checks matter when a catalog was edited by hand or copied from an older
// checkout. A translation with no hash is refused too, although render
// publishes one: extract gives it the current hash on its next run.
//
// Approval is not checked here: reviews live in the work area, which is
// not served. A project set to publish only reviewed text has only
// approved translations in its served catalogs, and the hash check above
// keeps any of them from outliving a source edit.
//
// With the content (Options.Content, or LoadProject), Load also checks
// that the source catalogs are those of the content as it is (extract has
// run), and Document returns segments in document order.
//
// # Fallback
//
// A lookup in locale t walks t's chain: t, its parents up to the root
// (Tag.Parent), then the source locale. es-MX → es-419 → es → en. go-i18n's
// own Localizer does not follow parents, so Message and Document walk the
// chain themselves, looking each locale up exactly. Every lookup uses
// go-i18n's template.IdentityParser, so "{{" in a translation is text,
// never a template.
package l10n

import (
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"slices"
	"sync"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	i18ntemplate "github.com/nicksnyder/go-i18n/v2/i18n/template"
	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/config"
	"github.com/healthloc/healthloc/internal/content"
	"github.com/healthloc/healthloc/internal/locale"
	"github.com/healthloc/healthloc/internal/render"
)

// ErrNotFound is returned (wrapped) for a message ID or a document slug
// that the source catalogs do not have.
var ErrNotFound = errors.New("not found")

// identity is the one template parser every lookup uses: it returns the
// text as it is. Catalog text is content written by translators, so "{{"
// in it must never run as a template.
var identity i18ntemplate.Parser = i18ntemplate.IdentityParser{}

// Options says where the catalogs are and what their source locale is.
type Options struct {
	// Source is the source locale, source_locale in healthloc.toml; ""
	// means "en", its default.
	Source string
	// Root is the folder of the fs.FS that holds the catalogs,
	// catalog_root in healthloc.toml; "" means the root of the fs.FS.
	Root string
	// Content is the folder of the fs.FS that holds the source articles,
	// content_root in healthloc.toml, or "" to load the catalogs alone.
	// With it, Document returns segments in document order and Load
	// checks that the source catalogs are up to date. Content is parsed
	// with healthloc's default settings; LoadProject uses the project's.
	Content string

	cfg *config.Config // set by LoadProject
}

// Catalogs are a project's verified catalogs. They are safe for use by
// many goroutines at once.
type Catalogs struct {
	source  language.Tag
	locales []language.Tag
	matcher language.Matcher
	bundle  *i18n.Bundle
	// localizers look up one locale exactly: one per locale in the bundle.
	localizers map[language.Tag]*i18n.Localizer
	sources    map[string]*sourceMsg
	docs       map[string]*doc
	slugs      []string
	refused    []Refusal
	html       sync.Map // Text.HTML's results
}

// Text is one message as served: its text and where it came from.
type Text struct {
	// ID is the message ID: a pinned ID, or the slug and a hash of the
	// source text.
	ID string
	// Kind is the segment kind: "title", "description", "heading",
	// "paragraph", "list item", "table cell", "alt text", "quote",
	// "caption" or "attribute".
	Kind string
	// Text is the message as written in its catalog: inline Markdown for
	// Markdown and plain-text articles, text with numbered tags (<1>…</1>)
	// for HTML ones.
	Text string
	// Locale is the locale the text came from: the locale asked for, one
	// of its parents, or the source locale. Mark the text with it (lang)
	// when it is not the page's language.
	Locale language.Tag
	// Line is the line of the segment in its source file, or 0 when the
	// content was not loaded.
	Line int

	format content.Format
	cache  *sync.Map // of htmlKey to template.HTML, shared by the Catalogs
}

type htmlKey struct {
	text   string
	format content.Format
}

// HTML renders the text as render does on a page, as inline HTML (no
// enclosing <p>): Markdown through goldmark without raw HTML, then
// sanitized (links only to http, https, mailto, tel and relative URLs);
// plain-text articles escaped, newlines as <br>; HTML articles' text
// escaped, their numbered inline tags left out (the source's inline
// markup is not restored at run time). Each text is rendered once and
// kept, since the catalogs do not change once loaded.
func (t Text) HTML() template.HTML {
	key := htmlKey{t.Text, t.format}
	if t.cache != nil {
		if h, ok := t.cache.Load(key); ok {
			return h.(template.HTML)
		}
	}
	s, err := render.MessageHTML(t.Text, t.format)
	if err != nil {
		// Rendering into memory does not fail; should it, escaped text
		// is still safe to show.
		s = template.HTMLEscapeString(t.Text)
	}
	if t.cache != nil {
		t.cache.Store(key, template.HTML(s))
	}
	return template.HTML(s)
}

// Refusal is a translation Load left out, and why.
type Refusal struct {
	File   string // the catalog file, as named in the fs.FS
	Locale language.Tag
	ID     string
	Reason string
}

// Bundle is the go-i18n Bundle of the verified messages: the source
// messages and the translations that passed the checks, so a Localizer on
// it cannot return a refused translation either. Its default language is
// the source locale. Do not add messages to it: they would bypass the
// checks, and a go-i18n Bundle must not change while it is read. A
// go-i18n Localizer does not follow parent locales (use Message for
// that), and executes "{{" in a message as a Go template unless
// LocalizeConfig.TemplateParser is template.IdentityParser{}: pass it.
func (c *Catalogs) Bundle() *i18n.Bundle { return c.bundle }

// Source is the source locale.
func (c *Catalogs) Source() language.Tag { return c.source }

// Locales are the locales a page can be served in: the source locale
// first, then the target locales of healthloc.toml in its order (with
// LoadProject), then every other locale that has a catalog folder, sorted.
func (c *Catalogs) Locales() []language.Tag { return slices.Clone(c.locales) }

// Chain is the fallback chain of t: t, its parents, then the source
// locale.
func (c *Catalogs) Chain(t language.Tag) []language.Tag { return locale.Chain(t, c.source) }

// Documents are the slugs of the documents, sorted.
func (c *Catalogs) Documents() []string { return slices.Clone(c.slugs) }

// Refused lists the translations Load left out, by file then ID.
func (c *Catalogs) Refused() []Refusal { return slices.Clone(c.refused) }

// Match picks the locale to serve for an Accept-Language header value
// ("es-MX,es;q=0.9,en;q=0.5") or a single tag ("ar"), among Locales,
// with language.Matcher: es-AR gets es (or a Latin-American Spanish, if
// one is available), and a header that is empty, malformed or matches
// nothing gets the source locale.
func (c *Catalogs) Match(accept string) language.Tag {
	prefs, _, err := language.ParseAcceptLanguage(accept)
	if err != nil || len(prefs) == 0 {
		return c.source
	}
	_, i, conf := c.matcher.Match(prefs...)
	if conf == language.No {
		return c.source
	}
	return c.locales[i]
}

// Message returns message id in locale t, falling back along t's chain.
// The error wraps ErrNotFound when the source has no message id.
func (c *Catalogs) Message(t language.Tag, id string) (Text, error) {
	src := c.sources[id]
	if src == nil {
		return Text{}, fmt.Errorf("message %q: %w", id, ErrNotFound)
	}
	return c.resolve(c.Chain(t), src), nil
}

// Document returns the segments of document slug in locale t, each
// falling back along t's chain on its own. With the content loaded they
// are in document order, a repeated text once per occurrence; without
// it, one per message, sorted by ID. The error wraps ErrNotFound for an
// unknown slug.
func (c *Catalogs) Document(t language.Tag, slug string) ([]Text, error) {
	d := c.docs[slug]
	if d == nil {
		return nil, fmt.Errorf("document %q: %w", slug, ErrNotFound)
	}
	chain := c.Chain(t)
	out := make([]Text, len(d.segs))
	for i, s := range d.segs {
		out[i] = c.resolve(chain, c.sources[s.id])
		out[i].Line = s.line
	}
	return out, nil
}

// resolve takes the first locale of chain with a verified translation of
// src, else the source text.
func (c *Catalogs) resolve(chain []language.Tag, src *sourceMsg) Text {
	txt := Text{ID: src.id, Kind: src.kind, Text: src.text, Locale: c.source, format: src.format, cache: &c.html}
	for _, t := range chain {
		if t == c.source {
			break
		}
		if s, ok := c.lookup(t, src.id); ok {
			txt.Text, txt.Locale = s, t
			break
		}
	}
	return txt
}

// lookup asks the bundle for id in exactly locale t. The Localizer would
// answer with the default language's message when t has none; that
// answer comes with an error and another tag, and is not taken.
func (c *Catalogs) lookup(t language.Tag, id string) (string, bool) {
	l := c.localizers[t]
	if l == nil {
		return "", false
	}
	s, got, err := l.LocalizeWithTag(&i18n.LocalizeConfig{MessageID: id, TemplateParser: identity})
	if err != nil || got != t {
		return "", false
	}
	return s, true
}

// Direction is "rtl" for a locale written right to left (Arabic, Hebrew,
// Syriac, Thaana and N'Ko scripts) and "ltr" otherwise, for <html dir>.
func Direction(t language.Tag) string { return locale.Direction(t) }

// Name is the native name of a locale, such as "español (México)", for a
// language menu.
func Name(t language.Tag) string { return locale.Name(t) }

// LoadProject loads a whole healthloc project from fsys: healthloc.toml
// at its root, the catalogs under catalog_root and the articles under
// content_root, parsed with the project's settings. The target locales
// of healthloc.toml are served even without catalogs of their own (es-MX
// falls back through es-419 and es).
func LoadProject(fsys fs.FS) (*Catalogs, error) {
	data, err := fs.ReadFile(fsys, config.FileName)
	if err != nil {
		return nil, err
	}
	cfg, err := config.Parse(config.FileName, data)
	if err != nil {
		return nil, err
	}
	return Load(fsys, Options{Source: cfg.SourceLocale, Root: cfg.CatalogRoot, Content: cfg.ContentRoot, cfg: cfg})
}
