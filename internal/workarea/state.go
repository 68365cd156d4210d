// Package workarea holds what healthloc keeps that is not safe to serve
// yet: stale and obsolete translations with the source they were made
// from, candidate translations waiting for review, translations waiting
// for approval or held by a check, review records and accepted check
// findings.
//
// Served catalogs under catalog_root hold only what render publishes by
// default, so that a Go app that loads every file there can never be
// served an outdated dose. Everything else lives in the work area, a
// folder outside catalog_root that is meant to be committed:
//
//	<work_root>/<locale>/reviews.toml        review records, accepted findings
//	<work_root>/<locale>/docs/<slug>.toml    a document's entries that are not served
//
// In memory a locale's work area is a State; the entries of a document
// that are translations (stale, obsolete, unreviewed, held) join the
// served ones in the logical catalog that the project's merges work on.
package workarea

import (
	"bytes"
	"fmt"
	"maps"
	"slices"

	"github.com/BurntSushi/toml"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/tomlerr"
)

// LegacyFileName is the sidecar that older healthloc versions kept inside
// a locale's catalog folder; extract migrates it into the work area.
const LegacyFileName = ".workflow.toml"

// ReviewsFile is the name of a locale's review file in the work area.
const ReviewsFile = "reviews.toml"

// DocsDir is the folder of a locale's document files in the work area.
const DocsDir = "docs"

// State is one locale's work-area state outside its catalogs, keyed by
// message ID.
type State struct {
	Reviews map[string]Review
	// Previous is the source text each stale or obsolete translation was
	// made from, so that translators see what changed.
	Previous map[string]Previous
	// Candidates are translations of the current source that nobody has
	// vouched for yet.
	Candidates map[string]Candidate
	// Accepted are the check findings a reviewer accepted, by message ID
	// and check name.
	Accepted map[string]map[string]Accepted
}

// Review is an approval of one translation. It holds only while both
// hashes still match: any change to the source or the translation voids
// it.
type Review struct {
	Reviewer string `toml:"reviewer"`
	// SourceHash is the catalog hash of the source that was reviewed.
	SourceHash string `toml:"source_hash"`
	// TranslationHash is the text hash of the approved translation.
	TranslationHash string `toml:"translation_hash"`
	// Override is the reason given to approve despite check errors.
	Override string `toml:"override,omitempty"`
}

// Previous is the source text a stale translation was made from.
type Previous struct {
	Source string `toml:"source"`
}

// Candidate is a translation waiting for a reviewer: an aligned pair, a
// memory or machine suggestion.
type Candidate struct {
	// Slug is the document whose file holds the candidate (not written:
	// it is the file's name).
	Slug string `toml:"-"`
	// Hash is the catalog hash of the source the candidate translates.
	Hash  string `toml:"hash"`
	Other string `toml:"other"`
	// Origin says who or what proposed it ("align: es/guide.md:12").
	Origin string `toml:"origin,omitempty"`
	// Rejected is a reviewer's comment when the candidate was rejected;
	// it is then only a suggestion for the translator.
	Rejected string `toml:"rejected,omitempty"`
}

// Accepted is a reviewer's acceptance of one check finding. Like a
// review, a change to the source or the translation voids it.
type Accepted struct {
	Reviewer        string `toml:"reviewer"`
	Reason          string `toml:"reason"`
	SourceHash      string `toml:"source_hash"`
	TranslationHash string `toml:"translation_hash"`
}

// New returns an empty state.
func New() *State {
	return &State{Reviews: map[string]Review{}, Previous: map[string]Previous{},
		Candidates: map[string]Candidate{}, Accepted: map[string]map[string]Accepted{}}
}

// Clone is a copy of s that can be changed without changing s.
func (s *State) Clone() *State {
	c := New()
	maps.Copy(c.Reviews, s.Reviews)
	maps.Copy(c.Previous, s.Previous)
	maps.Copy(c.Candidates, s.Candidates)
	for id, m := range s.Accepted {
		c.Accepted[id] = maps.Clone(m)
	}
	return c
}

