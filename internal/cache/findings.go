package cache

import (
	"crypto/sha256"
	"fmt"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sync"
)

// Findings remembers what the checks found in translations, so that a
// run does not check again a translation whose source, text, locale,
// configuration and checks are those of an earlier run. It is one file in
// the cache folder per use and locale (render keeps the names of the
// error-level checks that hold a translation; check and status may keep
// their own), read when the locale is first asked about: extract, which
// merges one locale after the other, holds one locale's findings at a
// time (see Release).
//
// The configuration and the checks' version are the scope: a locale's
// file written under another scope is read as empty, so a changed glossary
// or a new healthloc never trusts old findings. Within a scope an entry
// is keyed by FindingsKey. Values are the caller's bytes, opaque here.
//
// A Findings is safe for use from several goroutines.
type Findings struct {
	scope string
	// dir and name are where the files are (see OpenFindings); a cache
	// with no dir reads nothing.
	dir, name string
	mu        sync.Mutex
	// locales are the findings read or made, by locale; total counts
	// their entries.
	locales map[string]*localeFindings
	total   int
	// bypass makes the cache answer nothing and keep nothing.
	bypass bool
	// oldGone is set once the file of every locale's findings, before
	// they were kept by locale, is removed.
	oldGone bool
}

// localeFindings are one locale's findings. The values are few (which
// checks hold a translation), so each is kept once, in values, and an
// entry is its index: 18 bytes an entry rather than a slice of its own,
// which made the findings of 10,000 documents × 10 locales 125 MiB.
type localeFindings struct {
	// m is keyed by a hash of the FindingsKey, which keeps the file small.
	m      map[[16]byte]uint16
	values []string
	index  map[string]uint16
	// dirty is set by a Put that changed an entry: Save writes only then.
	dirty bool
}

func newLocaleFindings() *localeFindings {
	return &localeFindings{m: map[[16]byte]uint16{}, index: map[string]uint16{}}
}

// value is v's index in lf.values, added if new; ok is false when the
// table is full.
func (lf *localeFindings) value(v string) (uint16, bool) {
	if i, ok := lf.index[v]; ok {
		return i, true
	}
	if len(lf.values) > math.MaxUint16 {
		return 0, false
	}
	i := uint16(len(lf.values))
	lf.values = append(lf.values, v)
	lf.index[v] = i
	return i, true
}

// FindingsKey identifies one translation as the checks see it.
type FindingsKey struct {
	// Locale is the translation's locale.
	Locale string
	// Source is a hash of the source message and of anything else about
	// its segment the checks read (its kind, its syntax).
	Source string
	// Translation is a hash of the translation's text.
	Translation string
}

// findingsVersion is the file format; a change makes old files ignored.
const findingsVersion = 4

// maxFindings bounds what a run holds, over every locale it asked about,
// and so the files: past it, the largest locale's findings start over,
// keeping only what this run adds, so translations long gone do not
// pile up and a project of millions of translations (100,000 documents
// × 10 locales) does not hold them all. A variable for tests.
var maxFindings = 2 << 20

// findingsFile is what a findings file holds.
type findingsFile struct {
	Scope   string
	Values  []string
	Entries map[[16]byte]uint16
}

// id is the key an entry is kept under.
func (k FindingsKey) id() [16]byte {
	s := sha256.Sum256([]byte(k.Locale + "\x00" + k.Source + "\x00" + k.Translation))
	return [16]byte(s[:16])
}

// NewFindings is an empty cache of findings under scope, kept in memory.
func NewFindings(scope string) *Findings {
	return &Findings{scope: scope, locales: map[string]*localeFindings{}}
}

// OpenFindings is the cache of findings under scope kept in the files
// name-<locale> of the project's cache folder. A locale's file is read
// when the locale is first asked about, so a run that checks nothing
// pays nothing; a missing or corrupt file, or one of another scope, is an
// empty cache.
func OpenFindings(projectDir, name, scope string) *Findings {
	f := NewFindings(scope)
	f.dir, f.name = projectDir, name
	return f
}

