package edit

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/config"
	"github.com/healthloc/healthloc/internal/plan"
	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/qa"
)

const guide = `# Fever

Take 500 mg every 8 hours.

Drink water.
`

// fixture is a project on disk with one document, es and es-MX as
// targets, and the given files besides.
type fixture struct {
	t   *testing.T
	dir string
	cfg *config.Config
}

func newFixture(t *testing.T, files map[string]string) *fixture {
	t.Helper()
	f := &fixture{t: t, dir: t.TempDir()}
	files["healthloc.toml"] = "source_locale = \"en\"\nlocales = [\"es\", \"es-MX\"]\n"
	files["content/guide.md"] = guide
	for name, data := range files {
		p := filepath.Join(f.dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg, err := config.Load(f.dir)
	if err != nil {
		t.Fatal(err)
	}
	f.cfg = cfg
	return f
}

func (f *fixture) load() *project.Project {
	f.t.Helper()
	p, err := project.Load(os.DirFS(f.dir), f.cfg, "")
	if err != nil {
		f.t.Fatal(err)
	}
	return p
}

// commit applies a change that must have been made and reloads the
// project: p = f.commit(Save(...)).
func (f *fixture) commit(ch Change, err error) *project.Project {
	f.t.Helper()
	if err != nil {
		f.t.Fatal(err)
	}
	f.apply(ch)
	return f.load()
}

// apply writes a change's plan into the fixture.
func (f *fixture) apply(ch Change) {
	f.t.Helper()
	pl := plan.Plan{}
	for _, file := range ch.Plan.Files {
		file.Path = filepath.Join(f.dir, file.Path)
		pl.Files = append(pl.Files, file)
	}
	for _, file := range ch.Plan.Then {
		file.Path = filepath.Join(f.dir, file.Path)
		pl.Then = append(pl.Then, file)
	}
	for _, r := range ch.Plan.Remove {
		pl.Remove = append(pl.Remove, filepath.Join(f.dir, r))
	}
	if _, err := plan.Apply(pl); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) read(name string) string {
	data, err := os.ReadFile(filepath.Join(f.dir, name))
	if err != nil {
		return ""
	}
	return string(data)
}

// entry finds the entry of the guide whose source is src.
func entry(t *testing.T, p *project.Project, loc, src string) Entry {
	t.Helper()
	for id, m := range p.Docs[0].Source.Messages {
		if m.Other == src {
			e, err := Find(p, language.MustParse(loc), "guide", id)
			if err != nil {
				t.Fatal(err)
			}
			return e
		}
	}
	t.Fatalf("no message %q", src)
	return Entry{}
}

const dose = "Take 500 mg every 8 hours."

func TestSaveMissingThenConflict(t *testing.T) {
	f := newFixture(t, map[string]string{})
	p := f.load()
	e := entry(t, p, "es", dose)
	base := Base(p, e)
	ch, err := Save(p, e, base, "  Tome 500 mg cada 8 horas.\r\n")
	if err != nil {
		t.Fatal(err)
	}
	if ch.Old != "" || ch.New != project.TextHash("Tome 500 mg cada 8 horas.") {
		t.Errorf("hashes %q → %q", ch.Old, ch.New)
	}
	f.apply(ch)
	p = f.load()
	e = entry(t, p, "es", dose)
	if st, text := Shown(p, e); st != project.Translated || text != "Tome 500 mg cada 8 horas." {
		t.Fatalf("after save: %s %q", st, text)
	}
	if !strings.Contains(f.read("locales/es/guide.es.toml"), "Tome 500 mg") {
		t.Error("the translation is not in the served catalog")
	}
	// a second person saves from the page they loaded before
	_, err = Save(p, e, base, "Tomar 500 mg cada 8 horas.")
	var c *Conflict
	if !errors.As(err, &c) || c.Text != "Tome 500 mg cada 8 horas." || c.Hash != Base(p, e) {
		t.Fatalf("save over a changed entry: %v (%+v)", err, c)
	}
	// and keeps theirs, knowing the new base
	ch, err = Save(p, e, c.Hash, "Tomar 500 mg cada 8 horas.")
	if err != nil || ch.Old != project.TextHash("Tome 500 mg cada 8 horas.") {
		t.Fatalf("save on the new base: %v %+v", err, ch)
	}
	if ch, err := Save(p, e, Base(p, e), "Tome 500 mg cada 8 horas."); err != nil || !ch.Unchanged {
		t.Errorf("saving the same text: %v %+v", err, ch)
	}
	var inv *Invalid
	if _, err := Save(p, e, Base(p, e), " \n "); !errors.As(err, &inv) {
		t.Errorf("empty save: %v", err)
	}
}

func TestSaveInheritedAndStale(t *testing.T) {
	f := newFixture(t, map[string]string{})
	p := f.load()
	e := entry(t, p, "es", dose)
	ch, _ := Save(p, e, Base(p, e), "Tome 500 mg cada 8 horas.")
	f.apply(ch)
	p = f.load()
	mx := entry(t, p, "es-MX", dose)
	if ch, err := Save(p, mx, Base(p, mx), "Tome 500 mg cada 8 horas."); err != nil || !ch.Unchanged || !strings.Contains(ch.Note, "inherits") {
		t.Errorf("es-MX saving what it inherits: %v %+v", err, ch)
	}
	// the source changes: the translation is stale, with the previous source
	src := strings.Replace(guide, "every 8 hours", "every 6 hours", 1)
	if err := os.WriteFile(filepath.Join(f.dir, "content/guide.md"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	p = f.load()
	var stale Entry
	for _, d := range p.Docs {
		for i, id := range d.IDs {
			if d.Segments[i].Text == "Take 500 mg every 6 hours." {
				stale, _ = Find(p, language.MustParse("es"), d.Slug, id)
			}
		}
	}
	// the catalog still holds the old message under the old ID: carry it
	// as extract would, by hand here
	cat := copyCatalog(p, stale)
	old := cat.Messages[e.ID]
	cat.Messages[stale.ID] = old
	delete(cat.Messages, e.ID)
	p.Catalogs["es"]["guide"] = cat
	if st, _ := Shown(p, stale); st != project.Stale {
		t.Fatalf("state %s, want stale", st)
	}
	p = f.commit(Save(p, stale, Base(p, stale), "Tome 500 mg cada 6 horas."))
	if st, text := Shown(p, stale); st != project.Translated || text != "Tome 500 mg cada 6 horas." {
		t.Errorf("after confirming: %s %q", st, text)
	}
}

func TestApproveRules(t *testing.T) {
	f := newFixture(t, map[string]string{})
	rules := qa.RulesOf(f.cfg)
	p := f.load()
	e := entry(t, p, "es", dose)
	// a changed number is an error: refused without an override
	ch, _ := Save(p, e, Base(p, e), "Tome 50 mg cada 8 horas.")
	f.apply(ch)
	p = f.load()
	_, text := Shown(p, e)
	_, err := Approve(p, rules, e, project.TextHash(text), "ana", "")
	var ref *Refused
	if !errors.As(err, &ref) || ref.Findings[0].Check != qa.CheckNumbers {
		t.Fatalf("approving a changed dose: %v", err)
	}
	if _, err := Approve(p, rules, e, project.TextHash("other"), "ana", ""); !errors.As(err, new(*Conflict)) {
		t.Errorf("approving a text not shown: %v", err)
	}
	// an accepted finding no longer blocks
	p = f.commit(Accept(p, rules, e, project.TextHash(text), qa.CheckNumbers, "ana", "the formulary says so"))
	p = f.commit(Approve(p, rules, e, project.TextHash(text), "ana", ""))
	if st, _ := Shown(p, e); st != project.Reviewed {
		t.Errorf("state %s after approval", st)
	}
	reviews := f.read("workarea/es/reviews.toml")
	for _, want := range []string{`reviewer = "ana"`, `reason = "the formulary says so"`, project.TextHash(text)} {
		if !strings.Contains(reviews, want) {
			t.Errorf("reviews.toml lacks %s:\n%s", want, reviews)
		}
	}
	if ch, err := Approve(p, rules, e, project.TextHash(text), "ana", ""); err != nil || !ch.Unchanged {
		t.Errorf("approving twice: %v %+v", err, ch)
	}
	// a missing entry cannot be approved
	w := entry(t, p, "es", "Drink water.")
	if _, err := Approve(p, rules, w, project.TextHash(""), "ana", ""); !errors.As(err, new(*Invalid)) {
		t.Errorf("approving a missing entry: %v", err)
	}
}

func TestOverrideAndCandidates(t *testing.T) {
	f := newFixture(t, map[string]string{})
	rules := qa.RulesOf(f.cfg)
	_, e, w := f.doseCandidate(true)
	p := f.load()
	st, text := Shown(p, e)
	if st != project.Candidate {
		t.Fatalf("state %s", st)
	}
	if _, err := Approve(p, rules, e, project.TextHash(text), "ana", ""); !errors.As(err, new(*Refused)) {
		t.Fatalf("approving a candidate with a changed dose: %v", err)
	}
	ch, err := Approve(p, rules, e, project.TextHash(text), "ana", "checked with the pharmacist")
	if err != nil {
		t.Fatal(err)
	}
	f.apply(ch)
	if _, err := Reject(p, w, project.TextHash("Beba agua."), "ana", ""); !errors.As(err, new(*Invalid)) {
		t.Errorf("a rejection without comment: %v", err)
	}
	p = f.load()
	p = f.commit(Reject(p, w, project.TextHash("Beba agua."), "ana", "too informal"))
	if st, text := Shown(p, e); st != project.Reviewed || text != "Tome 5 mg cada 8 horas." {
		t.Errorf("approved candidate: %s %q", st, text)
	}
	if st, _ := Shown(p, w); st != project.Missing {
		t.Errorf("rejected candidate: %s", st)
	}
	work := f.read("workarea/es/docs/guide.toml")
	if !strings.Contains(work, `rejected = "too informal"`) || strings.Contains(work, "Tome 5 mg") {
		t.Errorf("work file:\n%s", work)
	}
	if !strings.Contains(f.read("workarea/es/reviews.toml"), `override = "checked with the pharmacist"`) {
		t.Error("the override reason is not recorded")
	}
	if _, err := Reject(p, e, project.TextHash("Tome 5 mg cada 8 horas."), "ana", "no"); !errors.As(err, new(*Invalid)) {
		t.Errorf("rejecting a reviewed translation: %v", err)
	}
}

// doseCandidate loads the project, then writes a candidate with a changed
// dose for the dose entry and, with water, one for the missing "Drink
// water." entry. It returns the project as loaded and both entries.
func (f *fixture) doseCandidate(water bool) (p *project.Project, e, w Entry) {
	f.t.Helper()
	p = f.load()
	e = entry(f.t, p, "es", dose)
	w = entry(f.t, p, "es", "Drink water.")
	data := `[candidate."` + e.ID + `"]
hash = "` + e.Doc.Source.Messages[e.ID].Hash + `"
other = "Tome 5 mg cada 8 horas."
origin = "align: es/guide.md:3"
`
	if water {
		data += `
[candidate."` + w.ID + `"]
hash = "` + w.Doc.Source.Messages[w.ID].Hash + `"
other = "Beba agua."
origin = "memory"
`
	}
	f.write("workarea/es/docs/guide.toml", data)
	return p, e, w
}

func (f *fixture) write(name, data string) {
	p := filepath.Join(f.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		f.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		f.t.Fatal(err)
	}
}

func TestFind(t *testing.T) {
	f := newFixture(t, map[string]string{})
	p := f.load()
	e := entry(t, p, "es", dose)
	for _, c := range []struct{ loc, slug, id string }{
		{"fr", "guide", e.ID},
		{"en", "guide", e.ID},
		{"es", "../guide", e.ID},
		{"es", "guide", "../x"},
	} {
		if _, err := Find(p, language.Make(c.loc), c.slug, c.id); !errors.Is(err, ErrNotFound) {
			t.Errorf("Find(%s, %s, %s): %v", c.loc, c.slug, c.id, err)
		}
	}
}
