package project

import (
	"bufio"
	"fmt"
	"hash/fnv"
	"os"
	"slices"

	"github.com/healthloc/healthloc/internal/catalog"
)

// spill keeps every slug's catalog.SourceDoc in a temporary file while
// an extract runs, so that each locale's merge can read the sources again
// without holding the project's text in memory.
//
// It is the one file project writes, and it does not go through plan:
// it is scratch, not output. It is unlinked as soon as it is made, so no
// path ever names it, and it is written and read back in place, while
// plan writes a file's whole bytes once and renames them over a path.
type spill struct {
	f   *os.File
	w   *bufio.Writer
	off int64
	at  map[string][2]int64 // slug → offset and length
	buf []byte
}

// newSpill makes the temporary file in dir, which it creates if need be,
// or in the system's temporary folder when dir is "" or cannot be made.
func newSpill(dir string) (*spill, error) {
	if dir != "" && os.MkdirAll(dir, 0o755) != nil {
		dir = ""
	}
	f, err := os.CreateTemp(dir, "healthloc-sources-*")
	if err != nil {
		return nil, fmt.Errorf("temporary file for the sources: %w", err)
	}
	// Unlinked at once where the system allows it, so that not even a
	// killed run leaves it behind.
	os.Remove(f.Name())
	return &spill{f: f, w: bufio.NewWriterSize(f, 1<<20), at: map[string][2]int64{}}, nil
}

// add writes slug's source; it is not safe for concurrent use.
func (s *spill) add(slug string, d *catalog.SourceDoc) error {
	s.buf = d.AppendBinary(s.buf[:0])
	if _, err := s.w.Write(s.buf); err != nil {
		return fmt.Errorf("temporary file for the sources: %w", err)
	}
	s.at[slug] = [2]int64{s.off, int64(len(s.buf))}
	s.off += int64(len(s.buf))
	return nil
}

// done ends the writing; read may be called from then on.
func (s *spill) done() error {
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("temporary file for the sources: %w", err)
	}
	s.buf = nil
	return nil
}

// read returns slug's source, nil when it has none. It is safe for
// concurrent use.
func (s *spill) read(slug string) (*catalog.SourceDoc, error) {
	at, ok := s.at[slug]
	if !ok {
		return nil, nil
	}
	b := make([]byte, at[1])
	if _, err := s.f.ReadAt(b, at[0]); err != nil {
		return nil, fmt.Errorf("temporary file for the sources: %w", err)
	}
	d, err := catalog.DecodeSourceDoc(b)
	if err != nil {
		return nil, fmt.Errorf("temporary file for the sources: %s: %w", slug, err)
	}
	return d, nil
}

func (s *spill) close() {
	s.f.Close()
	os.Remove(s.f.Name())
}

// idSet is a set of message IDs held as 64-bit hashes: 8 bytes an ID. A
// lookup may answer true for an ID not in the set (about one ID in 2^64
// per member), never false for one in it.
type idSet []uint64

func idHash(id string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(id))
	return h.Sum64()
}

func (s *idSet) add(id string) { *s = append(*s, idHash(id)) }

// seal sorts the set and reports whether an ID was added twice.
func (s idSet) seal() (dup bool) {
	slices.Sort(s)
	for i := 1; i < len(s); i++ {
		if s[i] == s[i-1] {
			return true
		}
	}
	return false
}

func (s idSet) has(id string) bool {
	_, ok := slices.BinarySearch(s, idHash(id))
	return ok
}
