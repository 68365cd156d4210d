package catalog

import (
	"reflect"
	"testing"
)

// src builds a source catalog from id, text pairs; descriptions are
// "paragraph" and hashes are real.
func src(pairs ...string) *Catalog {
	c := &Catalog{Locale: "en", Messages: map[string]Message{}}
	for i := 0; i < len(pairs); i += 2 {
		id, text := pairs[i], pairs[i+1]
		c.Messages[id] = Message{ID: id, Description: "paragraph", Hash: Hash("paragraph", text), Other: text}
	}
	return c
}

// tr builds a target catalog whose entries were translated from the
// given source texts: id, source text, translation triples.
func tr(triples ...string) *Catalog {
	c := &Catalog{Locale: "es", Messages: map[string]Message{}}
	for i := 0; i < len(triples); i += 3 {
		id, text, other := triples[i], triples[i+1], triples[i+2]
		c.Messages[id] = Message{ID: id, Description: "paragraph", Hash: Hash("paragraph", text), Other: other}
	}
	return c
}

const (
	tablet  = "Take one tablet every morning with food."
	tablet2 = "Take two tablets every morning with food."
	tabletE = "Tome una tableta cada mañana con comida."
	water   = "Drink plenty of water during the day."
	waterE  = "Beba mucha agua durante el día."
	sugar   = "Check your blood sugar before meals."
	sugarE  = "Revise su azúcar en sangre antes de comer."
)

