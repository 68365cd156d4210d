package server

import (
	"net/http"
	"slices"
	"strings"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/diff"
	"github.com/healthloc/healthloc/internal/memory"
	"github.com/healthloc/healthloc/internal/project"
)

// suggestion is a translation memory match: another message of the
// project, whose source is like this one's, and its translation.
type suggestion struct {
	// Score is the similarity of the sources, 0 to 100; 100 is exact.
	Score    int    `json:"score"`
	Document string `json:"document"`
	// Source is the other message's source; Diff how this entry's source
	// differs from it.
	Source string       `json:"source"`
	Diff   []diff.Chunk `json:"diff,omitempty"`
	// Text is its translation, as tokens of this entry where they match.
	Text []Part `json:"text"`
	// Plain is the translation as stored.
	Plain string `json:"plain"`
	// From is the locale the translation comes from, when inherited.
	From string `json:"from,omitempty"`
	// Origin names the translation memory from outside the project the
	// match comes from ("memory: agency.tmx"); Document is empty then.
	Origin string `json:"origin,omitempty"`
}

// minSimilarity is the lowest source similarity worth suggesting.
const minSimilarity = 0.5

// maxSuggestions is how many matches are shown at most.
const maxSuggestions = 5

// suggest finds the current translations in the entry's locale (its own
// or inherited) of messages whose sources are like the entry's, and the
// matches of the locale's translation memory from outside, best first.
func suggest(t target, mem *memory.Index) []suggestion {
	p, e := t.snap.p, t.entry
	src := e.Doc.Source.Messages[e.ID].Other
	var out []suggestion
	seen := map[string]bool{e.ID: true}
	for _, d := range p.Docs {
		for _, id := range d.IDs {
			if seen[id] {
				continue
			}
			seen[id] = true
			other := d.Source.Messages[id].Other
			sim := catalog.Similarity(src, other)
			if sim < minSimilarity {
				continue
			}
			r := p.Resolve(e.Loc, d, id, false)
			if r.State < project.Translated {
				continue
			}
			s := suggestion{Score: int(sim * 100), Document: d.Path, Source: other, Plain: r.Text,
				Text: translationParts(t.seg, r.Text, t.codes)}
			if !r.Own {
				s.From = r.From.String()
			}
			if other != src {
				s.Diff = diff.Words(other, src)
			}
			out = append(out, s)
		}
	}
	if mem != nil {
		for _, m := range mem.Suggest(src, maxSuggestions) {
			s := suggestion{Score: m.Score, Origin: m.Origin, Source: m.Source, Plain: m.Target,
				Text: translationParts(t.seg, m.Target, t.codes)}
			if m.Source != src {
				s.Diff = diff.Words(m.Source, src)
			}
			out = append(out, s)
		}
	}
	// The project's own translations come before a memory's at the same
	// score: they have been through this project's review.
	slices.SortStableFunc(out, func(a, b suggestion) int {
		if a.Score != b.Score {
			return b.Score - a.Score
		}
		if (a.Origin == "") != (b.Origin == "") {
			if a.Origin == "" {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Document, b.Document)
	})
	if len(out) > maxSuggestions {
		out = out[:maxSuggestions]
	}
	return out
}

// apiSuggest answers the translation memory matches and glossary terms
// of one entry.
func (s *Server) apiSuggest(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	t, ok := s.readTarget(w, r, q.Get("locale"), q.Get("document"), q.Get("id"))
	if !ok {
		return
	}
	cfg := t.snap.cfg
	sugg := suggest(t, s.store.memory(t.snap, t.entry.Loc))
	if sugg == nil {
		sugg = []suggestion{}
	}
	terms := glossary(cfg.Glossary.Terms, cfg.Glossary.Keep, t.snap.p.Chain(t.entry.Loc), t.seg.Text)
	if terms == nil {
		terms = []term{}
	}
	html := s.fragment("suggestions", map[string]any{"Suggestions": sugg, "Glossary": terms,
		"Source": infoOf(cfg.Source()), "Locale": infoOf(t.entry.Loc)})
	writeJSON(w, http.StatusOK, map[string]any{"suggestions": sugg, "glossary": terms, "html": html})
}
