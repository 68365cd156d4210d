package cache

import (
	"os"
	"path/filepath"
	"testing"
)

func TestFindingsRoundTrip(t *testing.T) {
	dir := t.TempDir()
	f := LoadFindings(dir, "salt")
	a, b := f.Key("pair", "2 tablets", "2 comprimidos"), f.Key("pair", "2 tablets", "3 comprimidos")
	if _, ok := f.Get(a); ok {
		t.Fatal("an empty cache answered")
	}
	f.Put(a, nil)
	f.Put(b, []byte(`[{"check":"numbers"}]`))
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	g := LoadFindings(dir, "salt")
	if v, ok := g.Get(a); !ok || len(v) != 0 {
		t.Errorf("Get(a) = %q, %t; want empty, true", v, ok)
	}
	if v, ok := g.Get(b); !ok || string(v) != `[{"check":"numbers"}]` {
		t.Errorf("Get(b) = %q, %t", v, ok)
	}
	if g.Key("pair", "2 tablets", "2 comprimidos") != a {
		t.Error("the same parts gave another key")
	}
	if LoadFindings(dir, "other").Key("pair", "2 tablets", "2 comprimidos") == a {
		t.Error("another salt gave the same key")
	}
	if f.Key("ab", "c") == f.Key("a", "bc") {
		t.Error("parts are not separated")
	}
}

func TestFindingsCorruptIsEmpty(t *testing.T) {
	dir := t.TempDir()
	f := LoadFindings(dir, "")
	k := f.Key("x")
	f.Put(k, []byte("v"))
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, Dir, FindingsFile)
	data, _ := os.ReadFile(path)
	for name, bad := range map[string][]byte{
		"truncated": data[:len(data)-3],
		"flipped":   append(append([]byte{}, data[:len(data)-40]...), append([]byte{data[len(data)-40] ^ 1}, data[len(data)-39:]...)...),
		"garbage":   []byte("not a cache at all, but long enough to have a checksum's worth of bytes"),
	} {
		os.WriteFile(path, bad, 0o644)
		if _, ok := LoadFindings(dir, "").Get(k); ok {
			t.Errorf("%s: a corrupt cache answered", name)
		}
	}
}

func TestFindingsAgeOut(t *testing.T) {
	dir := t.TempDir()
	f := LoadFindings(dir, "")
	old := f.Key("old")
	f.Put(old, nil)
	f.Save()
	// each save that adds something ages what nobody asked for
	for i := range maxAge + 1 {
		g := LoadFindings(dir, "")
		if _, ok := g.Get(old); !ok {
			t.Fatalf("dropped after %d saves", i)
		}
		g = LoadFindings(dir, "")
		g.Put(g.Key("other", string(rune('a'+i))), nil)
		g.Save()
	}
	if _, ok := LoadFindings(dir, "").Get(old); ok {
		t.Error("an entry nobody asked for survived")
	}
}

func TestFindingsNil(t *testing.T) {
	var f *Findings
	f.Put(FindingKey{}, nil)
	if _, ok := f.Get(FindingKey{}); ok {
		t.Error("a nil cache answered")
	}
	if err := f.Save(); err != nil {
		t.Error(err)
	}
}
