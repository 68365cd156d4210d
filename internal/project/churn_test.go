package project

import (
	"path"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/healthloc/healthloc/internal/catalog"
)

// TestInsertChangesOnlyItsLines inserts one paragraph into a translated
// document: every catalog gains the lines of that message and loses none,
// and a second extract plans nothing new.
func TestInsertChangesOnlyItsLines(t *testing.T) {
	cfg := parseConfig(t, `locales = ["es"]`)
	paras := []string{"Wash your hands with soap.", "Dry them with a clean towel.", "Give 5 ml of syrup twice a day.",
		"Keep medicines out of reach of children.", "See a health worker if the fever lasts 3 days."}
	fsys := fstest.MapFS{"content/a.md": {Data: []byte(strings.Join(paras, "\n\n") + "\n")}}
	pl, _ := load(t, fsys, cfg).Extract(ExtractOptions{})
	apply(fsys, pl)
	// translate everything
	p := load(t, fsys, cfg)
	es := &catalog.Catalog{Locale: "es", Messages: map[string]catalog.Message{}}
	for id, m := range p.Docs[0].Source.Messages {
		m.Other = "ES " + m.Other
		es.Messages[id] = m
	}
	fsys["locales/es/a.es.toml"] = &fstest.MapFile{Data: catalog.Marshal(es)}
	before := map[string]string{}
	for name, f := range fsys {
		before[name] = string(f.Data)
	}

	inserted := append(append(append([]string{}, paras[:2]...), "Use a clean cup for oral rehydration solution."), paras[2:]...)
	fsys["content/a.md"] = &fstest.MapFile{Data: []byte(strings.Join(inserted, "\n\n") + "\n")}
	pl, _ = load(t, fsys, cfg).Extract(ExtractOptions{})
	apply(fsys, pl)
	for _, name := range []string{"locales/en/a.en.toml", "locales/es/a.es.toml"} {
		old, now := lines(before[name]), lines(string(fsys[name].Data))
		removed, added := lineDiff(old, now)
		if len(removed) != 0 {
			t.Errorf("%s: lines removed: %q", name, removed)
		}
		if name == "locales/en/a.en.toml" && (len(added) != 5 || !strings.Contains(strings.Join(added, "\n"), "clean cup")) {
			t.Errorf("%s: added %q, want the one new message", name, added)
		}
		if name == "locales/es/a.es.toml" && len(added) != 0 {
			t.Errorf("%s: added %q, want nothing (the new message is missing)", name, added)
		}
	}
	pl, _ = load(t, fsys, cfg).Extract(ExtractOptions{})
	for _, f := range pl.Files {
		if string(fsys[path.Clean(f.Path)].Data) != string(f.Data) {
			t.Errorf("second extract changes %s", f.Path)
		}
	}
}

func lines(s string) []string { return strings.Split(s, "\n") }

// lineDiff is a multiset difference: enough to prove no line moved or
// changed.
func lineDiff(old, now []string) (removed, added []string) {
	count := map[string]int{}
	for _, l := range old {
		count[l]++
	}
	for _, l := range now {
		if count[l] > 0 {
			count[l]--
		} else {
			added = append(added, l)
		}
	}
	for l, n := range count {
		for range n {
			removed = append(removed, l)
		}
	}
	return removed, added
}
