package exchange

import (
	"reflect"
	"testing"
)

func TestProtect(t *testing.T) {
	tests := []struct {
		in    string
		md    bool
		out   string
		codes []string
	}{
		{"Drink water.", true, "Drink water.", nil},
		{"Take **two** tablets.", true, "Take <1/>two<2/> tablets.", []string{"**", "**"}},
		{"See [the WHO page](https://who.int/ors \"ORS\") now.", true, "See <1/>the WHO page<2/> now.", []string{"[", `](https://who.int/ors "ORS")`}},
		{"Run `healthloc status` daily.", true, "Run <1/> daily.", []string{"`healthloc status`"}},
		{"Call <https://example.org> or <br> us", true, "Call <1/> or <2/> us", []string{"<https://example.org>", "<br>"}},
		{"Use \\*not\\* this &amp; that", true, "Use \\*not\\* this &amp; that", nil},
		{"line one\nline *two*", true, "line one\nline <1/>two<2/>", []string{"*", "*"}},
		{"Already <1/> here **x**", true, "Already <1/> here **x**", nil},
		{"Title with **stars**", false, "Title with **stars**", nil},
	}
	for _, tt := range tests {
		out, codes := Protect(tt.in, tt.md)
		if out != tt.out || !reflect.DeepEqual(codes, tt.codes) {
			t.Errorf("Protect(%q) = %q, %q; want %q, %q", tt.in, out, codes, tt.out, tt.codes)
		}
		back, err := Restore(out, codes)
		if err != nil || back != tt.in {
			t.Errorf("Restore(%q) = %q, %v; want %q", out, back, err, tt.in)
		}
	}
}

func TestProtectWith(t *testing.T) {
	_, codes := Protect("See [the page](https://x.org) and **do it**.", true)
	tr := "Vea **hágalo** y [la página](https://x.org)."
	got := ProtectWith(tr, codes)
	want := "Vea <3/>hágalo<4/> y <1/>la página<2/>."
	if got != want {
		t.Fatalf("ProtectWith = %q, want %q", got, want)
	}
	back, err := Restore(got, codes)
	if err != nil || back != tr {
		t.Fatalf("Restore = %q, %v", back, err)
	}
	// markup the source does not have stays literal
	if got := ProtectWith("Vea [otra](https://y.org)", codes); got != "Vea <1/>otra](https://y.org)" {
		t.Errorf("ProtectWith foreign link = %q", got)
	}
}

func TestRestoreUnknownPlaceholder(t *testing.T) {
	if _, err := Restore("a <7/> b", []string{"**"}); err == nil {
		t.Fatal("want an error for <7/>")
	}
}

func FuzzProtectRestore(f *testing.F) {
	for _, s := range []string{"a **b** [c](d)", "`x` <y> \\*", "1. item\n- x", "![alt](i.png) ~~s~~"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, codes := Protect(s, true)
		back, err := Restore(out, codes)
		if err != nil || back != s {
			t.Fatalf("Restore(Protect(%q)) = %q, %v", s, back, err)
		}
	})
}

func BenchmarkProtect(b *testing.B) {
	s := "Take **500 mg** of paracetamol every 8 hours. See [the WHO page](https://who.int/fever \"WHO\") or run `healthloc status`."
	for b.Loop() {
		Protect(s, true)
	}
}

func TestProtectTags(t *testing.T) {
	src := `Drink <1>clean</1> water, see <2 title="World Health Organization">WHO</2><3/>.`
	out, codes := ProtectTags(src)
	if out != "Drink <1/>clean<2/> water, see <3/>WHO<4/><5/>." || len(codes) != 5 || codes[2] != `<2 title="World Health Organization">` {
		t.Fatalf("ProtectTags = %q %q", out, codes)
	}
	if back, err := Restore(out, codes); err != nil || back != src {
		t.Fatalf("Restore = %q, %v", back, err)
	}
	tr := `Beba agua <1>limpia</1>, vea la <2 title="World Health Organization">OMS</2><3/>.`
	if got := ProtectTagsWith(tr, codes); got != "Beba agua <1/>limpia<2/>, vea la <3/>OMS<4/><5/>." {
		t.Errorf("ProtectTagsWith = %q", got)
	}
	// a tag the source does not have stays literal, so import can refuse it
	if got := ProtectTagsWith("x <9>y</9>", codes); got != "x <9>y</9>" {
		t.Errorf("unknown tag: %q", got)
	}
}
