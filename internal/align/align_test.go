package align

import (
	"reflect"
	"testing"

	"github.com/healthloc/healthloc/internal/content"
)

func segs(kt ...string) []content.Segment {
	var out []content.Segment
	for i := 0; i < len(kt); i += 2 {
		out = append(out, content.Segment{Kind: content.Kind(kt[i]), Text: kt[i+1]})
	}
	return out
}

func TestAlign(t *testing.T) {
	src := segs(
		"title", "Fever guide",
		"heading", "Fever in adults",
		"paragraph", "Take 500 mg every 6 hours.",
		"paragraph", "See [the WHO page](https://who.int).",
		"list item", "Drink water.",
		"list item", "Rest.",
	)
	tests := []struct {
		name string
		tr   []content.Segment
		want Result
	}{
		{"one to one", segs(
			"title", "Guía de la fiebre",
			"heading", "Fiebre en adultos",
			"paragraph", "Tome 500 mg cada 6 horas.",
			"paragraph", "Vea [la página de la OMS](https://who.int).",
			"list item", "Beba agua.",
			"list item", "Descanse.",
		), Result{Pairs: [][2]int{{0, 0}, {1, 1}, {2, 2}, {3, 3}, {4, 4}, {5, 5}}}},
		{"missing paragraph", segs(
			"title", "Guía de la fiebre",
			"heading", "Fiebre en adultos",
			"paragraph", "Vea [la página de la OMS](https://who.int).",
			"list item", "Beba agua.",
			"list item", "Descanse.",
		), Result{Pairs: [][2]int{{0, 0}, {1, 1}, {3, 2}, {4, 3}, {5, 4}}, Unpaired: []int{2}}},
		{"extra paragraph and heading", segs(
			"title", "Guía de la fiebre",
			"paragraph", "Nota del traductor: revisado en 2024.",
			"heading", "Fiebre en adultos",
			"paragraph", "Tome 500 mg cada 6 horas.",
			"paragraph", "Vea [la página de la OMS](https://who.int).",
			"list item", "Beba agua.",
			"list item", "Descanse.",
			"heading", "Más",
		), Result{Pairs: [][2]int{{0, 0}, {1, 2}, {2, 3}, {3, 4}, {4, 5}, {5, 6}}, Extra: []int{1, 7}}},
		{"nothing in common", segs("quote", "Cita"), Result{Unpaired: []int{0, 1, 2, 3, 4, 5}, Extra: []int{0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Align(src, tt.tr)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Align = %+v, want %+v", got, tt.want)
			}
		})
	}
}
