package catalog

import (
	"maps"
	"slices"
	"sync"

	"github.com/healthloc/healthloc/internal/workers"
)

// MergeInput is everything Merge needs to bring one target locale's
// catalogs in line with the source, keyed by document slug.
type MergeInput struct {
	// Sources are the source catalogs built from the content now.
	Sources map[string]*Catalog
	// OldSources are the source catalogs on disk before this run,
	// including those of documents that were deleted or moved.
	OldSources map[string]*Catalog
	// Targets are the target locale's catalogs on disk.
	Targets map[string]*Catalog
	// Previous maps a message ID to the source text its translation was
	// made from, when that is no longer the current source (the sidecar).
	Previous map[string]string
	// Threshold is the minimum Similarity for a fuzzy match; 0 means 0.5.
	Threshold float64
	// NoMemory turns off the translation memory: translations are only
	// carried from a message's own previous versions, never copied from
	// other messages with the same or similar text.
	NoMemory bool
	// Prune drops obsolete entries instead of keeping them.
	Prune bool
	// Base, when set, is NewMergeBase(Sources, OldSources), built once
	// and shared by the merges of every target locale.
	Base *MergeBase
}

// MergeBase is what Merge derives from the source catalogs alone, which
// is the same for every target locale. It is read-only once built, so
// merges running at once may share it.
type MergeBase struct {
	// source maps every current message ID to its place in msgs.
	source map[string]sourceRef
	// old maps every message ID of the old source catalogs to its message.
	old map[string]Message
	// slugs are the slugs of the current sources, sorted.
	slugs []string
	// msgs are the current messages, by slug and then by ID. An ID that
	// two slugs share is there once, at the first slug's place, with
	// the last slug's message.
	msgs []SourceMsg
	// Norm and Toks of msgs, numbered by vocab, are filled the first time
	// a merge needs them, on all cores, so that the merges of every
	// locale normalize and tokenize the source text once: a first
	// extract, with no translations yet, never does.
	vocab    vocab
	prepared sync.Once
}

// sourceRef is where a current message is: slugs[slug], msgs[pos].
type sourceRef struct{ slug, pos int32 }

// prepare fills the Norm and Toks of msgs.
func (b *MergeBase) prepare() {
	b.prepared.Do(func() {
		words := make([][]string, len(b.msgs))
		workers.Map(len(b.msgs), 0, func(i int) error {
			b.msgs[i].Norm = normKey(b.msgs[i].Other)
			words[i] = tokens(b.msgs[i].Other)
			return nil
		})
		for i, ws := range words {
			b.msgs[i].Toks = b.vocab.intern(ws, true)
		}
	})
}

// NewMergeBase indexes the current and the old source catalogs.
func NewMergeBase(sources, oldSources map[string]*Catalog) *MergeBase {
	n := 0
	for _, c := range sources {
		if c != nil {
			n += len(c.Messages)
		}
	}
	b := &MergeBase{source: make(map[string]sourceRef, n), slugs: sortedSlugs(sources), msgs: make([]SourceMsg, 0, n), vocab: vocab{}}
	for si, slug := range b.slugs {
		for _, id := range sortedIDs(sources[slug]) {
			msg := sources[slug].Messages[id]
			ref := sourceRef{int32(si), int32(len(b.msgs))}
			if s, dup := b.source[id]; dup {
				ref.pos = s.pos
				b.msgs[ref.pos].Message = msg
			} else {
				b.msgs = append(b.msgs, SourceMsg{Message: msg})
			}
			b.source[id] = ref
		}
	}
	n = 0
	for _, c := range oldSources {
		if c != nil {
			n += len(c.Messages)
		}
	}
	b.old = make(map[string]Message, n)
	for _, slug := range sortedSlugs(oldSources) {
		for id, msg := range oldSources[slug].Messages {
			b.old[id] = msg
		}
	}
	return b
}

// current is the current source message id, and the slug it is in.
func (b *MergeBase) current(id string) (Message, string, bool) {
	ref, ok := b.source[id]
	if !ok {
		return Message{}, "", false
	}
	return b.msgs[ref.pos].Message, b.slugs[ref.slug], true
}

