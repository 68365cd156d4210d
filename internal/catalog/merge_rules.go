package catalog

// The rules for one translation, which Merge and StreamMerge both apply:
// what source text it was made from, what it becomes when it stays with
// its message or goes to another, and whether the memory may reuse it.

import "sort"

// defaultThreshold is the Similarity a carry-over needs when
// MergeInput.Threshold is 0.
const defaultThreshold = 0.5

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

// inMemory reports whether translation msg, as it stands for source
// message sm after the merge, is in the translation memory: a translation
// of sm's text exactly, and not empty.
func inMemory(msg, sm Message) bool {
	return msg.Other != "" && msg.Hash == sm.Hash
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
