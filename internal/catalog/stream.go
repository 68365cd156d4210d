package catalog

import (
	"slices"
	"strings"

	"github.com/healthloc/healthloc/internal/workers"
)

// StreamInput is what StreamMerge needs to merge one target locale's
// catalogs with the source a slug at a time, so that memory follows the
// largest document and what changed, not the size of the project.
type StreamInput struct {
	// Slugs are every slug with a current source, an old source catalog
	// or a catalog in the target locale, sorted.
	Slugs []string
	// Source returns slug i's SourceDoc, numbered by Vocab, or nil when
	// the slug has neither a current nor an old source. Target returns
	// slug i's catalog in the target locale, or nil. Both are called from
	// several goroutines, and more than once for a slug.
	Source func(i int) (*SourceDoc, error)
	Target func(i int) (*Catalog, error)
	// Current tells whether id is a current source message of any slug,
	// and Old whether any old source catalog held it. They may answer
	// true wrongly (a hash set may), which only costs speed: StreamMerge
	// then merges the locale whole, in memory, with Merge.
	Current, Old func(id string) bool
	// Whole makes StreamMerge merge the locale with Merge from the start,
	// for inputs it cannot stream (an ID that two slugs share).
	Whole bool
	// Vocab numbered the sources' words.
	Vocab *Vocab
	// Previous, Threshold, NoMemory and Prune are as in MergeInput.
	Previous  map[string]string
	Threshold float64
	NoMemory  bool
	Prune     bool
	// Emit receives the merged catalogs of a batch of slugs in slug
	// order. A slug with neither a catalog before nor entries now is left
	// out.
	Emit func(docs []Emitted) error
}

// Emitted is one slug's result of a streaming merge.
type Emitted struct {
	// Slug is the slug's index in StreamInput.Slugs.
	Slug int
	// Cat is the merged catalog, nil when it has no entries.
	Cat *Catalog
	// Previous holds the source texts that Cat's stale and obsolete
	// translations were made from, where known.
	Previous map[string]string
	// Source is the slug's source, so that what is current can be told
	// from what is not.
	Source *SourceDoc
}

// StreamResult is what StreamMerge did, besides emitting catalogs.
type StreamResult struct {
	// Previous is as in MergeResult.
	Previous map[string]string
	Report   MergeReport
	// Whole tells that the locale was merged in memory with Merge.
	Whole bool
}

// streamBatch is how many slugs StreamMerge holds at once.
const streamBatch = 64

// StreamMerge is Merge for a locale read a slug at a time: it gives the
// same catalogs and report. It reads every slug's source and catalog in
// a first pass, keeping only what the steps across documents need (the
// translations that left the source, and a compact record of each
// message without a translation and of each reusable translation),
// decides every step on those with the code Merge uses (see core),
// fetches the few translations the memory reuses, and reads the slugs
// once more to emit their catalogs.
//
// Inputs that Merge treats across files by ID (a message ID that moved
// between catalog files, or that two catalogs share) are rare and not
// streamed: such a locale is merged whole with Merge.
func StreamMerge(in StreamInput) (StreamResult, error) {
	if in.Threshold == 0 {
		in.Threshold = defaultThreshold
	}
	s := &streamer{in: in}
	s.core = core{slugs: in.Slugs, vocab: in.Vocab.ids, threshold: in.Threshold, each: s.eachReceiverSlug}
	if !in.NoMemory {
		s.mem, s.donate = newMemory(in.Vocab.Len()), s.donateTo
	}
	if !in.Whole {
		if err := s.scan(); err != nil {
			return StreamResult{}, err
		}
	}
	if in.Whole || s.whole {
		return s.mergeWhole()
	}
	s.moveExact()
	if err := s.carry(); err != nil {
		return StreamResult{}, err
	}
	if !in.NoMemory && len(s.mem.donors) > 0 {
		s.memoryExact()
		if err := s.memoryFuzzy(); err != nil {
			return StreamResult{}, err
		}
		if err := s.fetchDonors(); err != nil {
			return StreamResult{}, err
		}
	}
	s.settle(in.Prune, func(k int, e *entry) {
		s.obsolete[s.leftSlug[k]] = append(s.obsolete[s.leftSlug[k]], e)
	})
	previous, err := s.emit()
	return StreamResult{Previous: previous, Report: s.rep}, err
}

