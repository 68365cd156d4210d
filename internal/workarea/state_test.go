package workarea

import (
	"reflect"
	"strings"
	"testing"
)

func TestReviewsRoundTrip(t *testing.T) {
	s := New()
	s.Reviews["guide.abc"] = Review{Reviewer: "Dr. Ana \"Q\" Ruiz", SourceHash: "sha1-1", TranslationHash: "sha1-2", Override: "checked by phone\nwith pharmacist"}
	s.Reviews["a/b.c"] = Review{Reviewer: "x", SourceHash: "sha1-3", TranslationHash: "sha1-4"}
	s.Accepted["guide.abc"] = map[string]Accepted{"numbers": {Reviewer: "y", Reason: "dual", SourceHash: "sha1-1", TranslationHash: "sha1-2"}}
	data := s.MarshalReviews()
	got := New()
	if err := got.ParseReviews("es/reviews.toml", data); err != nil {
		t.Fatalf("parse: %v\n%s", err, data)
	}
	if !reflect.DeepEqual(got, s) {
		t.Fatalf("round trip: got %+v, want %+v", got, s)
	}
	if again := got.MarshalReviews(); string(again) != string(data) {
		t.Fatalf("not deterministic:\n%s\n---\n%s", again, data)
	}
	if New().MarshalReviews() != nil {
		t.Fatal("an empty state has bytes")
	}
}

func TestDocRoundTrip(t *testing.T) {
	f := NewDocFile()
	f.Entries["guide.def"] = Entry{State: StateStale, Description: "paragraph", Hash: "sha1-9", Other: "Tome 500 mg cada 6 horas.", Previous: "Take 500 mg every 6 hours."}
	f.Entries["guide.old"] = Entry{State: StateObsolete, Hash: "sha1-8", Other: "Adiós."}
	f.Candidates["guide.def"] = Candidate{Hash: "sha1-7", Other: "Tome 500 mg cada 8 horas.", Origin: "align: es/guide.md:3"}
	data := f.Marshal()
	got, err := ParseDoc("es/docs/guide.toml", data)
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, data)
	}
	if !reflect.DeepEqual(got, f) {
		t.Fatalf("round trip: got %+v, want %+v", got, f)
	}
	if again := got.Marshal(); string(again) != string(data) {
		t.Fatalf("not deterministic:\n%s\n---\n%s", again, data)
	}
}

func TestLegacy(t *testing.T) {
	s := New()
	err := s.ParseLegacy("es/.workflow.toml", []byte("[review.\"a\"]\nreviewer = \"r\"\nsource_hash = \"h1\"\ntranslation_hash = \"h2\"\n\n[previous.\"b\"]\nsource = \"old\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if s.Reviews["a"].Reviewer != "r" || s.Previous["b"].Source != "old" {
		t.Fatalf("legacy sidecar read as %+v", s)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"syntax", "x = = 1\n", "es/docs/g.toml:1: "},
		{"unknown key", "[entry.\"x\"]\nstate = \"stale\"\nothr = \"a\"\n", `es/docs/g.toml: unknown key "entry.x.othr"`},
		{"unknown state", "[entry.\"x\"]\nstate = \"fine\"\nother = \"a\"\n", `es/docs/g.toml: entry "x": unknown state "fine"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseDoc("es/docs/g.toml", []byte(tc.in))
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Fatalf("error %v, want prefix %q", err, tc.want)
			}
		})
	}
}
