package catalog

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// streamCase is a random merge: current and old sources, a locale's
// catalogs and its sidecar, shaped like a project after some edits.
type streamCase struct {
	sources, old, targets map[string]*Catalog
	previous              map[string]string
}

var streamWords = strings.Fields("the child should take 5 mg of zinc every day for 10 days drink clean water after each loose stool")

// streamText is a random text; half are variants of a few base texts,
// so that the memory finds the same and similar texts.
func streamText(r *rand.Rand) string {
	if r.IntN(2) == 0 {
		w := strings.Fields(streamBases[r.IntN(len(streamBases))])
		if r.IntN(2) == 0 {
			w[r.IntN(len(w))] = streamWords[r.IntN(len(streamWords))]
		}
		return strings.Join(w, " ")
	}
	n := 1 + r.IntN(9)
	w := make([]string, n)
	for i := range w {
		w[i] = streamWords[r.IntN(len(streamWords))]
	}
	return strings.Join(w, " ")
}

var streamBases = []string{
	"the child should take 5 mg of zinc every day",
	"drink clean water after each loose stool",
	"take zinc for 10 days",
	"the child should drink clean water every day for 10 days",
}

func newStreamCase(r *rand.Rand) streamCase {
	c := streamCase{map[string]*Catalog{}, map[string]*Catalog{}, map[string]*Catalog{}, map[string]string{}}
	add := func(cs map[string]*Catalog, slug string, m Message) {
		if cs[slug] == nil {
			cs[slug] = &Catalog{Locale: "x", Messages: map[string]Message{}}
		}
		cs[slug].Messages[m.ID] = m
	}
	source := func(slug, text string) Message {
		return Message{ID: MessageID(slug, text), Description: "paragraph", Hash: Hash("paragraph", text), Other: text}
	}
	for d := range 1 + r.IntN(5) {
		slug := fmt.Sprint("doc", d)
		for range 1 + r.IntN(6) {
			text := streamText(r)
			now, was := source(slug, text), source(slug, text)
			switch r.IntN(6) {
			case 0: // edited: the old source had another text
				was = source(slug, text+" "+streamWords[r.IntN(len(streamWords))])
			case 1: // new
				was = Message{}
			case 2: // moved here from a document that is gone
				was = source(slug+"-old", text)
			}
			add(c.sources, slug, now)
			if was.ID != "" {
				add(c.old, strings.Split(was.ID, ".")[0], was)
			}
			if was.ID == "" {
				continue
			}
			tr := Message{ID: was.ID, Hash: was.Hash, Other: "T:" + was.Other}
			switch r.IntN(7) {
			case 0:
				continue // not translated
			case 1:
				tr.Hash = "sha1-stale"
				if r.IntN(2) == 0 {
					c.previous[tr.ID] = streamText(r)
				}
			case 2:
				tr.Hash = "" // added by hand
			case 3:
				tr.Other = ""
			}
			add(c.targets, strings.Split(tr.ID, ".")[0], tr)
		}
	}
	// an obsolete entry whose source is known only from the sidecar
	if r.IntN(3) == 0 {
		id := MessageID("doc0", "gone for good")
		add(c.targets, "doc0", Message{ID: id, Hash: "sha1-x", Other: "T:gone"})
		c.previous[id] = "gone for good"
	}
	return c
}

