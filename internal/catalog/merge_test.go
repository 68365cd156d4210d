package catalog

import (
	"reflect"
	"testing"
)

// src builds a source catalog of one document from texts (all paragraphs).
func src(slug string, texts ...string) *Catalog {
	c := &Catalog{Locale: "en", Messages: map[string]Message{}}
	for _, t := range texts {
		id := MessageID(slug, t)
		c.Messages[id] = Message{ID: id, Description: "paragraph", Other: t, Hash: Hash("paragraph", t)}
	}
	return c
}

// tr translates every message of a source catalog as "T:" + text, up to
// date with it.
func tr(s *Catalog) *Catalog {
	c := &Catalog{Locale: "es", Messages: map[string]Message{}}
	for id, m := range s.Messages {
		c.Messages[id] = Message{ID: id, Description: m.Description, Hash: m.Hash, Other: "T:" + m.Other}
	}
	return c
}

type state struct {
	text, translation string
	stale             bool
}

// states reads back, for each current source text, its translation and
// whether it is stale.
func states(r MergeResult, sources map[string]*Catalog) map[string]state {
	out := map[string]state{}
	for slug, s := range sources {
		if r.Targets[slug] == nil {
			continue
		}
		for id, m := range s.Messages {
			t, ok := r.Targets[slug].Messages[id]
			if !ok {
				continue
			}
			out[m.Other] = state{m.Other, t.Other, t.Hash != m.Hash}
		}
	}
	return out
}

const (
	dose  = "Take 500 mg of paracetamol every 6 hours if you need it."
	dose8 = "Take 500 mg of paracetamol every 8 hours if you need it."
	water = "Drink plenty of clean water every day."
	rest  = "Rest at home until the fever has gone."
)