// streamer is StreamMerge's side of core: it reads the sources and the
// catalogs a batch of slugs at a time. Its receivers' msg index their
// slug's SourceDoc.Msgs.
type streamer struct {
	core
	in StreamInput
	// leftSlug[k] is left[k]'s slug.
	leftSlug []int32
	// obsolete are the left entries kept where they are, by slug.
	obsolete map[int32][]*entry
	// slug i's receivers are recv[recvAt[i]:recvAt[i+1]].
	recvAt []int32
	// whole tells that the scan met an input it cannot stream.
	whole bool
}

// slugScan is what the first pass keeps of one slug.
type slugScan struct {
	src    *SourceDoc
	left   []*entry
	recv   []int32 // Msgs indexes without a translation
	donors []int32 // Msgs indexes with a translation in the memory
	whole  bool
}

// scan is the first pass: it sorts every catalog entry into kept, left
// or (for inputs it cannot stream) whole, and records the receivers and
// the donors.
func (s *streamer) scan() error {
	n := len(s.in.Slugs)
	res := make([]slugScan, streamBatch)
	s.recvAt = make([]int32, n+1)
	seen := map[string]bool{}
	err := workers.Batched(n, streamBatch, func(i int) error {
		var err error
		res[i%streamBatch], err = s.scanSlug(i)
		return err
	}, func(i int) error {
		r := &res[i%streamBatch]
		s.recvAt[i] = int32(len(s.recv))
		s.whole = s.whole || r.whole
		for _, e := range r.left {
			s.whole = s.whole || seen[e.id] // the same ID in two catalogs
			seen[e.id] = true
			s.left = append(s.left, e)
			s.leftSlug = append(s.leftSlug, int32(i))
		}
		for _, j := range r.recv {
			s.recv = append(s.recv, receiver{slug: int32(i), msg: j, norm: r.src.Msgs[j].Norm})
		}
		for _, j := range r.donors {
			m := &r.src.Msgs[j]
			s.mem.add(place{int32(i), j}, m.Norm, m.Toks, nil)
		}
		*r = slugScan{}
		return nil
	})
	s.recvAt[n] = int32(len(s.recv))
	// left in ID order, as Merge keeps it
	type placed struct {
		e    *entry
		slug int32
	}
	ps := make([]placed, len(s.left))
	for k, e := range s.left {
		ps[k] = placed{e, s.leftSlug[k]}
	}
	slices.SortFunc(ps, func(a, b placed) int { return strings.Compare(a.e.id, b.e.id) })
	for k, p := range ps {
		s.left[k], s.leftSlug[k] = p.e, p.slug
	}
	s.taken = make([]bool, len(s.left))
	s.obsolete = map[int32][]*entry{}
	return err
}

// scanSlug is the first pass over slug i.
func (s *streamer) scanSlug(i int) (slugScan, error) {
	src, tgt, err := s.read(i)
	if err != nil {
		return slugScan{}, err
	}
	r := slugScan{src: src}
	have := make([]bool, len(src.Msgs))
	if tgt != nil {
		for _, id := range sortedIDs(tgt) {
			msg := tgt.Messages[id]
			from, current, whole := s.sourceOf(id, msg, src)
			if whole {
				r.whole = true
				continue
			}
			j, live := src.find(id)
			if !live {
				if s.in.Current(id) {
					r.whole = true // an ID that moved to another slug's source
				}
				// from is kept past the source's batch
				r.left = append(r.left, &entry{id: id, slug: s.in.Slugs[i], msg: msg, from: strings.Clone(from), current: current})
				continue
			}
			have[j] = true
			if s.donate != nil {
				sm := src.Msgs[j].Message
				if out, _ := kept(msg, from, sm); inMemory(out, sm) {
					r.donors = append(r.donors, int32(j))
				}
			}
		}
	}
	for j := range src.Msgs {
		if !have[j] {
			r.recv = append(r.recv, int32(j))
		}
	}
	return r, nil
}

// read returns slug i's source (empty when it has none) and catalog.
func (s *streamer) read(i int) (*SourceDoc, *Catalog, error) {
	src, err := s.in.Source(i)
	if err != nil {
		return nil, nil, err
	}
	if src == nil {
		src = &SourceDoc{}
	}
	tgt, err := s.in.Target(i)
	return src, tgt, err
}

