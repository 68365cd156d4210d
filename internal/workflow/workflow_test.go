package workflow

import (
	"reflect"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	s := New()
	s.Reviews["guide.abc"] = Review{Reviewer: "Dr. Ana \"Q\" Ruiz", SourceHash: "sha1-1", TranslationHash: "sha1-2", Override: "checked by phone\nwith pharmacist"}
	s.Reviews["a/b.c"] = Review{Reviewer: "x", SourceHash: "sha1-3", TranslationHash: "sha1-4"}
	s.Previous["guide.def"] = Previous{Source: "Take 500 mg every 6 hours."}
	data := s.Marshal()
	got, err := Parse("es/.workflow.toml", data)
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, data)
	}
	if !reflect.DeepEqual(got, s) {
		t.Fatalf("round trip: got %+v, want %+v", got, s)
	}
	if again := got.Marshal(); string(again) != string(data) {
		t.Fatalf("not deterministic:\n%s\n---\n%s", again, data)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"syntax", "x = = 1\n", "es/.workflow.toml:1: "},
		{"unknown key", "[review.\"x\"]\nreviewr = \"a\"\n", `es/.workflow.toml: unknown key "review.x.reviewr"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("es/.workflow.toml", []byte(tc.in))
			if err == nil || len(err.Error()) < len(tc.want) || err.Error()[:len(tc.want)] != tc.want {
				t.Fatalf("error %v, want prefix %q", err, tc.want)
			}
		})
	}
}
