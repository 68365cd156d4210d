package project

import (
	"maps"
	"slices"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/plan"
	"github.com/healthloc/healthloc/internal/workers"
	"github.com/healthloc/healthloc/internal/workflow"
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
		part.Files = append(part.Files, plan.File{Path: p.CatalogPath(srcTag, r.doc.Slug), Data: r.data, Stage: 1})
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
// hands over its catalogs and sidecar.
func (p *Project) streamLocale(loc language.Tag, s *sources, opts ExtractOptions, emit func(plan.Plan) error) (LocaleChange, error) {
	change := LocaleChange{Locale: loc.String()}
	var tslugs, tnames []string
	wf := workflow.New()
	if dir, ok := p.localeDirs[loc.String()]; ok {
		var err error
		if tslugs, tnames, err = p.catalogFiles(dir); err != nil {
			return change, err
		}
		w, err := p.readSidecar(dir)
		if err != nil {
			return change, err
		}
		if w != nil {
			wf = w
		}
	}
	// every slug with a source or a catalog, and its catalog's file
	var slugs, names []string
	for i, j := 0, 0; i < len(s.slugs) || j < len(tslugs); {
		switch {
		case j == len(tslugs) || i < len(s.slugs) && s.slugs[i] < tslugs[j]:
			slugs, names = append(slugs, s.slugs[i]), append(names, "")
			i++
		case i == len(s.slugs) || tslugs[j] < s.slugs[i]:
			slugs, names = append(slugs, tslugs[j]), append(names, tnames[j])
			j++
		default:
			slugs, names = append(slugs, s.slugs[i]), append(names, tnames[j])
			i, j = i+1, j+1
		}
	}
	previous := make(map[string]string, len(wf.Previous))
	for id, pr := range wf.Previous {
		previous[id] = pr.Source
	}
	res, err := catalog.StreamMerge(catalog.StreamInput{
		Slugs:  slugs,
		Source: func(i int) (*catalog.SourceDoc, error) { return s.sp.read(slugs[i]) },
		Target: func(i int) (*catalog.Catalog, error) {
			if names[i] == "" {
				if slugs[i] == UISlug {
					return p.shippedUI(loc.String()), nil
				}
				return nil, nil
			}
			return p.readCatalog(names[i])
		},
		Current: s.current.has, Old: s.old.has, Whole: s.shared, Vocab: s.vocab,
		Previous: previous, Threshold: opts.Threshold, NoMemory: opts.NoMemory, Prune: opts.Prune,
		Emit: func(is []int, cats []*catalog.Catalog) error {
			var part plan.Plan
			var encode []*catalog.Catalog
			for k, i := range is {
				path := p.CatalogPath(loc, slugs[i])
				if cats[k] == nil {
					part.Remove = append(part.Remove, path)
					continue
				}
				cats[k].Locale = loc.String()
				part.Files = append(part.Files, plan.File{Path: path})
				encode = append(encode, cats[k])
			}
			marshalAll(part.Files, encode)
			return emit(part)
		},
	})
	if err != nil {
		return change, err
	}
	change.MergeReport = res.Report
	var part plan.Plan
	p.addSidecar(&part, loc, wf, res.Previous)
	return change, emit(part)
}
