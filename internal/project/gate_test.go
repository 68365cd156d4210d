package project

import (
	"fmt"
	"testing"

	"golang.org/x/text/language"
)

// The project's gate is asked about every translation by extract: its
// memo must stay bounded, while still answering as the gate does.
func TestGateMemoBounded(t *testing.T) {
	p := &Project{}
	calls := 0
	p.SetGate(func(_ *Project, in GateInput) []string {
		calls++
		if in.Text == "held" {
			return []string{"numbers"}
		}
		return nil
	})
	for i := range 3 * gateMemo {
		in := GateInput{Locale: language.Spanish, ID: fmt.Sprintf("doc.m%d", i), Text: "ok"}
		if i%7 == 0 {
			in.Text = "held"
		}
		got := p.held(in)
		if want := i%7 == 0; (len(got) > 0) != want {
			t.Fatalf("translation %d: held %v, want held %t", i, got, want)
		}
		if n := len(p.gate.memo); n > gateMemo {
			t.Fatalf("after %d translations the memo holds %d answers, more than %d", i+1, n, gateMemo)
		}
	}
	if calls != 3*gateMemo {
		t.Errorf("gate called %d times for %d distinct translations", calls, 3*gateMemo)
	}
	// asked again at once, the answer comes from the memo
	p.held(GateInput{Locale: language.Spanish, ID: fmt.Sprintf("doc.m%d", 3*gateMemo-1), Text: "ok"})
	if calls != 3*gateMemo {
		t.Errorf("a translation just asked about was judged again")
	}
	// a window's memo is its own and unbounded (it holds the window's
	// translations, no more)
	w := p.gate.fresh()
	if w.bounded || len(w.memo) != 0 {
		t.Errorf("a window's gate starts with %d answers, bounded %t", len(w.memo), w.bounded)
	}
}
