package exchange

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/project/projecttest"
	"github.com/healthloc/healthloc/internal/workarea"
)

const guide = `---
title: Fever guide
---

Take **500 mg** every [8 hours](https://who.int/fever).

| Medicine | Dose |
| --- | --- |
| Paracetamol | 500 |
`

// testProject writes a project with one document and an es catalog
// holding the given messages, and loads it.
func testProject(t *testing.T, es map[string]string) *project.Project {
	t.Helper()
	dir := t.TempDir()
	write := func(name, data string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("healthloc.toml", "source_locale = \"en\"\nlocales = [\"es\"]\n")
	write("content/guide.md", guide)
	p := projecttest.LoadDir(t, dir)
	if len(es) > 0 {
		c := &catalog.Catalog{Locale: "es", Messages: map[string]catalog.Message{}}
		for id, text := range es {
			src := p.Docs[0].Source.Messages[id]
			c.Messages[id] = catalog.Message{ID: id, Description: src.Description, Hash: src.Hash, Other: text}
		}
		write("locales/es/guide.es.toml", string(catalog.Marshal(c)))
		p = projecttest.LoadDir(t, dir)
	}
	return p
}

// ids finds the message IDs of the guide by source text.
func ids(p *project.Project) map[string]string {
	out := map[string]string{}
	for id, m := range p.Docs[0].Source.Messages {
		out[m.Other] = id
	}
	return out
}

func TestImportOutcomes(t *testing.T) {
	const para = "Take **500 mg** every [8 hours](https://who.int/fever)."
	paraP := "Take <1/>500 mg<2/> every <3/>8 hours<4/>."
	tests := []struct {
		name    string
		es      map[string]string // catalog before, by source text
		unit    Unit              // ID is a source text, resolved
		opts    ImportOptions
		outcome Outcome
		reason  string
		want    string // catalog text after, for the unit's ID
		stale   bool
		// candidate: want is a candidate in the work area, not in a catalog
		candidate bool
	}{
		{name: "new translation, markup restored",
			unit:    Unit{ID: para, Source: paraP, Target: "Tome <1/>500 mg<2/> cada <3/>8 horas<4/>.", Base: project.TextHash("")},
			outcome: Imported, want: "Tome **500 mg** cada [8 horas](https://who.int/fever)."},
		{name: "tool flattened the placeholders",
			unit:    Unit{ID: para, Source: para, Target: "Tome **500 mg** cada [8 horas](https://who.int/fever)."},
			outcome: Imported, want: "Tome **500 mg** cada [8 horas](https://who.int/fever)."},
		{name: "unknown placeholder",
			unit:    Unit{ID: para, Source: paraP, Target: "Tome <9/>"},
			outcome: Skipped, reason: "a placeholder that does not exist in the source (placeholder <9/> does not exist in the source)"},
		{name: "lost closing placeholder",
			unit:    Unit{ID: para, Source: paraP, Target: "Tome <1/>500 mg cada <3/>8 horas<4/>."},
			outcome: Skipped, reason: ReasonLostPair + " (<2/> is gone, which closes <1/>)"},
		{name: "lost a link's target",
			unit:    Unit{ID: para, Source: paraP, Target: "Tome <1/>500 mg<2/> cada <3/>8 horas."},
			outcome: Skipped, reason: ReasonLostPair + " (<4/> is gone, which closes <3/>)"},
		{name: "dropped a whole link: for check to judge",
			unit:    Unit{ID: para, Source: paraP, Target: "Tome <1/>500 mg<2/> cada 8 horas."},
			outcome: Imported, want: "Tome **500 mg** cada 8 horas."},
		{name: "empty", unit: Unit{ID: "Fever guide", Target: "  "}, outcome: Skipped, reason: ReasonEmpty},
		{name: "unfinished: a candidate", unit: Unit{ID: "Fever guide", Target: "Guía", Fuzzy: true, FileState: "fuzzy"},
			outcome: Candidate, reason: ReasonUnfinished + " (fuzzy)", want: "Guía", candidate: true},
		{name: "unfinished, still the source", unit: Unit{ID: "Fever guide", Source: "Fever guide", Target: "Fever guide", Fuzzy: true, FileState: "needs-translation"},
			outcome: Skipped, reason: ReasonUntranslated},
		{name: "unfinished state accepted", unit: Unit{ID: "Fever guide", Target: "Guía", Fuzzy: true, FileState: "needs-translation"},
			opts: ImportOptions{AcceptStates: []string{"needs-translation"}}, outcome: Imported, want: "Guía"},
		{name: "unfinished, as exported", es: map[string]string{"Dose": "Dosis"},
			unit: Unit{ID: "Dose", Target: "Dosis", Fuzzy: true, FileState: "initial", Base: project.TextHash("Dosis")}, outcome: Unchanged, want: "Dosis"},
		{name: "unknown ID", unit: Unit{ID: "guide.0000000000", Target: "x"}, outcome: Skipped, reason: "message ID is not in the content"},
		{name: "ID from a reference", unit: Unit{Refs: []string{"guide.md", "Fever guide"}, Target: "Guía"}, outcome: Imported, want: "Guía"},
		{name: "same as source", unit: Unit{ID: "Medicine", Source: "Medicine", Target: "Medicine"}, outcome: Skipped, reason: "translation is the source text"},
		{name: "same as source, allowed name",
			unit: Unit{ID: "Paracetamol", Target: "Paracetamol"}, opts: ImportOptions{AllowSame: []string{"Paracetamol"}},
			outcome: Imported, want: "Paracetamol"},
		{name: "number may equal its source", unit: Unit{ID: "500", Target: "500"}, outcome: Imported, want: "500"},
		{name: "source changed since export: stale",
			unit:    Unit{ID: "Fever guide", Source: "Fever guide for adults", Target: "Guía de la fiebre en adultos"},
			outcome: Stale, want: "Guía de la fiebre en adultos", stale: true},
		{name: "unchanged", es: map[string]string{"Dose": "Dosis"},
			unit: Unit{ID: "Dose", Source: "Dose", Target: "Dosis", Base: project.TextHash("Dosis")}, outcome: Unchanged, want: "Dosis"},
		{name: "catalog changed since export: conflict", es: map[string]string{"Dose": "Dosis diaria"},
			unit:    Unit{ID: "Dose", Source: "Dose", Target: "Dosis", Base: project.TextHash("Dosis vieja")},
			outcome: Conflict, want: "Dosis diaria"},
		{name: "no base, catalog differs: conflict", es: map[string]string{"Dose": "Dosis diaria"},
			unit: Unit{ID: "Dose", Target: "Dosis"}, outcome: Conflict, want: "Dosis diaria"},
		{name: "conflict forced", es: map[string]string{"Dose": "Dosis diaria"},
			unit: Unit{ID: "Dose", Target: "Dosis", Base: project.TextHash("x")}, opts: ImportOptions{Force: true},
			outcome: Imported, reason: "overwrote a translation that changed since export (--force)", want: "Dosis"},
		{name: "base matches: update", es: map[string]string{"Dose": "Dosis"},
			unit: Unit{ID: "Dose", Target: "Dosis diaria", Base: project.TextHash("Dosis")}, outcome: Imported, want: "Dosis diaria"},
		{name: "align: a candidate for review", unit: Unit{ID: "Dose", Target: "Dosis"}, opts: ImportOptions{AsCandidate: true, Plain: true},
			outcome: Candidate, reason: ReasonReview, want: "Dosis", candidate: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p0 := testProject(t, nil)
			byText := ids(p0)
			es := map[string]string{}
			for k, v := range tt.es {
				es[byText[k]] = v
			}
			p := testProject(t, es)
			u := tt.unit
			if id, ok := byText[u.ID]; ok {
				u.ID = id
			}
			for i, r := range u.Refs {
				if id, ok := byText[r]; ok {
					u.Refs[i] = id
				}
			}
			f := &File{Path: "t.po", Locale: "es", Docs: []Doc{{Units: []Unit{u}}}}
			pl, rep, err := Import(p, []*File{f}, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			var e Entry
			if len(rep.Entries) == 1 {
				e = rep.Entries[0]
			} else if tt.outcome == Imported && rep.Imported == 1 || tt.outcome == Unchanged && rep.Unchanged == 1 {
				e = Entry{Outcome: tt.outcome}
			}
			if e.Outcome != tt.outcome || e.Why() != tt.reason && tt.reason != "" {
				t.Fatalf("outcome %q (%q), want %q (%q); report %+v", e.Outcome, e.Why(), tt.outcome, tt.reason, rep)
			}
			id := u.ID
			if id == "" {
				id = byText["Fever guide"]
			}
			var got catalog.Message
			for _, f := range pl.Files {
				switch {
				case strings.HasSuffix(f.Path, "guide.es.toml"):
					c, err := catalog.Parse(f.Path, f.Data)
					if err != nil {
						t.Fatal(err)
					}
					if m, ok := c.Messages[id]; ok {
						got = m
					}
				case strings.HasSuffix(f.Path, "docs/guide.toml"):
					// not served: in the work area
					w, err := workarea.ParseDoc(f.Path, f.Data)
					if err != nil {
						t.Fatal(err)
					}
					if e, ok := w.Entries[id]; ok {
						got = catalog.Message{ID: id, Hash: e.Hash, Other: e.Other}
					}
					if c, ok := w.Candidates[id]; ok && tt.candidate {
						got = catalog.Message{ID: id, Hash: c.Hash, Other: c.Other}
					}
				}
			}
			if len(pl.Files) == 0 {
				if c := p.Catalog(language.Make("es"), "guide"); c != nil {
					got = c.Messages[id]
				}
			}
			if got.Other != tt.want {
				t.Errorf("catalog has %q, want %q", got.Other, tt.want)
			}
			if tt.want != "" {
				isStale := got.Hash != p.Docs[0].Source.Messages[id].Hash
				if isStale != tt.stale {
					t.Errorf("stale = %v, want %v (hash %q)", isStale, tt.stale, got.Hash)
				}
			}
		})
	}
}

func TestImportWritesOnlyChanges(t *testing.T) {
	p := testProject(t, nil)
	byText := ids(p)
	f := &File{Path: "t.po", Locale: "es", Docs: []Doc{{Units: []Unit{
		{ID: byText["Dose"], Source: "Dose", Target: "Dose", Fuzzy: true},
		{ID: byText["Medicine"], Target: ""},
	}}}}
	pl, rep, err := Import(p, []*File{f}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(pl.Files) != 0 || rep.Skipped != 2 {
		t.Fatalf("nothing imported, yet %d files planned; report %+v", len(pl.Files), rep)
	}
}

func TestImportRejectsLocale(t *testing.T) {
	p := testProject(t, nil)
	for _, loc := range []string{"", "de", "xx-notatag-!"} {
		f := &File{Path: "t.po", Locale: loc}
		if _, _, err := Import(p, []*File{f}, ImportOptions{}); err == nil || !strings.HasPrefix(err.Error(), "t.po: ") {
			t.Errorf("locale %q: err = %v, want an error naming t.po", loc, err)
		}
	}
}

func TestExportThenImportChangesNothing(t *testing.T) {
	byText := ids(testProject(t, nil))
	p := testProject(t, map[string]string{byText["Dose"]: "Dosis", byText["Fever guide"]: "Guía"})
	only, _ := ParseOnly([]string{"all"})
	f := Export(p, language.Make("es"), only, false)
	f.Path = "es.po"
	pl, rep, err := Import(p, []*File{f}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// the two translations and healthloc's six of the page text
	if len(pl.Files) != 0 || rep.Unchanged != 2+6 || rep.Imported+rep.Conflicts+rep.Stale != 0 {
		t.Fatalf("re-import of an export: %d files, report %+v", len(pl.Files), rep)
	}
}

func TestNumberMayStay(t *testing.T) {
	im := &importer{}
	for s, want := range map[string]bool{"500": true, "2–5": true, "1.5 %": true, "(10)": true, "x": false, "Dose": false, "": false, "-": false, "WHO 2023": false} {
		if got := im.sameAllowed(s); got != want {
			t.Errorf("sameAllowed(%q) = %v, want %v", s, got, want)
		}
	}
}