func TestSync(t *testing.T) {
	tests := []struct {
		name                    string
		oldSource, newSrc, targ *Catalog
		opts                    SyncOptions
		want                    map[string]Message
		wantReport              SyncReport
	}{
		{
			name: "all nil",
			want: map[string]Message{},
		},
		{
			name:      "no target yet",
			oldSource: src("d.1", tablet),
			newSrc:    src("d.1", tablet),
			want:      map[string]Message{},
		},
		{
			name:      "unchanged source keeps everything",
			oldSource: src("d.1", tablet, "d.2", water),
			newSrc:    src("d.1", tablet, "d.2", water),
			targ:      tr("d.1", tablet, tabletE, "d.2", water, waterE),
			want:      tr("d.1", tablet, tabletE, "d.2", water, waterE).Messages,
		},
		{
			name:      "reordered paragraphs keep IDs and translations",
			oldSource: src("d.1", tablet, "d.2", water),
			newSrc:    src("d.2", water, "d.1", tablet),
			targ:      tr("d.1", tablet, tabletE, "d.2", water, waterE),
			want:      tr("d.1", tablet, tabletE, "d.2", water, waterE).Messages,
		},
		{
			name:      "stale entry with current ID is kept as is",
			oldSource: src("d.1", tablet),
			newSrc:    src("d.1", tablet),
			targ:      tr("d.1", "an older wording", tabletE),
			want:      tr("d.1", "an older wording", tabletE).Messages,
		},
		{
			name:      "edited paragraph carries translation with old hash",
			oldSource: src("d.1", tablet, "d.2", water),
			newSrc:    src("d.9", tablet2, "d.2", water),
			targ:      tr("d.1", tablet, tabletE, "d.2", water, waterE),
			want: map[string]Message{
				"d.9": {ID: "d.9", Description: "paragraph", Hash: Hash("paragraph", tablet), Other: tabletE},
				"d.2": tr("d.2", water, waterE).Messages["d.2"],
			},
			wantReport: SyncReport{Carried: []Carry{{From: "d.1", To: "d.9", Similarity: 10.0 / 14}}},
		},
		{
			name:      "carried entry takes the new description",
			oldSource: src("d.1", tablet),
			newSrc: &Catalog{Messages: map[string]Message{
				"d.9": {ID: "d.9", Description: "list item", Hash: Hash("list item", tablet2), Other: tablet2},
			}},
			targ: tr("d.1", tablet, tabletE),
			want: map[string]Message{
				"d.9": {ID: "d.9", Description: "list item", Hash: Hash("paragraph", tablet), Other: tabletE},
			},
			wantReport: SyncReport{Carried: []Carry{{From: "d.1", To: "d.9", Similarity: 10.0 / 14}}},
		},
		{
			name:      "renamed ID with the same text carries with similarity 1",
			oldSource: src("old-id", tablet),
			newSrc:    src("new-id", tablet),
			targ:      tr("old-id", tablet, tabletE),
			want:      tr("new-id", tablet, tabletE).Messages, // hash matches: still translated
			wantReport: SyncReport{
				Carried: []Carry{{From: "old-id", To: "new-id", Similarity: 1}},
			},
		},
		{
			name:       "deleted paragraph stays as obsolete",
			oldSource:  src("d.1", tablet, "d.2", water),
			newSrc:     src("d.2", water),
			targ:       tr("d.1", tablet, tabletE, "d.2", water, waterE),
			want:       tr("d.1", tablet, tabletE, "d.2", water, waterE).Messages,
			wantReport: SyncReport{Obsolete: []string{"d.1"}},
		},
		{
			name:       "rewritten paragraph below threshold is obsolete",
			oldSource:  src("d.1", tablet),
			newSrc:     src("d.3", sugar),
			targ:       tr("d.1", tablet, tabletE),
			want:       tr("d.1", tablet, tabletE).Messages,
			wantReport: SyncReport{Obsolete: []string{"d.1"}},
		},
		{
			name:       "higher threshold prevents a carry",
			oldSource:  src("d.1", tablet),
			newSrc:     src("d.9", tablet2),
			targ:       tr("d.1", tablet, tabletE),
			opts:       SyncOptions{Threshold: 0.9},
			want:       tr("d.1", tablet, tabletE).Messages,
			wantReport: SyncReport{Obsolete: []string{"d.1"}},
		},
		{
			name:      "lower threshold allows a weak carry",
			oldSource: src("d.1", "a b c d"),
			newSrc:    src("d.9", "a x y z"),
			targ:      tr("d.1", "a b c d", "A B C D"),
			opts:      SyncOptions{Threshold: 0.2},
			want: map[string]Message{
				"d.9": {ID: "d.9", Description: "paragraph", Hash: Hash("paragraph", "a b c d"), Other: "A B C D"},
			},
			wantReport: SyncReport{Carried: []Carry{{From: "d.1", To: "d.9", Similarity: 0.25}}},
		},
		{
			name:       "old source unknown: nothing to compare, obsolete",
			oldSource:  nil,
			newSrc:     src("d.9", tablet2),
			targ:       tr("d.1", tablet, tabletE),
			want:       tr("d.1", tablet, tabletE).Messages,
			wantReport: SyncReport{Obsolete: []string{"d.1"}},
		},
		{
			name:       "candidate missing from old source is obsolete",
			oldSource:  src("d.5", water),
			newSrc:     src("d.9", tablet2),
			targ:       tr("d.1", tablet, tabletE),
			want:       tr("d.1", tablet, tabletE).Messages,
			wantReport: SyncReport{Obsolete: []string{"d.1"}},
		},
		{
			name:      "new message already translated receives nothing",
			oldSource: src("d.1", tablet),
			newSrc:    src("d.9", tablet2),
			targ:      tr("d.1", tablet, tabletE, "d.9", tablet2, "ya traducido"),
			want: map[string]Message{
				"d.1": tr("d.1", tablet, tabletE).Messages["d.1"],
				"d.9": tr("d.9", tablet2, "ya traducido").Messages["d.9"],
			},
			wantReport: SyncReport{Obsolete: []string{"d.1"}},
		},
		{
			name:      "two candidates for one message: the more similar wins",
			oldSource: src("d.1", "a b c d e f", "d.2", "a b c x y z"),
			newSrc:    src("d.9", "a b c d e q"),
			targ:      tr("d.1", "a b c d e f", "one", "d.2", "a b c x y z", "two"),
			want: map[string]Message{
				"d.9": {ID: "d.9", Description: "paragraph", Hash: Hash("paragraph", "a b c d e f"), Other: "one"},
				"d.2": tr("d.2", "a b c x y z", "two").Messages["d.2"],
			},
			wantReport: SyncReport{
				Carried:  []Carry{{From: "d.1", To: "d.9", Similarity: 10.0 / 12}},
				Obsolete: []string{"d.2"},
			},
		},
		{
			name:      "equal candidates: the smaller old ID wins",
			oldSource: src("d.2", "a b c d", "d.1", "a b c e"),
			newSrc:    src("d.9", "a b c f"),
			targ:      tr("d.2", "a b c d", "two", "d.1", "a b c e", "one"),
			want: map[string]Message{
				"d.9": {ID: "d.9", Description: "paragraph", Hash: Hash("paragraph", "a b c e"), Other: "one"},
				"d.2": tr("d.2", "a b c d", "two").Messages["d.2"],
			},
			wantReport: SyncReport{
				Carried:  []Carry{{From: "d.1", To: "d.9", Similarity: 0.75}},
				Obsolete: []string{"d.2"},
			},
		},
		{
			name:      "equal receivers: the smaller new ID wins",
			oldSource: src("d.1", "a b c d"),
			newSrc:    src("d.8", "a b c x", "d.7", "a b c y"),
			targ:      tr("d.1", "a b c d", "one"),
			want: map[string]Message{
				"d.7": {ID: "d.7", Description: "paragraph", Hash: Hash("paragraph", "a b c d"), Other: "one"},
			},
			wantReport: SyncReport{Carried: []Carry{{From: "d.1", To: "d.7", Similarity: 0.75}}},
		},
		{
			name:      "best pairs first, then the next best for the loser",
			oldSource: src("d.1", "a b c d e", "d.2", "a b c d z"),
			// d.1→d.8 = 1.0 beats d.2→d.8 = 0.8; d.2 then takes d.9 (0.6).
			newSrc: src("d.8", "a b c d e", "d.9", "a b c x y"),
			targ:   tr("d.1", "a b c d e", "one", "d.2", "a b c d z", "two"),
			want: map[string]Message{
				"d.8": {ID: "d.8", Description: "paragraph", Hash: Hash("paragraph", "a b c d e"), Other: "one"},
				"d.9": {ID: "d.9", Description: "paragraph", Hash: Hash("paragraph", "a b c d z"), Other: "two"},
			},
			wantReport: SyncReport{Carried: []Carry{
				{From: "d.1", To: "d.8", Similarity: 1},
				{From: "d.2", To: "d.9", Similarity: 0.6},
			}},
		},
		{
			name:      "several edits, a deletion and an addition at once",
			oldSource: src("d.1", tablet, "d.2", water, "d.3", sugar),
			newSrc:    src("d.4", tablet2, "d.2", water, "d.5", "Walk for thirty minutes a day."),
			targ:      tr("d.1", tablet, tabletE, "d.2", water, waterE, "d.3", sugar, sugarE),
			want: map[string]Message{
				"d.4": {ID: "d.4", Description: "paragraph", Hash: Hash("paragraph", tablet), Other: tabletE},
				"d.2": tr("d.2", water, waterE).Messages["d.2"],
				"d.3": tr("d.3", sugar, sugarE).Messages["d.3"],
			},
			wantReport: SyncReport{
				Carried:  []Carry{{From: "d.1", To: "d.4", Similarity: 10.0 / 14}},
				Obsolete: []string{"d.3"},
			},
		},
		{
			name:       "new source nil: everything obsolete, nothing dropped",
			oldSource:  src("d.1", tablet),
			targ:       tr("d.1", tablet, tabletE),
			want:       tr("d.1", tablet, tabletE).Messages,
			wantReport: SyncReport{Obsolete: []string{"d.1"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := Marshal(tt.targ)
			got, rep := Sync(tt.oldSource, tt.newSrc, tt.targ, tt.opts)
			if !reflect.DeepEqual(got.Messages, tt.want) {
				t.Errorf("messages:\n got %#v\nwant %#v", got.Messages, tt.want)
			}
			if !reflect.DeepEqual(rep, tt.wantReport) {
				t.Errorf("report:\n got %#v\nwant %#v", rep, tt.wantReport)
			}
			if tt.targ != nil {
				if got.Locale != tt.targ.Locale {
					t.Errorf("Locale = %q, want %q", got.Locale, tt.targ.Locale)
				}
				if string(Marshal(tt.targ)) != string(before) {
					t.Error("Sync modified its target argument")
				}
				// Never drop a translation: every target text survives.
				texts := map[string]int{}
				for _, m := range got.Messages {
					texts[m.Other]++
				}
				for _, m := range tt.targ.Messages {
					if texts[m.Other] == 0 {
						t.Errorf("translation %q was dropped", m.Other)
					}
				}
				if len(got.Messages) != len(tt.targ.Messages) {
					t.Errorf("result has %d messages, target %d", len(got.Messages), len(tt.targ.Messages))
				}
			}
		})
	}
}

// TestSyncCarriedIsStale checks that a carried translation reads as
// stale against the new source, as the status computation will see it.
func TestSyncCarriedIsStale(t *testing.T) {
	newSrc := src("d.9", tablet2)
	got, _ := Sync(src("d.1", tablet), newSrc, tr("d.1", tablet, tabletE), SyncOptions{})
	if got.Messages["d.9"].Hash == newSrc.Messages["d.9"].Hash {
		t.Fatal("carried translation has the new hash; it would read as translated")
	}
}

func TestSyncDeterministic(t *testing.T) {
	old := src("d.1", "a b c d", "d.2", "a b c e", "d.3", "a b x y")
	newSrc := src("d.7", "a b c f", "d.8", "a b c g", "d.9", "a b x z")
	targ := tr("d.1", "a b c d", "1", "d.2", "a b c e", "2", "d.3", "a b x y", "3")
	first, firstRep := Sync(old, newSrc, targ, SyncOptions{})
	for i := 0; i < 20; i++ {
		got, rep := Sync(old, newSrc, targ, SyncOptions{})
		if !reflect.DeepEqual(got, first) || !reflect.DeepEqual(rep, firstRep) {
			t.Fatalf("run %d differs: %#v %#v vs %#v %#v", i, got, rep, first, firstRep)
		}
	}
}
