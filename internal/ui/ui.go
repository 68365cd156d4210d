// Package ui holds healthloc's own page text (the fallback notice, "Contents",
// dashboard labels) as go-i18n catalogs embedded in the binary, one per
// language in locales/active.<lang>.toml.
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
var bundle, tags = func() (*i18n.Bundle, []language.Tag) {
	b := i18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	names, err := fs.Glob(files, "locales/*.toml")
	if err != nil {
		panic(err)
	}
	sort.Strings(names)
	var tags []language.Tag
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
	}
	return b, tags
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

// N returns the plural message id for count, with {{.Count}} formatted
// for the locale and the other data given.
func (x *Text) N(id string, count int, data map[string]any) string {
	td := map[string]any{"Count": x.Number(count)}
	for k, v := range data {
		td[k] = v
	}
	s, err := x.loc.Localize(&i18n.LocalizeConfig{MessageID: id, PluralCount: count, TemplateData: td})
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

// Decimal formats v with one decimal for the locale: 8.6 in English,
// 8,6 in Spanish.
func (x *Text) Decimal(v float64) string {
	return x.print.Sprint(number.Decimal(v, number.Scale(1)))
}
