package project

import (
	"fmt"
	"math/rand/v2"
	"path"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/config"
	"github.com/healthloc/healthloc/internal/plan"
)

// The property test drives random edit sequences through extract and
// checks the promise of change tracking: no translation is ever lost, and
// nothing edited is ever published as translated.

var (
	subjects = []string{"The child", "Your baby", "An adult", "The patient", "A pregnant woman", "Everyone"}
	verbs    = []string{"should take", "can drink", "must avoid", "may need", "should receive"}
	objects  = []string{"mg of paracetamol", "ml of oral rehydration solution", "tablets of zinc", "glasses of clean water", "IU of vitamin D"}
	tails    = []string{"every day", "twice a day", "after each loose stool", "before meals", "for 10 days", "at night"}
	words    = []string{"slowly", "carefully", "always", "gently", "often", "usually"}
)

func sentence(r *rand.Rand) string {
	return fmt.Sprintf("%s %s %d %s %s.", subjects[r.IntN(len(subjects))], verbs[r.IntN(len(verbs))],
		1+r.IntN(500), objects[r.IntN(len(objects))], tails[r.IntN(len(tails))])
}

func paragraph(r *rand.Rand) string {
	n := 1 + r.IntN(3)
	s := make([]string, n)
	for i := range s {
		s[i] = sentence(r)
	}
	return strings.Join(s, " ")
}

type docSet map[string][]string // slug → paragraphs

func (c docSet) files(fsys fstest.MapFS) {
	for name := range fsys {
		if strings.HasPrefix(name, "content/") {
			delete(fsys, name)
		}
	}
	for slug, ps := range c {
		fsys["content/"+slug+".md"] = &fstest.MapFile{Data: []byte(strings.Join(ps, "\n\n") + "\n")}
	}
}

