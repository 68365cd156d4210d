package project

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/corpus"
)

// fakeMemory knows a translation of some source texts, for fr and de.
type fakeMemory struct {
	texts map[catalog.NormKey]string
}

func (m fakeMemory) For(loc language.Tag) (MemoryLookup, error) {
	if loc != language.French && loc != language.German {
		return nil, nil
	}
	return func(_ string, key catalog.NormKey) (string, string, bool) {
		t, ok := m.texts[key]
		return t, MemoryOrigin + "fake.tmx", ok
	}, nil
}

// TestExtractMemory checks that the memory from outside gives candidates,
// never translations, for messages without any translation; that a lean
// extract plans exactly what a full one does; and that a second extract
// changes nothing.
func TestExtractMemory(t *testing.T) {
	o := corpus.Options{Docs: 40, Locales: []string{"es", "fr"}, Seed: 3, Translated: 0.5, Stale: 0.1}
	// de has no catalog at all: the merge emits none of its documents
	fsys, cfg, _ := corpusFS(t, o, append(o.Locales, "de")...)
	full, err := Load(fsys, cfg, "")
	if err != nil {
		t.Fatal(err)
	}
	// the memory knows every second source text, translated or not
	fr := language.French
	mem := fakeMemory{texts: map[catalog.NormKey]string{}}
	missing := 0
	for _, d := range full.Docs {
		for i, id := range d.IDs {
			if i%2 == 0 && !d.IsUI() {
				mem.texts[catalog.KeyOf(d.Source.Messages[id].Other)] = "MEM " + d.Source.Messages[id].Other
				if st, _ := full.Lookup(fr, d, id); st == Missing {
					missing++
				}
			}
		}
	}
	opts := ExtractOptions{Memory: mem}
	pl, rep := samePlans(t, fsys, cfg, opts)
	if missing == 0 || rep.Locales[1].FromMemory == 0 || rep.Locales[0].FromMemory != 0 || rep.Locales[2].FromMemory < missing {
		t.Fatalf("%d missing messages the memory knows; report %+v", missing, rep.Locales)
	}
	for _, f := range pl.Files {
		if strings.HasPrefix(f.Path, "locales/") && bytes.Contains(f.Data, []byte(`"MEM `)) {
			t.Fatalf("%s serves a memory's text:\n%s", f.Path, f.Data)
		}
	}
	// what the memory gave is what status sees as candidates
	apply(fsys, pl)
	after, err := Load(fsys, cfg, "")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range after.Workflow["fr"].Candidates {
		if strings.HasPrefix(c.Other, "MEM ") && c.Origin == MemoryOrigin+"fake.tmx" {
			n++
		}
	}
	if n != rep.Locales[1].FromMemory {
		t.Errorf("%d candidates from the memory on disk, the report says %d", n, rep.Locales[1].FromMemory)
	}
	// a second extract changes nothing, and proposes nothing again; the
	// full extract plans the documents whose work file holds only
	// candidates again, unchanged, where the lean one leaves them alone
	for _, lean := range []bool{false, true} {
		p, err := LoadWith(fsys, cfg, LoadOptions{Lean: lean})
		if err != nil {
			t.Fatal(err)
		}
		again, rep2 := extractTo(t, p, opts)
		if rep2.Locales[1].FromMemory+rep2.Locales[2].FromMemory != 0 || len(again.Remove) != 0 {
			t.Errorf("second extract (lean %v): from memory %+v, removes %v", lean, rep2.Locales, again.Remove)
		}
		for _, f := range again.Files {
			if old, ok := fsys[f.Path]; !ok || !bytes.Equal(old.Data, f.Data) {
				t.Errorf("second extract (lean %v) changes %s", lean, f.Path)
			}
		}
	}
}
