package status

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/golden"
	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/project/projecttest"
	"github.com/healthloc/healthloc/internal/workarea"
)

const guide = `---
title: Fever guide
---

## Fever in adults

Take 500 mg of paracetamol every 6 hours if you need it.

Drink plenty of water and rest.
`

// dashboardFixture: es has everything, one stale and one reviewed; ar has the
// title only, and a candidate for the heading.
func dashboardFixture(t *testing.T) *project.Project {
	t.Helper()
	p := projecttest.Load(t, `source_locale = "en"`+"\n"+`locales = ["es", "ar"]`+"\n", fstest.MapFS{
		"content/guide.md":       {Data: []byte(guide)},
		"content/other/notes.md": {Data: []byte("# Notes\n\nKeep the medicine in a cool place.\n")},
	})
	es := map[string]string{
		"Fever guide":     "Guía sobre la fiebre",
		"Fever in adults": "Fiebre en adultos",
		"Take 500 mg of paracetamol every 6 hours if you need it.": "Tome 500 mg de paracetamol cada 8 horas si lo necesita.",
		"Drink plenty of water and rest.":                          "Beba mucha agua y descanse.",
		"Notes":                                                    "Notas",
	}
	ar := map[string]string{"Fever guide": "دليل الحمى"}
	wf := workarea.New()
	for loc, m := range map[string]map[string]string{"es": es, "ar": ar} {
		p.Catalogs[loc] = map[string]*catalog.Catalog{}
		for _, d := range p.Docs {
			c := &catalog.Catalog{Locale: loc, Messages: map[string]catalog.Message{}}
			for id, src := range d.Source.Messages {
				text, ok := m[src.Other]
				if !ok {
					continue
				}
				msg := catalog.Message{ID: id, Hash: src.Hash, Description: src.Description, Other: text}
				switch {
				case loc == "es" && strings.HasPrefix(src.Other, "Take"):
					msg.Hash = "sha1-0000000000000000000000000000000000000000"
					wf.Previous[id] = workarea.Previous{Source: "Take 500 mg of paracetamol every 8 hours if you need it."}
				case loc == "es" && src.Other == "Fever guide":
					wf.Reviews[id] = workarea.Review{Reviewer: "dr-a", SourceHash: src.Hash, TranslationHash: project.TextHash(text)}
				}
				c.Messages[id] = msg
			}
			p.Catalogs[loc][d.Slug] = c
		}
	}
	p.Workflow["es"] = wf
	// ar has a candidate for the heading, waiting for review
	arwf := workarea.New()
	for _, d := range p.Docs {
		for id, src := range d.Source.Messages {
			if src.Other == "Fever in adults" {
				arwf.Candidates[id] = workarea.Candidate{Slug: d.Slug, Hash: src.Hash, Other: "الحمى عند البالغين", Origin: "align: ar/guide.md"}
			}
		}
	}
	p.Workflow["ar"] = arwf
	return p
}

func dashboard(t *testing.T, p *project.Project, tag string) string {
	t.Helper()
	var buf bytes.Buffer
	rep := Compute(p, nil, true)
	rd := ComputeReadability(p, p.Config.Targets(), nil)
	rd.Finish()
	rep.Readability = &rd
	if err := WriteDashboard(&buf, rep, Stale(p, nil), language.MustParse(tag)); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestStale(t *testing.T) {
	got := Stale(dashboardFixture(t), nil)
	if len(got) != 1 {
		t.Fatalf("Stale = %+v, want one segment", got)
	}
	s := got[0]
	if s.Locale != "es" || s.Document != "guide.md" || s.Line != 7 || !strings.HasPrefix(s.Translation, "Tome 500 mg") ||
		!strings.HasSuffix(s.Previous, "every 8 hours if you need it.") {
		t.Errorf("Stale = %+v", s)
	}
}

// TestDashboardGolden pins the whole page; refresh with -update after a
// deliberate change and review the diff.
func TestDashboardGolden(t *testing.T) {
	p := dashboardFixture(t)
	for _, tag := range []string{"en", "fr", "ar"} {
		t.Run(tag, func(t *testing.T) {
			got := dashboard(t, p, tag)
			if again := dashboard(t, p, tag); again != got {
				t.Fatal("two renders differ")
			}
			golden.Check(t, filepath.Join("testdata", "dashboard."+tag+".html"), []byte(got))
		})
	}
}

func TestDashboardContent(t *testing.T) {
	p := dashboardFixture(t)
	fr := dashboard(t, p, "fr")
	for _, want := range []string{
		`<html lang="fr" dir="ltr">`,
		`<title>État de la traduction</title>`,
		// es in guide.md: of 23 words, 2 reviewed, 9 more translated, 12
		// stale; percentages in French format
		`aria-label="español: Relues 2, Traduites 9, À relire 0, Obsolètes 12, Manquantes 0"`,
		// ar's heading, 3 words of 23, waits for review
		`<rect class="candidates" x="86" y="0" width="131" height="24"><title>À relire: 3</title></rect>`,
		`<rect class="reviewed" x="0" y="0" width="86" height="24">`,
		`<rect class="translated" x="86" y="0" width="392" height="24">`,
		"<td>47,8\u00a0%</td>",
		// all of es: Notes adds 1 translated and 7 missing words
		"<td>38,7\u00a0%</td>",
		`<h2><bdi>guide.md</bdi></h2>`,
		`<h2><bdi>other/notes.md</bdi></h2>`,
		`<del>Take 500 mg of paracetamol every 8 hours if you need it.</del>`,
		`<td lang="es" dir="ltr">Tome 500 mg de paracetamol cada 8 horas si lo necesita.</td>`,
		`<th scope="row">Totaux</th>`,
		// readability: the source and es side by side, the value as json
		// gives it, the text in French format, the bar to scale
		`<h2 id="readability">Lisibilité</h2>`,
		`<section class="readability" id="readability-1" aria-labelledby="readability-1-title" data-document="guide.md">`,
		`<data class="rval ease" value="78.8">78,8</data>`,
		`<rect class="ease" x="0" y="0" width="788" height="24"><title>English (original): Flesch Reading Ease 78,8</title></rect>`,
		`<data class="rval ease" value="98.3">98,3</data>`,
	} {
		if !strings.Contains(fr, want) {
			t.Errorf("fr dashboard lacks %q", want)
		}
	}
	ar := dashboard(t, p, "ar")
	for _, want := range []string{`<html lang="ar" dir="rtl">`, `<g transform="matrix(-1 0 0 1 1000 0)">`, `<h1>حالة الترجمة</h1>`, `<h2 id="readability">سهولة القراءة</h2>`} {
		if !strings.Contains(ar, want) {
			t.Errorf("ar dashboard lacks %q", want)
		}
	}
	for _, bad := range []string{"<script", "http://", "https://", "url("} {
		if strings.Contains(fr, bad) {
			t.Errorf("dashboard contains %q", bad)
		}
	}
}
