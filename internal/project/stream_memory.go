package project

import (
	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/plan"
)

// memoryRest proposes the memory's candidates for the documents the
// streaming merge did not emit: those with no translation in the locale
// at all, which it leaves as they are. It reads their spilled sources
// once, and hands over the files of those that gain a candidate.
func (ls *localeStream) memoryRest(emitted []bool) error {
	var part plan.Plan
	for i, slug := range ls.slugs {
		if emitted[i] {
			continue
		}
		src, err := ls.src.sp.read(slug)
		if err != nil {
			return err
		}
		if src == nil || len(src.Msgs) == 0 {
			continue
		}
		cands := fromMemory(ls.look, slug, src.Msgs, nil, ls.candidates[slug], ls.st.Candidates)
		if len(cands) == len(ls.candidates[slug]) {
			continue
		}
		ls.p.fromMemory.add(ls.loc.String(), len(cands)-len(ls.candidates[slug]))
		if err := ls.addDoc(&part, catalog.Emitted{Slug: i, Source: src}, cands); err != nil {
			return err
		}
		if len(part.Files) >= docBatch {
			if err := ls.emit(part); err != nil {
				return err
			}
			part = plan.Plan{}
		}
	}
	return ls.emit(part)
}
