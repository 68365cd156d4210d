package catalog

import "slices"

// An incremental extract merges only the documents an edit touches, and
// so sees only their share of the translation memory. These are the
// memory's rules seen from outside: whether a change to the memory could
// fill a message the memory left open before, and the donor counts (how
// many up-to-date translations have each word in their source) that
// decide which words the fuzzy memory skips (see maxPosting).

// MemoryChange is how a locale's memory changed: the source texts of
// the up-to-date translations that left it and of those that joined it,
// one per translation (repeats count).
type MemoryChange struct {
	Left, Joined []string
}

// DonorCounts counts, by word, the up-to-date translations whose source
// has it: each text counts once per distinct word, as the memory counts.
type DonorCounts map[string]int32

// Add counts the source text of one more up-to-date translation, or one
// less when n is -1.
func (c DonorCounts) Add(text string, n int32) {
	toks := tokens(text)
	for i, t := range toks {
		if slices.Contains(toks[:i], t) {
			continue
		}
		if c[t] += n; c[t] == 0 {
			delete(c, t)
		}
	}
}

// CountDonors adds the words of one up-to-date translation, numbered by
// v, to counts (indexed by number), as Add does by word.
func CountDonors(counts []int32, toks []int32) {
	for i, t := range toks {
		if t >= 0 && int(t) < len(counts) && !containsBefore(toks, i) {
			counts[t]++
		}
	}
}

// Words are v's words by number.
func (v *Vocab) Words() []string {
	out := make([]string, len(v.ids))
	for w, id := range v.ids {
		out[id] = w
	}
	return out
}

// MemoryReaches applies ch to counts, and reports whether the memory,
// after ch, might fill one of open: source texts of messages that it
// left without a translation before ch (and that have none still). It
// might when a joining text is the same (exact memory) or similar enough
// (fuzzy memory), or when a word of an open text falls under maxPosting
// and so exposes donors the fuzzy memory skipped. threshold is the
// extract's (0 for the default).
func MemoryReaches(open []string, ch MemoryChange, threshold float64, counts DonorCounts) bool {
	before := map[string]int32{}
	note := func(text string, n int32) {
		for _, t := range tokens(text) {
			if _, ok := before[t]; !ok {
				before[t] = counts[t]
			}
		}
		counts.Add(text, n)
	}
	for _, t := range ch.Left {
		note(t, -1)
	}
	for _, t := range ch.Joined {
		note(t, 1)
	}
	if len(open) == 0 {
		return false
	}
	if threshold == 0 {
		threshold = defaultThreshold
	}
	threshold = max(threshold, memoryThreshold)
	joined := make(map[NormKey]bool, len(ch.Joined))
	var fuzzy [][]string
	for _, t := range ch.Joined {
		joined[normKey(t)] = true
		if toks := tokens(t); len(toks) >= memoryMinWords {
			fuzzy = append(fuzzy, toks)
		}
	}
	for _, text := range open {
		if joined[normKey(text)] {
			return true
		}
		rt := tokens(text)
		if len(rt) < memoryMinWords {
			continue
		}
		for _, dt := range fuzzy {
			if similarity("", "", dt, rt) >= threshold {
				return true
			}
		}
		for _, t := range rt {
			if b, ok := before[t]; ok && b > maxPosting && counts[t] <= maxPosting {
				return true
			}
		}
	}
	return false
}
