// Package qa checks translations for the mistakes that matter in health
// content: changed numbers, doses and units, lost links and markup,
// placeholders, glossary terms, untranslated text and odd lengths. It is
// pure: it reads strings and a project and returns findings.
package qa

import (
	"sort"
	"strings"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/pseudo"
)

// Severity is how bad a finding is.
type Severity int

// The severities, mildest first.
const (
	Warning Severity = iota
	Error
)

func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// MarshalText writes the severity by name in JSON.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// ParseSeverity reads "error" or "warning".
func ParseSeverity(s string) (Severity, bool) {
	switch s {
	case "error":
		return Error, true
	case "warning":
		return Warning, true
	}
	return Warning, false
}

// The check names, as findings and --format json report them.
const (
	CheckNumbers      = "numbers"
	CheckUnits        = "units"
	CheckLinks        = "links"
	CheckMarkup       = "markup"
	CheckPlaceholders = "placeholders"
	CheckGlossary     = "glossary"
	CheckUntranslated = "untranslated"
	CheckLength       = "length"
)

// Span is a byte range [Start, End) of a text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Issue is one problem found in a source/translation pair.
type Issue struct {
	Check    string   `json:"check"`
	Severity Severity `json:"severity"`
	// Message is a one-line explanation.
	Message string `json:"message"`
	// SourceSpans and TranslationSpans mark the offending parts.
	SourceSpans      []Span `json:"source_spans,omitempty"`
	TranslationSpans []Span `json:"translation_spans,omitempty"`
	// Hint says how to fix the finding, when there is a sure way: the
	// localized_links line a link error needs.
	Hint string `json:"hint,omitempty"`
}

// Rules are the project-wide settings the checks use.
type Rules struct {
	// Glossary maps a source term to the required term per locale.
	Glossary map[string]map[string]string
	// Keep are terms that stay as written in every locale (drug and brand
	// names), unless Glossary gives a locale its own term.
	Keep []string
	// Links maps, per locale, a source URL to its localized URL.
	Links map[string]map[string]string
	// Off tells why a check is switched off for a locale ("" when it is
	// on; see config.CheckOff); nil keeps every check on.
	Off func(loc, check string) string
}

// Pair is one source text and its translation.
type Pair struct {
	Source      string
	Translation string
	// From and To are the source and target locales.
	From, To language.Tag
	// Markdown says the texts are inline Markdown; plain text and YAML
	// values skip the emphasis checks.
	Markdown bool
	// HTMLTags says the texts hold the numbered inline tags of an HTML
	// segment (<1>…</1>, <2/>): they must all be kept, and their numbers
	// are not quantities.
	HTMLTags bool
}

// CheckPair runs every check on one pair and returns the issues in check
// order.
func CheckPair(pr Pair, rules *Rules) []Issue {
	if rules == nil {
		rules = &Rules{}
	}
	c := newPairCheck(pr, rules)
	out := c.errors()
	out = append(out, c.untranslated()...)
	out = append(out, c.length()...)
	return out
}

// Errors runs the error-level checks on one pair (numbers, units, links,
// markup, placeholders, glossary) and returns their issues: a translation
// with any is not safe to serve. It is CheckPair without the warnings,
// and cheap where neither text holds digits, number words, units, links
// or markup.
func Errors(pr Pair, rules *Rules) []Issue {
	if rules == nil {
		rules = &Rules{}
	}
	return newPairCheck(pr, rules).errors()
}

func (c *pairCheck) errors() []Issue {
	var out []Issue
	out = append(out, c.numbers()...)
	out = append(out, c.units()...)
	out = append(out, c.links()...)
	out = append(out, c.markup()...)
	out = append(out, c.placeholders()...)
	out = append(out, c.glossary()...)
	return out
}

// pairCheck holds what the checks of one pair share.
type pairCheck struct {
	pr    Pair
	rules *Rules
	src   *text
	tr    *text
	sq    []quantity
	tq    []quantity
}

func newPairCheck(pr Pair, rules *Rules) *pairCheck {
	srcLang := langOf(pr.From)
	trLang := langOf(pr.To)
	pseudo := pseudo.Is(pr.To)
	trTag := pr.To
	if pseudo {
		// Pseudo-localized text reads as the source language once its
		// accents are gone; the padding holds no letters or digits.
		trLang, trTag = srcLang, pr.From
	}
	c := &pairCheck{
		pr:    pr,
		rules: rules,
		src:   newText(pr.Source, srcLang, pr.From, pr.Markdown, false),
		tr:    newText(pr.Translation, trLang, trTag, pr.Markdown, pseudo),
	}
	if pr.HTMLTags {
		c.src.mask(numberedTags(pr.Source))
		c.tr.mask(numberedTags(pr.Translation))
	}
	return c
}

// langOf is the base language of a tag, such as "es" for es-MX.
func langOf(t language.Tag) string {
	b, _ := t.Base()
	return b.String()
}

// Mark returns text with each span wrapped in ⟦ ⟧, for one-line reports.
func Mark(text string, spans []Span) string {
	if len(spans) == 0 {
		return text
	}
	ss := append([]Span(nil), spans...)
	sort.Slice(ss, func(i, j int) bool { return ss[i].Start < ss[j].Start })
	var b strings.Builder
	pos := 0
	for _, s := range ss {
		if s.Start < pos || s.End > len(text) || s.Start > s.End {
			continue
		}
		b.WriteString(text[pos:s.Start])
		b.WriteString("⟦")
		b.WriteString(text[s.Start:s.End])
		b.WriteString("⟧")
		pos = s.End
	}
	b.WriteString(text[pos:])
	return b.String()
}
