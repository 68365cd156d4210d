// Package exchange is the format-neutral model of a translator hand-off:
// what an export file holds (units with source, target, state, context
// and the translation it was made from) and how an imported file is
// merged back into the catalogs. The po, xliff and tmx packages only
// encode and decode this model.
//
// Inline Markdown is protected: the parts of a segment that are not
// prose (link targets, inline code, emphasis markers, HTML) become
// numbered placeholders, written "<1/>" in Source and Target and as
// inline codes by the XML formats, so a translator cannot break a URL.
// Import puts the exact bytes back.
package exchange

import (
	"sort"
	"strings"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/content"
	"github.com/healthloc/healthloc/internal/project"
)

// Meta prefixes are the comment (PO) or note (XLIFF) lines that carry
// healthloc's bookkeeping through translation tools: the message ID,
// for tools that drop msgctxt or unit names, and the base, the TextHash
// of the catalog's translation when the file was exported ("" hashes to
// the hash of the empty string), which import compares with the catalog
// to detect that someone else changed the translation meanwhile.
const (
	MetaID   = "healthloc-id: "
	MetaBase = "healthloc-base: "
)

// Unit is one message in an exchange file.
type Unit struct {
	// ID is the message ID.
	ID string
	// Kind is the segment kind (title, paragraph, …).
	Kind string
	// Context is the heading path, outermost first.
	Context []string
	// Source and Target are the texts with inline markup replaced by
	// "<n/>" placeholders standing for Codes[n-1].
	Source, Target string
	// Codes are the protected pieces of the source, verbatim.
	Codes []string
	// Previous is the source a stale translation was made from, when
	// known, protected like Source.
	Previous string
	State    project.State
	// From is the parent locale a regional locale inherits Target from
	// (es for es-MX) when its own catalog has no translation; "" else.
	From string
	// Base is MetaBase's value; "" when the file has none.
	Base string
	// Fuzzy marks an imported target its translator did not finish
	// (PO fuzzy flag, an XLIFF new, needs-* or initial state).
	Fuzzy bool
	// FileState is the state an imported file gives the target: "fuzzy"
	// (PO), the XLIFF state ("needs-translation", "initial"), or "".
	FileState string
	// Line is where the unit starts in the imported file.
	Line int
	// Refs are an imported unit's references; when ID is "", a reference
	// that is a message ID names the unit (xliff2po puts it there).
	Refs []string
	// Origin says where a candidate's Target came from ("align:
	// es/guide.md"), for the reviewer.
	Origin string
	// Suggestion is a candidate a reviewer rejected, offered to the
	// translator of a missing message; Rejected says who and why.
	Suggestion, Rejected string
	// Matches are suggestions from a translation memory, best first.
	Matches []Match
}

// Match is a translation memory's suggestion for a unit: a similar
// source and its translation, protected like the unit's texts.
type Match struct {
	Source, Target string
	// Origin names the memory; Score is how alike the sources are, in
	// percent.
	Origin string
	Score  int
}

// Protected is a text written with a unit's markup (a suggestion), with
// each piece of markup that is one of the unit's codes as its
// placeholder.
func (u Unit) Protected(raw string) string {
	if len(u.Codes) > 0 && htmlTagRe.FindString(u.Codes[0]) == u.Codes[0] {
		return ProtectTagsWith(raw, u.Codes)
	}
	return ProtectWith(raw, u.Codes)
}

// ReadMeta applies a bookkeeping line (MetaID, MetaBase) of a note or
// comment to u, and reports whether it was one. A unit that has an ID
// keeps it.
func (u *Unit) ReadMeta(line string) bool {
	switch {
	case strings.HasPrefix(line, MetaID):
		if u.ID == "" {
			u.ID = strings.TrimSpace(strings.TrimPrefix(line, MetaID))
		}
	case strings.HasPrefix(line, MetaBase):
		u.Base = strings.TrimSpace(strings.TrimPrefix(line, MetaBase))
	default:
		return false
	}
	return true
}

// NeedsReview is the note of a candidate in an exported file: why it is
// marked, and how a reviewer approves it.
func (u Unit) NeedsReview() string {
	from := ""
	if u.Origin != "" {
		from = " (" + u.Origin + ")"
	}
	return "needs review: a candidate translation" + from + " that no reviewer has approved yet"
}

// Doc is the units of one source document, in document order.
type Doc struct {
	// Path is the document's path relative to the content root.
	Path  string
	Units []Unit
}

// File is the content of one exchange file.
type File struct {
	// Path names the file in import errors and reports.
	Path string
	// TagCodes says the numbered inline tags of HTML segments travel as
	// inline codes (XLIFF, TMX). Without it (PO) they are literal text:
	// they already are protected tokens, and "<3/>" in a PO string is a
	// tag, not a placeholder.
	TagCodes bool
	// SourceLocale and Locale are the languages of the sources and the
	// targets; Locale is "" when an imported file does not say.
	SourceLocale, Locale string
	// Reviewer names the medical reviewer of the file's candidates: the
	// X-Reviewer header of a PO file, a healthloc-reviewer note in XLIFF.
	Reviewer string
	// Tool and Date are what an imported file's header says made it and
	// when (X-Generator and PO-Revision-Date, XLIFF 1.2 tool and date).
	Tool, Date string
	Docs       []Doc
}

// HasCandidates reports whether f holds a candidate, so that its header
// asks for a reviewer.
func (f *File) HasCandidates() bool {
	for _, d := range f.Docs {
		for _, u := range d.Units {
			if u.State == project.Candidate {
				return true
			}
		}
	}
	return false
}

