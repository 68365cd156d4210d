package project

import (
	"maps"
	"slices"
	"strings"

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
		// the locale is done: its checks' answers leave memory (at
		// 100,000 documents × 10 locales they were a fifth of it)
		p.findings.Release(loc.String())
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
	oldFiles := map[string]string{} // slug → its source catalog on disk
	if dir, ok := p.localeDirs[srcTag.String()]; ok {
		slugs, names, err := p.catalogFiles(dir)
		if err != nil {
			return nil, err
		}
		for i, slug := range slugs {
			oldFiles[slug] = names[i]
		}
	}
	part, err := p.spillDocs(s, oldFiles, emit, rep)
	if err != nil {
		return nil, err
	}
	// old source catalogs whose document is gone (deleted or moved): their
	// translations move or stay obsolete, and the catalog goes
	for _, slug := range slices.Sorted(maps.Keys(oldFiles)) {
		old, err := p.readCatalog(oldFiles[slug])
		if err != nil {
			return nil, err
		}
		if err := s.add(slug, catalog.NewSourceDoc(nil, old)); err != nil {
			return nil, err
		}
		part.Remove = append(part.Remove, p.CatalogPath(srcTag, slug))
	}
	if err := emit(part); err != nil {
		return nil, err
	}
	if err := sp.done(); err != nil {
		return nil, err
	}
	s.slugs = slices.Sorted(maps.Keys(sp.at))
	s.shared = s.current.seal()
	s.shared = s.old.seal() || s.shared
	p.index.whole = s.shared
	return s, nil
}