func TestMerge(t *testing.T) {
	a := src("a", dose, water, rest)
	for _, tc := range []struct {
		name     string
		in       MergeInput
		want     map[string]state
		previous map[string]string
		report   MergeReport
	}{{
		name: "unchanged and reordered keep everything",
		in:   MergeInput{Sources: map[string]*Catalog{"a": src("a", rest, water, dose)}, OldSources: map[string]*Catalog{"a": a}, Targets: map[string]*Catalog{"a": tr(a)}},
		want: map[string]state{dose: {dose, "T:" + dose, false}, water: {water, "T:" + water, false}, rest: {rest, "T:" + rest, false}},
	}, {
		name:     "an edited number carries the translation as stale with the previous source",
		in:       MergeInput{Sources: map[string]*Catalog{"a": src("a", dose8, water, rest)}, OldSources: map[string]*Catalog{"a": a}, Targets: map[string]*Catalog{"a": tr(a)}},
		want:     map[string]state{dose8: {dose8, "T:" + dose, true}, water: {water, "T:" + water, false}, rest: {rest, "T:" + rest, false}},
		previous: map[string]string{MessageID("a", dose8): dose},
		report:   MergeReport{Carried: 1},
	}, {
		name:     "a deleted paragraph stays obsolete with its source",
		in:       MergeInput{Sources: map[string]*Catalog{"a": src("a", water, rest)}, OldSources: map[string]*Catalog{"a": a}, Targets: map[string]*Catalog{"a": tr(a)}},
		want:     map[string]state{water: {water, "T:" + water, false}, rest: {rest, "T:" + rest, false}},
		previous: map[string]string{MessageID("a", dose): dose},
		report:   MergeReport{Obsolete: 1},
	}, {
		name:   "prune drops it",
		in:     MergeInput{Sources: map[string]*Catalog{"a": src("a", water, rest)}, OldSources: map[string]*Catalog{"a": a}, Targets: map[string]*Catalog{"a": tr(a)}, Prune: true},
		want:   map[string]state{water: {water, "T:" + water, false}, rest: {rest, "T:" + rest, false}},
		report: MergeReport{Pruned: 1},
	}, {
		name:   "a moved document keeps its translations as translated",
		in:     MergeInput{Sources: map[string]*Catalog{"b": src("b", dose, water, rest)}, OldSources: map[string]*Catalog{"a": a}, Targets: map[string]*Catalog{"a": tr(a)}},
		want:   map[string]state{dose: {dose, "T:" + dose, false}, water: {water, "T:" + water, false}, rest: {rest, "T:" + rest, false}},
		report: MergeReport{Moved: 3},
	}, {
		name: "an obsolete entry comes back when its text is re-inserted",
		in: MergeInput{Sources: map[string]*Catalog{"a": src("a", dose, water)}, OldSources: map[string]*Catalog{"a": src("a", water)},
			Targets: map[string]*Catalog{"a": tr(a)}, Previous: map[string]string{MessageID("a", dose): dose, MessageID("a", rest): rest}},
		want:     map[string]state{dose: {dose, "T:" + dose, false}, water: {water, "T:" + water, false}},
		previous: map[string]string{MessageID("a", rest): rest},
		report:   MergeReport{Obsolete: 1},
	}, {
		name:   "memory fills the same text in another document as translated",
		in:     MergeInput{Sources: map[string]*Catalog{"a": a, "b": src("b", water)}, OldSources: map[string]*Catalog{"a": a}, Targets: map[string]*Catalog{"a": tr(a)}},
		want:   map[string]state{dose: {dose, "T:" + dose, false}, water: {water, "T:" + water, false}, rest: {rest, "T:" + rest, false}},
		report: MergeReport{MemoryExact: 1},
	}, {
		name: "memory fills similar text as stale",
		in: MergeInput{Sources: map[string]*Catalog{"a": a, "b": src("b", "Take 500 mg of paracetamol every 4 hours if you need it.")},
			OldSources: map[string]*Catalog{"a": a}, Targets: map[string]*Catalog{"a": tr(a)}},
		want: map[string]state{dose: {dose, "T:" + dose, false}, water: {water, "T:" + water, false}, rest: {rest, "T:" + rest, false},
			"Take 500 mg of paracetamol every 4 hours if you need it.": {"Take 500 mg of paracetamol every 4 hours if you need it.", "T:" + dose, true}},
		previous: map[string]string{MessageID("b", "Take 500 mg of paracetamol every 4 hours if you need it."): dose},
		report:   MergeReport{MemoryFuzzy: 1},
	}, {
		name: "without memory nothing is copied",
		in: MergeInput{Sources: map[string]*Catalog{"a": a, "b": src("b", water, "Take 500 mg of paracetamol every 4 hours if you need it.")},
			OldSources: map[string]*Catalog{"a": a}, Targets: map[string]*Catalog{"a": tr(a)}, NoMemory: true},
		want: map[string]state{dose: {dose, "T:" + dose, false}, water: {water, "T:" + water, false}, rest: {rest, "T:" + rest, false}},
	}, {
		name: "short texts are not filled from fuzzy memory",
		in:   MergeInput{Sources: map[string]*Catalog{"a": src("a", "How to mix ORS"), "b": src("b", "How to take it")}, Targets: map[string]*Catalog{"a": tr(src("a", "How to mix ORS"))}},
		want: map[string]state{"How to mix ORS": {"How to mix ORS", "T:How to mix ORS", false}},
	}, {
		name: "an already stale translation that moves stays stale",
		in: MergeInput{Sources: map[string]*Catalog{"b": src("b", dose8)}, OldSources: map[string]*Catalog{"a": src("a", dose8)},
			Targets: map[string]*Catalog{"a": {Messages: map[string]Message{MessageID("a", dose8): {ID: MessageID("a", dose8), Hash: Hash("paragraph", dose), Other: "T:" + dose}}}}},
		want:   map[string]state{dose8: {dose8, "T:" + dose, true}},
		report: MergeReport{Moved: 1},
	}, {
		name: "a hand-added entry without hash counts as a translation of the current source",
		in: MergeInput{Sources: map[string]*Catalog{"a": src("a", water)},
			Targets: map[string]*Catalog{"a": {Messages: map[string]Message{MessageID("a", water): {ID: MessageID("a", water), Other: "T:" + water}}}}},
		want: map[string]state{water: {water, "T:" + water, false}},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			got := Merge(tc.in)
			if s := states(got, tc.in.Sources); !reflect.DeepEqual(s, tc.want) {
				t.Errorf("states\n got %v\nwant %v", s, tc.want)
			}
			if tc.previous == nil {
				tc.previous = map[string]string{}
			}
			if !reflect.DeepEqual(got.Previous, tc.previous) {
				t.Errorf("previous\n got %v\nwant %v", got.Previous, tc.previous)
			}
			if got.Report != tc.report {
				t.Errorf("report %+v, want %+v", got.Report, tc.report)
			}
			if again := Merge(tc.in); !reflect.DeepEqual(again, got) {
				t.Error("not deterministic")
			}
			// nothing is lost: every translation is still somewhere, unless pruned
			if !tc.in.Prune {
				have := map[string]bool{}
				for _, c := range got.Targets {
					for _, m := range c.Messages {
						have[m.Other] = true
					}
				}
				for _, c := range tc.in.Targets {
					for _, m := range c.Messages {
						if !have[m.Other] {
							t.Errorf("translation %q lost", m.Other)
						}
					}
				}
			}
		})
	}
}
