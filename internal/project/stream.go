package project

import (
	"maps"
	"slices"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/plan"
	"github.com/healthloc/healthloc/internal/workarea"
	"github.com/healthloc/healthloc/internal/workers"
)

// docBatch is how many documents streamExtract parses before it hands
// their source catalogs over.
const docBatch = 1024

// streamExtract is ExtractTo for a lean Project, in memory that follows
// the largest document and what changed rather than the project:
//
//  1. It parses the documents a batch at a time, on all cores, hands over
//     their source catalogs and writes each one's catalog.SourceDoc to a
//     temporary file, keeping only a vocabulary and 8 bytes per message
//     ID.
//  2. It merges the target locales one after the other, each with
//     catalog.StreamMerge, which reads the sources and a locale's catalogs
//     a batch of slugs at a time, using every core.
func (p *Project) streamExtract(opts ExtractOptions, emit func(plan.Plan) error) (ExtractReport, error) {
	rep := ExtractReport{Documents: len(p.files) - 1} // the report counts content, not the page text
	sp, err := newSpill(p.spillDir)
	if err != nil {
		return rep, err
	}
	defer sp.close()
	src, err := p.streamSources(sp, emit, &rep)
	if err != nil {
		return rep, err
	}
	for _, loc := range p.Config.Targets() {
		change, err := p.streamLocale(loc, src, opts, emit)
		if err != nil {
			return rep, err
		}
		rep.Locales = append(rep.Locales, change)
		if change.MovedOut+change.MovedReviews > 0 || p.legacy[change.Locale] {
			rep.Migrated = true
		}
	}
	return rep, nil
}

// sources is what streamSources leaves for the merges.
type sources struct {
	sp *spill
	// slugs are every slug with a current or an old source, sorted.
	slugs []string
	// current holds every current message ID, old every ID of the old
	// source catalogs.
	current, old idSet
	// shared tells that an ID is in two slugs' sources, which only Merge
	// handles.
	shared bool
	vocab  *catalog.Vocab
}

