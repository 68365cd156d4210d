package cldr

import (
	"testing"

	"golang.org/x/text/language"
)

func word(ws []Word, text string) (int64, bool) {
	for _, w := range ws {
		if w.Text == text {
			return w.Value, true
		}
	}
	return 0, false
}

func TestFor(t *testing.T) {
	for _, tc := range []struct{ tag, id string }{
		{"zh", "zh"}, {"zh-Hans-CN", "zh"}, {"zh-TW", "zh_Hant"}, {"zh-Hant", "zh_Hant"}, {"ko-KR", "ko"},
		{"sr-Latn", "sr_Latn"}, {"es-MX", "es"}, {"am", "am"}, {"bn", "bn"},
	} {
		l := For(language.MustParse(tc.tag))
		if l == nil || l.ID != tc.id {
			t.Errorf("For(%s) = %v, want %s", tc.tag, l, tc.id)
		}
	}
	if l := For(language.MustParse("tlh")); l != nil {
		t.Errorf("For(tlh) = %s, want nil", l.ID)
	}
}

func TestTables(t *testing.T) {
	zh := Lookup("zh")
	for _, c := range []struct {
		loc, word string
		val       int64
		mult      bool
	}{
		{"zh", "两", 2, false}, {"zh_Hant", "兩", 2, false}, {"zh", "万", 10000, true}, {"zh_Hant", "萬", 10000, true},
		{"zh", "亿", 1e8, true}, {"zh_Hant", "億", 1e8, true}, {"ko", "억", 1e8, true}, {"ko", "두", 2, false},
		{"hi", "करोड़", 1e7, false}, {"en", "million", 1e6, true}, {"es", "millón", 1e6, true}, {"th", "สอง", 2, false},
		{"vi", "hai", 2, false}, {"sw", "mbili", 2, false}, {"fa", "دو", 2, false}, {"am", "ሁለት", 2, false},
	} {
		l := Lookup(c.loc)
		ws := l.Cardinals
		if c.mult {
			ws = l.Multipliers
		}
		if v, ok := word(ws, c.word); !ok || v != c.val {
			// magnitudes are in the compact forms when not multipliers
			found := false
			for _, m := range l.Magnitudes {
				found = found || m.Word == c.word && m.Value == c.val
			}
			if !found {
				t.Errorf("%s: %q = %d (%v), want %d", c.loc, c.word, v, ok, c.val)
			}
		}
	}
	if zh.Months[9][0] != "9月" || zh.DateOrder != "ymd" {
		t.Errorf("zh months %q, order %s", zh.Months[9], zh.DateOrder)
	}
	if !Lookup("sw").Postfix {
		t.Error("sw: multipliers come first in Swahili")
	}
	for _, id := range []string{"bn", "ur"} {
		if Lookup(id).HasNumberWords() {
			t.Errorf("%s: CLDR %s has no spell-out rules; the table says it has", id, Version)
		}
	}
	units := map[string]string{}
	for _, u := range Lookup("zh").Units {
		units[u.Name] = u.ID
	}
	if units["毫升"] != "volume-milliliter" || units["毫克"] != "mass-milligram" {
		t.Errorf("zh units: 毫升 %s, 毫克 %s", units["毫升"], units["毫克"])
	}
	duals := map[string]bool{}
	for _, id := range []string{"ar", "he"} {
		for _, u := range Lookup(id).Units {
			if u.Form == '2' {
				duals[u.Name] = true
			}
		}
	}
	if !duals["يومان"] || !duals["יומיים"] || !duals["ساعتان"] {
		t.Errorf("duals: %v", duals)
	}
}
