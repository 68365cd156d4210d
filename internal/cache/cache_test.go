package cache

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestStat is the fingerprint of what a run left: a change to a file, a
// new file or a removed one shows; Restat takes in what the run itself
// wrote.
func TestStat(t *testing.T) {
	dir := t.TempDir()
	put := func(rel, data string) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	put("es/a.es.toml", "a")
	put("es/.hidden", "h")
	put("top.toml", "t")
	before, err := Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(before) != 3 {
		t.Fatalf("Stat lists %d files, want 3 (hidden ones too): %v", len(before), before)
	}
	again, _ := Stat(dir)
	if !before.Same(again) {
		t.Fatal("two Stats of the same files differ")
	}
	put("es/a.es.toml", "changed")
	after, _ := Stat(dir)
	if before.Same(after) {
		t.Fatal("a changed file does not show")
	}
	put("fr/b.fr.toml", "b")
	if err := os.Remove(filepath.Join(dir, "top.toml")); err != nil {
		t.Fatal(err)
	}
	if err := before.Restat(dir, []string{filepath.Join(dir, "es/a.es.toml"), filepath.Join(dir, "fr/b.fr.toml"),
		filepath.Join(dir, "top.toml"), filepath.Join(t.TempDir(), "elsewhere")}); err != nil {
		t.Fatal(err)
	}
	now, _ := Stat(dir)
	if !before.Same(now) {
		t.Fatalf("Restat of what was written and removed is not a new Stat:\n%v\n%v", before, now)
	}
	var a, b bytes.Buffer
	before.Fingerprint(&a)
	now.Fingerprint(&b)
	if a.String() != b.String() || a.Len() == 0 {
		t.Fatalf("fingerprints of the same files differ:\n%s\n%s", a.String(), b.String())
	}
	if now.Settled(time.Now().UnixNano()) {
		t.Fatal("files written a moment ago are settled")
	}
	if !now.Settled(time.Now().Add(time.Minute).UnixNano()) {
		t.Fatal("files written a minute before are not settled")
	}
	if missing, err := Stat(filepath.Join(dir, "nowhere")); err != nil || len(missing) != 0 {
		t.Fatalf("Stat of a missing folder: %v, %v; want empty", missing, err)
	}
}

// TestTreeGob: a tree read back from the cache is the tree written, and
// a corrupt one is refused.
func TestTreeGob(t *testing.T) {
	in := Tree{"es/a.es.toml": {Size: 10, ModTime: -5, Sum: [32]byte{1, 2}}, "b": {Size: 0, ModTime: 1 << 60, Other: true}, "": {}}
	dir := t.TempDir()
	if err := WriteGob(dir, "tree", 1, struct{ T Tree }{in}); err != nil {
		t.Fatal(err)
	}
	var out struct{ T Tree }
	if !ReadGob(dir, "tree", 1, &out) || len(out.T) != len(in) {
		t.Fatalf("read back %v, want %v", out.T, in)
	}
	for rel, st := range in {
		if out.T[rel] != st {
			t.Errorf("%q: read back %+v, want %+v", rel, out.T[rel], st)
		}
	}
	b, _ := in.GobEncode()
	var bad Tree
	if err := bad.GobDecode(b[:len(b)-3]); err == nil {
		t.Error("a cut tree decodes")
	}
}
