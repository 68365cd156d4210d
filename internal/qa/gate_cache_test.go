package qa

import (
	"testing"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/cache"
	"github.com/healthloc/healthloc/internal/config"
	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/workarea"
)

// TestCachedGate checks that the gate keeps what the checks found in
// the findings cache, answers from it, and still reads acceptances fresh.
func TestCachedGate(t *testing.T) {
	cfg, err := config.Parse("healthloc.toml", []byte("source_locale = \"en\"\nlocales = [\"es\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	p := &project.Project{Config: cfg, Workflow: map[string]*workarea.State{"es": workarea.New()}}
	in := project.GateInput{Locale: language.Spanish, ID: "a.1", Source: "Take 500 mg.", SourceHash: "sha1-src",
		Markdown: true, Text: "Tome 50 mg."}
	fc := cache.NewFindings("scope")
	gate := CachedGate(RulesOf(cfg), fc)
	if got := gate(p, in); len(got) != 1 || got[0] != CheckNumbers {
		t.Fatalf("held by %q, want numbers", got)
	}
	if fc.Len() != 1 {
		t.Fatalf("%d findings kept, want 1", fc.Len())
	}
	// the cache answers: a finding it holds is believed without checking
	fc.Put(cache.FindingsKey{Locale: "es", Source: "sha1-src true false", Translation: project.TextHash("Tome 500 mg.")},
		[]byte("glossary"))
	ok := in
	ok.Text = "Tome 500 mg."
	if got := gate(p, ok); len(got) != 1 || got[0] != "glossary" {
		t.Fatalf("held by %q, want the cached glossary", got)
	}
	// an acceptance is read fresh
	p.Workflow["es"].Accepted = map[string]map[string]workarea.Accepted{"a.1": {CheckNumbers: {Reviewer: "r", Reason: "ok",
		SourceHash: "sha1-src", TranslationHash: project.TextHash(in.Text)}}}
	if got := gate(p, in); len(got) != 0 {
		t.Fatalf("held by %q after the finding was accepted", got)
	}
}
