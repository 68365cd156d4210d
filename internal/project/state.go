package project

import (
	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/locale"
	"github.com/healthloc/healthloc/internal/workarea"
)

// State is the translation state of one message in one locale.
type State int

// The states, in the order reports list them.
const (
	Missing State = iota
	Stale
	// Candidate is a translation of the current source that waits in the
	// work area for a reviewer: an aligned pair, a memory suggestion.
	Candidate
	// Held is a translation of the current source with an error-level
	// check finding that no reviewer accepted: not served, not published.
	Held
	Translated
	// Reviewed is Translated and approved by a reviewer for exactly this
	// source and this translation.
	Reviewed
)

func (s State) String() string {
	switch s {
	case Reviewed:
		return "reviewed"
	case Translated:
		return "translated"
	case Stale:
		return "stale"
	case Candidate:
		return "candidate"
	case Held:
		return "held"
	}
	return "missing"
}

// Lookup is the state of message id of doc in loc's own catalog, and the
// translation if there is one.
func (p *Project) Lookup(loc language.Tag, doc *Doc, id string) (State, string) {
	src := doc.Source.Messages[id].Hash
	var m catalog.Message
	if c := p.Catalog(loc, doc.Slug); c != nil {
		m = c.Messages[id]
	}
	if m.Other == "" || m.Hash != src && m.Hash != "" { // no hash: added by hand for the current source
		if c, ok := p.candidate(loc, id, src); ok {
			return Candidate, c.Other
		}
		if m.Other == "" {
			return Missing, ""
		}
		return Stale, m.Other
	}
	if doc.IsUI() && shippedReviewed(loc, id, m.Other) {
		return Reviewed, m.Other
	}
	st := Translated
	if wf := p.Workflow[loc.String()]; wf != nil {
		if r, ok := wf.Reviews[id]; ok && r.SourceHash == src && r.TranslationHash == TextHash(m.Other) {
			if r.Override != "" {
				// approved despite its findings, with the reason
				return Reviewed, m.Other
			}
			st = Reviewed
		}
	}
	if len(p.HeldBy(loc, doc, id, m.Other)) > 0 {
		return Held, m.Other
	}
	return st, m.Other
}

// candidate is loc's candidate translation of message id whose source
// has hash src, unless a reviewer rejected it.
func (p *Project) candidate(loc language.Tag, id, src string) (workarea.Candidate, bool) {
	wf := p.Workflow[loc.String()]
	if wf == nil {
		return workarea.Candidate{}, false
	}
	c, ok := wf.Candidates[id]
	return c, ok && c.Hash == src && c.Rejected == "" && c.Other != ""
}

// TextHash identifies a translation's text in reviews and exports.
func TextHash(text string) string { return catalog.Hash("", text) }

// Resolution is where the text of one message in a locale comes from.
type Resolution struct {
	// State is the best state found along the chain before the source:
	// Stale when only a stale translation exists, even if it is not used.
	State State
	// From is the locale whose text is used; the source locale when the
	// message fell all the way back.
	From language.Tag
	// Text is the text to publish.
	Text string
	// Own reports that the text came from the locale itself.
	Own bool
	// Reason is why the message fell back: the state in the locale itself.
	Reason State
}

// Chain is the fallback chain of a target locale, ending at the source.
func (p *Project) Chain(loc language.Tag) []language.Tag {
	return locale.Chain(loc, p.Config.Source())
}

// Resolve walks loc's fallback chain for message id of doc. A stale
// translation counts only with useStale, because a changed dose must not
// keep its old number.
func (p *Project) Resolve(loc language.Tag, doc *Doc, id string, useStale bool) Resolution {
	src := p.Config.Source()
	own, _ := p.Lookup(loc, doc, id)
	var stale *Resolution
	for _, t := range p.Chain(loc) {
		if t == src {
			break
		}
		st, text := p.Lookup(t, doc, id)
		r := Resolution{State: st, From: t, Text: text, Own: t == loc, Reason: own}
		if st >= Translated {
			return r
		}
		if st == Stale && stale == nil {
			stale = &r
		}
	}
	if stale != nil && useStale {
		return *stale
	}
	r := Resolution{State: Missing, From: src, Text: doc.Source.Messages[id].Other, Reason: own}
	if stale != nil {
		r.State = Stale
	}
	return r
}