// Accept records a reviewer's acceptance of check's finding on message
// id's translation.
func (s *State) Accept(id, check string, a Accepted) {
	if s.Accepted[id] == nil {
		s.Accepted[id] = map[string]Accepted{}
	}
	s.Accepted[id][check] = a
}

// Empty reports whether the state holds nothing.
func (s *State) Empty() bool {
	return len(s.Reviews) == 0 && len(s.Previous) == 0 && len(s.Candidates) == 0 && len(s.Accepted) == 0
}

// reviewsFile is the TOML shape of a locale's reviews.toml.
type reviewsFile struct {
	Review   map[string]Review              `toml:"review"`
	Accepted map[string]map[string]Accepted `toml:"accepted"`
}

// ParseReviews decodes a locale's reviews.toml, read from path, into s.
func (s *State) ParseReviews(path string, data []byte) error {
	var f reviewsFile
	if err := decode(path, data, &f); err != nil {
		return err
	}
	maps.Copy(s.Reviews, f.Review)
	for id, m := range f.Accepted {
		s.Accepted[id] = m
	}
	return nil
}

// MarshalReviews encodes the reviews and accepted findings
// deterministically: sections and IDs sorted, no timestamps. A state
// without either is empty bytes.
func (s *State) MarshalReviews() []byte {
	var b bytes.Buffer
	for _, id := range slices.Sorted(maps.Keys(s.Reviews)) {
		r := s.Reviews[id]
		fmt.Fprintf(&b, "[review.%s]\n", quote(id))
		fmt.Fprintf(&b, "reviewer = %s\nsource_hash = %s\ntranslation_hash = %s\n", quote(r.Reviewer), quote(r.SourceHash), quote(r.TranslationHash))
		if r.Override != "" {
			fmt.Fprintf(&b, "override = %s\n", quote(r.Override))
		}
		b.WriteByte('\n')
	}
	for _, id := range slices.Sorted(maps.Keys(s.Accepted)) {
		for _, check := range slices.Sorted(maps.Keys(s.Accepted[id])) {
			a := s.Accepted[id][check]
			fmt.Fprintf(&b, "[accepted.%s.%s]\n", quote(id), quote(check))
			fmt.Fprintf(&b, "reviewer = %s\nreason = %s\nsource_hash = %s\ntranslation_hash = %s\n\n",
				quote(a.Reviewer), quote(a.Reason), quote(a.SourceHash), quote(a.TranslationHash))
		}
	}
	return trimBlank(b.Bytes())
}

// legacyFile is the TOML shape of the sidecar older versions kept in the
// catalog folder.
type legacyFile struct {
	Review   map[string]Review   `toml:"review"`
	Previous map[string]Previous `toml:"previous"`
}

// ParseLegacy decodes an old sidecar (.workflow.toml), read from path,
// into s.
func (s *State) ParseLegacy(path string, data []byte) error {
	var f legacyFile
	if err := decode(path, data, &f); err != nil {
		return err
	}
	for id, r := range f.Review {
		if _, ok := s.Reviews[id]; !ok {
			s.Reviews[id] = r
		}
	}
	for id, p := range f.Previous {
		if _, ok := s.Previous[id]; !ok {
			s.Previous[id] = p
		}
	}
	return nil
}

// decode decodes TOML data read from path into v, refusing keys v has no
// place for, with errors that name the file and line.
func decode(path string, data []byte, v any) error {
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(v)
	if err != nil {
		return tomlerr.Wrap(path, data, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return fmt.Errorf("%s: unknown key %q", path, und[0].String())
	}
	return nil
}

func trimBlank(b []byte) []byte {
	b = bytes.TrimSuffix(b, []byte("\n"))
	if len(b) == 0 {
		return nil
	}
	return b
}

// quote writes a TOML basic string exactly as catalogs do.
var quote = catalog.Quote
