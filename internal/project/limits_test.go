package project

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/healthloc/healthloc/internal/config"
	"github.com/healthloc/healthloc/internal/content"
)

// TestLoadManyFiles loads 100,000 tiny articles from one folder on disk.
func TestLoadManyFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("100,000 files: about 10 s")
	}
	dir := t.TempDir()
	folder := filepath.Join(dir, "content", "leaflets")
	if err := os.MkdirAll(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	const n = 100000
	for i := range n {
		name := filepath.Join(folder, fmt.Sprintf("l%06d.txt", i))
		if err := os.WriteFile(name, fmt.Appendf(nil, "Leaflet %d.\n", i), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg, err := config.Parse(filepath.Join(dir, config.FileName), []byte("locales = [\"es\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	p, err := Load(root.FS(), cfg, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Docs) != n+1 { // and the page text, last
		t.Fatalf("%d documents, want %d and the page text", len(p.Docs), n)
	}
	if p.Docs[n-1].Path != "leaflets/l099999.txt" || p.Docs[n-1].Segments[0].Text != "Leaflet 99999." {
		t.Errorf("last document %s = %q", p.Docs[n-1].Path, p.Docs[n-1].Segments[0].Text)
	}
	pl, rep := p.Extract(ExtractOptions{Threshold: 0.5})
	// and the page text's catalogs: the source's and the target's
	if rep.Messages != n || len(pl.Files) != n+2 {
		t.Errorf("extract: %d messages, %d files; want %d and %d", rep.Messages, len(pl.Files), n, n+2)
	}
}

// TestLoadLimits checks that [limits] reaches Parse and the catalog
// reader, and that the errors name the file and the setting.
func TestLoadLimits(t *testing.T) {
	cfg := parseConfig(t, "locales = [\"es\"]\n[limits]\nmax_file_bytes = 100\nmax_depth = 3\n")
	big := make([]byte, 101)
	for i := range big {
		big[i] = 'a'
	}
	tests := []struct {
		name string
		fsys fstest.MapFS
		want error
		msg  string
	}{
		{"big article", fstest.MapFS{"content/a.md": {Data: big}}, content.ErrTooLarge,
			"content/a.md: file too large: the file has 101 bytes, the limit is 100 (max_file_bytes in [limits])"},
		{"deep article", fstest.MapFS{"content/a.md": {Data: []byte("- - - - deep\n")}}, content.ErrTooDeep,
			"content/a.md:1: nesting too deep: about 4 levels of lists or quotes, the limit is 3 (max_depth in [limits])"},
		{"big catalog", fstest.MapFS{"content/a.md": {Data: []byte("x\n")}, "locales/es/a.es.toml": {Data: big}}, content.ErrTooLarge,
			"locales/es/a.es.toml: file too large: the file has 101 bytes, the limit is 100 (max_file_bytes in [limits])"},
	}
	for _, tt := range tests {
		_, err := Load(tt.fsys, cfg, "")
		if !errors.Is(err, tt.want) || err.Error() != tt.msg {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.msg)
		}
	}
	if _, err := config.Parse("healthloc.toml", []byte("[limits]\nmax_depth = -1\n")); err == nil {
		t.Error("negative max_depth accepted")
	}
}

// TestLoadSameSlug refuses two documents that would share a catalog.
func TestLoadSameSlug(t *testing.T) {
	cfg := parseConfig(t, "locales = [\"es\"]\n")
	fsys := fstest.MapFS{"content/a.md": {Data: []byte("# A\n")}, "content/a.txt": {Data: []byte("A\n")}}
	_, err := Load(fsys, cfg, "")
	if err == nil || err.Error() != `content/a.txt: same slug "a" as content/a.md, and so the same catalog: rename one` {
		t.Errorf("err = %v", err)
	}
}