// MergeResult is the target locale's catalogs after Merge.
type MergeResult struct {
	// Targets holds a catalog for every slug that has entries. A slug of
	// MergeInput.Targets that is absent here has no entries left.
	Targets map[string]*Catalog
	// Previous is the new sidecar map of previous source texts: one entry
	// for every stale or obsolete translation whose source is known.
	Previous map[string]string
	Report   MergeReport
}

// MergeReport counts what Merge did.
type MergeReport struct {
	// Moved translations followed their unchanged text to a new ID (a
	// moved document or a re-inserted paragraph): still translated.
	Moved int
	// Carried translations moved to an edited version of their text:
	// now stale.
	Carried int
	// Memory counts new messages filled from other messages' translations
	// of the same text (translated) or of similar text (stale).
	MemoryExact, MemoryFuzzy int
	// Obsolete entries match no source message and were kept.
	Obsolete int
	// Pruned obsolete entries were dropped because of Prune.
	Pruned int
}

// Merge brings a target locale's catalogs in line with the current source,
// the way msgmerge treats fuzzy entries, but losing nothing:
//
//  1. A translation whose ID is still in the source stays (its hash tells
//     translated from stale).
//  2. A translation whose ID left the source follows its text: to the same
//     normalized text under a new ID (a moved document), else to the most
//     similar new message, first in its own document, then anywhere (an
//     edited paragraph). A carried translation keeps its old hash, so it
//     is stale, and its old source is kept in Previous.
//  3. With the memory on, a message still without translation takes the
//     translation of another message with the same normalized source
//     (translated) or a similar one (stale).
//  4. Whatever is left is obsolete: kept, with its source in Previous,
//     unless Prune.
//
// Ties are broken by IDs, so the result depends only on the input.
// StreamMerge takes the same steps with the same code (see core) on a
// locale read a slug at a time.
func Merge(in MergeInput) MergeResult {
	if in.Threshold == 0 {
		in.Threshold = defaultThreshold
	}
	m := newMerger(in)
	m.keepLive()
	m.moveExact()
	m.carry() // cannot fail: the texts are in memory
	m.placeFilled(filledMoved, filledCarried)
	if !in.NoMemory && m.remember() {
		m.memoryExact()
		m.memoryFuzzy()
		m.fetch()
		m.placeFilled(filledExact, filledFuzzy)
	}
	m.finish(in.Prune)
	return MergeResult{Targets: m.out, Previous: m.previous, Report: m.rep}
}

// merger is Merge's side of core: it holds the catalogs in memory.
type merger struct {
	core
	in       MergeInput
	base     *MergeBase
	entries  map[string]*entry // on disk, by ID
	out      map[string]*Catalog
	previous map[string]string
}

func newMerger(in MergeInput) *merger {
	base := in.Base
	if base == nil {
		base = NewMergeBase(in.Sources, in.OldSources)
	}
	m := &merger{in: in, base: base, entries: map[string]*entry{},
		out: map[string]*Catalog{}, previous: map[string]string{}}
	m.core = core{slugs: base.slugs, vocab: base.vocab, threshold: in.Threshold, each: m.texts}
	for _, slug := range sortedSlugs(in.Targets) {
		for _, id := range sortedIDs(in.Targets[slug]) {
			if _, dup := m.entries[id]; dup {
				// the same ID in two files (a pinned ID moved between
				// documents): keep the second where it is
				m.put(slug, in.Targets[slug].Messages[id])
				continue
			}
			e := &entry{id: id, slug: slug, msg: in.Targets[slug].Messages[id]}
			o, inOld := base.old[id]
			e.from, e.current = madeFrom(id, e.msg, o, inOld, in.Previous)
			m.entries[id] = e
		}
	}
	return m
}

func (m *merger) put(slug string, msg Message) {
	c := m.out[slug]
	if c == nil {
		c = &Catalog{Messages: map[string]Message{}}
		if t := m.in.Targets[slug]; t != nil {
			c.Locale = t.Locale
		}
		m.out[slug] = c
	}
	c.Messages[msg.ID] = msg
}

