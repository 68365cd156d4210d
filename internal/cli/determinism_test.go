package cli

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/healthloc/healthloc/internal/corpus"
)

// TestDeterministicAcrossCores runs extract and render on the same corpus
// with GOMAXPROCS=1 and GOMAXPROCS=8: every catalog and bundle file must be
// byte for byte the same.
func TestDeterministicAcrossCores(t *testing.T) {
	trees := map[string]map[string][]byte{}
	for _, procs := range []string{"1", "8"} {
		dir := t.TempDir()
		must(t, corpus.Generate(corpus.Options{Docs: 60, Locales: []string{"es", "fr", "ar"}, Seed: 3, Translated: 0.5, Stale: 0.2}, corpusWriter(dir)))
		// edit some documents so extract has merging to do
		for _, slug := range []string{corpus.Slug(3), corpus.Slug(17), corpus.Slug(40)} {
			p := filepath.Join(dir, "content", filepath.FromSlash(slug)+".md")
			data, err := os.ReadFile(p)
			must(t, err)
			must(t, os.WriteFile(p, bytes.ReplaceAll(data, []byte(" for "), []byte(" during ")), 0o644))
		}
		for _, args := range [][]string{{"extract"}, {"render"}} {
			cmd := exec.Command(os.Args[0], append([]string{"-C", dir, "-q"}, args...)...)
			cmd.Env = append(os.Environ(), "HEALTHLOC_AS_MAIN=1", "GOMAXPROCS="+procs)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("GOMAXPROCS=%s %v: %v\n%s", procs, args, err, out)
			}
		}
		files := map[string][]byte{}
		for _, root := range []string{"locales", "dist"} {
			err := filepath.WalkDir(filepath.Join(dir, root), func(path string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				data, err := os.ReadFile(path)
				rel, _ := filepath.Rel(dir, path)
				files[rel] = data
				return err
			})
			must(t, err)
		}
		trees[procs] = files
	}
	one, eight := trees["1"], trees["8"]
	if len(one) != len(eight) || len(one) < 300 {
		t.Fatalf("%d files with one core, %d with eight", len(one), len(eight))
	}
	for name, data := range one {
		if !bytes.Equal(data, eight[name]) {
			t.Errorf("%s differs between GOMAXPROCS=1 and GOMAXPROCS=8", name)
		}
	}
}