// sourceOf is what is known of the source translation msg of message id
// was made from, as Merge finds it (see entry); whole tells that the old
// source that knew the ID is another slug's.
func (s *streamer) sourceOf(id string, msg Message, src *SourceDoc) (from string, current, whole bool) {
	o, inOld := src.old(id)
	if !inOld && s.in.Old(id) {
		return "", false, true
	}
	from, current = madeFrom(id, msg, o, inOld, s.in.Previous)
	return from, current, false
}

// donateTo adds a translation the merge moved or carried to receiver r,
// up to date there, to the memory.
func (s *streamer) donateTo(r *receiver, e *entry, toks []int32) {
	s.mem.add(place{r.slug, r.msg}, r.norm, toks, e)
}

// eachReceiverSlug is core.each for StreamMerge: it reads, a batch at a
// time, the source of every slug with a receiver that want selects, and
// calls work with it and those receivers on several goroutines.
func (s *streamer) eachReceiverSlug(want func(r *receiver) bool, work func(msgs []SourceMsg, ris []int32) any, fold func(any)) error {
	var slugs []int32
	for i := range len(s.in.Slugs) {
		for ri := s.recvAt[i]; ri < s.recvAt[i+1]; ri++ {
			if want(&s.recv[ri]) {
				slugs = append(slugs, int32(i))
				break
			}
		}
	}
	res := make([]any, streamBatch)
	return workers.Batched(len(slugs), streamBatch, func(j int) error {
		i := slugs[j]
		src, err := s.in.Source(int(i))
		if err != nil {
			return err
		}
		if src == nil {
			src = &SourceDoc{}
		}
		var ris []int32
		for ri := s.recvAt[i]; ri < s.recvAt[i+1]; ri++ {
			if want(&s.recv[ri]) {
				ris = append(ris, ri)
			}
		}
		res[j%streamBatch] = work(src.Msgs, ris)
		return nil
	}, func(j int) error {
		fold(res[j%streamBatch])
		res[j%streamBatch] = nil
		return nil
	})
}

// previousOf is the part of previous that c's messages need.
func previousOf(c *Catalog, previous map[string]string) map[string]string {
	out := map[string]string{}
	if c == nil {
		return out
	}
	for id := range c.Messages {
		if p, ok := previous[id]; ok {
			out[id] = p
		}
	}
	return out
}

// mergeWhole merges the locale in memory with Merge.
func (s *streamer) mergeWhole() (StreamResult, error) {
	in := MergeInput{Sources: map[string]*Catalog{}, OldSources: map[string]*Catalog{}, Targets: map[string]*Catalog{},
		Previous: s.in.Previous, Threshold: s.in.Threshold, NoMemory: s.in.NoMemory, Prune: s.in.Prune}
	had := make([]bool, len(s.in.Slugs))
	srcs := make([]*SourceDoc, len(s.in.Slugs))
	for i, slug := range s.in.Slugs {
		src, tgt, err := s.read(i)
		if err != nil {
			return StreamResult{}, err
		}
		srcs[i] = src
		cur, old := &Catalog{Messages: map[string]Message{}}, &Catalog{Messages: map[string]Message{}}
		for _, m := range src.Msgs {
			cur.Messages[m.ID] = m.Message
			if m.InOld {
				old.Messages[m.ID] = m.Message
			}
		}
		for _, m := range src.Old {
			old.Messages[m.ID] = m
		}
		if len(cur.Messages) > 0 {
			in.Sources[slug] = cur
		}
		if len(old.Messages) > 0 {
			in.OldSources[slug] = old
		}
		if tgt != nil {
			in.Targets[slug], had[i] = tgt, true
		}
	}
	res := Merge(in)
	var docs []Emitted
	for i, slug := range s.in.Slugs {
		if c := res.Targets[slug]; c != nil || had[i] {
			docs = append(docs, Emitted{Slug: i, Cat: c, Previous: previousOf(c, res.Previous), Source: srcs[i]})
		}
	}
	for start := 0; start < len(docs); start += streamBatch {
		end := min(len(docs), start+streamBatch)
		if err := s.in.Emit(docs[start:end]); err != nil {
			return StreamResult{}, err
		}
	}
	return StreamResult{Previous: res.Previous, Report: res.Report, Whole: true}, nil
}
