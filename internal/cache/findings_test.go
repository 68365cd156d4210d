package cache

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

func TestFindings(t *testing.T) {
	dir := t.TempDir()
	k := FindingsKey{Locale: "es", Source: "s1", Translation: "t1"}
	fr := FindingsKey{Locale: "fr", Source: "s1", Translation: "t1"}
	// the file of every locale that came before is removed on save
	old := filepath.Join(dir, Dir, "findings-test")
	if err := os.MkdirAll(filepath.Dir(old), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(old, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	f := OpenFindings(dir, "findings-test", "scope1")
	if _, ok := f.Get(k); ok {
		t.Fatal("an empty cache knows a translation")
	}
	f.Put(k, []byte("numbers"))
	f.Put(FindingsKey{Locale: "es", Source: "s2", Translation: "t2"}, nil)
	f.Put(fr, []byte("units"))
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"findings-test-es", "findings-test-fr"} {
		if _, err := os.Stat(filepath.Join(dir, Dir, name)); err != nil {
			t.Errorf("no file per locale: %v", err)
		}
	}
	if _, err := os.Stat(old); err == nil {
		t.Error("the file of every locale is still there")
	}
	g := OpenFindings(dir, "findings-test", "scope1")
	if v, ok := g.Get(k); !ok || string(v) != "numbers" {
		t.Fatalf("got %q, %t after a round trip", v, ok)
	}
	if _, ok := g.Get(FindingsKey{Locale: "es", Source: "s2", Translation: "t2"}); !ok {
		t.Fatal("an entry with no findings was lost")
	}
	// only the locales asked about are read
	if g.Len() != 2 {
		t.Fatalf("%d entries after asking about es, want its 2", g.Len())
	}
	if v, ok := g.Get(fr); !ok || string(v) != "units" || g.Len() != 3 {
		t.Fatalf("fr: got %q, %t, %d entries", v, ok, g.Len())
	}
	// a released locale is written and leaves memory; asked again, it
	// is read again
	g.Put(FindingsKey{Locale: "fr", Source: "s3", Translation: "t3"}, []byte("dose"))
	g.Release("fr")
	if g.Len() != 2 {
		t.Fatalf("%d entries after releasing fr, want es's 2", g.Len())
	}
	if v, ok := g.Get(FindingsKey{Locale: "fr", Source: "s3", Translation: "t3"}); !ok || string(v) != "dose" {
		t.Fatalf("a released locale lost what was added: %q, %t", v, ok)
	}
	// another scope (configuration, checks) trusts nothing
	if h := OpenFindings(dir, "findings-test", "scope2"); known(h, k) {
		t.Fatal("findings of another scope were kept")
	}
	// a corrupt file is an empty cache
	if err := os.WriteFile(filepath.Join(dir, Dir, "findings-test-es"), []byte("\x07garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	if h := OpenFindings(dir, "findings-test", "scope1"); known(h, k) {
		t.Fatal("a corrupt file gave entries")
	}
	// so is a file whose entries name no value
	bad := findingsFile{Scope: "scope1", Values: []string{""}, Entries: map[[16]byte]uint16{k.id(): 3}}
	if err := WriteGob(dir, "findings-test-es", findingsVersion, bad); err != nil {
		t.Fatal(err)
	}
	if h := OpenFindings(dir, "findings-test", "scope1"); known(h, k) {
		t.Fatal("a file naming a value it lacks gave entries")
	}
	// a locale that is no tag still gets a file of its own
	if name := f.fileOf("../x"); name != "findings-test-x2e2e2f78" {
		t.Errorf("file of a locale that is no tag: %q", name)
	}
	// a nil cache is a cache that knows nothing
	var none *Findings
	none.Put(k, nil)
	if _, ok := none.Get(k); ok {
		t.Fatal("a nil cache knows something")
	}
}

// The findings a run holds are bounded over every locale: past the
// bound the largest locale's start over, and what is read from a file
// counts too.
func TestFindingsBounded(t *testing.T) {
	defer func(n int) { maxFindings = n }(maxFindings)
	maxFindings = 10
	dir := t.TempDir()
	f := OpenFindings(dir, "findings-test", "scope")
	key := func(loc string, i int) FindingsKey {
		return FindingsKey{Locale: loc, Source: "s", Translation: fmt.Sprint(i)}
	}
	for i := range 8 {
		f.Put(key("es", i), nil)
	}
	for i := range 4 {
		f.Put(key("fr", i), []byte("numbers"))
	}
	if n := f.Len(); n > 10 {
		t.Fatalf("%d findings held, more than 10", n)
	}
	if known(f, key("es", 0)) || !known(f, key("fr", 0)) {
		t.Fatal("not the largest locale's findings started over")
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	// files written by runs that held one locale each add up on reading
	for i := range 9 {
		f.Put(key("de", i), nil)
	}
	f.Release("de") // 2 left: 7 were reached before the bound
	maxFindings = 5
	g := OpenFindings(dir, "findings-test", "scope")
	for _, loc := range []string{"es", "fr", "de"} {
		g.Get(key(loc, 0))
		if n := g.Len(); n > 5 {
			t.Fatalf("%d findings held after reading %s, more than 5", n, loc)
		}
	}
	if !known(g, key("de", 8)) || known(g, key("fr", 0)) {
		t.Fatal("reading past the bound did not start the largest locale over")
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

func known(f *Findings, k FindingsKey) bool {
	_, ok := f.Get(k)
	return ok
}
