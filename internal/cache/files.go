package cache

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/healthloc/healthloc/internal/workers"
)

// FileStat is what the cache knows of one file: its size and
// modification time from a walk and, once read, the sha256 of its bytes.
type FileStat struct {
	Size    int64
	ModTime int64 // Unix nanoseconds
	Sum     [32]byte
	// Other marks an entry that is not a regular file (a symbolic link):
	// its bytes are never trusted to a cache.
	Other bool
}

// Tree is the files under a folder by their slash-separated path
// relative to it.
type Tree map[string]FileStat

// Walk lists the files under root with their sizes and modification
// times, leaving out names that start with a dot, as the project does;
// a missing root is an empty tree.
func Walk(root string) (Tree, error) { return WalkSome(root, nil) }

// WalkSome is Walk of the folders directly under root that keep keeps
// (all when keep is nil), and of the files directly under root.
func WalkSome(root string, keep func(dir string) bool) (Tree, error) {
	t := Tree{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == root {
				return fs.SkipDir
			}
			return err
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if keep != nil && filepath.Dir(p) == root && !keep(d.Name()) {
				return fs.SkipDir
			}
			return nil
		}
		return t.note(root, p, d)
	})
	return t, err
}

// racyWindow is how close to the moment a tree was recorded a file may
// have changed and still keep its size and time: a file written in the
// same tick as the record is read again, as git does with its index.
const racyWindow = int64(2e9)

// Sum fills in the sha256 of every regular file of t, under root. A file
// whose size and time are those prev recorded, and which changed well
// before prev was recorded (at recorded, Unix nanoseconds), keeps prev's
// sum without being read. read is how many files were read.
func Sum(root string, t Tree, prev Tree, recorded int64) (read int, _ error) {
	var names []string
	for rel, st := range t {
		if st.Other {
			continue
		}
		if old, ok := prev[rel]; ok && !old.Other && old.Size == st.Size && old.ModTime == st.ModTime &&
			st.ModTime < recorded-racyWindow {
			st.Sum = old.Sum
			t[rel] = st
			continue
		}
		names = append(names, rel)
	}
	return len(names), t.sum(root, names)
}

// sum reads the files names of t, under root, on all cores, and sets
// their sums.
func (t Tree) sum(root string, names []string) error {
	sums := make([][32]byte, len(names))
	err := workers.Map(len(names), 0, func(i int) error {
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(names[i])))
		sums[i] = sha256.Sum256(data)
		return err
	})
	if err != nil {
		return err
	}
	for i, rel := range names {
		st := t[rel]
		st.Sum = sums[i]
		t[rel] = st
	}
	return nil
}

// Stat lists every file under root, hidden ones included, with its size
// and modification time: what a run left there, for the next to tell
// whether anything touched it since. A missing root is an empty tree.
// The folders directly under root are walked at once.
func Stat(root string) (Tree, error) {
	entries, err := os.ReadDir(root)
	if errors.Is(err, fs.ErrNotExist) {
		return Tree{}, nil
	}
	if err != nil {
		return nil, err
	}
	parts := make([]Tree, len(entries))
	err = workers.Map(len(entries), 0, func(i int) error {
		parts[i] = Tree{}
		if !entries[i].IsDir() {
			p := filepath.Join(root, entries[i].Name())
			return parts[i].note(root, p, entries[i])
		}
		return statDir(root, entries[i].Name(), parts[i])
	})
	if err != nil {
		return nil, err
	}
	n := 0
	for _, part := range parts {
		n += len(part)
	}
	t := make(Tree, n)
	for _, part := range parts {
		maps.Copy(t, part)
	}
	return t, nil
}

// note adds file p, under root, to t.
func (t Tree) note(root, p string, d fs.DirEntry) error {
	info, err := d.Info()
	if err != nil {
		return err
	}
	rel := filepath.ToSlash(strings.TrimPrefix(p, root+string(filepath.Separator)))
	t[rel] = FileStat{Size: info.Size(), ModTime: info.ModTime().UnixNano(), Other: !info.Mode().IsRegular()}
	return nil
}

// Restat brings t, a Stat of root, up to date for the files at paths (as
// the process names them) that a run wrote or removed; paths outside
// root are left out.
func (t Tree) Restat(root string, paths []string) error {
	root, err := filepath.Abs(root)
	if err != nil {
		return err
	}
	for _, p := range paths {
		if p, err = filepath.Abs(p); err != nil {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			continue
		}
		info, err := os.Lstat(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			delete(t, filepath.ToSlash(rel))
		case err != nil:
			return err
		default:
			t[filepath.ToSlash(rel)] = FileStat{Size: info.Size(), ModTime: info.ModTime().UnixNano(), Other: !info.Mode().IsRegular()}
		}
	}
	return nil
}

