package project

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/healthloc/healthloc/internal/catalog"
)

// TestSpill checks that the spill makes its folder, leaves no file in it
// (it is unlinked at once), and reads back what it was given; and that a
// folder it cannot make sends it to the system's temporary folder.
func TestSpill(t *testing.T) {
	root := t.TempDir()
	blocked := filepath.Join(root, "file")
	if err := os.WriteFile(blocked, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{filepath.Join(root, "cache", "deep"), filepath.Join(blocked, "sub")} {
		sp, err := newSpill(dir)
		if err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		src := &catalog.Catalog{Messages: map[string]catalog.Message{"a.1": {ID: "a.1", Hash: "sha1-x", Other: "Drink water."}}}
		d := catalog.NewSourceDoc(src, nil)
		catalog.NewVocab().Number(d)
		if err := sp.add("a", d); err != nil {
			t.Fatal(err)
		}
		if err := sp.done(); err != nil {
			t.Fatal(err)
		}
		got, err := sp.read("a")
		if err != nil || len(got.Msgs) != 1 || got.Msgs[0].Other != "Drink water." {
			t.Errorf("%s: read back %+v, %v", dir, got, err)
		}
		if none, err := sp.read("b"); none != nil || err != nil {
			t.Errorf("%s: a slug never added reads %+v, %v", dir, none, err)
		}
		if dir != filepath.Join(blocked, "sub") && runtime.GOOS != "windows" { // Windows cannot unlink an open file
			if names, err := os.ReadDir(dir); err != nil || len(names) != 0 {
				t.Errorf("%s: holds %v (%v), want an empty folder", dir, names, err)
			}
		}
		sp.close()
	}
}
