package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
)

// Findings remembers, across runs, what a pure check said of its input:
// the checks of one source/translation pair (package qa), keyed by a
// hash of everything the answer depends on (see NewFindingKey). Values
// are the caller's encoding; an empty value (nothing found, the common
// answer) costs only its key. A Findings is safe for concurrent use.
//
// It lives in FindingsFile under the cache folder, sorted by key, with a
// checksum: a missing, truncated or corrupt file is an empty cache. An
// entry no run asked for in maxAge saves that added entries is dropped,
// so that the file follows the project and does not grow with its
// history.
type Findings struct {
	path, salt string
	mu         sync.Mutex
	// empty are the loaded keys whose value is empty, sorted; full maps
	// the others. Their ages are parallel in emptyAge and fullAge.
	empty    []FindingKey
	emptyAge []uint8
	full     map[FindingKey]entry
	// emptyUsed marks the empty entries this run asked for (entry.used
	// the full ones); added are the entries computed by this run.
	emptyUsed []bool
	added     map[FindingKey][]byte
}

type entry struct {
	value []byte
	age   uint8
	used  bool
}

// FindingKey identifies one cached answer.
type FindingKey [16]byte

// Key hashes the parts of a key with the cache's salt; each part is
// length-prefixed so that no two lists of parts give the same key.
func (f *Findings) Key(parts ...string) FindingKey {
	h := sha256.New()
	var n [binary.MaxVarintLen64]byte
	for _, p := range append([]string{f.salt}, parts...) {
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(p)))])
		h.Write([]byte(p))
	}
	var k FindingKey
	copy(k[:], h.Sum(nil))
	return k
}

// FindingsFile is the file of a Findings in the cache folder.
const FindingsFile = "findings"

// findingsMagic starts the file; a new layout gets a new one.
const findingsMagic = "healthloc findings 1\n"

// maxAge is how many saves that add entries an entry survives unasked.
const maxAge = 8

// LoadFindings reads the findings cached under the project folder
// projectDir (in Dir). salt goes into every key: what the answers depend
// on besides the parts a caller hashes (the program, the configuration).
// Nothing cached, or a file that cannot be read or is corrupt, gives an
// empty cache that saves to the same place.
func LoadFindings(projectDir, salt string) *Findings {
	sum := sha256.Sum256([]byte(salt)) // hashed once, not with every key
	f := &Findings{path: filepath.Join(projectDir, Dir, FindingsFile), salt: string(sum[:]), full: map[FindingKey]entry{},
		added: map[FindingKey][]byte{}}
	data, err := os.ReadFile(f.path)
	if err != nil || f.decode(data) != nil {
		f.empty, f.emptyAge, f.full = nil, nil, map[FindingKey]entry{}
	}
	f.emptyUsed = make([]bool, len(f.empty))
	return f
}

// decode reads the file's bytes: the magic, the entries (key, age,
// value length, value) in key order, and the sha256 of all that.
func (f *Findings) decode(data []byte) error {
	if len(data) < len(findingsMagic)+sha256.Size || !bytes.HasPrefix(data, []byte(findingsMagic)) {
		return fmt.Errorf("not a findings file")
	}
	body, sum := data[:len(data)-sha256.Size], data[len(data)-sha256.Size:]
	if got := sha256.Sum256(body); !bytes.Equal(got[:], sum) {
		return fmt.Errorf("checksum mismatch")
	}
	rest := body[len(findingsMagic):]
	var prev FindingKey
	for first := true; len(rest) > 0; first = false {
		if len(rest) < len(FindingKey{})+1 {
			return fmt.Errorf("truncated entry")
		}
		var k FindingKey
		copy(k[:], rest)
		age := rest[len(k)]
		rest = rest[len(k)+1:]
		n, w := binary.Uvarint(rest)
		if w <= 0 || uint64(len(rest)-w) < n {
			return fmt.Errorf("bad value length")
		}
		value := rest[w : w+int(n)]
		rest = rest[w+int(n):]
		if !first && bytes.Compare(prev[:], k[:]) >= 0 {
			return fmt.Errorf("keys out of order")
		}
		prev = k
		if n == 0 {
			f.empty = append(f.empty, k)
			f.emptyAge = append(f.emptyAge, age)
		} else {
			f.full[k] = entry{value: value, age: age}
		}
	}
	return nil
}

// Get is the value cached for k, if any. A nil Findings caches nothing.
func (f *Findings) Get(k FindingKey) ([]byte, bool) {
	if f == nil {
		return nil, false
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if v, ok := f.added[k]; ok {
		return v, true
	}
	if i, ok := slices.BinarySearchFunc(f.empty, k, compareKeys); ok {
		f.emptyUsed[i] = true
		return nil, true
	}
	if e, ok := f.full[k]; ok {
		if !e.used {
			e.used = true
			f.full[k] = e
		}
		return e.value, true
	}
	return nil, false
}

// Put caches value for k.
func (f *Findings) Put(k FindingKey, value []byte) {
	if f == nil {
		return
	}
	f.mu.Lock()
	f.added[k] = value
	f.mu.Unlock()
}

func compareKeys(a, b FindingKey) int { return bytes.Compare(a[:], b[:]) }

// Save writes the cache back when this run added entries: what it asked
// for and added stays, the rest ages and goes after maxAge such saves.
// Like Save, a failure is no failure of the run: the caller may warn.
func (f *Findings) Save() error {
	if f == nil {
		return nil
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.added) == 0 {
		return nil
	}
	type kv struct {
		k     FindingKey
		value []byte
		age   uint8
	}
	all := make([]kv, 0, len(f.empty)+len(f.full)+len(f.added))
	keep := func(k FindingKey, value []byte, age uint8, used bool) {
		if used {
			age = 0
		} else if age++; age > maxAge {
			return
		}
		if _, again := f.added[k]; !again {
			all = append(all, kv{k, value, age})
		}
	}
	for i, k := range f.empty {
		keep(k, nil, f.emptyAge[i], f.emptyUsed[i])
	}
	for k, e := range f.full {
		keep(k, e.value, e.age, e.used)
	}
	for k, v := range f.added {
		all = append(all, kv{k, v, 0})
	}
	slices.SortFunc(all, func(a, b kv) int { return compareKeys(a.k, b.k) })
	var buf bytes.Buffer
	buf.WriteString(findingsMagic)
	var n [binary.MaxVarintLen64]byte
	for _, e := range all {
		buf.Write(e.k[:])
		buf.WriteByte(e.age)
		buf.Write(n[:binary.PutUvarint(n[:], uint64(len(e.value)))])
		buf.Write(e.value)
	}
	sum := sha256.Sum256(buf.Bytes())
	buf.Write(sum[:])
	return WriteFile(f.path, buf.Bytes())
}

// WriteFile writes data to path, a file of the cache, through a
// temporary file and a rename, so that a reader sees the old file or the
// new one, never a mix.
func WriteFile(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+"-*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}
