package project

import (
	"strings"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/workarea"
)

// MemoryOrigin begins the origin of a candidate that a translation
// memory from outside proposed: "memory: agency-2019.tmx".
const MemoryOrigin = "memory: "

// OutsideMemory is a translation memory from outside the project (TMX,
// PO and XLIFF files an agency or a translator's tool delivered; see
// internal/memory). Extract proposes its exact matches for the messages
// it leaves without any translation as candidates waiting for review,
// never as translations.
type OutsideMemory interface {
	// For returns loc's exact-match lookup: the translation of a source
	// text (key is catalog.KeyOf(source)) and the candidate's origin. It
	// is nil when loc has no memory, and called from several goroutines.
	For(loc language.Tag) (MemoryLookup, error)
}

// MemoryLookup finds the memory's translation of a source text.
type MemoryLookup func(source string, key catalog.NormKey) (text, origin string, ok bool)

// memoryFor is loc's lookup in the extract's memory, nil when there is
// none.
func memoryFor(opts ExtractOptions, loc language.Tag) (MemoryLookup, error) {
	if opts.Memory == nil || opts.NoMemory {
		return nil, nil
	}
	return opts.Memory.For(loc)
}

// fromMemory adds to a document's candidates the memory's translation of
// every current message that has none: no translation in the merged
// catalog c (nil: none at all) and no candidate in the locale, even a
// rejected one (all). It returns cands, or a copy with the additions.
func fromMemory(look MemoryLookup, slug string, msgs []catalog.SourceMsg, c *catalog.Catalog,
	cands, all map[string]workarea.Candidate) map[string]workarea.Candidate {
	if look == nil || slug == UISlug {
		return cands
	}
	out := cands
	for _, m := range msgs {
		if c != nil && c.Messages[m.ID].Other != "" {
			continue
		}
		if _, ok := all[m.ID]; ok {
			continue
		}
		text, origin, ok := look(m.Other, m.Norm)
		if !ok {
			continue
		}
		if len(out) == len(cands) {
			out = make(map[string]workarea.Candidate, len(cands)+1)
			for id, c := range cands {
				out[id] = c
			}
		}
		out[m.ID] = workarea.Candidate{Slug: slug, Hash: strings.Clone(m.Hash), Other: text, Origin: origin}
	}
	return out
}

// sourceMsgs are a source catalog's messages with their keys, for
// fromMemory in an extract of a Project loaded whole.
func sourceMsgs(c *catalog.Catalog) []catalog.SourceMsg {
	if c == nil {
		return nil
	}
	out := make([]catalog.SourceMsg, 0, len(c.Messages))
	for _, m := range c.Messages {
		out = append(out, catalog.SourceMsg{Message: m, Norm: catalog.KeyOf(m.Other)})
	}
	return out
}

// memoryCandidates adds the memory's candidates to next, the state of an
// extract of a Project loaded whole, given the merged catalogs, and notes
// the documents that gained some in slugs. An error reading the memory
// leaves the candidates as they were: a whole extract cannot fail.
func (p *Project) memoryCandidates(loc language.Tag, merged map[string]*catalog.Catalog, next *workarea.State, slugs map[string]bool, opts ExtractOptions) {
	look, err := memoryFor(opts, loc)
	if err != nil || look == nil {
		return
	}
	bySlug := map[string]map[string]workarea.Candidate{}
	for id, c := range next.Candidates {
		if bySlug[c.Slug] == nil {
			bySlug[c.Slug] = map[string]workarea.Candidate{}
		}
		bySlug[c.Slug][id] = c
	}
	for _, d := range p.Docs {
		had := bySlug[d.Slug]
		for id, c := range fromMemory(look, d.Slug, sourceMsgs(d.Source), merged[d.Slug], had, next.Candidates) {
			if _, ok := next.Candidates[id]; !ok {
				next.Candidates[id] = c
				slugs[d.Slug] = true
				p.fromMemory.add(loc.String(), 1)
			}
		}
	}
}
