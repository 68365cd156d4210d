package project

import (
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/cache"
	"github.com/healthloc/healthloc/internal/content"
)

// A translation with an error-level check finding that no reviewer
// accepted is held: render does not publish it (the block falls back, as
// a stale one does) and the served catalogs do not hold it, so that no
// door lets a changed dose through. The checks live in package qa, which
// builds on this one, so the CLI installs them as a Gate.

// GateInput is one translation to judge, with what the checks need.
type GateInput struct {
	Locale language.Tag
	ID     string
	// Source and SourceHash are the current source message's text and
	// catalog hash.
	Source, SourceHash string
	// Markdown and HTMLTags describe the segment's syntax (see
	// content.Segment).
	Markdown, HTMLTags bool
	// Text is the translation.
	Text string
}

// Gate returns the names of the checks that hold a translation, or none.
type Gate func(p *Project, in GateInput) []string

// gate is the project's Gate and what it answered, shared with windows.
// The project's memo is bounded: extract asks about every translation of
// the project through it, and a memo of them all grew to gigabytes at
// 100,000 documents × 10 locales. A window's memo holds its documents'
// translations, which the window holds anyway.
type gate struct {
	fn   Gate
	mu   sync.Mutex
	memo map[string][]string
	// bounded forgets the memo when it reaches gateMemo answers.
	bounded bool
}

// SetGate installs the checks that hold translations (nil removes them).
func (p *Project) SetGate(g Gate) {
	if g == nil {
		p.gate = nil
		return
	}
	p.gate = &gate{fn: g, memo: map[string][]string{}, bounded: true}
}

// SetFindings installs the cache of the checks' answers that the gate
// and the checks consult (package qa); nil, the default, caches nothing.
// Windows share it.
func (p *Project) SetFindings(f *cache.Findings) { p.findings = f }

// Findings is the cache of the checks' answers, or nil.
func (p *Project) Findings() *cache.Findings { return p.findings }

// Reconsider forgets what the gate answered, after a change it depends on
// (an accepted finding).
func (p *Project) Reconsider() {
	if p.gate != nil {
		p.gate.mu.Lock()
		p.gate.memo = map[string][]string{}
		p.gate.mu.Unlock()
	}
}

// fresh is the same gate with nothing remembered, for a window: what a
// gate answered is kept only as long as the window's documents.
func (g *gate) fresh() *gate {
	if g == nil {
		return nil
	}
	return &gate{fn: g.fn, memo: map[string][]string{}}
}

// gateMemo is how many answers the project's gate remembers: the
// translations of a few documents in every locale.
const gateMemo = 1 << 13

// held is what the gate says of in, asked once per project and window.
func (p *Project) held(in GateInput) []string {
	g := p.gate
	if g == nil {
		return nil
	}
	key := strings.Join([]string{in.Locale.String(), in.ID, in.SourceHash, in.Text}, "\x00")
	g.mu.Lock()
	out, ok := g.memo[key]
	g.mu.Unlock()
	if ok {
		return out
	}
	out = g.fn(p, in)
	g.mu.Lock()
	if g.bounded && len(g.memo) >= gateMemo {
		clear(g.memo)
	}
	g.memo[key] = out
	g.mu.Unlock()
	return out
}

// gateInput is the gate's input for translation text of message id of
// doc in loc.
func gateInput(loc language.Tag, d *Doc, id, text string) (GateInput, bool) {
	i := slices.Index(d.IDs, id)
	if i < 0 {
		return GateInput{}, false
	}
	seg := d.Segments[i]
	src := d.Source.Messages[id]
	return GateInput{Locale: loc, ID: id, Source: src.Other, SourceHash: src.Hash, Markdown: seg.Markdown(),
		HTMLTags: seg.HTMLTags(), Text: text}, true
}

// HeldBy lists the checks that hold the translation text of message id
// of doc in loc; none when it may be published.
func (p *Project) HeldBy(loc language.Tag, d *Doc, id, text string) []string {
	if p.gate == nil {
		return nil
	}
	in, ok := gateInput(loc, d, id, text)
	if !ok {
		return nil
	}
	return p.held(in)
}

// docSyntax is the syntax of d's messages.
func docSyntax(d *Doc) func(id string) (bool, bool) {
	return func(id string) (bool, bool) {
		if i := slices.Index(d.IDs, id); i >= 0 {
			return d.Segments[i].Markdown(), d.Segments[i].HTMLTags()
		}
		return false, false
	}
}

// syntaxOf tells, for the documents of a lean Project that are not
// parsed when their catalogs are written, each message's syntax: the
// default of the document's format and, per document, the messages that
// differ from it (front matter in Markdown, headings in plain text).
type syntaxOf struct {
	mu sync.Mutex
	// format is each slug's format; odd holds, by slug and ID, the
	// syntax of the messages whose syntax is not the format's.
	format map[string]content.Format
	odd    map[string]map[string][2]bool
}

// syntaxDefault is the syntax most messages of a format have.
func syntaxDefault(f content.Format) [2]bool {
	return [2]bool{f == content.FormatMarkdown, f == content.FormatHTML}
}

// note records a parsed document's syntax.
func (s *syntaxOf) note(d *Doc) {
	def := syntaxDefault(d.Format)
	var odd map[string][2]bool
	for i, seg := range d.Segments {
		if got := [2]bool{seg.Markdown(), seg.HTMLTags()}; got != def {
			if odd == nil {
				odd = map[string][2]bool{}
			}
			odd[d.IDs[i]] = got
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.format == nil {
		s.format, s.odd = map[string]content.Format{}, map[string]map[string][2]bool{}
	}
	s.format[d.Slug] = d.Format
	if odd != nil {
		s.odd[d.Slug] = odd
	}
}

// of is the syntax of message id of slug's document.
func (s *syntaxOf) of(slug, id string) (markdown, htmlTags bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	syn, ok := s.odd[slug][id]
	if !ok {
		syn = syntaxDefault(s.format[slug])
	}
	return syn[0], syn[1]
}