// edit applies one random edit and names it.
func (c docSet) edit(r *rand.Rand) string {
	slugs := make([]string, 0, len(c))
	for s := range c {
		slugs = append(slugs, s)
	}
	sortStrings(slugs)
	slug := slugs[r.IntN(len(slugs))]
	ps := c[slug]
	i := r.IntN(len(ps))
	switch r.IntN(8) {
	case 0:
		r.Shuffle(len(ps), func(a, b int) { ps[a], ps[b] = ps[b], ps[a] })
		return "reorder"
	case 1:
		c[slug] = append(ps[:i:i], append([]string{paragraph(r)}, ps[i:]...)...)
		return "insert"
	case 2:
		if len(ps) > 1 {
			c[slug] = append(ps[:i:i], ps[i+1:]...)
		}
		return "delete"
	case 3:
		w := strings.Fields(ps[i])
		w[r.IntN(len(w))] = words[r.IntN(len(words))]
		ps[i] = strings.Join(w, " ")
		return "edit a word"
	case 4:
		w := strings.Fields(ps[i])
		for k, x := range w {
			if x[0] >= '0' && x[0] <= '9' {
				w[k] = fmt.Sprint(501 + r.IntN(500))
				break
			}
		}
		ps[i] = strings.Join(w, " ")
		return "change a number"
	case 5:
		if a, b, ok := strings.Cut(ps[i], ". "); ok {
			c[slug] = append(ps[:i:i], append([]string{a + ".", b}, ps[i+1:]...)...)
		}
		return "split"
	case 6:
		if i+1 < len(ps) {
			c[slug] = append(ps[:i:i], append([]string{ps[i] + " " + ps[i+1]}, ps[i+2:]...)...)
		}
		return "merge"
	default:
		delete(c, slug)
		c[slug+"-moved"] = ps
		return "move"
	}
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func apply(fsys fstest.MapFS, pl plan.Plan) {
	for _, f := range pl.Files {
		fsys[path.Clean(f.Path)] = &fstest.MapFile{Data: f.Data}
	}
	for _, name := range pl.Remove {
		delete(fsys, path.Clean(name))
	}
	for _, f := range pl.Then {
		if f.Data == nil {
			delete(fsys, path.Clean(f.Path))
		} else {
			fsys[path.Clean(f.Path)] = &fstest.MapFile{Data: f.Data}
		}
	}
}

// checkServed checks the served catalogs' promise: every message in a
// file under the catalog root translates the current source, exactly.
func checkServed(t *testing.T, fsys fstest.MapFS, p *Project) error {
	t.Helper()
	current := map[string]string{}
	for _, d := range p.Docs {
		for id, m := range d.Source.Messages {
			current[id] = m.Hash
		}
	}
	for name, f := range fsys {
		if !strings.HasPrefix(name, "locales/es/") {
			continue
		}
		c, err := catalog.Parse(name, f.Data)
		if err != nil {
			return err
		}
		for id, m := range c.Messages {
			if h, ok := current[id]; !ok || h != m.Hash {
				return fmt.Errorf("%s serves %s = %q, which is not a translation of the current source", name, id, m.Other)
			}
		}
	}
	return nil
}

var es = language.Spanish

// snapshot is what the invariants compare: every translation text in the
// es catalogs, and every source text that is translated.
type snapshot struct {
	translations map[string]bool
	translated   map[string]bool
}

func snap(t *testing.T, p *Project) snapshot {
	s := snapshot{map[string]bool{}, map[string]bool{}}
	for _, c := range p.Catalogs["es"] {
		for _, m := range c.Messages {
			s.translations[m.Other] = true
		}
	}
	for _, d := range p.Docs {
		for _, id := range d.IDs {
			if st, _ := p.Lookup(es, d, id); st >= Translated {
				s.translated[catalog.Normalize(d.Source.Messages[id].Other)] = true
			}
		}
	}
	return s
}

func load(t *testing.T, fsys fstest.MapFS, cfg *config.Config) *Project {
	t.Helper()
	p, err := Load(fsys, cfg, "")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// translateAll makes every message of the es catalogs up to date with its
// source, as a translator would.
func translateAll(t *testing.T, fsys fstest.MapFS, cfg *config.Config, r *rand.Rand, share float64) {
	p := load(t, fsys, cfg)
	for _, d := range p.Docs {
		c := p.Catalog(es, d.Slug)
		if c == nil {
			c = &catalog.Catalog{Locale: "es", Messages: map[string]catalog.Message{}}
		}
		for id, m := range d.Source.Messages {
			if st, _ := p.Lookup(es, d, id); st < Translated && r.Float64() < share {
				c.Messages[id] = catalog.Message{ID: id, Hash: m.Hash, Description: m.Description, Other: "ES:" + m.Other}
			}
		}
		fsys[p.CatalogPath(es, d.Slug)] = &fstest.MapFile{Data: catalog.Marshal(c)}
	}
}

func TestPropertyNoTranslationLost(t *testing.T) {
	sequences := 1000
	if testing.Short() {
		sequences = 100
	}
	cfg, err := config.Parse("healthloc.toml", []byte(`locales = ["es"]`))
	if err != nil {
		t.Fatal(err)
	}
	edits := map[string]int{}
	for seq := range sequences {
		r := rand.New(rand.NewPCG(uint64(seq), 7))
		c := docSet{}
		for d := range 1 + r.IntN(3) {
			for range 2 + r.IntN(5) {
				c[fmt.Sprint("doc", d)] = append(c[fmt.Sprint("doc", d)], paragraph(r))
			}
		}
		fsys := fstest.MapFS{}
		c.files(fsys)
		apply(fsys, extractBoth(t, fsys, cfg))
		translateAll(t, fsys, cfg, r, 1)
		var history []string
		// ever holds every text that had an up-to-date translation at some
		// point: reverting an edit may bring that translation back
		ever := map[string]bool{}
		for step := range 1 + r.IntN(6) {
			before := snap(t, load(t, fsys, cfg))
			for text := range before.translated {
				ever[text] = true
			}
			what := c.edit(r)
			edits[what]++
			history = append(history, what)
			c.files(fsys)
			apply(fsys, extractBoth(t, fsys, cfg))
			p := load(t, fsys, cfg)
			if err := checkServed(t, fsys, p); err != nil {
				t.Fatalf("sequence %d step %d (%v): %v", seq, step, history, err)
			}
			after := snap(t, p)
			for tr := range before.translations {
				if !after.translations[tr] {
					t.Fatalf("sequence %d step %d (%v): translation %q lost", seq, step, history, tr)
				}
			}
			for _, d := range p.Docs {
				for _, id := range d.IDs {
					text := catalog.Normalize(d.Source.Messages[id].Other)
					st, _ := p.Lookup(es, d, id)
					if before.translated[text] && st < Translated {
						t.Fatalf("sequence %d step %d (%v): unchanged %q is %v", seq, step, history, text, st)
					}
					if !ever[text] && st >= Translated {
						t.Fatalf("sequence %d step %d (%v): new or edited %q reads as translated", seq, step, history, text)
					}
				}
			}
			// a second extract with nothing changed plans no new bytes
			pl2, _ := p.Extract(ExtractOptions{})
			for _, f := range append(pl2.Files, pl2.Then...) {
				if cur := fsys[path.Clean(f.Path)]; cur == nil || string(cur.Data) != string(f.Data) {
					t.Fatalf("sequence %d step %d (%v): extract is not idempotent for %s", seq, step, history, f.Path)
				}
			}
			if r.IntN(3) == 0 {
				translateAll(t, fsys, cfg, r, 0.5)
			}
		}
	}
	t.Logf("%d sequences; edits: %v", sequences, edits)
}
