// Package locale handles BCP 47 locale tags: parsing, fallback chains,
// text direction, native display names and the plural forms go-i18n needs.
package locale

import (
	"cmp"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Parse parses a BCP 47 tag such as "es-MX". The error names the tag.
// Besides what language.Parse rejects, it rejects the empty tag, "und",
// tags without a language subtag (such as "x-foo") and "_" as a subtag
// separator: language.Parse accepts "en_US", but catalog paths and
// <html lang> need the canonical "en-US".
func Parse(tag string) (language.Tag, error) {
	t, err := parse(tag)
	if err != nil {
		return language.Und, fmt.Errorf("bad locale tag %q: %w", tag, err)
	}
	return t, nil
}

func parse(tag string) (language.Tag, error) {
	if strings.TrimSpace(tag) == "" {
		return language.Und, errors.New("empty tag")
	}
	if strings.Contains(tag, "_") {
		return language.Und, errors.New(`subtags must be separated by "-", not "_"`)
	}
	t, err := language.Parse(tag)
	if err != nil {
		return language.Und, err
	}
	if t == language.Und {
		return language.Und, errors.New(`"und" (undetermined) is not a locale`)
	}
	if _, conf := t.Base(); conf == language.No {
		return language.Und, errors.New("no language subtag")
	}
	return t, nil
}

// Chain returns the fallback chain for t: t itself, then its parents up to
// the root (exclusive), then source unless it is already in the chain.
// For example es-MX → es-419 → es → en. go-i18n's Localizer does not walk
// parents itself, so healthloc resolves fallbacks with this chain.
func Chain(t, source language.Tag) []language.Tag {
	var chain []language.Tag
	for p := t; p != language.Und; p = p.Parent() {
		chain = append(chain, p)
		if len(chain) > 16 {
			// Parent always ends at und; this only guards against a
			// future x/text change turning the walk into a cycle.
			break
		}
	}
	for _, c := range chain {
		if c == source {
			return chain
		}
	}
	if source != language.Und {
		chain = append(chain, source)
	}
	return chain
}

// rtlScripts are the scripts written right to left that healthloc knows.
var rtlScripts = map[string]bool{
	"Arab": true,
	"Hebr": true,
	"Syrc": true,
	"Thaa": true,
	"Nkoo": true,
}

// Direction returns "rtl" if t is written in a right-to-left script and
// "ltr" otherwise. The script is the one given in the tag or, if none is,
// the likely script for the language (ar → Arab, ur → Arab, he → Hebr).
func Direction(t language.Tag) string {
	s, _ := t.Script()
	if rtlScripts[s.String()] {
		return "rtl"
	}
	return "ltr"
}

//go:generate sh -c "go run gennames.go > names_cldr.go && gofmt -w names_cldr.go"

// Name returns the native display name of t, such as "español (México)",
// "العربية", "中文（简体）" or "中文（繁體，台灣）": the language name in
// t's own language, followed by the script and region when the tag names
// them explicitly, joined by CLDR's locale display pattern for that
// language and with its short script names (see cldrNames), so that no
// word repeats. Without display data for t it falls back to display.Self
// (e.g. "español de México"), then to t.String().
func Name(t language.Tag) string {
	base, _ := t.Base()
	var name string
	if langs := display.Languages(t); langs != nil {
		name = langs.Name(base)
	}
	if name == "" {
		if name = display.Self.Name(t); name != "" {
			return name
		}
		return t.String()
	}
	data := namesFor(t)
	var quals []string
	if s, conf := t.Script(); conf == language.Exact {
		if n := data.scripts[s.String()]; n != "" {
			quals = append(quals, n)
		} else if scripts := display.Scripts(t); scripts != nil {
			if n := scripts.Name(s); n != "" {
				quals = append(quals, n)
			}
		}
	}
	if r, conf := t.Region(); conf == language.Exact {
		if regions := display.Regions(t); regions != nil {
			if n := regions.Name(r); n != "" {
				quals = append(quals, n)
			}
		}
	}
	if len(quals) == 0 {
		return name
	}
	sep, pattern := cmp.Or(data.separator, "{0}, {1}"), cmp.Or(data.pattern, "{0} ({1})")
	q := quals[0]
	for _, next := range quals[1:] {
		q = strings.NewReplacer("{0}", q, "{1}", next).Replace(sep)
	}
	return strings.NewReplacer("{0}", name, "{1}", q).Replace(pattern)
}

// nameData is CLDR's data for display names in one language.
type nameData struct {
	pattern, separator string
	scripts            map[string]string
}

// namesFor finds the CLDR display-name data of t's language: the
// language with t's script when CLDR has a locale for it (zh-Hant), else
// the language alone.
func namesFor(t language.Tag) nameData {
	base, _ := t.Base()
	script, _ := t.Script()
	if d, ok := cldrNames[base.String()+"-"+script.String()]; ok {
		return d
	}
	return cldrNames[base.String()]
}
