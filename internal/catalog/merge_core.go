package catalog

import (
	"cmp"
	"slices"
	"strings"
	"sync"
)

// core holds the steps across documents that Merge and StreamMerge share.
// Merge holds the catalogs in memory and StreamMerge reads them a slug at
// a time, but both turn them into the same records: the translations
// whose ID left the source (left), the current messages without a
// translation (recv) and the translation memory (mem). Every step below
// decides on those records alone, so each rule is written once.
type core struct {
	// slugs names the slugs that receivers number.
	slugs     []string
	vocab     vocab // numbered the receivers' tokens
	threshold float64
	// left are the translations whose ID left the source, sorted by ID;
	// taken[k] tells that left[k] was placed.
	left  []*entry
	taken []bool
	// recv are the current messages without a translation, in (slug, ID)
	// order.
	recv []receiver
	mem  memory
	rep  MergeReport
	// each hands the source messages of receivers to work; see texts.
	each texts
	// donate, when set, is told of every moved or carried translation
	// that is up to date where it lands, with its receiver's tokens: the
	// streaming merge adds it to the memory. Merge reads its memory off
	// the merged catalogs instead.
	donate func(r *receiver, e *entry, toks []int32)
}

// texts calls work with the source messages of the receivers that want
// selects, msgs[recv[ri].msg] being receiver ri's, and hands each result
// to fold in receiver order. work may run on several goroutines at once.
type texts func(want func(r *receiver) bool, work func(msgs []SourceMsg, ris []int32) any, fold func(any)) error

// receiver is a current message without a translation on disk, and what
// the merge gives it.
type receiver struct {
	slug, msg int32 // core.slugs[slug], and its place in the source messages
	norm      NormKey
	how       fillKind
	from      int32 // index into left (moved, carried) or mem.donors (memory)
}

type fillKind uint8

const (
	unfilled fillKind = iota
	filledMoved
	filledCarried
	filledExact
	filledFuzzy
)

// moveExact gives each receiver, in order, a left translation of the
// same normalized text, one of its own slug first.
func (c *core) moveExact() {
	byNorm := map[NormKey][]int32{}
	for k, e := range c.left {
		if e.from != "" && !c.taken[k] {
			key := normKey(e.from)
			byNorm[key] = append(byNorm[key], int32(k))
		}
	}
	if len(byNorm) == 0 {
		return
	}
	for ri := range c.recv {
		r := &c.recv[ri]
		if r.how != unfilled {
			continue
		}
		slug := c.slugs[r.slug]
		pick := int32(-1)
		for _, k := range byNorm[r.norm] {
			if c.taken[k] {
				continue
			}
			if pick < 0 || (c.left[k].slug == slug && c.left[pick].slug != slug) {
				pick = k
			}
		}
		if pick >= 0 {
			c.taken[pick] = true
			r.how, r.from = filledMoved, pick
			c.rep.Moved++
		}
	}
}

// carryMatch is a left translation similar enough to a receiver.
type carryMatch struct {
	k, ri int32 // left[k], recv[ri]
	rid   string
	same  bool
	sim   float64
	// upToDate tells that the translation, placed at the receiver, is in
	// the memory; toks are then the receiver's tokens (for donate).
	upToDate bool
	toks     []int32
}

// carry is the carry-over of edited paragraphs: every left translation
// goes to the most similar receiver, best pairs first. With donate set,
// the pass over the receivers' sources also finds which moved
// translations are up to date and so join the memory.
func (c *core) carry() error {
	if len(c.left) == 0 || len(c.recv) == 0 {
		return nil
	}
	idx := c.carryIndex()
	if len(idx.cand) == 0 && (c.rep.Moved == 0 || c.donate == nil) {
		return nil
	}
	type found struct {
		matches []carryMatch
		moved   []carryMatch // moved receivers whose translation is up to date
	}
	var matches []carryMatch
	want := func(r *receiver) bool { return r.how == unfilled || r.how == filledMoved && c.donate != nil }
	err := c.each(want, func(msgs []SourceMsg, ris []int32) any {
		var f found
		for _, ri := range ris {
			r := &c.recv[ri]
			m := &msgs[r.msg]
			if r.how == filledMoved {
				e := c.left[r.from]
				if msg, _ := placed(e.msg, e.from, m.Message, e.current); inMemory(msg, m.Message) {
					f.moved = append(f.moved, carryMatch{k: r.from, ri: ri, toks: m.Toks})
				}
				continue
			}
			f.matches = idx.similar(c, ri, m, f.matches)
		}
		return f
	}, func(v any) {
		f := v.(found)
		matches = append(matches, f.matches...)
		for _, p := range f.moved {
			c.donate(&c.recv[p.ri], c.left[p.k], p.toks)
		}
	})
	if err != nil {
		return err
	}
	c.pair(matches)
	return nil
}