// Same reports whether t and o list the same files with the same sizes,
// times and kinds.
func (t Tree) Same(o Tree) bool {
	if len(t) != len(o) {
		return false
	}
	for rel, st := range t {
		if x, ok := o[rel]; !ok || x.Size != st.Size || x.ModTime != st.ModTime || x.Other != st.Other {
			return false
		}
	}
	return true
}

// Settled reports whether every file of t changed well before at (Unix
// nanoseconds): one changed in the same tick could change again without
// a new size or time, so what was read from it cannot be trusted later.
func (t Tree) Settled(at int64) bool {
	for _, st := range t {
		if st.ModTime >= at-racyWindow {
			return false
		}
	}
	return true
}

// Fingerprint writes t's files, sorted, with their sizes and times to h.
func (t Tree) Fingerprint(h io.Writer) {
	names := make([]string, 0, len(t))
	for rel := range t {
		names = append(names, rel)
	}
	slices.Sort(names)
	for _, rel := range names {
		st := t[rel]
		fmt.Fprintf(h, "%q %d %d %t\n", rel, st.Size, st.ModTime, st.Other)
	}
}

// GobEncode writes t compactly: sorted paths, each with varints for its
// size and time and its sum when it has one. A map of structs through
// gob's reflection costs several times more to read back, and every
// cached run reads trees of every catalog file.
func (t Tree) GobEncode() ([]byte, error) {
	names := make([]string, 0, len(t))
	for rel := range t {
		names = append(names, rel)
	}
	slices.Sort(names)
	b := binary.AppendUvarint(nil, uint64(len(names)))
	var zero [32]byte
	for _, rel := range names {
		st := t[rel]
		b = binary.AppendUvarint(b, uint64(len(rel)))
		b = append(b, rel...)
		b = binary.AppendVarint(b, st.Size)
		b = binary.AppendVarint(b, st.ModTime)
		var flags byte
		if st.Other {
			flags |= 1
		}
		if st.Sum != zero {
			flags |= 2
		}
		b = append(b, flags)
		if st.Sum != zero {
			b = append(b, st.Sum[:]...)
		}
	}
	return b, nil
}

// GobDecode reads what GobEncode wrote.
func (t *Tree) GobDecode(b []byte) error {
	bad := errors.New("corrupt file tree")
	n, w := binary.Uvarint(b)
	if w <= 0 || n > uint64(len(b)) {
		return bad
	}
	b = b[w:]
	out := make(Tree, n)
	for range n {
		l, w := binary.Uvarint(b)
		if w <= 0 || uint64(len(b)-w) < l {
			return bad
		}
		rel := string(b[w : w+int(l)])
		b = b[w+int(l):]
		var st FileStat
		if st.Size, w = binary.Varint(b); w <= 0 {
			return bad
		}
		b = b[w:]
		if st.ModTime, w = binary.Varint(b); w <= 0 || len(b) == w {
			return bad
		}
		flags := b[w]
		b = b[w+1:]
		st.Other = flags&1 != 0
		if flags&2 != 0 {
			if len(b) < 32 {
				return bad
			}
			copy(st.Sum[:], b)
			b = b[32:]
		}
		out[rel] = st
	}
	*t = out
	return nil
}

// SumRacy sums the files of t, under root, that changed within the racy
// window before at (Unix nanoseconds), and clears the others' sums: a
// later change to such a file may keep its size and time, so only its
// bytes can tell (git's rule for its index).
func (t Tree) SumRacy(root string, at int64) error {
	var racy []string
	for rel, st := range t {
		st.Sum = [32]byte{}
		t[rel] = st
		if !st.Other && st.ModTime >= at-racyWindow {
			racy = append(racy, rel)
		}
	}
	return t.sum(root, racy)
}

// Unchanged reports whether now, a Stat of root, holds the files t
// recorded: the same sizes and times, and the same bytes for the files
// t summed (see SumRacy). racy tells that t summed some.
func (t Tree) Unchanged(root string, now Tree) (same, racy bool) {
	if !t.Same(now) {
		return false, false
	}
	for rel, st := range t {
		if st.Sum == ([32]byte{}) {
			continue
		}
		racy = true
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
		if err != nil || sha256.Sum256(data) != st.Sum {
			return false, true
		}
	}
	return true, racy
}
