package catalog

import (
	"cmp"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/healthloc/healthloc/internal/workers"
)

// moveExact gives each receiver, in order, a left translation of the
// same normalized text, one of its own slug first.
func (s *streamer) moveExact() {
	byNorm := map[NormKey][]int32{}
	for k, e := range s.left {
		if e.from != "" {
			key := normKey(e.from)
			byNorm[key] = append(byNorm[key], int32(k))
		}
	}
	if len(byNorm) == 0 {
		return
	}
	for ri := range s.recv {
		r := &s.recv[ri]
		slug := s.in.Slugs[r.slug]
		pick := int32(-1)
		for _, k := range byNorm[r.norm] {
			if s.taken[k] {
				continue
			}
			if pick < 0 || (s.left[k].slug == slug && s.left[pick].slug != slug) {
				pick = k
			}
		}
		if pick >= 0 {
			s.taken[pick] = true
			r.how, r.from = filledMoved, pick
			s.rep.Moved++
		}
	}
}

// carryMatch is a left translation similar enough to a receiver.
type carryMatch struct {
	k, ri int32 // left[k], recv[ri]
	rid   string
	same  bool
	sim   float64
	// upToDate tells that the translation's hash is the receiver's
	// source hash, so placed there it is a donor; toks are then the
	// receiver's tokens.
	upToDate bool
	toks     []int32
}

// carryIndex finds the left translations that share a word with a text.
type carryIndex struct {
	cand  []int32           // left indexes that may carry over
	toks  [][]int32         // cand[c]'s tokens
	post  map[int32][]int32 // token → cand positions
	empty map[NormKey][]int32
	seen  sync.Pool // []int32 stamps by cand position
}

