// Package workflow reads and writes a locale's sidecar file, which holds
// the workflow state that go-i18n has no key for: reviews and the previous
// source text of stale translations. It lives beside the catalogs as
// <catalog_root>/<locale>/.workflow.toml; the leading dot keeps it out of
// globs that load catalogs.
package workflow

import (
	"bytes"
	"fmt"
	"maps"
	"slices"

	"github.com/BurntSushi/toml"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/tomlerr"
)

// FileName is the sidecar's name inside a locale's catalog folder.
const FileName = ".workflow.toml"

// State is one locale's workflow state, keyed by message ID.
type State struct {
	Reviews  map[string]Review   `toml:"review"`
	Previous map[string]Previous `toml:"previous"`
}

// Review is an approval of one translation. It holds only while both
// hashes still match: any change to the source or the translation voids
// it.
type Review struct {
	Reviewer string `toml:"reviewer"`
	// SourceHash is the catalog hash of the source that was reviewed.
	SourceHash string `toml:"source_hash"`
	// TranslationHash is TextHash of the approved translation.
	TranslationHash string `toml:"translation_hash"`
	// Override is the reason given to approve despite check errors.
	Override string `toml:"override,omitempty"`
}

// Previous is the source text a stale translation was made from, so that
// translators see what changed.
type Previous struct {
	Source string `toml:"source"`
}

// New returns an empty state.
func New() *State {
	return &State{Reviews: map[string]Review{}, Previous: map[string]Previous{}}
}

// Parse decodes a sidecar read from path.
func Parse(path string, data []byte) (*State, error) {
	s := New()
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(s)
	if err != nil {
		return nil, tomlerr.Wrap(path, data, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return nil, fmt.Errorf("%s: unknown key %q", path, und[0].String())
	}
	if s.Reviews == nil {
		s.Reviews = map[string]Review{}
	}
	if s.Previous == nil {
		s.Previous = map[string]Previous{}
	}
	return s, nil
}

// Empty reports whether the state holds nothing worth a file.
func (s *State) Empty() bool { return len(s.Reviews) == 0 && len(s.Previous) == 0 }

// Marshal encodes the state deterministically: sections and IDs sorted,
// no timestamps.
func (s *State) Marshal() []byte {
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
	for _, id := range slices.Sorted(maps.Keys(s.Previous)) {
		fmt.Fprintf(&b, "[previous.%s]\nsource = %s\n\n", quote(id), quote(s.Previous[id].Source))
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// quote writes a TOML basic string exactly as catalogs do.
var quote = catalog.Quote
