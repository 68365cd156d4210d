package catalog

import (
	"math/rand/v2"
	"reflect"
	"testing"
)

// TestSourceDocRoundTrip checks that a SourceDoc reads back as written,
// and that every cut-short record is an error, never a panic.
func TestSourceDocRoundTrip(t *testing.T) {
	for seed := range 200 {
		r := rand.New(rand.NewPCG(uint64(seed), 5))
		c := newStreamCase(r)
		v := NewVocab()
		for slug, cur := range c.sources {
			d := NewSourceDoc(cur, c.old[slug])
			v.Number(d)
			b := d.AppendBinary(nil)
			got, err := DecodeSourceDoc(b)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.Msgs, d.Msgs) || len(got.Old) != len(d.Old) || (len(d.Old) > 0 && !reflect.DeepEqual(got.Old, d.Old)) {
				t.Fatalf("seed %d %s: read back\n%+v\nwrote\n%+v", seed, slug, got, d)
			}
			for n := range len(b) {
				if _, err := DecodeSourceDoc(b[:n]); err == nil {
					t.Fatalf("seed %d %s: %d of %d bytes read without error", seed, slug, n, len(b))
				}
			}
		}
	}
}

// TestSourceDocOld checks what NewSourceDoc keeps of the old source: the
// messages that are not exactly current ones.
func TestSourceDocOld(t *testing.T) {
	a := Message{ID: "d.a", Hash: "h1", Description: "paragraph", Other: "A"}
	b := Message{ID: "d.b", Hash: "h2", Description: "paragraph", Other: "B"}
	b2 := b
	b2.Other, b2.Hash = "B, edited", "h3"
	gone := Message{ID: "d.c", Hash: "h4", Description: "heading", Other: "C"}
	d := NewSourceDoc(&Catalog{Messages: map[string]Message{"d.a": a, "d.b": b2}},
		&Catalog{Messages: map[string]Message{"d.a": a, "d.b": b, "d.c": gone}})
	if !d.Msgs[0].InOld || d.Msgs[1].InOld {
		t.Errorf("InOld: %v, %v; want true, false", d.Msgs[0].InOld, d.Msgs[1].InOld)
	}
	if !reflect.DeepEqual(d.Old, []Message{b, gone}) {
		t.Errorf("Old = %v", d.Old)
	}
	for id, want := range map[string]Message{"d.a": a, "d.b": b, "d.c": gone} {
		if got, ok := d.old(id); !ok || got != want {
			t.Errorf("old(%s) = %v, %t", id, got, ok)
		}
	}
	if _, ok := d.old("d.x"); ok {
		t.Errorf("old(d.x) found")
	}
}
