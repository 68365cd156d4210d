// Package ui holds healthloc's own page text (the fallback notice, "Contents",
// dashboard labels) as go-i18n catalogs embedded in the binary, one per
// language in locales/active.<lang>.toml. The part of it that rendered pages
// show (Chrome) also enters each project as a catalog of its own, so that a
// project translates and reviews it like content; the embedded, reviewed
// translations are that catalog's starting point (see Shipped).
package ui

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

//go:embed locales/*.toml
var files embed.FS

// bundle loads every embedded catalog once. The catalogs are ours, not
// translators' input, so their {{.Count}} and {{.Language}} templates run
// with go-i18n's default text/template parser.
var bundle, tags, texts = func() (*i18n.Bundle, []language.Tag, map[language.Tag]map[string]string) {
	b := i18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	names, err := fs.Glob(files, "locales/*.toml")
	if err != nil {
		panic(err)
	}
	sort.Strings(names)
	var tags []language.Tag
	texts := map[language.Tag]map[string]string{}
	for _, n := range names {
		data, err := files.ReadFile(n)
		if err != nil {
			panic(err)
		}
		mf, err := b.ParseMessageFileBytes(data, path.Base(n))
		if err != nil {
			panic(fmt.Sprintf("ui: %s: %v", n, err))
		}
		tags = append(tags, mf.Tag)
		texts[mf.Tag] = map[string]string{}
		for _, m := range mf.Messages {
			texts[mf.Tag][m.ID] = m.Other
		}
	}
	return b, tags, texts
}()

// Languages lists the languages the tool's own text is available in.
func Languages() []language.Tag { return append([]language.Tag(nil), tags...) }

// Text is the tool's text in one language: the best match for the page's
// locale (es for es-MX), else English.
type Text struct {
	tag   language.Tag
	loc   *i18n.Localizer
	print *message.Printer
}

// For returns the text for a page in locale t.
func For(t language.Tag) *Text {
	base, _ := t.Base()
	return &Text{
		tag:   t,
		loc:   i18n.NewLocalizer(bundle, t.String(), base.String()),
		print: message.NewPrinter(t),
	}
}

// T returns the message id. Every id exists in English, so a missing
// translation falls back to it.
func (x *Text) T(id string) string {
	s, err := x.loc.Localize(&i18n.LocalizeConfig{MessageID: id})
	if err != nil && s == "" {
		return id
	}
	return s
}

// Number formats n for the locale: 1,234 in English, 1.234 in Spanish.
func (x *Text) Number(n int) string { return x.print.Sprintf("%d", n) }

// Percent formats p (0–100) with one decimal for the locale: 45.1% in
// English, 45,1 % in French.
func (x *Text) Percent(p float64) string {
	return x.print.Sprint(number.Percent(p/100, number.Scale(1)))
}

// ChromeMessage is a piece of text that rendered pages show around the
// content: a link, a label, a notice.
type ChromeMessage struct {
	// Name is the message's name in the embedded catalogs.
	Name string
	// Help tells a translator where the text appears.
	Help string
}

// chrome lists the page text, in the order translators see it.
var chrome = []ChromeMessage{
	{"SkipToContent", "A link at the top of every page, shown when it gets keyboard focus; it jumps to the article."},
	{"Articles", "The link to the list of articles, and that list's heading."},
	{"OtherLanguages", "The label of the list of languages the page is available in; screen readers read it."},
	{"Contents", "The heading of the list of the article's sections."},
	{"FallbackPartial", "A notice above an article some of whose sections are shown in another language. " +
		"{{.Language}} is replaced by that language's name, in this language; keep it as written."},
	{"FallbackWhole", "A notice above an article that is shown wholly in another language. " +
		"{{.Language}} is replaced by that language's name, in this language; keep it as written."},
}

// Chrome lists the text rendered pages show around the content.
func Chrome() []ChromeMessage { return append([]ChromeMessage(nil), chrome...) }

// LanguagePlaceholder stands for a language's name in the fallback
// notices. It is replaced as plain text, never run as a template:
// translations are untrusted.
const LanguagePlaceholder = "{{.Language}}"

// Shipped returns healthloc's own reviewed translations of the page
// text for locale t, by message name, and the language they are in: the
// embedded catalog of t's language and script (es for es-MX, zh-Hans for
// zh-CN, but not for zh-TW), if there is one.
func Shipped(t language.Tag) (map[string]string, language.Tag, bool) {
	base, _ := t.Base()
	script, _ := t.Script()
	for _, s := range tags {
		sb, _ := s.Base()
		ss, _ := s.Script()
		if sb == base && ss == script {
			out := make(map[string]string, len(chrome))
			for _, m := range chrome {
				if text, ok := texts[s][m.Name]; ok {
					out[m.Name] = text
				}
			}
			return out, s, true
		}
	}
	return nil, language.Und, false
}

// SourceText is the page text of a project written in src: the shipped
// text of src's language when there is one, else English, with the
// language it is in.
func SourceText(src language.Tag) (map[string]string, language.Tag) {
	if m, t, ok := Shipped(src); ok {
		return m, t
	}
	m, t, _ := Shipped(language.English)
	return m, t
}

// Decimal formats v with one decimal for the locale: 8.6 in English,
// 8,6 in Spanish.
func (x *Text) Decimal(v float64) string {
	return x.print.Sprint(number.Decimal(v, number.Scale(1)))
}
