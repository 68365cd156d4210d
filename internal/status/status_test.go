package status

import (
	"testing"
	"testing/fstest"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/project/projecttest"
)

// fixture builds a project in memory: one document with three messages
// ("Rest." 1 word, "Drink water." 2 words, "Take 5 mg twice a day." 6
// words) and catalogs that put each message in a known state.
func fixture(t *testing.T) *project.Project {
	t.Helper()
	src := map[string]string{"rest": "Rest.", "drink": "Drink water.", "dose": "Take 5 mg twice a day."}
	id := func(k string) string { return catalog.MessageID("a", src[k]) }
	hash := func(k string) string { return catalog.Hash("paragraph", src[k]) }
	msg := func(k, text, h string) string {
		return "[\"" + id(k) + "\"]\nhash = \"" + h + "\"\nother = \"" + text + "\"\n\n"
	}
	fsys := fstest.MapFS{
		"content/a.md":         {Data: []byte("Rest.\n\nDrink water.\n\nTake 5 mg twice a day.\n")},
		"locales/es/a.es.toml": {Data: []byte(msg("rest", "Descanse.", hash("rest")) + msg("drink", "Beba agua.", hash("drink")) + msg("dose", "Tome 5 mg dos veces al día.", hash("dose")))},
		// fr: one translated, one stale (old hash), one missing (with a
		// candidate in the work area), one obsolete
		"locales/fr/a.fr.toml": {Data: []byte(msg("rest", "Reposez-vous.", hash("rest")) + msg("dose", "Prenez 10 mg.", "sha1-old") +
			"[\"a.gone\"]\nhash = \"sha1-x\"\nother = \"Ancien.\"\n")},
		// fr: a candidate for the missing message waits for review
		"workarea/fr/docs/a.toml": {Data: []byte("[candidate.\"" + id("drink") + "\"]\nhash = \"" + hash("drink") +
			"\"\nother = \"Buvez de l'eau.\"\norigin = \"align: fr/a.md\"\n")},
		// a catalog whose document was deleted: both entries are obsolete
		"locales/fr/old.fr.toml": {Data: []byte("[\"old.1\"]\nother = \"Un.\"\n\n[\"old.2\"]\nother = \"Deux.\"\n")},
		// es: the rest message is reviewed for the current source and text
		"locales/es/.workflow.toml": {Data: []byte("[review.\"" + id("rest") + "\"]\nreviewer = \"dr\"\nsource_hash = \"" + hash("rest") +
			"\"\ntranslation_hash = \"" + project.TextHash("Descanse.") + "\"\n\n[review.\"" + id("drink") +
			"\"]\nreviewer = \"dr\"\nsource_hash = \"" + hash("drink") + "\"\ntranslation_hash = \"sha1-of-an-older-text\"\n")},
	}
	return projecttest.Load(t, `locales = ["es", "fr", "es-MX"]`, fsys)
}

func TestCompute(t *testing.T) {
	rep := Compute(fixture(t), nil, true)
	want := map[string]Tally{
		"es": {Total: Count{3, 9}, Translated: Count{3, 9}, Reviewed: Count{1, 1}, PercentWords: 100, PercentMessages: 100},
		"fr": {Total: Count{3, 9}, Translated: Count{1, 1}, Stale: Count{1, 6}, Candidates: Count{1, 2}, Obsolete: 3,
			PercentWords: 11.1, PercentMessages: 33.3},
		// es-MX has no catalog: everything is inherited from es, and a
		// review in es is not a review in es-MX's own right but still counts
		"es-MX": {Total: Count{3, 9}, Translated: Count{3, 9}, Reviewed: Count{1, 1}, Inherited: Count{3, 9}, PercentWords: 100, PercentMessages: 100},
	}
	if len(rep.Locales) != 3 {
		t.Fatalf("%d locales", len(rep.Locales))
	}
	for _, l := range rep.Locales {
		if l.Tally != want[l.Locale] {
			t.Errorf("%s:\n got %+v\nwant %+v", l.Locale, l.Tally, want[l.Locale])
		}
		if len(l.Documents) != 1 || l.Documents[0].Path != "a.md" {
			t.Errorf("%s: documents %+v", l.Locale, l.Documents)
		}
	}
	if got := rep.Below(50); len(got) != 1 || got[0].Locale != "fr" {
		t.Errorf("Below(50) = %+v", got)
	}
}

func TestComputeOneLocale(t *testing.T) {
	rep := Compute(fixture(t), []language.Tag{language.MustParse("es-MX")}, false)
	if len(rep.Locales) != 1 || rep.Locales[0].Documents != nil {
		t.Fatalf("%+v", rep)
	}
	if c := rep.Locales[0].Chain; len(c) != 4 || c[1] != "es-419" || c[3] != "en" {
		t.Errorf("chain %v", c)
	}
}