// stream runs StreamMerge on c and gathers what it emits.
func (c streamCase) stream(t *testing.T, in MergeInput, whole bool) (map[string]*Catalog, StreamResult) {
	t.Helper()
	set := map[string]bool{}
	for s := range c.sources {
		set[s] = true
	}
	for s := range c.old {
		set[s] = true
	}
	for s := range c.targets {
		set[s] = true
	}
	slugs := slices.Sorted(maps.Keys(set))
	v := NewVocab()
	docs := make([]*SourceDoc, len(slugs))
	current, old := map[string]bool{}, map[string]bool{}
	for i, s := range slugs {
		if c.sources[s] != nil || c.old[s] != nil {
			docs[i] = NewSourceDoc(c.sources[s], c.old[s])
			v.Number(docs[i])
		}
		if c.sources[s] != nil {
			for id := range c.sources[s].Messages {
				current[id] = true
			}
		}
		if c.old[s] != nil {
			for id := range c.old[s].Messages {
				old[id] = true
			}
		}
	}
	got := map[string]*Catalog{}
	emitted := map[string]string{}
	res, err := StreamMerge(StreamInput{
		Slugs:   slugs,
		Source:  func(i int) (*SourceDoc, error) { return docs[i], nil },
		Target:  func(i int) (*Catalog, error) { return c.targets[slugs[i]], nil },
		Current: func(id string) bool { return current[id] },
		Old:     func(id string) bool { return old[id] },
		Whole:   whole, Vocab: v, Previous: in.Previous, Threshold: in.Threshold, NoMemory: in.NoMemory, Prune: in.Prune,
		Emit: func(docs []Emitted) error {
			for _, d := range docs {
				if _, dup := got[slugs[d.Slug]]; dup {
					t.Errorf("slug %s emitted twice", slugs[d.Slug])
				}
				got[slugs[d.Slug]] = d.Cat
				for id, text := range d.Previous {
					if d.Cat == nil || d.Cat.Messages[id].ID == "" {
						t.Errorf("slug %s: previous text of %s, which it does not hold", slugs[d.Slug], id)
					}
					emitted[id] = text
				}
			}
			return nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	// each slug's previous texts, put together, are the locale's
	if !reflect.DeepEqual(emitted, res.Previous) {
		t.Errorf("previous texts emitted by slug %v, in the result %v", emitted, res.Previous)
	}
	return got, res
}

// TestStreamMergeSame checks StreamMerge against Merge on random merges
// with every kind of entry: kept, stale, moved, carried, filled from the
// memory, obsolete and pruned.
func TestStreamMergeSame(t *testing.T) {
	var total MergeReport
	wholes := 0
	for seed := range 3000 {
		r := rand.New(rand.NewPCG(uint64(seed), 11))
		c := newStreamCase(r)
		in := MergeInput{Sources: c.sources, OldSources: c.old, Targets: c.targets, Previous: c.previous,
			NoMemory: r.IntN(5) == 0, Prune: r.IntN(4) == 0}
		want := Merge(in)
		got, res := c.stream(t, in, false)
		if res.Whole {
			wholes++
		}
		for slug, cat := range got {
			if cat == nil && want.Targets[slug] != nil {
				t.Fatalf("seed %d: %s emitted empty, Merge has %v", seed, slug, want.Targets[slug].Messages)
			}
			if cat != nil && (want.Targets[slug] == nil || !reflect.DeepEqual(cat.Messages, want.Targets[slug].Messages)) {
				t.Fatalf("seed %d: %s\nstream %v\nmerge  %v", seed, slug, cat.Messages, want.Targets[slug])
			}
		}
		for slug := range want.Targets {
			if got[slug] == nil {
				t.Fatalf("seed %d: %s not emitted", seed, slug)
			}
		}
		for slug := range c.targets {
			if _, ok := got[slug]; !ok {
				t.Fatalf("seed %d: %s had a catalog and was not emitted", seed, slug)
			}
		}
		if !reflect.DeepEqual(res.Previous, want.Previous) {
			t.Fatalf("seed %d: previous\nstream %v\nmerge  %v", seed, res.Previous, want.Previous)
		}
		if res.Report != want.Report {
			t.Fatalf("seed %d: report stream %+v, merge %+v", seed, res.Report, want.Report)
		}
		total.Moved += want.Report.Moved
		total.Carried += want.Report.Carried
		total.MemoryExact += want.Report.MemoryExact
		total.MemoryFuzzy += want.Report.MemoryFuzzy
		total.Obsolete += want.Report.Obsolete
		total.Pruned += want.Report.Pruned
	}
	if total.Moved == 0 || total.Carried == 0 || total.MemoryExact == 0 || total.MemoryFuzzy == 0 || total.Obsolete == 0 || total.Pruned == 0 {
		t.Errorf("the cases miss a kind of merge: %+v", total)
	}
	if wholes > 300 {
		t.Errorf("%d of 3000 merges were not streamed", wholes)
	}
	t.Logf("totals %+v; %d merged whole", total, wholes)
}

// TestStreamMergeWhole checks the path for IDs shared across catalogs: a
// pinned ID whose paragraph moved to another document.
func TestStreamMergeWhole(t *testing.T) {
	src := func(id, text string) Message {
		return Message{ID: id, Description: "paragraph", Hash: Hash("paragraph", text), Other: text}
	}
	pinned := src("dose", "Give 5 mg.")
	c := streamCase{
		sources:  map[string]*Catalog{"b": {Messages: map[string]Message{"dose": pinned}}},
		old:      map[string]*Catalog{"a": {Messages: map[string]Message{"dose": pinned}}},
		targets:  map[string]*Catalog{"a": {Locale: "es", Messages: map[string]Message{"dose": {ID: "dose", Hash: pinned.Hash, Other: "Dé 5 mg."}}}},
		previous: map[string]string{},
	}
	in := MergeInput{Sources: c.sources, OldSources: c.old, Targets: c.targets, Previous: c.previous}
	want := Merge(in)
	got, res := c.stream(t, in, false)
	if !res.Whole {
		t.Errorf("a pinned ID that moved was streamed")
	}
	if got["b"] == nil || got["b"].Messages["dose"].Other != "Dé 5 mg." || !reflect.DeepEqual(got["b"].Messages, want.Targets["b"].Messages) {
		t.Errorf("b: %v, want %v", got["b"], want.Targets["b"])
	}
	if a, ok := got["a"]; !ok || a != nil {
		t.Errorf("a: emitted %v (%t), want emitted empty", a, ok)
	}
}
