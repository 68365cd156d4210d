package catalog

import "slices"

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

// memory is the translation memory: for each normalized source text, the
// up-to-date translation first in the merge's order, and an index of the
// donors' words.
type memory struct {
	donors []donor
	byNorm map[NormKey]int32
	// count[t] is how many up-to-date translations, repeats of a text
	// included, have token t in their source; arena holds the donors'
	// tokens.
	count []int32
	arena []int32
	// post[start[t]:start[t+1]] are the donors with token t, once index
	// has run.
	start, post []int32
}

// donor is a translation the memory may reuse.
type donor struct {
	at        place
	tok, ntok int32 // its source's tokens, arena[tok:tok+ntok] when ntok >= memoryMinWords
	// entry is set for a translation the merge holds in memory; the
	// streaming merge reads the others back once it knows which it uses.
	entry *entry
	// used points, once the donor is used, to its translation.
	used *fetched
}

// place is where a donor stands in the merge's order: the streaming
// merge's slug and message index; Merge numbers its donors in order.
type place struct{ slug, msg int32 }

// before reports whether p comes before q.
func (p place) before(q place) bool {
	return p.slug < q.slug || p.slug == q.slug && p.msg < q.msg
}

// fetched is a used donor's translation, and the source text and hash it
// translates.
type fetched struct{ other, from, hash string }

// newMemory returns an empty memory for tokens numbered below words.
func newMemory(words int) memory {
	return memory{byNorm: map[NormKey]int32{}, count: make([]int32, words)}
}

// add records an up-to-date translation at place at, whose source has
// normalized text norm and tokens toks.
func (m *memory) add(at place, norm NormKey, toks []int32, e *entry) {
	m.countTokens(toks)
	if k, ok := m.byNorm[norm]; ok {
		// the same text has the same tokens: only the first place counts
		if d := &m.donors[k]; !d.at.before(at) {
			d.at, d.entry = at, e
		}
		return
	}
	d := donor{at: at, entry: e, tok: int32(len(m.arena)), ntok: int32(len(toks))}
	if len(toks) >= memoryMinWords {
		m.arena = append(m.arena, toks...)
	}
	m.byNorm[norm] = int32(len(m.donors))
	m.donors = append(m.donors, d)
}

// countTokens counts a donor once for each distinct token it has.
func (m *memory) countTokens(toks []int32) {
	for i, t := range toks {
		if t < 0 || containsBefore(toks, i) {
			continue
		}
		m.count[t]++
	}
}

// containsBefore reports whether toks[i] occurs in toks[:i]; texts are
// short, so a scan beats a set.
func containsBefore(toks []int32, i int) bool {
	for _, t := range toks[:i] {
		if t == toks[i] {
			return true
		}
	}
	return false
}

// exact is the donor of normalized text norm.
func (m *memory) exact(norm NormKey) (int32, bool) {
	k, ok := m.byNorm[norm]
	return k, ok
}

// tokens are donor k's tokens, empty when it has too few for the fuzzy
// memory.
func (m *memory) tokens(k int32) []int32 {
	d := &m.donors[k]
	if d.ntok < memoryMinWords {
		return nil
	}
	return m.arena[d.tok : d.tok+d.ntok]
}

// index builds the postings by token number, in one array.
func (m *memory) index() {
	m.start = make([]int32, len(m.count)+1)
	eachToken := func(fn func(t int32, k int32)) {
		for k := range m.donors {
			toks := m.tokens(int32(k))
			for i, t := range toks {
				if t >= 0 && m.count[t] <= maxPosting && !containsBefore(toks, i) {
					fn(t, int32(k))
				}
			}
		}
	}
	eachToken(func(t, _ int32) { m.start[t+1]++ })
	for t := range len(m.count) {
		m.start[t+1] += m.start[t]
	}
	m.post = make([]int32, m.start[len(m.count)])
	next := slices.Clone(m.start[:len(m.count)])
	eachToken(func(t, k int32) { m.post[next[t]] = k; next[t]++ })
}

// dropIndex frees the postings once the fuzzy memory is done.
func (m *memory) dropIndex() { m.start, m.post = nil, nil }

// nearest is the donor most similar to a text of tokens rt, at least
// threshold alike, the first in order among equals. Donors are found
// through the words they share with the text, so the cost follows the
// overlap, not the size of the project. shared is scratch, a zero per
// donor, and stays so; touched is scratch too.
func (m *memory) nearest(rt []int32, threshold float64, shared []int32, touched *[]int32) (int32, bool) {
	if len(rt) < memoryMinWords {
		return -1, false
	}
	*touched = (*touched)[:0]
	for i, t := range rt {
		if t < 0 || m.count[t] > maxPosting || containsBefore(rt, i) {
			continue
		}
		for _, k := range m.post[m.start[t]:m.start[t+1]] {
			if shared[k] == 0 {
				*touched = append(*touched, k)
			}
			shared[k]++
		}
	}
	best, bestSim := int32(-1), 0.0
	for _, k := range *touched {
		n := shared[k]
		shared[k] = 0
		dt := m.tokens(k)
		// 2·shared/(len a + len b) bounds the similarity from above
		if 2*float64(n)/float64(len(rt)+len(dt)) < threshold {
			continue
		}
		sim := similarity("", "", dt, rt)
		if sim >= threshold && (best < 0 || sim > bestSim || sim == bestSim && m.donors[k].at.before(m.donors[best].at)) {
			best, bestSim = k, sim
		}
	}
	return best, best >= 0
}

// use marks donor k as used.
func (m *memory) use(k int32) {
	if d := &m.donors[k]; d.used == nil {
		d.used = &fetched{}
	}
}