// carry is the carry-over of edited paragraphs: every left translation
// goes to the most similar receiver, best pairs first. The pass over the
// receivers' sources also finds which moved translations are up to date
// and so join the memory.
func (s *streamer) carry() error {
	if len(s.left) == 0 || len(s.recv) == 0 {
		return nil
	}
	idx := &carryIndex{post: map[int32][]int32{}, empty: map[NormKey][]int32{}}
	open := 0
	for _, r := range s.recv {
		if r.how == unfilled {
			open++
		}
	}
	for k, e := range s.left {
		if s.taken[k] || e.from == "" || open == 0 {
			continue
		}
		c := int32(len(idx.cand))
		et := s.in.Vocab.ids.intern(tokens(e.from), false)
		idx.cand, idx.toks = append(idx.cand, int32(k)), append(idx.toks, et)
		if len(et) == 0 {
			key := normKey(e.from)
			idx.empty[key] = append(idx.empty[key], c)
		}
		for i, t := range et {
			if t >= 0 && !containsBefore(et, i) {
				idx.post[t] = append(idx.post[t], c)
			}
		}
	}
	if len(idx.cand) == 0 && (s.rep.Moved == 0 || s.in.NoMemory) {
		return nil
	}
	type found struct {
		matches []carryMatch
		moved   []carryMatch // moved receivers whose translation is up to date
	}
	var matches []carryMatch
	err := s.eachReceiverSlug(func(ri int32, r *receiver) bool { return r.how == unfilled || r.how == filledMoved },
		func(src *SourceDoc, ris []int32) any {
			var f found
			for _, ri := range ris {
				r := &s.recv[ri]
				m := &src.Msgs[r.msg]
				if r.how == filledMoved {
					e := s.left[r.from]
					if e.msg.Other != "" && (e.current || e.msg.Hash != "" && e.msg.Hash == m.Hash) {
						f.moved = append(f.moved, carryMatch{k: r.from, ri: ri, toks: m.Toks})
					}
					continue
				}
				f.matches = idx.similar(s, ri, r, m, f.matches)
			}
			return f
		}, func(v any) {
			f := v.(found)
			matches = append(matches, f.matches...)
			if !s.in.NoMemory {
				for _, p := range f.moved {
					r := &s.recv[p.ri]
					s.addDonor(r.slug, r.msg, r.norm, p.toks, s.left[p.k])
				}
			}
		})
	if err != nil {
		return err
	}
	// best pairs first: the same document, then higher similarity, then IDs
	slices.SortFunc(matches, func(a, b carryMatch) int {
		if a.same != b.same {
			if a.same {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(b.sim, a.sim), strings.Compare(a.rid, b.rid), strings.Compare(s.left[a.k].id, s.left[b.k].id))
	})
	for _, p := range matches {
		r := &s.recv[p.ri]
		if s.taken[p.k] || r.how != unfilled {
			continue
		}
		s.taken[p.k] = true
		r.how, r.from = filledCarried, p.k
		s.rep.Carried++
		if e := s.left[p.k]; p.upToDate && e.msg.Other != "" && !s.in.NoMemory {
			s.addDonor(r.slug, r.msg, r.norm, p.toks, e)
		}
	}
	return nil
}

// similar appends the left translations similar enough to receiver ri,
// whose source message is m.
func (idx *carryIndex) similar(s *streamer, ri int32, r *receiver, m *SourceMsg, out []carryMatch) []carryMatch {
	rt := m.Toks
	add := func(c int32, sim float64) {
		k := idx.cand[c]
		e := s.left[k]
		p := carryMatch{k: k, ri: ri, rid: strings.Clone(m.ID), same: e.slug == s.in.Slugs[r.slug], sim: sim}
		if e.msg.Hash != "" && e.msg.Hash == m.Hash {
			p.upToDate, p.toks = true, rt
		}
		out = append(out, p)
	}
	if len(rt) == 0 {
		// two texts without words are alike only if they are the same
		for _, c := range idx.empty[r.norm] {
			add(c, 1)
		}
		return out
	}
	seen, _ := idx.seen.Get().([]int32)
	if seen == nil {
		seen = make([]int32, len(idx.cand))
	}
	defer idx.seen.Put(seen)
	stamp := ri + 1
	for i, t := range rt {
		if t < 0 || containsBefore(rt, i) {
			continue
		}
		for _, c := range idx.post[t] {
			if seen[c] == stamp {
				continue
			}
			seen[c] = stamp
			et := idx.toks[c]
			if maxSimilarity(len(et), len(rt)) < s.in.Threshold {
				continue
			}
			if sim := similarity(s.left[idx.cand[c]].from, m.Other, et, rt); sim >= s.in.Threshold {
				add(c, sim)
			}
		}
	}
	return out
}

// eachReceiverSlug reads, a batch at a time, the source of every slug
// with a receiver that want selects, calls work with it and those
// receivers (on several goroutines), and hands each result to fold in
// slug order.
func (s *streamer) eachReceiverSlug(want func(ri int32, r *receiver) bool, work func(src *SourceDoc, ris []int32) any, fold func(any)) error {
	var slugs []int32
	for i := range len(s.in.Slugs) {
		for ri := s.recvAt[i]; ri < s.recvAt[i+1]; ri++ {
			if want(ri, &s.recv[ri]) {
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
			if want(ri, &s.recv[ri]) {
				ris = append(ris, ri)
			}
		}
		res[j%streamBatch] = work(src, ris)
		return nil
	}, func(j int) error {
		fold(res[j%streamBatch])
		res[j%streamBatch] = nil
		return nil
	})
}

// memoryExact fills each receiver left from a donor of the same
// normalized text, as translated.
func (s *streamer) memoryExact() {
	for ri := range s.recv {
		r := &s.recv[ri]
		if r.how != unfilled {
			continue
		}
		if k, ok := s.donorOf[r.norm]; ok {
			r.how, r.from = filledExact, k
			s.use(k)
			s.rep.MemoryExact++
		}
	}
}

// memoryFuzzy fills each receiver left from its most similar donor, as
// stale. Donors are found through the words they share with the
// receiver, as in Merge.
func (s *streamer) memoryFuzzy() error {
	threshold := max(s.in.Threshold, memoryThreshold)
	// postings by token number, in one array: post[start[t]:start[t+1]]
	start := make([]int32, len(s.tokCount)+1)
	eachToken := func(fn func(t int32, k int32)) {
		for k := range s.donors {
			d := &s.donors[k]
			if d.ntok < memoryMinWords {
				continue
			}
			toks := s.arena[d.tok : d.tok+d.ntok]
			for i, t := range toks {
				if t >= 0 && s.tokCount[t] <= maxPosting && !containsBefore(toks, i) {
					fn(t, int32(k))
				}
			}
		}
	}
	eachToken(func(t, _ int32) { start[t+1]++ })
	for t := range len(s.tokCount) {
		start[t+1] += start[t]
	}
	post := make([]int32, start[len(s.tokCount)])
	next := slices.Clone(start[:len(s.tokCount)])
	eachToken(func(t, k int32) { post[next[t]] = k; next[t]++ })
	next = nil

	type fill struct{ ri, k int32 }
	var scratch sync.Pool // []int32 shared-word counts by donor
	return s.eachReceiverSlug(func(_ int32, r *receiver) bool { return r.how == unfilled },
		func(src *SourceDoc, ris []int32) any {
			shared, _ := scratch.Get().([]int32)
			if shared == nil {
				shared = make([]int32, len(s.donors))
			}
			defer scratch.Put(shared)
			var fills []fill
			var touched []int32
			for _, ri := range ris {
				rt := src.Msgs[s.recv[ri].msg].Toks
				if len(rt) < memoryMinWords {
					continue
				}
				touched = touched[:0]
				for i, t := range rt {
					if t < 0 || s.tokCount[t] > maxPosting || containsBefore(rt, i) {
						continue
					}
					for _, k := range post[start[t]:start[t+1]] {
						if shared[k] == 0 {
							touched = append(touched, k)
						}
						shared[k]++
					}
				}
				best, bestSim := int32(-1), 0.0
				for _, k := range touched {
					n := shared[k]
					shared[k] = 0
					d := &s.donors[k]
					// 2·shared/(len a + len b) bounds the similarity from above
					if 2*float64(n)/float64(len(rt)+int(d.ntok)) < threshold {
						continue
					}
					sim := similarity("", "", s.arena[d.tok:d.tok+d.ntok], rt)
					if sim >= threshold && (best < 0 || sim > bestSim || sim == bestSim && d.before(s.donors[best].slug, s.donors[best].msg)) {
						best, bestSim = k, sim
					}
				}
				if best >= 0 {
					fills = append(fills, fill{ri, best})
				}
			}
			return fills
		}, func(v any) {
			for _, f := range v.([]fill) {
				r := &s.recv[f.ri]
				r.how, r.from = filledFuzzy, f.k
				s.use(f.k)
				s.rep.MemoryFuzzy++
			}
		})
}

// use marks donor k as used.
func (s *streamer) use(k int32) {
	if d := &s.donors[k]; d.used == nil {
		d.used = &fetched{}
	}
}

// fetchDonors reads the translation and source of every donor used.
func (s *streamer) fetchDonors() error {
	bySlug := map[int32][]int32{}
	for k := range s.donors {
		if d := &s.donors[k]; d.used != nil {
			bySlug[d.slug] = append(bySlug[d.slug], int32(k))
		}
	}
	slugs := slices.Sorted(maps.Keys(bySlug))
	return workers.Batched(len(slugs), streamBatch, func(j int) error {
		src, tgt, err := s.read(int(slugs[j]))
		if err != nil {
			return err
		}
		for _, k := range bySlug[slugs[j]] {
			d := &s.donors[k]
			m := src.Msgs[d.msg]
			d.used.from, d.used.hash = strings.Clone(m.Other), strings.Clone(m.Hash)
			if d.entry != nil {
				d.used.other = d.entry.msg.Other
			} else if tgt != nil {
				d.used.other = tgt.Messages[m.ID].Other
			}
		}
		return nil
	}, func(int) error { return nil })
}
