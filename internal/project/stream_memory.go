package project

import (
	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/plan"
	"github.com/healthloc/healthloc/internal/workarea"
)

// memoryRest proposes the memory's candidates for the documents the
// streaming merge did not emit: those with no translation in loc at all,
// which it leaves as they are. It reads their spilled sources once, and
// hands over the files of those that gain a candidate.
func (p *Project) memoryRest(loc language.Tag, s *sources, slugs []string, refs []docRef, emitted []bool,
	candidates map[string]map[string]workarea.Candidate, st *workarea.State, look MemoryLookup, emit func(plan.Plan) error) error {
	var part plan.Plan
	for i, slug := range slugs {
		if emitted[i] {
			continue
		}
		src, err := s.sp.read(slug)
		if err != nil {
			return err
		}
		if src == nil || len(src.Msgs) == 0 {
			continue
		}
		cands := fromMemory(look, slug, src.Msgs, nil, candidates[slug], st.Candidates)
		if len(cands) == len(candidates[slug]) {
			continue
		}
		p.fromMemory.add(loc.String(), len(cands)-len(candidates[slug]))
		if err := p.addDoc(&part, loc, slug, refs[i], catalog.Emitted{Slug: i, Source: src}, cands, st); err != nil {
			return err
		}
		if len(part.Files) >= docBatch {
			if err := emit(part); err != nil {
				return err
			}
			part = plan.Plan{}
		}
	}
	return emit(part)
}
