package server

import (
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/content"
	"github.com/healthloc/healthloc/internal/diff"
	"github.com/healthloc/healthloc/internal/edit"
	"github.com/healthloc/healthloc/internal/locale"
	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/workarea"
)

// localeInfo describes a target locale for the pages.
type localeInfo struct {
	Code string `json:"code"`
	Name string `json:"name"`
	Dir  string `json:"dir"`
}

func infoOf(t language.Tag) localeInfo {
	return localeInfo{Code: t.String(), Name: locale.Name(t), Dir: locale.Direction(t)}
}

// row is one entry of the editor: a message of the document, once, in
// document order, with everything a translator and a reviewer need.
type row struct {
	// N is the index of the entry's first segment in its document.
	N        int      `json:"n"`
	ID       string   `json:"id"`
	Kind     string   `json:"kind"`
	Line     int      `json:"line"`
	Headings []string `json:"headings"`
	// OneLine is a segment that must stay on one line (a heading, a
	// table cell, a front-matter value, an attribute).
	OneLine bool   `json:"one_line"`
	Source  []Part `json:"source"`
	// State is missing, stale, candidate, translated or reviewed, in the
	// locale itself.
	State string `json:"state"`
	// Text is what the editor holds: the locale's own translation
	// (current or stale), or else its candidate.
	Text []Part `json:"text"`
	// Base is the hash of the locale's own translation, which a save
	// names; Shown the hash of the text a reviewer judges.
	Base  string `json:"base"`
	Shown string `json:"shown"`
	// Inherited is the translation the locale falls back to when it has
	// none (es-MX inherits es), and From the locale it comes from.
	Inherited []Part `json:"inherited,omitempty"`
	From      string `json:"from,omitempty"`
	// Diff is how the source changed since a stale translation was made.
	Diff []diff.Chunk `json:"diff,omitempty"`
	// Origin says who or what proposed a candidate.
	Origin string `json:"origin,omitempty"`
	// Rejected is a candidate a reviewer rejected, with the comment.
	Rejected *rejected `json:"rejected,omitempty"`
	// Reviewer approved the current translation.
	Reviewer string         `json:"reviewer,omitempty"`
	Override string         `json:"override,omitempty"`
	Findings []edit.Finding `json:"findings"`
	Glossary []term         `json:"glossary,omitempty"`
	// NeedsWork is a missing, stale or candidate entry, or one with a
	// finding that blocks approval.
	NeedsWork bool `json:"needs_work"`
}

type rejected struct {
	Text    []Part `json:"text"`
	Comment string `json:"comment"`
	Origin  string `json:"origin,omitempty"`
}

// oneLine reports whether a segment's translation must stay on one line.
func oneLine(s content.Segment) bool {
	switch s.Syntax {
	case content.SyntaxLine, content.SyntaxCell, content.SyntaxAlt, content.SyntaxYAML, content.SyntaxAttr:
		return true
	}
	return false
}

// rows builds the editor's entries of doc in loc.
func rows(snap *snapshot, fc *findingCache, loc language.Tag, d *project.Doc) []row {
	seen := map[string]bool{}
	var out []row
	for i, id := range d.IDs {
		if seen[id] {
			continue
		}
		seen[id] = true
		out = append(out, rowOf(snap, fc, edit.Entry{Loc: loc, Doc: d, ID: id}, d.Segments[i], i))
	}
	return out
}

// rowOf is one entry of the editor, its findings checked through fc.
func rowOf(snap *snapshot, fc *findingCache, e edit.Entry, seg content.Segment, n int) row {
	p := snap.p
	src, cs := sourceParts(seg)
	st, shown := edit.Shown(p, e)
	own := edit.Own(p, e)
	r := row{N: n, ID: e.ID, Kind: string(seg.Kind), Line: seg.Line, Headings: seg.Headings, OneLine: oneLine(seg),
		Source: src, State: st.String(), Base: edit.Base(p, e), Shown: project.TextHash(shown), Findings: []edit.Finding{}}
	if r.Headings == nil {
		r.Headings = []string{}
	}
	text := own.Other
	if st == project.Candidate {
		text = shown
	}
	r.Text = translationParts(seg, text, cs)
	wf := p.Workflow[e.Loc.String()]
	if wf == nil {
		wf = workarea.New()
	}
	switch st {
	case project.Missing:
		if res := p.Resolve(e.Loc, e.Doc, e.ID, false); !res.Own && res.State >= project.Translated {
			r.Inherited, r.From = translationParts(seg, res.Text, cs), res.From.String()
		}
	case project.Stale:
		if prev, ok := wf.Previous[e.ID]; ok && prev.Source != "" {
			r.Diff = diff.Words(prev.Source, seg.Text)
		}
	case project.Candidate:
		r.Origin = wf.Candidates[e.ID].Origin
	case project.Reviewed:
		rv := wf.Reviews[e.ID]
		r.Reviewer, r.Override = rv.Reviewer, rv.Override
	}
	if c, ok := wf.Candidates[e.ID]; ok && c.Rejected != "" {
		r.Rejected = &rejected{Text: translationParts(seg, c.Other, cs), Comment: c.Rejected, Origin: c.Origin}
	}
	if st >= project.Candidate {
		r.Findings = edit.Mark(p, e, shown, fc.check(snap, e, shown))
	}
	r.Glossary = glossary(p.Config.Glossary.Terms, p.Config.Glossary.Keep, p.Chain(e.Loc), seg.Text)
	r.NeedsWork = st < project.Translated || slices.ContainsFunc(r.Findings, edit.Blocks)
	return r
}

// term is a glossary term found in a source text and what the locale
// must write for it.
type term struct {
	Source string `json:"source"`
	Target string `json:"target"`
	// Keep says the term stays as written (a drug or brand name).
	Keep bool `json:"keep,omitempty"`
}

// glossary lists the glossary terms that occur in src (ignoring case)
// with the term the nearest locale of a locale's chain requires.
func glossary(terms map[string]map[string]string, keep []string, chain []language.Tag, src string) []term {
	lower := strings.ToLower(src)
	var out []term
	for _, k := range keep {
		if _, own := terms[k]; !own && strings.Contains(lower, strings.ToLower(k)) {
			out = append(out, term{Source: k, Target: k, Keep: true})
		}
	}
	for s, per := range terms {
		if !strings.Contains(lower, strings.ToLower(s)) {
			continue
		}
		for _, t := range chain {
			if want, ok := per[t.String()]; ok {
				out = append(out, term{Source: s, Target: want})
				break
			}
		}
	}
	slices.SortFunc(out, func(a, b term) int { return strings.Compare(a.Source, b.Source) })
	return out
}