// keepLive keeps the translations whose ID is still in the source, and
// lists the others (left) and the messages without one (recv).
func (m *merger) keepLive() {
	for _, id := range slices.Sorted(maps.Keys(m.entries)) {
		e := m.entries[id]
		sm, slug, ok := m.base.current(id)
		if !ok {
			m.left = append(m.left, e)
			continue
		}
		msg, prev := kept(e.msg, e.from, sm)
		m.put(slug, msg)
		if prev != "" {
			m.previous[id] = prev
		}
	}
	m.taken = make([]bool, len(m.left))
	for pos, sm := range m.base.msgs {
		if _, ok := m.entries[sm.ID]; !ok {
			m.recv = append(m.recv, receiver{slug: m.base.source[sm.ID].slug, msg: int32(pos)})
		}
	}
	if len(m.recv) > 0 && len(m.entries) > 0 {
		m.base.prepare()
		for ri := range m.recv {
			m.recv[ri].norm = m.base.msgs[m.recv[ri].msg].Norm
		}
	}
}

// texts is core.each for Merge: every source message is in base.msgs,
// which it hands to work a chunk of receivers at a time, on all cores.
func (m *merger) texts(want func(*receiver) bool, work func([]SourceMsg, []int32) any, fold func(any)) error {
	var ris []int32
	for ri := range m.recv {
		if want(&m.recv[ri]) {
			ris = append(ris, int32(ri))
		}
	}
	const chunk = 512
	res := make([]any, (len(ris)+chunk-1)/chunk)
	workers.Map(len(res), 0, func(i int) error {
		res[i] = work(m.base.msgs, ris[i*chunk:min(len(ris), (i+1)*chunk)])
		return nil
	})
	for _, r := range res {
		fold(r)
	}
	return nil
}

// placeFilled puts the receivers that a or b filled into the catalogs.
func (m *merger) placeFilled(a, b fillKind) {
	for ri := range m.recv {
		r := &m.recv[ri]
		if r.how != a && r.how != b {
			continue
		}
		sm := m.base.msgs[r.msg].Message
		msg, prev := m.give(r, sm)
		if prev != "" {
			m.previous[sm.ID] = prev
		}
		m.put(m.slugs[r.slug], msg)
	}
}

// remember fills the memory with the up-to-date translations of current
// messages in the catalogs merged so far, in (slug, ID) order, and
// reports whether the memory has any and a message is still open.
func (m *merger) remember() bool {
	if !slices.ContainsFunc(m.recv, func(r receiver) bool { return r.how == unfilled }) {
		return false
	}
	m.mem = newMemory(len(m.base.vocab))
	var n int32
	for _, slug := range sortedSlugs(m.out) {
		for _, id := range sortedIDs(m.out[slug]) {
			msg := m.out[slug].Messages[id]
			ref, ok := m.base.source[id]
			if !ok {
				continue
			}
			sm := &m.base.msgs[ref.pos]
			if inMemory(msg, sm.Message) {
				m.mem.add(place{msg: n}, sm.Norm, sm.Toks, &entry{id: id, slug: slug, msg: msg, from: sm.Other, current: true})
				n++
			}
		}
	}
	return len(m.mem.donors) > 0
}

// fetch gives every used donor its translation.
func (m *merger) fetch() {
	for k := range m.mem.donors {
		if d := &m.mem.donors[k]; d.used != nil {
			*d.used = fetched{other: d.entry.msg.Other, from: d.entry.from, hash: d.entry.msg.Hash}
		}
	}
}

// finish keeps the obsolete translations, unless pruned, and drops the
// previous texts of translations that are up to date: they only matter
// while a translation is stale or obsolete.
func (m *merger) finish(prune bool) {
	m.settle(prune, func(_ int, e *entry) {
		m.put(e.slug, e.msg)
		if e.from != "" {
			m.previous[e.id] = e.from
		}
	})
	for id := range m.previous {
		sm, slug, live := m.base.current(id)
		if !live {
			continue
		}
		if msg, ok := m.out[slug].Messages[id]; ok && msg.Hash == sm.Hash {
			delete(m.previous, id)
		}
	}
}
