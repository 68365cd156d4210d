package diff

import (
	"reflect"
	"strings"
	"testing"
)

func TestWords(t *testing.T) {
	for _, tc := range []struct {
		old, new string
		want     []Chunk
	}{
		{"Take 500 mg every 6 hours.", "Take 500 mg every 8 hours.", []Chunk{
			{Op: Equal, Text: "Take 500 mg every "}, {Op: Delete, Text: "6 ", Number: true},
			{Op: Insert, Text: "8 ", Number: true}, {Op: Equal, Text: "hours."}}},
		{"keep it with your tablets", "keep the card with your tablets", []Chunk{
			{Op: Equal, Text: "keep "}, {Op: Delete, Text: "it "}, {Op: Insert, Text: "the card "},
			{Op: Equal, Text: "with your tablets"}}},
		{"same", "same", []Chunk{{Op: Equal, Text: "same"}}},
		{"", "new text", []Chunk{{Op: Insert, Text: "new text"}}},
	} {
		got := Words(tc.old, tc.new)
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Words(%q, %q)\n got %+v\nwant %+v", tc.old, tc.new, got, tc.want)
		}
		var o, n strings.Builder
		for _, c := range got {
			if c.Op != Insert {
				o.WriteString(c.Text)
			}
			if c.Op != Delete {
				n.WriteString(c.Text)
			}
		}
		if o.String() != tc.old || n.String() != tc.new {
			t.Errorf("chunks do not rebuild the inputs: %q %q", o.String(), n.String())
		}
	}
}

func TestNumbers(t *testing.T) {
	c := Words("Give 10 mg once a day.", "Give 20 mg once a day.")
	if !NumbersChanged(c) {
		t.Fatal("number change not seen")
	}
	rm, add := Numbers(c)
	if !reflect.DeepEqual(rm, []string{"10"}) || !reflect.DeepEqual(add, []string{"20"}) {
		t.Errorf("removed %v added %v", rm, add)
	}
	if NumbersChanged(Words("Drink water.", "Drink clean water.")) {
		t.Error("no number changed")
	}
}
