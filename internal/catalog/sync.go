package catalog

import (
	"sort"
)

// SyncOptions tunes Sync.
type SyncOptions struct {
	// Threshold is the minimum Similarity for carrying a translation
	// over to an edited segment; 0 means 0.5.
	Threshold float64
}

// defaultThreshold is the Similarity threshold Sync uses when
// SyncOptions.Threshold is 0.
const defaultThreshold = 0.5

// Carry records a translation moved from an old message ID to a new one.
type Carry struct {
	From, To   string
	Similarity float64
}

// SyncReport says what Sync did: the carried translations, sorted by
// From, and the IDs left in the target as obsolete, sorted.
type SyncReport struct {
	Carried  []Carry
	Obsolete []string
}

// Sync updates a target-locale catalog after the source changed, in the
// way msgmerge treats fuzzy entries. oldSource is the source-locale
// catalog as it was before this extraction, newSource the one just built
// from content, and target the target-locale catalog on disk; oldSource
// and target may be nil. Sync returns a new catalog and never modifies
// its arguments.
//
//  1. A target entry whose ID is in newSource is kept as is; its hash
//     later tells whether it is translated or stale.
//  2. A target entry whose ID is not in newSource is a candidate. If
//     oldSource has the candidate's source text, the translation moves to
//     the most similar newSource message that has no target entry
//     (Similarity at least the threshold). It keeps its old hash, so it
//     reads as stale and the translator sees what changed; its
//     description becomes the new message's. Best pairs are taken first;
//     ties go to the smaller new ID, then the smaller old ID. Each message
//     gives and receives at most one translation.
//  3. Candidates not carried stay in the result unchanged and are
//     reported as obsolete.
//
// No translation is ever dropped. The result's Locale is target's, or ""
// if target is nil.
func Sync(oldSource, newSource, target *Catalog, opts SyncOptions) (*Catalog, SyncReport) {
	threshold := opts.Threshold
	if threshold == 0 {
		threshold = defaultThreshold
	}
	out := &Catalog{Messages: map[string]Message{}}
	if target != nil {
		out.Locale = target.Locale
		for id, m := range target.Messages {
			out.Messages[id] = m
		}
	}
	var newMsgs map[string]Message
	if newSource != nil {
		newMsgs = newSource.Messages
	}

	// Candidates: translations whose ID left the source.
	var candidates []string
	for id := range out.Messages {
		if _, ok := newMsgs[id]; !ok {
			candidates = append(candidates, id)
		}
	}
	sort.Strings(candidates)

	// Receivers: new source messages with no translation yet.
	var receivers []string
	for id := range newMsgs {
		if _, ok := out.Messages[id]; !ok {
			receivers = append(receivers, id)
		}
	}
	sort.Strings(receivers)

	type pair struct {
		from, to string
		sim      float64
	}
	var pairs []pair
	recvTokens := make([][]string, len(receivers))
	for i, id := range receivers {
		recvTokens[i] = tokens(newMsgs[id].Other)
	}
	for _, from := range candidates {
		if oldSource == nil {
			break
		}
		old, ok := oldSource.Messages[from]
		if !ok {
			continue
		}
		ft := tokens(old.Other)
		for i, to := range receivers {
			if maxSimilarity(len(ft), len(recvTokens[i])) < threshold {
				continue
			}
			if s := similarity(old.Other, newMsgs[to].Other, ft, recvTokens[i]); s >= threshold {
				pairs = append(pairs, pair{from, to, s})
			}
		}
	}
	sort.Slice(pairs, func(i, j int) bool {
		a, b := pairs[i], pairs[j]
		if a.sim != b.sim {
			return a.sim > b.sim
		}
		if a.to != b.to {
			return a.to < b.to
		}
		return a.from < b.from
	})

	var rep SyncReport
	given := map[string]bool{}
	taken := map[string]bool{}
	for _, p := range pairs {
		if given[p.from] || taken[p.to] {
			continue
		}
		given[p.from], taken[p.to] = true, true
		m := out.Messages[p.from]
		delete(out.Messages, p.from)
		m.ID = p.to
		m.Description = newMsgs[p.to].Description
		out.Messages[p.to] = m
		rep.Carried = append(rep.Carried, Carry{From: p.from, To: p.to, Similarity: p.sim})
	}
	sort.Slice(rep.Carried, func(i, j int) bool { return rep.Carried[i].From < rep.Carried[j].From })
	for _, id := range candidates {
		if !given[id] {
			rep.Obsolete = append(rep.Obsolete, id)
		}
	}
	return out, rep
}
