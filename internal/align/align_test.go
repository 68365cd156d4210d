package align

import (
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/language"

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
		{"a changed dose is refused", segs(
			"title", "Guía de la fiebre",
			"heading", "Fiebre en adultos",
			"paragraph", "Tome 250 mg cada 6 horas.",
			"paragraph", "Vea [la página de la OMS](https://who.int).",
			"list item", "Beba agua.",
			"list item", "Descanse.",
		), Result{Pairs: [][2]int{{0, 0}, {1, 1}, {3, 3}, {4, 4}, {5, 5}},
			Refused: []Refusal{{2, 2, "numbers: 500, 6 in the source, 250, 6 in the translation"}}}},
		{"a list of another shape is refused whole", segs(
			"title", "Guía de la fiebre",
			"heading", "Fiebre en adultos",
			"paragraph", "Tome 500 mg cada 6 horas.",
			"paragraph", "Vea [la página de la OMS](https://who.int).",
			"list item", "Beba agua y descanse.",
		), Result{Pairs: [][2]int{{0, 0}, {1, 1}, {2, 2}, {3, 3}},
			Refused:  []Refusal{{4, 4, "list shape: 2 items in the source, 1 in the translation"}},
			Unpaired: []int{5}}},
		{"nothing in common", segs("quote", "Cita"), Result{Unpaired: []int{0, 1, 2, 3, 4, 5}, Extra: []int{0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Align(src, tt.tr, Options{})
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Align = %+v, want %+v", got, tt.want)
			}
		})
	}
}

// TestMisPairing is the zh-Hans page of the issue: a paragraph with two
// links, where the translation has an extra paragraph with no links just
// before the right one. The two-link paragraph never takes the
// link-less text; the extra paragraph is reported as extra.
func TestMisPairing(t *testing.T) {
	src := segs(
		"heading", "Finding a provider",
		"paragraph", "This website has a [list of abortion providers](https://example.org/providers) and [a map of clinics](https://example.org/map).",
		"paragraph", "Call us if you need help.",
	)
	tr := segs(
		"heading", "寻找医疗服务提供者",
		"paragraph", "法院在判决中裁定，该州的禁令违反宪法，因此暂停执行。",
		"paragraph", "本网站有一份[堕胎服务提供者名单](https://example.org/zh/providers)和一张[诊所地图](https://example.org/zh/map)。",
		"paragraph", "如果您需要帮助，请给我们打电话。",
	)
	got := Align(src, tr, Options{})
	want := Result{Pairs: [][2]int{{0, 0}, {1, 2}, {2, 3}}, Extra: []int{1}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Align = %+v, want %+v", got, want)
	}

	// Without the right paragraph, the two-link paragraph is refused
	// against the link-less one, with the reason, and nothing pairs them.
	got = Align(src, append(tr[:2:2], tr[3]), Options{})
	want = Result{Pairs: [][2]int{{0, 0}, {2, 2}},
		Refused: []Refusal{{1, 1, "links: 2 links in the source, 0 in the translation"}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Align without the right paragraph = %+v, want %+v", got, want)
	}
}

func TestAnchors(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want string // the disagreement, "" when they agree
	}{
		{"same", "Take 500 mg.", "Tome 500 mg.", ""},
		{"thousands groups", "Up to 1,500 ml a day.", "Hasta 1.500 ml al día.", ""},
		{"thousands with a space", "Up to 1,500 ml.", "Jusqu'à 1 500 ml.", ""},
		{"decimal sign", "Take 0.5 ml.", "Tome 0,5 ml.", ""},
		{"Arabic-Indic digits", "Take 500 mg.", "خذ ٥٠٠ ملغ.", ""},
		{"reordered numbers", "Every 8 hours, take 500 mg.", "Tome 500 mg cada 8 horas.", ""},
		{"changed number", "Take 500 mg.", "Tome 50 mg.", "numbers: 500 in the source, 50 in the translation"},
		{"number in a link is not a number", "See [the page](https://x.org/2).", "Vea [la página](https://x.org/2).", ""},
		{"translated site path", "See [providers](/providers).", "Vea [proveedores](/es/providers/).", ""},
		{"Markdown page link", "See [dehydration](dehydration.md).", "Vea [deshidratación](../es/dehydration.html).", ""},
		{"phone", "Call [911](tel:911).", "Llame al [911](tel:9-1-1).", ""},
		{"other target", "See [WHO](https://who.int/fever).", "Vea [OMS](https://who.int/dengue).",
			"link targets: who.int/fever in the source, who.int/dengue in the translation"},
		{"dropped link", "See [WHO](https://who.int/fever).", "Vea la OMS.", "links: 1 link in the source, 0 in the translation"},
		{"code", "Run `dose --check`.", "Ejecute `dose --check`.", ""},
		{"changed code", "Run `dose --check`.", "Ejecute `dosis`.", "inline code: dose --check in the source, dosis in the translation"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, _ := anchorsOf(content.Segment{Kind: content.KindParagraph, Text: tt.a}, nil)
			b, _ := anchorsOf(content.Segment{Kind: content.KindParagraph, Text: tt.b}, nil)
			if got := disagreement(a, b); got != tt.want {
				t.Errorf("disagreement = %q, want %q", got, tt.want)
			}
			if agree(a, b) != (tt.want == "") {
				t.Errorf("agree = %v, disagreement %q", agree(a, b), tt.want)
			}
		})
	}
}

