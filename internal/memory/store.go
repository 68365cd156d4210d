package memory

import (
	"io/fs"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/exchange"
	"github.com/healthloc/healthloc/internal/project"
)

// Store is a project's memories in its work area, as extract reads them
// (project.OutsideMemory): one locale's at a time.
type Store struct {
	// FS is rooted at the project folder; WorkRoot is work_root.
	FS       fs.FS
	WorkRoot string
}

// For is loc's exact-match lookup, nil when loc has no memory.
func (s Store) For(loc language.Tag) (project.MemoryLookup, error) {
	ix, err := Load(s.FS, s.WorkRoot, loc)
	if err != nil || ix == nil {
		return nil, err
	}
	return ix.Exact, nil
}

// Suggest is the workspace's way in: up to n matches from loc's memory
// for a source text, best first (an exact match scores 100), or none
// when loc has no memory. It reads the memory each time; a caller that
// asks often keeps the Index of Load instead.
func Suggest(fsys fs.FS, workRoot string, loc language.Tag, source string, n int) ([]Match, error) {
	ix, err := Load(fsys, workRoot, loc)
	if err != nil {
		return nil, err
	}
	return ix.Suggest(source, n), nil
}

// MaxSuggestions is how many suggestions an export gives a unit.
const MaxSuggestions = 3

// Annotate gives each missing or stale unit of an export the memory's
// suggestions, written with the unit's placeholders.
func Annotate(f *exchange.File, ix *Index) {
	if ix == nil {
		return
	}
	for i := range f.Docs {
		for j := range f.Docs[i].Units {
			u := &f.Docs[i].Units[j]
			if u.State != project.Missing && u.State != project.Stale {
				continue
			}
			src, err := exchange.Restore(u.Source, u.Codes)
			if err != nil {
				continue
			}
			for _, m := range ix.Suggest(src, MaxSuggestions) {
				u.Matches = append(u.Matches, exchange.Match{Source: u.Protected(m.Source), Target: u.Protected(m.Target), Origin: m.Origin, Score: m.Score})
			}
		}
	}
}