// streamSources parses the documents, hands over their source catalogs
// (stage 1, so written last) and the removal of the old ones whose
// document is gone, and spills every slug's source.
func (p *Project) streamSources(sp *spill, emit func(plan.Plan) error, rep *ExtractReport) (*sources, error) {
	srcTag := p.Config.Source()
	s := &sources{sp: sp, vocab: catalog.NewVocab()}
	oldName := map[string]string{}
	if dir, ok := p.localeDirs[srcTag.String()]; ok {
		slugs, names, err := p.catalogFiles(dir)
		if err != nil {
			return nil, err
		}
		for i, slug := range slugs {
			oldName[slug] = names[i]
		}
	}
	readOld := func(slug string) (*catalog.Catalog, error) {
		if name, ok := oldName[slug]; ok {
			return p.readCatalog(name)
		}
		return nil, nil
	}
	type parsed struct {
		doc  *Doc
		src  *catalog.SourceDoc
		data []byte
	}
	res := make([]parsed, docBatch)
	var u uniqueness
	var part plan.Plan
	flush := func() error {
		err := emit(part)
		part = plan.Plan{}
		return err
	}
	err := workers.Batched(len(p.files), docBatch, func(i int) error {
		d, err := p.parseFile(p.files[i], p.encoding)
		if err != nil {
			return err
		}
		old, err := readOld(d.Slug)
		if err != nil {
			return err
		}
		p.syntax.note(d)
		res[i%docBatch] = parsed{d, catalog.NewSourceDoc(d.Source, old), catalog.Marshal(d.Source)}
		return nil
	}, func(i int) error {
		r := res[i%docBatch]
		res[i%docBatch] = parsed{}
		if err := u.check(p.Config.ContentRoot, r.doc); err != nil {
			return err
		}
		delete(oldName, r.doc.Slug)
		if err := s.add(r.doc.Slug, r.src); err != nil {
			return err
		}
		if !r.doc.IsUI() {
			rep.Messages += len(r.doc.Source.Messages)
		}
		part.Files = append(part.Files, plan.File{Path: p.CatalogPath(srcTag, r.doc.Slug), Data: r.data, Stage: StageSource})
		if p.progress != nil {
			p.progress(i+1, len(p.files))
		}
		if len(part.Files) == docBatch {
			return flush()
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// old source catalogs whose document is gone (deleted or moved): their
	// translations move or stay obsolete, and the catalog goes
	for _, slug := range slices.Sorted(maps.Keys(oldName)) {
		old, err := readOld(slug)
		if err != nil {
			return nil, err
		}
		if err := s.add(slug, catalog.NewSourceDoc(nil, old)); err != nil {
			return nil, err
		}
		part.Remove = append(part.Remove, p.CatalogPath(srcTag, slug))
	}
	if err := flush(); err != nil {
		return nil, err
	}
	if err := sp.done(); err != nil {
		return nil, err
	}
	s.slugs = slices.Sorted(maps.Keys(sp.at))
	s.shared = s.current.seal()
	s.shared = s.old.seal() || s.shared
	return s, nil
}

// add numbers and spills one slug's source and notes its IDs.
func (s *sources) add(slug string, d *catalog.SourceDoc) error {
	s.vocab.Number(d)
	for _, m := range d.Msgs {
		s.current.add(m.ID)
		if m.InOld {
			s.old.add(m.ID)
		}
	}
	for _, m := range d.Old {
		s.old.add(m.ID)
	}
	return s.sp.add(slug, d)
}

// streamLocale merges one target locale's catalogs with the sources and
// hands over its served catalogs, work files and reviews.
func (p *Project) streamLocale(loc language.Tag, s *sources, opts ExtractOptions, emit func(plan.Plan) error) (LocaleChange, error) {
	change := LocaleChange{Locale: loc.String()}
	st, err := p.readState(loc.String())
	if err != nil {
		return change, err
	}
	tslugs, trefs, err := p.localeFiles(loc.String())
	if err != nil {
		return change, err
	}
	// The work files are read ahead for the previous sources, which the
	// merge needs for every slug, and the candidates; they are few next
	// to the served catalogs.
	for i, ref := range trefs {
		if ref.work == "" {
			continue
		}
		_, doc, err := p.readDoc(loc.String(), docRef{work: ref.work})
		if err != nil {
			return change, err
		}
		absorb(st, tslugs[i], doc)
	}
	candidates := map[string]map[string]workarea.Candidate{}
	for id, c := range st.Candidates {
		if candidates[c.Slug] == nil {
			candidates[c.Slug] = map[string]workarea.Candidate{}
		}
		candidates[c.Slug][id] = c
	}
	// every slug with a source or a catalog, and its files
	var slugs []string
	var refs []docRef
	for i, j := 0, 0; i < len(s.slugs) || j < len(tslugs); {
		switch {
		case j == len(tslugs) || i < len(s.slugs) && s.slugs[i] < tslugs[j]:
			slugs, refs = append(slugs, s.slugs[i]), append(refs, docRef{})
			i++
		case i == len(s.slugs) || tslugs[j] < s.slugs[i]:
			slugs, refs = append(slugs, tslugs[j]), append(refs, trefs[j])
			j++
		default:
			slugs, refs = append(slugs, s.slugs[i]), append(refs, trefs[j])
			i, j = i+1, j+1
		}
	}
	look, err := memoryFor(opts, loc)
	if err != nil {
		return change, err
	}
	emitted := make([]bool, len(slugs))
	previous := make(map[string]string, len(st.Previous))
	for id, pr := range st.Previous {
		previous[id] = pr.Source
	}
	res, err := catalog.StreamMerge(catalog.StreamInput{
		Slugs:  slugs,
		Source: func(i int) (*catalog.SourceDoc, error) { return s.sp.read(slugs[i]) },
		Target: func(i int) (*catalog.Catalog, error) {
			if refs[i] == (docRef{}) {
				if slugs[i] == UISlug {
					return p.shippedUI(loc.String()), nil
				}
				return nil, nil
			}
			c, _, err := p.readDoc(loc.String(), refs[i])
			return c, err
		},
		Current: s.current.has, Old: s.old.has, Whole: s.shared, Vocab: s.vocab,
		Previous: previous, Threshold: opts.Threshold, NoMemory: opts.NoMemory, Prune: opts.Prune,
		Emit: func(docs []catalog.Emitted) error {
			for _, d := range docs {
				emitted[d.Slug] = true
			}
			return p.emitDocs(loc, slugs, refs, docs, candidates, st, look, emit)
		},
	})
	if err != nil {
		return change, err
	}
	if look != nil {
		if err := p.memoryRest(loc, s, slugs, refs, emitted, candidates, st, look, emit); err != nil {
			return change, err
		}
	}
	change.MergeReport = res.Report
	// a document whose work file holds only candidates has no catalog
	// for the merge and is not emitted: its file stays as it is
	var part plan.Plan
	next := p.PlanReviews(loc, st)
	part.Files, part.Remove = append(part.Files, next.Files...), append(part.Remove, next.Remove...)
	p.finish(&change)
	return change, emit(part)
}

// emitDocs hands over the files of a batch of merged documents.
func (p *Project) emitDocs(loc language.Tag, slugs []string, refs []docRef, docs []catalog.Emitted,
	candidates map[string]map[string]workarea.Candidate, st *workarea.State, look MemoryLookup, emit func(plan.Plan) error) error {
	parts := make([]plan.Plan, len(docs))
	err := workers.Map(len(docs), 0, func(k int) error {
		slug := slugs[docs[k].Slug]
		cands := candidates[slug]
		if src := docs[k].Source; src != nil && look != nil {
			cands = fromMemory(look, slug, src.Msgs, docs[k].Cat, cands, st.Candidates)
			p.fromMemory.add(loc.String(), len(cands)-len(candidates[slug]))
		}
		return p.addDoc(&parts[k], loc, slug, refs[docs[k].Slug], docs[k], cands, st)
	})
	if err != nil {
		return err
	}
	var part plan.Plan
	for k := range docs {
		part.Files, part.Remove, part.Then = append(part.Files, parts[k].Files...), append(part.Remove, parts[k].Remove...), append(part.Then, parts[k].Then...)
	}
	return emit(part)
}

// addDoc adds to pl the files of one merged document, given the files it
// had.
func (p *Project) addDoc(pl *plan.Plan, loc language.Tag, slug string, ref docRef, d catalog.Emitted,
	candidates map[string]workarea.Candidate, st *workarea.State) error {
	var old *workarea.DocFile
	if ref.work != "" {
		var err error
		if _, old, err = p.readDoc(loc.String(), docRef{work: ref.work}); err != nil {
			return err
		}
	}
	out := DocOut{Catalog: d.Cat, Current: d.Source.Current, Previous: d.Previous, Candidates: candidates,
		Syntax: func(id string) (bool, bool) { return p.syntax.of(slug, id) }}
	if d.Cat != nil {
		d.Cat.Locale = loc.String()
	}
	part, moved := p.planDoc(loc, slug, out, st, old, ref.served != "")
	p.moved.add(loc.String(), moved)
	pl.Files, pl.Remove, pl.Then = append(pl.Files, part.Files...), append(pl.Remove, part.Remove...), append(pl.Then, part.Then...)
	return nil
}
