package workarea

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
)

// The states an entry of a document file is written with. They say why
// the translation is not served; on reading, only StateTranslated means
// anything (see Entry.State).
const (
	// StateStale is a translation of an earlier version of its source.
	StateStale = "stale"
	// StateObsolete is a translation whose source is gone.
	StateObsolete = "obsolete"
	// StateUnreviewed is a current translation of a project that serves
	// only reviewed text, waiting for approval.
	StateUnreviewed = "unreviewed"
	// StateHeld is a current translation with an error-level check
	// finding that no reviewer accepted.
	StateHeld = "held"
	// StateTranslated marks an entry a translator confirmed by hand: the
	// next extract treats it as a translation of the current source.
	StateTranslated = "translated"
)

// Entry is one translation of a document file: a catalog message that is
// not served, and why.
type Entry struct {
	// State is why the entry is not served. It is worked out afresh on
	// every write; a translator who sets it to "translated" confirms the
	// text for the current source.
	State       string `toml:"state"`
	Description string `toml:"description,omitempty"`
	// Hash is the catalog hash of the source the translation was made
	// from.
	Hash  string `toml:"hash,omitempty"`
	Other string `toml:"other"`
	// Previous is that source's text, when known.
	Previous string `toml:"previous,omitempty"`
}

// DocFile is one document's file in a locale's work area.
type DocFile struct {
	Entries    map[string]Entry     `toml:"entry"`
	Candidates map[string]Candidate `toml:"candidate"`
}

// NewDocFile returns an empty document file.
func NewDocFile() *DocFile {
	return &DocFile{Entries: map[string]Entry{}, Candidates: map[string]Candidate{}}
}

// Empty reports whether f holds nothing worth a file.
func (f *DocFile) Empty() bool { return len(f.Entries) == 0 && len(f.Candidates) == 0 }

// ParseDoc decodes a document file read from path.
func ParseDoc(path string, data []byte) (*DocFile, error) {
	f := NewDocFile()
	if err := decode(path, data, f); err != nil {
		return nil, err
	}
	if f.Entries == nil {
		f.Entries = map[string]Entry{}
	}
	if f.Candidates == nil {
		f.Candidates = map[string]Candidate{}
	}
	for id, e := range f.Entries {
		switch e.State {
		case StateStale, StateObsolete, StateUnreviewed, StateHeld, StateTranslated:
		default:
			return nil, fmt.Errorf("%s: entry %q: unknown state %q (stale, obsolete, unreviewed, held or translated)", path, id, e.State)
		}
		if id == "" {
			return nil, fmt.Errorf("%s: empty message ID", path)
		}
	}
	return f, nil
}

// Marshal encodes f deterministically: entries, then candidates, each
// sorted by ID, with no timestamps. An empty file is empty bytes.
func (f *DocFile) Marshal() []byte {
	var b bytes.Buffer
	for _, id := range slices.Sorted(maps.Keys(f.Entries)) {
		e := f.Entries[id]
		fmt.Fprintf(&b, "[entry.%s]\nstate = %s\n", quote(id), quote(e.State))
		if e.Description != "" {
			fmt.Fprintf(&b, "description = %s\n", quote(e.Description))
		}
		if e.Hash != "" {
			fmt.Fprintf(&b, "hash = %s\n", quote(e.Hash))
		}
		fmt.Fprintf(&b, "other = %s\n", quote(e.Other))
		if e.Previous != "" {
			fmt.Fprintf(&b, "previous = %s\n", quote(e.Previous))
		}
		b.WriteByte('\n')
	}
	for _, id := range slices.Sorted(maps.Keys(f.Candidates)) {
		c := f.Candidates[id]
		fmt.Fprintf(&b, "[candidate.%s]\nhash = %s\nother = %s\n", quote(id), quote(c.Hash), quote(c.Other))
		if c.Origin != "" {
			fmt.Fprintf(&b, "origin = %s\n", quote(c.Origin))
		}
		if c.Rejected != "" {
			fmt.Fprintf(&b, "rejected = %s\n", quote(c.Rejected))
		}
		b.WriteByte('\n')
	}
	return trimBlank(b.Bytes())
}
