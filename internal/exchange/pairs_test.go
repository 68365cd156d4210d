package exchange

import (
	"reflect"
	"testing"
)

func TestPairs(t *testing.T) {
	tests := []struct {
		in   string
		want [][2]int
	}{
		{"Drink water.", nil},
		{"Take **two** tablets.", [][2]int{{1, 2}}},
		{"See [the page](https://who.int \"WHO\") and *rest*.", [][2]int{{1, 2}, {3, 4}}},
		{"Run `healthloc status` daily.", nil},
		{"**[bold link](https://x.org)** now", [][2]int{{1, 2}, {1, 2}}},
		{"An ![icon](i.png) here and ~~old~~ text", [][2]int{{1, 2}, {3, 4}}},
		{"Call <b>now</b> or <br> later", [][2]int{{1, 2}}},
		{"Already <1/> here **x**", nil},
	}
	for _, tt := range tests {
		if got := Pairs(tt.in); !reflect.DeepEqual(got, tt.want) {
			_, codes := Protect(tt.in, true)
			t.Errorf("Pairs(%q) = %v, want %v (codes %q)", tt.in, got, tt.want, codes)
		}
	}
}

func TestLostPlaceholder(t *testing.T) {
	pairs := Pairs("Take **500 mg** every [8 hours](https://who.int).")
	for tr, want := range map[string]string{
		"Tome <1/>500 mg<2/> cada <3/>8 horas<4/>.": "",
		"Tome 500 mg cada <3/>8 horas<4/>.":         "",
		"Tome <1/>500 mg cada <3/>8 horas<4/>.":     "<2/> is gone, which closes <1/>",
		"Tome <1/>500 mg<2/> cada 8 horas<4/>.":     "<3/> is gone, which opens <4/>",
	} {
		if got := lostPlaceholder(tr, pairs); got != want {
			t.Errorf("lostPlaceholder(%q) = %q, want %q", tr, got, want)
		}
	}
	if got := lostTag("See <1>the <2>WHO</2> page</1><3/>", "Vea <1>la página de la <2>OMS</1><3/>"); got != "</2> is gone, which closes <2>" {
		t.Errorf("lostTag = %q", got)
	}
}