// fileOf is the cache file of loc's findings: the locale's tag when it is
// one, else its hex.
func (f *Findings) fileOf(loc string) string {
	for _, r := range loc {
		if !(r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return fmt.Sprintf("%s-x%x", f.name, loc)
		}
	}
	return f.name + "-" + loc
}

// locale is loc's findings, read from its file at first use; f.mu is
// held.
func (f *Findings) locale(loc string) *localeFindings {
	if lf, ok := f.locales[loc]; ok {
		return lf
	}
	lf := newLocaleFindings()
	var file findingsFile
	if f.dir != "" && ReadGob(f.dir, f.fileOf(loc), findingsVersion, &file) && file.Scope == f.scope && file.Entries != nil &&
		validFindings(file) {
		lf.m, lf.values = file.Entries, file.Values
		for i, v := range lf.values {
			lf.index[v] = uint16(i)
		}
	}
	f.locales[loc] = lf
	f.total += len(lf.m)
	f.trim()
	return lf
}

// validFindings reports whether every entry of file names one of its
// values: a file that does not is corrupt.
func validFindings(file findingsFile) bool {
	for _, i := range file.Entries {
		if int(i) >= len(file.Values) {
			return false
		}
	}
	return true
}

// trim starts the largest locales' findings over until the run holds at
// most maxFindings; f.mu is held.
func (f *Findings) trim() {
	for f.total > maxFindings {
		var big *localeFindings
		for _, loc := range slices.Sorted(maps.Keys(f.locales)) {
			if lf := f.locales[loc]; big == nil || len(lf.m) > len(big.m) {
				big = lf
			}
		}
		f.total -= len(big.m)
		*big = *newLocaleFindings()
		big.dirty = true
	}
}

// Bypass makes f answer nothing and keep nothing, without reading its
// files: for a run that checks so few translations that reading and
// writing the files would cost more than checking them.
func (f *Findings) Bypass() {
	if f != nil {
		f.mu.Lock()
		f.bypass = true
		f.mu.Unlock()
	}
}

// Get is what was found in the translation k, if it is known.
func (f *Findings) Get(k FindingsKey) ([]byte, bool) {
	if f == nil {
		return nil, false
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.bypass {
		return nil, false
	}
	lf := f.locale(k.Locale)
	i, ok := lf.m[k.id()]
	if !ok {
		return nil, false
	}
	return []byte(lf.values[i]), true
}

// Put records what was found in the translation k.
func (f *Findings) Put(k FindingsKey, v []byte) {
	if f == nil {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.bypass {
		return
	}
	lf := f.locale(k.Locale)
	id := k.id()
	old, ok := lf.m[id]
	if ok && lf.values[old] == string(v) {
		return
	}
	i, room := lf.value(string(v))
	if !room {
		return
	}
	if !ok {
		f.total++
	}
	lf.m[id] = i
	lf.dirty = true
	f.trim()
}

// Len is the number of translations known in the locales asked about.
func (f *Findings) Len() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.total
}

// Save writes the findings of every locale a Put changed since it was
// read to their files; see WriteGob for failures.
func (f *Findings) Save() error {
	if f == nil {
		return nil
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, loc := range slices.Sorted(maps.Keys(f.locales)) {
		if err := f.save(loc); err != nil {
			return err
		}
	}
	return nil
}

// save writes loc's findings if a Put changed them; f.mu is held.
func (f *Findings) save(loc string) error {
	lf := f.locales[loc]
	if !lf.dirty || f.dir == "" {
		return nil
	}
	if err := WriteGob(f.dir, f.fileOf(loc), findingsVersion, findingsFile{Scope: f.scope, Values: lf.values, Entries: lf.m}); err != nil {
		return err
	}
	lf.dirty = false
	if !f.oldGone {
		os.Remove(filepath.Join(f.dir, Dir, f.name)) // nothing reads it any more
		f.oldGone = true
	}
	return nil
}

// Release writes loc's findings, if they changed, and forgets them, for a
// run done with the locale: asked again, it reads the file again. When
// the file cannot be written they are kept, for Save to report.
func (f *Findings) Release(loc string) {
	if f == nil || f.dir == "" {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if lf, ok := f.locales[loc]; ok && f.save(loc) == nil {
		f.total -= len(lf.m)
		delete(f.locales, loc)
	}
}
