// Package servedtest checks a catalog root the way a Go app would load
// it: a plain walk that hands every file go-i18n can read to one Bundle,
// with no special cases. Tests call it after each scenario to hold the
// line that the served catalogs contain only what render publishes by
// default: translations of the current source (and approved ones, where
// the project publishes only reviewed text), and no file that go-i18n
// loads as "und".
//
// It imports neither internal/project nor the public l10n package, so
// the tests of either (and of extract) can use it.
package servedtest

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/nicksnyder/go-i18n/v2/i18n/template"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/locale"
)

// Served is what an app gets from a catalog root.
type Served struct {
	// Bundle holds every message of every file, as the app's would.
	Bundle *i18n.Bundle
	// Files are the files loaded, in walk order.
	Files  []*i18n.MessageFile
	Source language.Tag
	// sources are the source locale's messages by ID.
	sources map[string]*i18n.Message
}

// Walk loads every file under root in fsys whose extension go-i18n reads
// (.toml, .json, .yaml, .yml), hidden files and folders included, into one
// Bundle whose default language is source. A file go-i18n cannot load is
// an error, as it would be for the app.
func Walk(fsys fs.FS, root string, source language.Tag) (*Served, error) {
	b := i18n.NewBundle(source)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	b.RegisterUnmarshalFunc("json", json.Unmarshal)
	b.RegisterUnmarshalFunc("yaml", yaml.Unmarshal)
	b.RegisterUnmarshalFunc("yml", yaml.Unmarshal)
	s := &Served{Bundle: b, Source: source, sources: map[string]*i18n.Message{}}
	err := fs.WalkDir(fsys, root, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch path.Ext(name) {
		case ".toml", ".json", ".yaml", ".yml":
		default:
			return nil
		}
		mf, err := b.LoadMessageFileFS(fsys, name)
		if err != nil {
			return fmt.Errorf("go-i18n cannot load %s: %w", name, err)
		}
		s.Files = append(s.Files, mf)
		if mf.Tag == source {
			for _, m := range mf.Messages {
				s.sources[m.ID] = m
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// Options refine what may be served.
type Options struct {
	// Approved, when set, must accept every translation served: for a
	// project that publishes only reviewed text. sourceHash is the hash
	// of the source message it translates.
	Approved func(loc language.Tag, id, sourceHash, text string) bool
}

// Problems lists, sorted, everything an app would be served that render
// would not publish by default: files that load as "und", translations
// of IDs the source does not have, translations whose hash is missing or
// not the source message's, source messages whose hash is not that of
// their text, and (with Options.Approved) unapproved translations. It
// checks the files, and asks go-i18n's Localizer too, locale by locale,
// for every source message.
func (s *Served) Problems(opts Options) []string {
	var out []string
	for _, t := range s.Bundle.LanguageTags() {
		if t == language.Und {
			out = append(out, `Bundle.LanguageTags() lists "und"`)
		}
	}
	for _, f := range s.Files {
		if f.Tag == language.Und {
			out = append(out, fmt.Sprintf("%s: loads as language \"und\"", f.Path))
			continue
		}
		for _, m := range f.Messages {
			if p := s.problem(f.Tag, m, opts); p != "" {
				out = append(out, fmt.Sprintf("%s: %s: %s", f.Path, m.ID, p))
			}
		}
	}
	out = append(out, s.localizerProblems(opts)...)
	slices.Sort(out)
	return slices.Compact(out)
}

// problem is why message m of locale loc must not be served, or "".
func (s *Served) problem(loc language.Tag, m *i18n.Message, opts Options) string {
	if loc == s.Source {
		if m.Hash != catalog.Hash(m.Description, m.Other) {
			return "source hash does not match the source text"
		}
		return ""
	}
	if m.Other == "" {
		return ""
	}
	src := s.sources[m.ID]
	switch {
	case src == nil:
		return "not a message of the source catalogs"
	case m.Hash != src.Hash:
		return fmt.Sprintf("outdated: hash %q, source %q", m.Hash, src.Hash)
	case opts.Approved != nil && !opts.Approved(loc, m.ID, src.Hash, m.Other):
		return "not approved"
	}
	return ""
}

// localizerProblems asks go-i18n, as the app would, for every source
// message in every locale, and checks each answer the locale itself
// gave.
func (s *Served) localizerProblems(opts Options) []string {
	var out []string
	ids := make([]string, 0, len(s.sources))
	for id := range s.sources {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, t := range s.Bundle.LanguageTags() {
		if t == s.Source || t == language.Und {
			continue
		}
		l := i18n.NewLocalizer(s.Bundle, t.String())
		for _, id := range ids {
			text, got, err := l.LocalizeWithTag(&i18n.LocalizeConfig{MessageID: id, TemplateParser: template.IdentityParser{}})
			if err != nil || got != t {
				continue // not in t: the app falls back
			}
			m := s.message(t, id)
			if m == nil || m.Other != text {
				out = append(out, fmt.Sprintf("go-i18n serves %s %s text from no loaded file: %q", t, id, text))
				continue
			}
			if p := s.problem(t, m, opts); p != "" {
				out = append(out, fmt.Sprintf("go-i18n serves %s %s: %s", t, id, p))
			}
		}
	}
	return out
}

// message is the last message id of locale t loaded, the one the Bundle
// keeps.
func (s *Served) message(t language.Tag, id string) *i18n.Message {
	var found *i18n.Message
	for _, f := range s.Files {
		if f.Tag != t {
			continue
		}
		for _, m := range f.Messages {
			if m.ID == id {
				found = m
			}
		}
	}
	return found
}

// Check walks root and fails t with every problem (see Problems).
func Check(t testing.TB, fsys fs.FS, root string, source language.Tag, opts Options) *Served {
	t.Helper()
	s, err := Walk(fsys, root, source)
	if err != nil {
		t.Fatal(err)
	}
	if ps := s.Problems(opts); len(ps) > 0 {
		t.Errorf("%s serves what render would not publish:\n%s", root, strings.Join(ps, "\n"))
	}
	return s
}

// Get is a runtime's lookup of message id in locale loc: the text it
// serves and the locale that text came from.
type Get func(loc language.Tag, id string) (text string, from language.Tag, err error)

// RuntimeProblems asks get for every source message in every locale the
// files have (and in extra locales, such as es-MX without catalogs of its
// own), and lists every answer that is neither the source text (from the
// source locale) nor a translation in the files that Problems would let
// through, from a locale on loc's fallback chain (loc, its parents, the
// source).
func (s *Served) RuntimeProblems(get Get, opts Options, extra ...language.Tag) []string {
	locs := append(slices.Clone(s.Bundle.LanguageTags()), extra...)
	slices.SortFunc(locs, func(a, b language.Tag) int { return cmp.Compare(a.String(), b.String()) })
	ids := make([]string, 0, len(s.sources))
	for id := range s.sources {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var out []string
	for _, loc := range slices.Compact(locs) {
		if loc == language.Und {
			continue
		}
		for _, id := range ids {
			text, from, err := get(loc, id)
			if err != nil {
				out = append(out, fmt.Sprintf("%s %s: %v", loc, id, err))
				continue
			}
			if p := s.runtimeProblem(loc, id, text, from, opts); p != "" {
				out = append(out, fmt.Sprintf("%s %s from %s: %s", loc, id, from, p))
			}
		}
	}
	return out
}

func (s *Served) runtimeProblem(loc language.Tag, id, text string, from language.Tag, opts Options) string {
	if !slices.Contains(locale.Chain(loc, s.Source), from) {
		return "not on the fallback chain"
	}
	if from == s.Source {
		if text != s.sources[id].Other {
			return fmt.Sprintf("%q is not the source text", text)
		}
		return ""
	}
	for _, f := range s.Files {
		if f.Tag != from {
			continue
		}
		for _, m := range f.Messages {
			if m.ID == id && m.Other == text && s.problem(from, m, opts) == "" {
				return ""
			}
		}
	}
	return fmt.Sprintf("%q is not a servable translation in the files", text)
}

// CheckRuntime fails t with every problem RuntimeProblems finds.
func (s *Served) CheckRuntime(t testing.TB, get Get, opts Options, extra ...language.Tag) {
	t.Helper()
	if ps := s.RuntimeProblems(get, opts, extra...); len(ps) > 0 {
		t.Errorf("the runtime serves what render would not publish:\n%s", strings.Join(ps, "\n"))
	}
}