// Units returns every unit of f in order.
func (f *File) Units() []Unit {
	var out []Unit
	for _, d := range f.Docs {
		out = append(out, d.Units...)
	}
	return out
}

// Only selects which states an export includes.
type Only map[project.State]bool

// ParseOnly reads a comma-separated list of missing, stale, review (the
// candidates waiting for review; "candidate" is the same), translated,
// reviewed or all.
func ParseOnly(list []string) (Only, bool) {
	o := Only{}
	for _, s := range list {
		switch strings.TrimSpace(s) {
		case "all":
			o[project.Missing], o[project.Stale], o[project.Candidate], o[project.Translated], o[project.Reviewed] = true, true, true, true, true
		case "review", "candidate", "candidates":
			o[project.Candidate] = true
		case "missing":
			o[project.Missing] = true
		case "stale":
			o[project.Stale] = true
		case "translated":
			o[project.Translated] = true
		case "reviewed":
			o[project.Reviewed] = true
		default:
			return nil, false
		}
	}
	return o, len(o) > 0
}

// Export builds the exchange file of loc: one Doc per document, with
// each distinct message once, in document order. Units whose state only
// does not select are left out; documents left empty are dropped.
func Export(p *project.Project, loc language.Tag, only Only, tagCodes bool) *File {
	f := &File{SourceLocale: p.Config.Source().String(), Locale: loc.String(), TagCodes: tagCodes}
	wf := p.WorkflowState(loc)
	for _, d := range p.Docs {
		ed := Doc{Path: d.Path}
		seen := map[string]bool{}
		for i, seg := range d.Segments {
			id := d.IDs[i]
			if seen[id] {
				continue
			}
			seen[id] = true
			st, text, from := lookup(p, loc, d, id)
			if !only[st] {
				continue
			}
			src, codes := protectSegment(seg, seg.Text, tagCodes)
			u := Unit{
				ID: id, Kind: string(seg.Kind), Context: seg.Headings,
				Source: src, Codes: codes, State: st, From: from,
				Base: project.TextHash(catalogText(p, loc, d, id)),
			}
			if text != "" {
				u.Target = protectSegmentWith(seg, text, codes)
			}
			switch c := wf.Candidates[id]; {
			case st == project.Stale:
				if prev, ok := wf.Previous[id]; ok && prev.Source != "" {
					u.Previous = protectSegmentWith(seg, prev.Source, codes)
				}
			case st == project.Candidate:
				u.Origin = c.Origin
			case st == project.Missing && c.Rejected != "" && c.Other != "" && c.Hash == d.Source.Messages[id].Hash:
				u.Suggestion, u.Rejected = c.Other, c.Rejected
			}
			ed.Units = append(ed.Units, u)
		}
		if len(ed.Units) > 0 {
			f.Docs = append(f.Docs, ed)
		}
	}
	return f
}

// lookup is the state and text of a message as status counts it: loc's
// own translation, else what loc inherits from a parent locale along its
// fallback chain (a translation first, else a stale one), with that
// parent.
func lookup(p *project.Project, loc language.Tag, d *project.Doc, id string) (project.State, string, string) {
	if st, text := p.Lookup(loc, d, id); st != project.Missing {
		return st, text, ""
	}
	if r := p.Resolve(loc, d, id, false); r.State >= project.Translated {
		return r.State, r.Text, r.From.String()
	}
	for _, t := range p.Chain(loc)[1:] {
		if t == p.Config.Source() {
			break
		}
		if st, text := p.Lookup(t, d, id); st == project.Stale {
			return st, text, t.String()
		}
	}
	return project.Missing, "", ""
}

// catalogText is the translation in loc's catalog, whatever its state.
func catalogText(p *project.Project, loc language.Tag, d *project.Doc, id string) string {
	if c := p.Catalog(loc, d.Slug); c != nil {
		return c.Messages[id].Other
	}
	return ""
}

// protectSegment protects a segment's text by its syntax: Markdown
// markup, or the numbered inline tags of an HTML segment.
func protectSegment(seg content.Segment, s string, tagCodes bool) (string, []string) {
	if seg.Syntax == content.SyntaxHTML {
		if !tagCodes {
			return s, nil
		}
		return ProtectTags(s)
	}
	return Protect(s, isMarkdown(seg))
}

// protectSegmentWith protects a translation of seg with its source codes.
func protectSegmentWith(seg content.Segment, t string, codes []string) string {
	if seg.Syntax == content.SyntaxHTML {
		return ProtectTagsWith(t, codes)
	}
	return ProtectWith(t, codes)
}

// isMarkdown reports whether a segment's text is Markdown inline content,
// whose markup gets protected. Front-matter values, plain-text
// paragraphs and alt text are plain.
func isMarkdown(seg content.Segment) bool {
	switch seg.Syntax {
	case content.SyntaxBlock, content.SyntaxLine, content.SyntaxCell:
		return true
	}
	return false
}

// CopySource fills the target of every missing unit with its source, as
// tools that translate targets in place need (OmegaT with XLIFF 1.2):
// the unit stays missing (XLIFF needs-translation or initial, PO fuzzy),
// and import takes a target still equal to its source for untranslated.
func (f *File) CopySource() {
	for i := range f.Docs {
		for j := range f.Docs[i].Units {
			if u := &f.Docs[i].Units[j]; u.State == project.Missing && u.Target == "" {
				u.Target = u.Source
			}
		}
	}
}

// Split returns one file per document of f, named by document path.
func (f *File) Split() []*File {
	var out []*File
	for _, d := range f.Docs {
		out = append(out, &File{Path: d.Path, SourceLocale: f.SourceLocale, Locale: f.Locale, Docs: []Doc{d}, TagCodes: f.TagCodes})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}