func TestLocalizedLinks(t *testing.T) {
	src := segs("paragraph", "Read the [WHO page](https://www.who.int/health-topics/diarrhoea).")
	tr := segs("paragraph", "Lea la [página de la OMS](https://www.who.int/es/health-topics/diarrhoea-es).")
	if got := Align(src, tr, Options{}); len(got.Pairs) != 0 {
		t.Errorf("without localized links, paired %v", got.Pairs)
	}
	got := Align(src, tr, Options{Links: map[string]string{
		"https://www.who.int/health-topics/diarrhoea": "https://www.who.int/es/health-topics/diarrhoea-es"}})
	if len(got.Pairs) != 1 {
		t.Errorf("with localized links = %+v, want one pair", got)
	}
}

func TestCheckLanguage(t *testing.T) {
	es := "La deshidratación ocurre cuando el cuerpo pierde más agua de la que recibe. Los niños pequeños y las personas mayores corren más riesgo. Beba agua con frecuencia y use sales de rehidratación oral si tiene diarrea."
	en := "Dehydration happens when the body loses more water than it takes in. Young children and older people are at higher risk. Drink water often and use oral rehydration salts if you have diarrhoea, and see a doctor when it does not stop."
	ko := "탈수는 몸이 받아들이는 것보다 더 많은 물을 잃을 때 일어납니다. 어린이와 노인은 위험이 더 큽니다. 설사가 있으면 물을 자주 마시고 경구 수분 보충 염을 사용하십시오."
	zh := "当身体失去的水分多于摄入的水分时，就会发生脱水。幼儿和老年人的风险更高。如果腹泻，请经常喝水并使用口服补液盐。"
	tests := []struct {
		loc, text string
		want      Level
		msg       string
	}{
		{"es", es, OK, ""},
		{"es", ko, Wrong, "written in Hangul script (100% of its letters); es is written in Latin script"},
		{"es", en, Wrong, "reads as English"},
		{"es", "Paracetamol 탈수는 몸이 받아들이는 것보다", Unsure, "only 45% of its letters are in Latin script"},
		{"ko", ko + " WHO ORS", OK, ""},
		{"zh-Hans", zh, OK, ""},
		{"zh-Hans", ko, Wrong, "written in Hangul"},
		{"ja", zh, OK, ""}, // Han is Japanese script too: unsure cases are not guessed at
		{"ru", es, Wrong, "Cyrillic"},
		{"sw", en, OK, ""}, // no word list for Swahili: the script is all it checks
		{"es", "", Unsure, "no text"},
	}
	for _, tt := range tests {
		t.Run(tt.loc+" "+tt.msg, func(t *testing.T) {
			v := CheckLanguage(language.MustParse(tt.loc), segs("paragraph", tt.text))
			if v.Level != tt.want || !strings.Contains(v.Message, tt.msg) {
				t.Errorf("CheckLanguage = %+v, want level %d with %q", v, tt.want, tt.msg)
			}
		})
	}
}

// A paragraph the translation splits in two is refused: pairing it with
// one half would publish the page without the other half, which may be a
// warning. The same holds for two paragraphs merged into one.
func TestSplitAndMerge(t *testing.T) {
	src := segs(
		"heading", "Treatment",
		"paragraph", "Treatment lasts at least 6 months and uses several medicines together.",
		"paragraph", "Take your tablets every day, at the same time, until the end of the treatment. Stopping early can make the TB come back in a form that is much harder to treat.",
		"paragraph", "Most people stop being infectious after 2 weeks of treatment.",
	)
	split := segs(
		"heading", "Tratamiento",
		"paragraph", "El tratamiento dura al menos 6 meses y combina varios medicamentos.",
		"paragraph", "Tome sus comprimidos todos los días, a la misma hora, hasta el final del tratamiento.",
		"paragraph", "Dejarlo antes de tiempo puede hacer que la tuberculosis vuelva de una forma mucho más difícil de tratar.",
		"paragraph", "La mayoría de las personas dejan de contagiar después de 2 semanas de tratamiento.",
	)
	got := Align(src, split, Options{})
	if len(got.Pairs) != 3 || len(got.Refused) != 1 || got.Refused[0].Source != 2 ||
		!strings.HasPrefix(got.Refused[0].Reason, "the translation splits this paragraph in two") || len(got.Extra) != 1 {
		t.Errorf("split: %+v", got)
	}
	merged := Align(split, src, Options{}) // read the other way: two paragraphs made one
	if len(merged.Refused) != 1 || !strings.HasPrefix(merged.Refused[0].Reason, "the translation merges this paragraph with the one at line") {
		t.Errorf("merge: %+v", merged)
	}
}
