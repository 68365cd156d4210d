package cache

import (
	"os"
	"path/filepath"
	"testing"
)

func TestFindings(t *testing.T) {
	dir := t.TempDir()
	k := FindingsKey{Locale: "es", Source: "s1", Translation: "t1"}
	f := LoadFindings(dir, "findings-test", "scope1")
	if _, ok := f.Get(k); ok {
		t.Fatal("an empty cache knows a translation")
	}
	f.Put(k, []byte("numbers"))
	f.Put(FindingsKey{Locale: "es", Source: "s2", Translation: "t2"}, nil)
	if err := f.Save(dir, "findings-test"); err != nil {
		t.Fatal(err)
	}
	g := LoadFindings(dir, "findings-test", "scope1")
	if v, ok := g.Get(k); !ok || string(v) != "numbers" {
		t.Fatalf("got %q, %t after a round trip", v, ok)
	}
	if _, ok := g.Get(FindingsKey{Locale: "es", Source: "s2", Translation: "t2"}); !ok {
		t.Fatal("an entry with no findings was lost")
	}
	if g.Len() != 2 {
		t.Fatalf("%d entries, want 2", g.Len())
	}
	if o := OpenFindings(dir, "findings-test", "scope1"); o.Len() != 2 {
		t.Fatal("OpenFindings read nothing")
	}
	// another scope (configuration, checks) trusts nothing
	if h := LoadFindings(dir, "findings-test", "scope2"); h.Len() != 0 {
		t.Fatal("findings of another scope were kept")
	}
	// a corrupt file is an empty cache
	if err := os.WriteFile(filepath.Join(dir, Dir, "findings-test"), []byte("\x07garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	if h := LoadFindings(dir, "findings-test", "scope1"); h.Len() != 0 {
		t.Fatal("a corrupt file gave entries")
	}
	// a nil cache is a cache that knows nothing
	var none *Findings
	none.Put(k, nil)
	if _, ok := none.Get(k); ok {
		t.Fatal("a nil cache knows something")
	}
}

func TestSumTrustsOnlyOldStats(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(name, []byte("one"), 0o644); err != nil {
		t.Fatal(err)
	}
	t1, err := Walk(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Sum(dir, t1, nil, 0); err != nil {
		t.Fatal(err)
	}
	// same size, same time, recorded just now: racy, so read again
	if err := os.WriteFile(name, []byte("two"), 0o644); err != nil {
		t.Fatal(err)
	}
	st := t1["a.txt"]
	info, _ := os.Stat(name)
	st.ModTime = info.ModTime().UnixNano()
	t1["a.txt"] = st
	t2, _ := Walk(dir)
	if _, err := Sum(dir, t2, t1, info.ModTime().UnixNano()); err != nil {
		t.Fatal(err)
	}
	if t2["a.txt"].Sum == t1["a.txt"].Sum {
		t.Fatal("a file changed in the same tick as the record kept its old sum")
	}
}
