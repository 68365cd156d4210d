package numeral

import "testing"

func toks(spec ...int64) []Token {
	var out []Token
	for _, v := range spec {
		switch {
		case v < 0:
			out = append(out, Token{Val: -v, Mult: true})
		case v == 0:
			out = append(out, Token{Conn: true})
		default:
			out = append(out, Token{Val: v})
		}
	}
	return out
}

func TestCombine(t *testing.T) {
	for _, c := range []struct {
		name    string
		ts      []Token
		postfix bool
		want    int64
	}{
		{"two hundred five", toks(2, -100, 5), false, 205},
		{"二十三", toks(2, -10, 3), false, 23},
		{"一亿两千万", toks(1, -1e8, 2, -1000, -1e4), false, 120000000},
		{"two hundred thousand", toks(2, -100, -1000), false, 200000},
		{"one million two hundred thousand", toks(1, -1e6, 2, -100, -1000), false, 1200000},
		{"trente et un", toks(30, 0, 1), false, 31},
		{"बीस करोड़", toks(20, -1e7), false, 2e8},
		{"mia mbili", toks(-100, 2), true, 200},
		{"mia moja na tano", toks(-100, 1, 0, 5), true, 105},
		{"elfu mbili mia tatu", toks(-1000, 2, -100, 3), true, 2300},
		{"milioni mia mbili", toks(-1e6, -100, 2), true, 2e8},
	} {
		if got := Combine(c.ts, c.postfix); got != c.want {
			t.Errorf("%s = %d, want %d", c.name, got, c.want)
		}
	}
}

func TestFollows(t *testing.T) {
	valid := func(ts []Token, postfix bool) bool {
		for i := range ts {
			if !Follows(ts[:i], ts[i], postfix) {
				return false
			}
		}
		return true
	}
	for _, c := range []struct {
		name    string
		ts      []Token
		postfix bool
		want    bool
	}{
		{"twenty three", toks(20, 3), false, true},
		{"two three", toks(2, 3), false, false},
		{"三四", toks(3, 4), false, false},
		{"一百零五", toks(1, -100, 0, 5), false, true},
		{"two hundred thousand", toks(2, -100, -1000), false, true},
		{"hundred hundred", toks(-100, -100), false, false},
		{"mia mbili", toks(-100, 2), true, true},
	} {
		if got := valid(c.ts, c.postfix); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
