package catalog

import (
	"sort"
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
	// source maps every current message ID to its slug and message.
	source map[string]sourceMsg
	// old maps every message ID of the old source catalogs to its message.
	old map[string]Message
	// order is every current message ID, by slug and then by ID.
	order []string
	// tokens[i] are the tokens of message order[i], as numbers from
	// vocab, so that the similarity searches of every locale tokenize
	// and hash the source text once.
	tokens [][]int32
	vocab  vocab
	// tokenized fills tokens and vocab the first time a merge needs them:
	// a first extract, with no translations yet, never does.
	tokenized sync.Once
}

// tokenize fills tokens and vocab, tokenizing on all cores.
func (b *MergeBase) tokenize() {
	b.tokenized.Do(func() {
		words := make([][]string, len(b.order))
		workers.Map(len(b.order), 0, func(i int) error {
			words[i] = tokens(b.source[b.order[i]].msg.Other)
			return nil
		})
		b.tokens = make([][]int32, len(b.order))
		for i, ws := range words {
			b.tokens[i] = b.vocab.intern(ws, true)
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
	b := &MergeBase{source: make(map[string]sourceMsg, n), order: make([]string, 0, n), vocab: vocab{}}
	for _, slug := range sortedSlugs(sources) {
		for _, id := range sortedIDs(sources[slug]) {
			pos := int32(len(b.order))
			if s, dup := b.source[id]; dup {
				pos = s.pos
			} else {
				b.order = append(b.order, id)
			}
			b.source[id] = sourceMsg{slug, sources[slug].Messages[id], pos}
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

const defaultThreshold = 0.5

// The fuzzy translation memory needs texts of at least memoryMinWords
// words on both sides and a similarity of at least memoryThreshold.
const (
	memoryMinWords  = 4
	memoryThreshold = 0.7
)

// Words in more than maxPosting donors tell little about which donor is
// close; the fuzzy memory skips them, which keeps its cost near the
// overlap.
const maxPosting = 500

// entry is a translation on disk and what is known about its source.
type entry struct {
	id, slug string
	msg      Message
	// from is the source text the translation was made from, if known.
	from string
	// current tells that from is exactly the text the translation was
	// made from, so the same text elsewhere may reuse it as translated.
	// It is false when only a newer source is known (the entry was
	// already stale).
	current bool
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
func Merge(in MergeInput) MergeResult {
	threshold := in.Threshold
	if threshold == 0 {
		threshold = defaultThreshold
	}
	m := newMerger(in)
	m.keepLive()
	m.moveExact()
	m.carryFuzzy(threshold)
	if !in.NoMemory {
		if donors := m.donors(); len(donors) > 0 {
			m.memoryExact(donors)
			m.memoryFuzzy(donors, threshold)
		}
	}
	m.finish(in.Prune)
	return MergeResult{Targets: m.out, Previous: m.previous, Report: m.rep}
}

type merger struct {
	in      MergeInput
	base    *MergeBase
	entries map[string]*entry // on disk, by ID
	// left are the entries whose ID is no longer in the source, sorted.
	left      []*entry
	receivers []string // current IDs without a translation yet, sorted
	out       map[string]*Catalog
	previous  map[string]string
	rep       MergeReport
}

type sourceMsg struct {
	slug string
	msg  Message
	pos  int32 // in MergeBase.order
}

func newMerger(in MergeInput) *merger {
	base := in.Base
	if base == nil {
		base = NewMergeBase(in.Sources, in.OldSources)
	}
	m := &merger{in: in, base: base, entries: map[string]*entry{},
		out: map[string]*Catalog{}, previous: map[string]string{}}
	old := base.old
	for _, slug := range sortedSlugs(in.Targets) {
		for _, id := range sortedIDs(in.Targets[slug]) {
			if _, dup := m.entries[id]; dup {
				// the same ID in two files (a pinned ID moved between
				// documents): keep the second where it is
				m.put(slug, in.Targets[slug].Messages[id])
				continue
			}
			e := &entry{id: id, slug: slug, msg: in.Targets[slug].Messages[id]}
			o, inOld := old[id]
			e.from, e.current = madeFrom(id, e.msg, o, inOld, in.Previous)
			m.entries[id] = e
		}
	}
	return m
}

// madeFrom is the source text that msg, the translation of message id,
// was made from, and whether that is exactly known, given id's message
// in the old source catalog (if inOld) and the sidecar's previous texts.
func madeFrom(id string, msg, old Message, inOld bool, previous map[string]string) (from string, current bool) {
	p, inPrevious := previous[id]
	switch {
	case inOld && old.Hash == msg.Hash:
		return old.Other, true
	case inPrevious:
		return p, true
	case inOld:
		return old.Other, false // stale already; its own source is unknown
	}
	return "", false
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

// place gives translation e to the current message id. upToDate says the
// translation matches the message's text exactly, so it takes the current
// hash; otherwise it keeps its own hash and reads as stale.
func (m *merger) place(id string, e *entry, upToDate bool) {
	s := m.base.source[id]
	msg, prev := placed(e.msg, e.from, s.msg, upToDate)
	if prev != "" {
		m.previous[id] = prev
	}
	m.put(s.slug, msg)
}

// placed is translation msg, made from source text from, given to source
// message sm: it takes sm's ID and description, and sm's hash when
// upToDate (it translates sm's text exactly); otherwise it keeps its own
// hash and so reads as stale, and prev is the source text to remember
// for it.
func placed(msg Message, from string, sm Message, upToDate bool) (out Message, prev string) {
	msg.ID, msg.Description = sm.ID, sm.Description
	if upToDate {
		msg.Hash = sm.Hash
	} else if from != "" && from != sm.Other {
		prev = from
	}
	if msg.Hash == "" && !upToDate {
		// a hand-added entry without hash: give it one that cannot match
		// the current source, so the guess reads as stale
		msg.Hash = Hash("carried", from+"\x00"+msg.Other)
	}
	return msg, prev
}

// kept is translation msg, made from source text from, kept for its own
// source message sm, and the source text to remember when it is stale.
func kept(msg Message, from string, sm Message) (out Message, prev string) {
	msg.Description = sm.Description
	if msg.Hash == "" {
		// added by hand without a hash, as goi18n merge allows: it is a
		// translation of the source as it is now
		msg.Hash = sm.Hash
	}
	if msg.Hash != sm.Hash && from != "" && from != sm.Other {
		prev = from
	}
	return msg, prev
}

func (m *merger) keepLive() {
	var ids []string
	for id := range m.entries {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		e := m.entries[id]
		s, ok := m.base.source[id]
		if !ok {
			m.left = append(m.left, e)
			continue
		}
		msg, prev := kept(e.msg, e.from, s.msg)
		m.put(s.slug, msg)
		if prev != "" {
			m.previous[id] = prev
		}
	}
	for _, id := range m.base.order {
		if _, ok := m.entries[id]; !ok {
			m.receivers = append(m.receivers, id)
		}
	}
}

// take removes the receivers for which fill returned true.
func (m *merger) take(fill func(id string) bool) {
	rest := m.receivers[:0]
	for _, id := range m.receivers {
		if !fill(id) {
			rest = append(rest, id)
		}
	}
	m.receivers = rest
}

func (m *merger) moveExact() {
	if len(m.left) == 0 {
		return
	}
	byText := map[string][]*entry{}
	for _, e := range m.left {
		if e.from != "" {
			k := Normalize(e.from)
			byText[k] = append(byText[k], e)
		}
	}
	used := map[*entry]bool{}
	m.take(func(id string) bool {
		s := m.base.source[id]
		var pick *entry
		for _, e := range byText[Normalize(s.msg.Other)] {
			if used[e] {
				continue
			}
			if pick == nil || (e.slug == s.slug && pick.slug != s.slug) {
				pick = e
			}
		}
		if pick == nil {
			return false
		}
		used[pick] = true
		m.place(id, pick, pick.current)
		m.rep.Moved++
		return true
	})
	m.dropUsed(used)
}

func (m *merger) dropUsed(used map[*entry]bool) {
	rest := m.left[:0]
	for _, e := range m.left {
		if !used[e] {
			rest = append(rest, e)
		}
	}
	m.left = rest
}

type match struct {
	e    *entry
	id   string
	same bool
	sim  float64
}

// bestPairs pairs receivers with givers greedily, best first: the same
// document before others, then higher similarity, then IDs.
func bestPairs(ms []match) []match {
	sort.Slice(ms, func(i, j int) bool {
		a, b := ms[i], ms[j]
		if a.same != b.same {
			return a.same
		}
		if a.sim != b.sim {
			return a.sim > b.sim
		}
		if a.id != b.id {
			return a.id < b.id
		}
		return a.e.id < b.e.id
	})
	given, taken := map[*entry]bool{}, map[string]bool{}
	var out []match
	for _, p := range ms {
		if given[p.e] || taken[p.id] {
			continue
		}
		given[p.e], taken[p.id] = true, true
		out = append(out, p)
	}
	return out
}

func (m *merger) carryFuzzy(threshold float64) {
	if len(m.left) == 0 || len(m.receivers) == 0 {
		return
	}
	m.base.tokenize()
	var ms []match
	for _, e := range m.left {
		if e.from == "" {
			continue
		}
		et := m.base.vocab.intern(tokens(e.from), false)
		for _, id := range m.receivers {
			s := m.base.source[id]
			rt := m.base.tokens[s.pos]
			if maxSimilarity(len(et), len(rt)) < threshold {
				continue
			}
			if sim := similarity(e.from, s.msg.Other, et, rt); sim >= threshold {
				ms = append(ms, match{e, id, e.slug == s.slug, sim})
			}
		}
	}
	used := map[*entry]bool{}
	filled := map[string]bool{}
	for _, p := range bestPairs(ms) {
		used[p.e], filled[p.id] = true, true
		m.place(p.id, p.e, false)
		m.rep.Carried++
	}
	m.dropUsed(used)
	m.take(func(id string) bool { return filled[id] })
}

// donors are the up-to-date translations of current messages: the
// translation memory.
func (m *merger) donors() []*entry {
	var out []*entry
	for _, slug := range sortedSlugs(m.out) {
		for _, id := range sortedIDs(m.out[slug]) {
			msg := m.out[slug].Messages[id]
			if s, ok := m.base.source[id]; ok && msg.Hash == s.msg.Hash && msg.Other != "" {
				out = append(out, &entry{id: id, slug: slug, msg: msg, from: s.msg.Other, current: true})
			}
		}
	}
	return out
}

func (m *merger) memoryExact(donors []*entry) {
	byText := map[string]*entry{}
	for _, d := range donors {
		k := Normalize(d.from)
		if _, ok := byText[k]; !ok {
			byText[k] = d
		}
	}
	m.take(func(id string) bool {
		d, ok := byText[Normalize(m.base.source[id].msg.Other)]
		if !ok {
			return false
		}
		m.place(id, d, true)
		m.rep.MemoryExact++
		return true
	})
}

// memoryFuzzy fills each remaining message from its most similar donor.
// Donors are looked up through the words they share with the message, so
// the cost follows the overlap, not the size of the project.
func (m *merger) memoryFuzzy(donors []*entry, threshold float64) {
	if len(m.receivers) == 0 {
		return
	}
	m.base.tokenize()
	// A donor's text is the current source of its ID, whose tokens the
	// base holds. Postings are by token number; mark[t] tells which
	// donor or receiver last saw token t, so no set is built per text.
	index := make([][]int32, len(m.base.vocab))
	mark := make([]int32, len(m.base.vocab))
	dtoks := make([][]int32, len(donors))
	for i, d := range donors {
		dtoks[i] = m.base.tokens[m.base.source[d.id].pos]
		for _, t := range dtoks[i] {
			if mark[t] != int32(i+1) {
				mark[t] = int32(i + 1)
				index[t] = append(index[t], int32(i))
			}
		}
	}
	clear(mark)
	var stamp int32
	// Another message's translation is only a hint, so the memory is
	// stricter than carry-over: short texts such as headings share words
	// by accident.
	threshold = max(threshold, memoryThreshold)
	shared := make([]int32, len(donors)) // reused: reset through touched
	var touched []int
	m.take(func(id string) bool {
		s := m.base.source[id]
		rt := m.base.tokens[s.pos]
		if len(rt) < memoryMinWords {
			return false
		}
		touched = touched[:0]
		stamp++
		for _, t := range rt {
			if mark[t] == stamp {
				continue
			}
			mark[t] = stamp
			if p := index[t]; len(p) <= maxPosting {
				for _, i := range p {
					if shared[i] == 0 {
						touched = append(touched, int(i))
					}
					shared[i]++
				}
			}
		}
		sort.Ints(touched)
		best, bestSim := -1, 0.0
		for _, i := range touched {
			n := shared[i]
			shared[i] = 0
			if len(dtoks[i]) < memoryMinWords {
				continue
			}
			// 2·shared/(len a + len b) bounds the similarity from above
			if 2*float64(n)/float64(len(rt)+len(dtoks[i])) < threshold {
				continue
			}
			sim := similarity(donors[i].from, s.msg.Other, dtoks[i], rt)
			if sim >= threshold && sim > bestSim {
				best, bestSim = i, sim
			}
		}
		if best < 0 {
			return false
		}
		d := *donors[best]
		d.current = false
		m.place(id, &d, false)
		m.rep.MemoryFuzzy++
		return true
	})
}

func (m *merger) finish(prune bool) {
	for _, e := range m.left {
		if prune {
			m.rep.Pruned++
			continue
		}
		m.rep.Obsolete++
		m.put(e.slug, e.msg)
		if e.from != "" {
			m.previous[e.id] = e.from
		}
	}
	// previous texts only matter while a translation is stale or obsolete
	for id := range m.previous {
		s, live := m.base.source[id]
		if !live {
			continue
		}
		if msg, ok := m.out[s.slug].Messages[id]; ok && msg.Hash == s.msg.Hash {
			delete(m.previous, id)
		}
	}
}

func sortedSlugs(cs map[string]*Catalog) []string {
	out := make([]string, 0, len(cs))
	for s, c := range cs {
		if c != nil {
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

func sortedIDs(c *Catalog) []string {
	out := make([]string, 0, len(c.Messages))
	for id := range c.Messages {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}