// pair makes the carry-over pairs greedily, best first: the same
// document before others, then higher similarity, then IDs.
func (c *core) pair(matches []carryMatch) {
	slices.SortFunc(matches, func(a, b carryMatch) int {
		if a.same != b.same {
			if a.same {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(b.sim, a.sim), strings.Compare(a.rid, b.rid), strings.Compare(c.left[a.k].id, c.left[b.k].id))
	})
	for _, p := range matches {
		r := &c.recv[p.ri]
		if c.taken[p.k] || r.how != unfilled {
			continue
		}
		c.taken[p.k] = true
		r.how, r.from = filledCarried, p.k
		c.rep.Carried++
		if p.upToDate && c.donate != nil {
			c.donate(r, c.left[p.k], p.toks)
		}
	}
}

// carryIndex finds the left translations that share a word with a text.
type carryIndex struct {
	cand  []int32           // left indexes that may carry over
	toks  [][]int32         // cand[c]'s tokens
	post  map[int32][]int32 // token → cand positions
	empty map[NormKey][]int32
	seen  sync.Pool // *[]int32 stamps by cand position (a pointer: no allocation per Put)
}

// carryIndex indexes the left translations that may carry over, none
// when no receiver is open.
func (c *core) carryIndex() *carryIndex {
	idx := &carryIndex{post: map[int32][]int32{}, empty: map[NormKey][]int32{}}
	if !slices.ContainsFunc(c.recv, func(r receiver) bool { return r.how == unfilled }) {
		return idx
	}
	for k, e := range c.left {
		if c.taken[k] || e.from == "" {
			continue
		}
		ci := int32(len(idx.cand))
		et := c.vocab.intern(tokens(e.from), false)
		idx.cand, idx.toks = append(idx.cand, int32(k)), append(idx.toks, et)
		if len(et) == 0 {
			key := normKey(e.from)
			idx.empty[key] = append(idx.empty[key], ci)
		}
		for i, t := range et {
			if t >= 0 && !containsBefore(et, i) {
				idx.post[t] = append(idx.post[t], ci)
			}
		}
	}
	return idx
}

// similar appends the left translations similar enough to receiver ri,
// whose source message is m.
func (idx *carryIndex) similar(c *core, ri int32, m *SourceMsg, out []carryMatch) []carryMatch {
	rt := m.Toks
	slug := c.slugs[c.recv[ri].slug]
	add := func(ci int32, sim float64) {
		k := idx.cand[ci]
		e := c.left[k]
		p := carryMatch{k: k, ri: ri, rid: strings.Clone(m.ID), same: e.slug == slug, sim: sim}
		if c.donate != nil {
			if msg, _ := placed(e.msg, e.from, m.Message, false); inMemory(msg, m.Message) {
				p.upToDate, p.toks = true, rt
			}
		}
		out = append(out, p)
	}
	if len(rt) == 0 {
		// two texts without words are alike only if they are the same
		for _, ci := range idx.empty[m.Norm] {
			add(ci, 1)
		}
		return out
	}
	sp, _ := idx.seen.Get().(*[]int32)
	if sp == nil {
		s := make([]int32, len(idx.cand))
		sp = &s
	}
	defer idx.seen.Put(sp)
	seen := *sp
	stamp := ri + 1
	for i, t := range rt {
		if t < 0 || containsBefore(rt, i) {
			continue
		}
		for _, ci := range idx.post[t] {
			if seen[ci] == stamp {
				continue
			}
			seen[ci] = stamp
			et := idx.toks[ci]
			if maxSimilarity(len(et), len(rt)) < c.threshold {
				continue
			}
			if sim := similarity(c.left[idx.cand[ci]].from, m.Other, et, rt); sim >= c.threshold {
				add(ci, sim)
			}
		}
	}
	return out
}

// memoryExact fills each receiver left from a donor of the same
// normalized text, as translated.
func (c *core) memoryExact() {
	for ri := range c.recv {
		r := &c.recv[ri]
		if r.how != unfilled {
			continue
		}
		if k, ok := c.mem.exact(r.norm); ok {
			r.how, r.from = filledExact, k
			c.mem.use(k)
			c.rep.MemoryExact++
		}
	}
}

// memoryFuzzy fills each receiver left from its most similar donor, as
// stale. Another message's translation is only a hint, so the memory is
// stricter than carry-over: short texts such as headings share words by
// accident.
func (c *core) memoryFuzzy() error {
	threshold := max(c.threshold, memoryThreshold)
	c.mem.index()
	defer c.mem.dropIndex()
	type fill struct{ ri, k int32 }
	var scratch sync.Pool // *[]int32 shared-word counts by donor
	return c.each(func(r *receiver) bool { return r.how == unfilled },
		func(msgs []SourceMsg, ris []int32) any {
			sp, _ := scratch.Get().(*[]int32)
			if sp == nil {
				s := make([]int32, len(c.mem.donors))
				sp = &s
			}
			defer scratch.Put(sp)
			shared := *sp
			var fills []fill
			var touched []int32
			for _, ri := range ris {
				if k, ok := c.mem.nearest(msgs[c.recv[ri].msg].Toks, threshold, shared, &touched); ok {
					fills = append(fills, fill{ri, k})
				}
			}
			return fills
		}, func(v any) {
			for _, f := range v.([]fill) {
				r := &c.recv[f.ri]
				r.how, r.from = filledFuzzy, f.k
				c.mem.use(f.k)
				c.rep.MemoryFuzzy++
			}
		})
}

// give is what receiver r, whose source message is sm, holds after the
// merge (see placed), and the source text to remember for it.
func (c *core) give(r *receiver, sm Message) (Message, string) {
	switch r.how {
	case filledMoved, filledCarried:
		e := c.left[r.from]
		return placed(e.msg, e.from, sm, r.how == filledMoved && e.current)
	case filledExact:
		return placed(Message{Other: c.mem.donors[r.from].used.other}, "", sm, true)
	default: // filledFuzzy
		d := c.mem.donors[r.from].used
		return placed(Message{Hash: d.hash, Other: d.other}, d.from, sm, false)
	}
}

// settle counts the left translations that nothing took as pruned, or
// as obsolete, and hands keep the obsolete ones.
func (c *core) settle(prune bool, keep func(k int, e *entry)) {
	for k, e := range c.left {
		switch {
		case c.taken[k]:
		case prune:
			c.rep.Pruned++
		default:
			c.rep.Obsolete++
			keep(k, e)
		}
	}
}
