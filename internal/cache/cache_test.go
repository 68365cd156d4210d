package cache

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestKeys(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, data string) {
		p := filepath.Join(dir, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("content/a.md", "Hello.\n")
	write("locales/es/a.es.toml", "")
	in1, err := Inputs(dir, "content", "opts")
	if err != nil {
		t.Fatal(err)
	}
	out1, err := Outputs(filepath.Join(dir, "locales"))
	if err != nil {
		t.Fatal(err)
	}
	if in2, _ := Inputs(dir, "content", "opts"); in2 != in1 {
		t.Fatal("inputs key not stable")
	}
	if in3, _ := Inputs(dir, "content", "other opts"); in3 == in1 {
		t.Error("options do not change the key")
	}
	write("content/a.md", "Hellp.\n") // same size, same second
	if in4, _ := Inputs(dir, "content", "opts"); in4 == in1 {
		t.Error("a content edit does not change the key")
	}
	future := time.Now().Add(time.Hour)
	os.Chtimes(filepath.Join(dir, "locales/es/a.es.toml"), future, future)
	if out2, _ := Outputs(filepath.Join(dir, "locales")); out2 == out1 {
		t.Error("touching a catalog does not change the key")
	}
	if o, err := Outputs(filepath.Join(dir, "nowhere")); err != nil || o == "" {
		t.Errorf("missing catalog root: %q %v", o, err)
	}
}
