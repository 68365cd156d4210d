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
