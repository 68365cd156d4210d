package workers

import (
	"errors"
	"fmt"
	"testing"
)

func TestMapKeepsOrder(t *testing.T) {
	for _, limit := range []int{0, 1, 3, 64} {
		out := make([]int, 1000)
		if err := Map(len(out), limit, func(i int) error { out[i] = i * i; return nil }); err != nil {
			t.Fatal(err)
		}
		for i, v := range out {
			if v != i*i {
				t.Fatalf("limit %d: out[%d] = %d", limit, i, v)
			}
		}
	}
}

func TestMapFirstError(t *testing.T) {
	for _, limit := range []int{1, 4} {
		err := Map(100, limit, func(i int) error {
			if i == 10 || i == 20 {
				return fmt.Errorf("item %d", i)
			}
			return nil
		})
		if err == nil || err.Error() != "item 10" {
			t.Errorf("limit %d: %v, want item 10", limit, err)
		}
	}
	if err := Map(0, 4, func(int) error { return errors.New("never") }); err != nil {
		t.Error(err)
	}
}
