package memory

import (
	"fmt"
	"os"
	"testing"
	"testing/fstest"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/catalog"
)

// benchFS is a memory of n units in fr, as memory add writes it.
func benchFS(n int) fstest.MapFS {
	f := &File{Origin: Origin{Name: "agency.tmx", File: "agency.tmx", Format: "tmx", Tool: "bench", Date: "2024-01-01T00:00:00Z"}}
	for i := range n {
		f.Units = append(f.Units, Unit{Source: fmt.Sprintf("Take <1/>%d mg<2/> of the medicine number %d every 8 hours with water.", i, i),
			Target: fmt.Sprintf("Prenez <1/>%d mg<2/> du médicament numéro %d toutes les 8 heures avec de l'eau.", i, i), Codes: []string{"**", "**"}})
	}
	return fstest.MapFS{"workarea/fr/memory/agency.tmx.toml": {Data: f.Marshal()}}
}

// BenchmarkLoad reads a 30,000-unit memory and looks up every source
// once, as an extract of a locale with that many missing messages does.
func BenchmarkLoad(b *testing.B) {
	fsys := benchFS(30000)
	if p := os.Getenv("HEALTHLOC_MEMORY_FILE"); p != "" {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		fsys = fstest.MapFS{"workarea/fr/memory/x.toml": {Data: data}}
	}
	b.ReportAllocs()
	for b.Loop() {
		ix, err := Load(fsys, "workarea", language.French)
		if err != nil || ix.Len() == 0 {
			b.Fatal(err)
		}
		for k := range ix.units {
			src, _ := ix.units[k].raw(ix.units[k].Source)
			if _, _, ok := ix.Exact(src, catalog.KeyOf(src)); !ok {
				b.Fatal("no exact match for a unit's own source")
			}
		}
	}
}

// BenchmarkSuggest finds the suggestions for one sentence in a
// 30,000-unit memory.
func BenchmarkSuggest(b *testing.B) {
	ix, err := Load(benchFS(30000), "workarea", language.French)
	if err != nil {
		b.Fatal(err)
	}
	ix.Suggest("warm up", 1)
	b.ReportAllocs()
	for b.Loop() {
		if got := ix.Suggest("Take **125 mg** of the medicine number 125 every 6 hours with water.", 3); len(got) == 0 {
			b.Fatal("no suggestion")
		}
	}
}
