package cache

import (
	"crypto/sha256"
	"sync"
)

// Findings remembers what the checks found in translations, so that a
// run does not check again a translation whose source, text, locale,
// configuration and checks are those of an earlier run. It is one file in
// the cache folder per use (render keeps the names of the error-level
// checks that hold a translation; check and status may keep their own).
//
// The configuration and the checks' version are the scope: Load of a
// file written under another scope starts empty, so a changed glossary
// or a new healthloc never trusts old findings. Within a scope an entry
// is keyed by FindingsKey. Values are the caller's bytes, opaque here.
//
// A Findings is safe for use from several goroutines.
type Findings struct {
	scope string
	// load, when set, reads the file at first use (see OpenFindings).
	load func() map[[16]byte][]byte
	mu   sync.Mutex
	// m is keyed by a hash of the FindingsKey, which keeps the file small.
	m map[[16]byte][]byte
	// bypass makes the cache answer nothing and keep nothing.
	bypass bool
	// dirty is set by a Put that changed an entry: Save writes only then.
	dirty bool
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
const findingsVersion = 2

// maxFindings bounds the file: past it, Put starts over, keeping only what
// this run adds, so translations long gone do not pile up.
const maxFindings = 4 << 20

// findingsFile is what a findings file holds.
type findingsFile struct {
	Scope   string
	Entries map[[16]byte][]byte
}

// id is the key an entry is kept under.
func (k FindingsKey) id() [16]byte {
	s := sha256.Sum256([]byte(k.Locale + "\x00" + k.Source + "\x00" + k.Translation))
	return [16]byte(s[:16])
}

// NewFindings is an empty cache of findings under scope.
func NewFindings(scope string) *Findings {
	return &Findings{scope: scope, m: map[[16]byte][]byte{}}
}

// LoadFindings reads the findings file name from the project's cache
// folder; a missing or corrupt file, or one of another scope, gives an
// empty cache.
func LoadFindings(projectDir, name, scope string) *Findings {
	var f findingsFile
	if !ReadGob(projectDir, name, findingsVersion, &f) || f.Scope != scope || f.Entries == nil {
		return NewFindings(scope)
	}
	return &Findings{scope: scope, m: f.Entries}
}

// OpenFindings is LoadFindings that reads the file only when the
// findings are first asked for or added to: a run that needs none pays
// nothing.
func OpenFindings(projectDir, name, scope string) *Findings {
	return &Findings{scope: scope, load: func() map[[16]byte][]byte { return LoadFindings(projectDir, name, scope).m }}
}

// loaded reads the file if it is not read yet; f.mu is held.
func (f *Findings) loaded() {
	if f.load != nil {
		f.m, f.load = f.load(), nil
	}
}

// Bypass makes f answer nothing and keep nothing, without reading its
// file: for a run that checks so few translations that reading and
// writing the file would cost more than checking them.
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
	f.loaded()
	v, ok := f.m[k.id()]
	return v, ok
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
	f.loaded()
	id := k.id()
	if old, ok := f.m[id]; ok && string(old) == string(v) {
		return
	}
	if len(f.m) >= maxFindings {
		f.m = map[[16]byte][]byte{}
	}
	f.m[id] = v
	f.dirty = true
}

// Len is the number of translations known.
func (f *Findings) Len() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.loaded()
	return len(f.m)
}

// Save writes the findings as the file name in the project's cache
// folder, if a Put changed them since Load; see WriteGob for failures.
func (f *Findings) Save(projectDir, name string) error {
	if f == nil {
		return nil
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.dirty {
		return nil
	}
	if err := WriteGob(projectDir, name, findingsVersion, findingsFile{Scope: f.scope, Entries: f.m}); err != nil {
		return err
	}
	f.dirty = false
	return nil
}