// spillDocs parses the documents a batch at a time, on all cores, adds
// each one's source to s and hands over its source catalog. oldFiles are
// the source catalogs on disk by slug; spillDocs drops those of the
// documents it finds. It returns the last part, not handed over yet.
func (p *Project) spillDocs(s *sources, oldFiles map[string]string, emit func(plan.Plan) error, rep *ExtractReport) (plan.Plan, error) {
	srcTag := p.Config.Source()
	type parsed struct {
		doc  *Doc
		src  *catalog.SourceDoc
		data []byte
	}
	res := make([]parsed, docBatch)
	var u uniqueness
	var part plan.Plan
	err := workers.Batched(len(p.files), docBatch, func(i int) error {
		d, err := p.parseFile(p.files[i], p.encoding)
		if err != nil {
			return err
		}
		var old *catalog.Catalog
		if name, ok := oldFiles[d.Slug]; ok {
			if old, err = p.readCatalog(name); err != nil {
				return err
			}
		}
		p.syntax.note(d)
		p.index.noteDoc(d)
		res[i%docBatch] = parsed{d, catalog.NewSourceDoc(d.Source, old), catalog.Marshal(d.Source)}
		return nil
	}, func(i int) error {
		r := res[i%docBatch]
		res[i%docBatch] = parsed{}
		if err := u.check(p.Config.ContentRoot, r.doc); err != nil {
			return err
		}
		delete(oldFiles, r.doc.Slug)
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
		if len(part.Files) < docBatch {
			return nil
		}
		err := emit(part)
		part = plan.Plan{}
		return err
	})
	return part, err
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

// localeStream is one target locale's streaming merge: what it reads
// ahead of the merge, and where the files go.
type localeStream struct {
	p   *Project
	loc language.Tag
	src *sources
	st  *workarea.State
	// slugs are every slug with a source or a catalog, sorted, and
	// refs[i] are slugs[i]'s files in the locale.
	slugs []string
	refs  []docRef
	// candidates are st's candidates by slug.
	candidates map[string]map[string]workarea.Candidate
	look       MemoryLookup
	emit       func(plan.Plan) error
	// donors counts, by word number, the up-to-date translations merged
	// so far (see DonorCounts).
	donors []int32
}

// streamLocale merges one target locale's catalogs with the sources and
// hands over its served catalogs, work files and reviews.
func (p *Project) streamLocale(loc language.Tag, s *sources, opts ExtractOptions, emit func(plan.Plan) error) (LocaleChange, error) {
	change := LocaleChange{Locale: loc.String()}
	ls, err := p.newLocaleStream(loc, s, opts, emit)
	if err != nil {
		return change, err
	}
	emitted := make([]bool, len(ls.slugs))
	in := ls.input(opts)
	in.Emit = func(docs []catalog.Emitted) error {
		for _, d := range docs {
			emitted[d.Slug] = true
		}
		return ls.emitDocs(docs)
	}
	res, err := catalog.StreamMerge(in)
	if err != nil {
		return change, err
	}
	if ls.look != nil {
		if err := ls.memoryRest(emitted); err != nil {
			return change, err
		}
	}
	change.MergeReport = res.Report
	p.donors.set(loc.String(), s.vocab.Words(), ls.donors)
	// a document whose work file holds only candidates has no catalog
	// for the merge and is not emitted: its file stays as it is
	p.finish(&change)
	return change, emit(p.PlanReviews(loc, ls.st))
}

// newLocaleStream reads loc's state and lists its files. The work files
// are read ahead for the previous sources, which the merge needs for
// every slug, and the candidates; they are few next to the served
// catalogs.
func (p *Project) newLocaleStream(loc language.Tag, s *sources, opts ExtractOptions, emit func(plan.Plan) error) (*localeStream, error) {
	ls := &localeStream{p: p, loc: loc, src: s, emit: emit, donors: make([]int32, s.vocab.Len())}
	var err error
	if ls.st, err = p.readState(loc.String()); err != nil {
		return nil, err
	}
	// the gate reads the accepted findings from the project's state, as
	// for a Project loaded whole; the locales merge one at a time
	p.Workflow[loc.String()] = ls.st
	tslugs, trefs, err := p.localeFiles(loc.String())
	if err != nil {
		return nil, err
	}
	for i, ref := range trefs {
		if ref.work == "" {
			continue
		}
		_, doc, err := p.readDoc(loc.String(), docRef{work: ref.work})
		if err != nil {
			return nil, err
		}
		absorb(ls.st, tslugs[i], doc)
	}
	ls.candidates = candidatesBySlug(ls.st)
	joinSorted(s.slugs, tslugs, func(slug string, _, j int) {
		ref := docRef{}
		if j >= 0 {
			ref = trefs[j]
		}
		ls.slugs, ls.refs = append(ls.slugs, slug), append(ls.refs, ref)
	})
	if ls.look, err = memoryFor(opts, loc); err != nil {
		return nil, err
	}
	return ls, nil
}

// input is the locale's catalog.StreamInput, but Emit.
func (ls *localeStream) input(opts ExtractOptions) catalog.StreamInput {
	previous := make(map[string]string, len(ls.st.Previous))
	for id, pr := range ls.st.Previous {
		previous[id] = pr.Source
	}
	s, p, loc := ls.src, ls.p, ls.loc.String()
	return catalog.StreamInput{
		Slugs:  ls.slugs,
		Source: func(i int) (*catalog.SourceDoc, error) { return s.sp.read(ls.slugs[i]) },
		Target: func(i int) (*catalog.Catalog, error) {
			if ls.refs[i] == (docRef{}) {
				if ls.slugs[i] == UISlug {
					return p.shippedUI(loc), nil
				}
				return nil, nil
			}
			c, _, err := p.readDoc(loc, ls.refs[i])
			return c, err
		},
		Current: s.current.has, Old: s.old.has, Whole: s.shared, Vocab: s.vocab,
		Previous: previous, Threshold: opts.Threshold, NoMemory: opts.NoMemory, Prune: opts.Prune,
	}
}

// emitDocs hands over the files of a batch of merged documents.
func (ls *localeStream) emitDocs(docs []catalog.Emitted) error {
	parts := make([]plan.Plan, len(docs))
	err := workers.Map(len(docs), 0, func(k int) error {
		slug := ls.slugs[docs[k].Slug]
		cands := ls.candidates[slug]
		if src := docs[k].Source; src != nil && ls.look != nil {
			cands = fromMemory(ls.look, slug, src.Msgs, docs[k].Cat, cands, ls.st.Candidates)
			ls.p.fromMemory.add(ls.loc.String(), len(cands)-len(ls.candidates[slug]))
		}
		return ls.addDoc(&parts[k], docs[k], cands)
	})
	if err != nil {
		return err
	}
	var part plan.Plan
	for k, pk := range parts {
		part.Append(pk)
		ls.countDonors(docs[k])
	}
	return ls.emit(part)
}

// countDonors counts the up-to-date translations of merged document d.
func (ls *localeStream) countDonors(d catalog.Emitted) {
	if d.Cat == nil || d.Source == nil {
		return
	}
	for _, m := range d.Source.Msgs {
		if t, ok := d.Cat.Messages[m.ID]; ok && upToDate(t, m.Message) {
			catalog.CountDonors(ls.donors, m.Toks)
		}
	}
}

// addDoc adds to pl the files of merged document d, given the files it
// had.
func (ls *localeStream) addDoc(pl *plan.Plan, d catalog.Emitted, candidates map[string]workarea.Candidate) error {
	p, loc, slug, ref := ls.p, ls.loc, ls.slugs[d.Slug], ls.refs[d.Slug]
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
	p.index.noteOrphan(slug, d.Cat)
	if d.Source != nil {
		msgs := d.Source.Msgs
		p.index.noteSettled(slug, d.Cat, len(msgs), func(id string) bool {
			_, ok := slices.BinarySearchFunc(msgs, id, func(m catalog.SourceMsg, id string) int { return strings.Compare(m.ID, id) })
			return ok
		})
	}
	part, moved := p.planDoc(loc, slug, out, ls.st, old, ref.served != "")
	p.moved.add(loc.String(), moved)
	pl.Append(part)
	return nil
}
