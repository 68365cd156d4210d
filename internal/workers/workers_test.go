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

func TestBatchedFoldsInOrder(t *testing.T) {
	for _, size := range []int{1, 3, 7, 100} {
		var folded []int
		res := make([]int, size)
		err := Batched(50, size, func(i int) error {
			res[i%size] = i * 2
			return nil
		}, func(i int) error {
			if res[i%size] != i*2 {
				t.Fatalf("size %d: fold %d sees %d", size, i, res[i%size])
			}
			folded = append(folded, i)
			return nil
		})
		if err != nil || len(folded) != 50 {
			t.Fatalf("size %d: %v, folded %d", size, err, len(folded))
		}
		for i, v := range folded {
			if v != i {
				t.Fatalf("size %d: folded out of order: %v", size, folded)
			}
		}
	}
}

func TestBatchedStops(t *testing.T) {
	var folded int
	err := Batched(100, 10, func(i int) error {
		if i == 25 {
			return fmt.Errorf("work %d", i)
		}
		return nil
	}, func(i int) error {
		folded++
		return nil
	})
	if err == nil || err.Error() != "work 25" || folded != 20 {
		t.Errorf("err %v, folded %d; want work 25 after 20 folds", err, folded)
	}
	folded = 0
	err = Batched(100, 10, func(int) error { return nil }, func(i int) error {
		folded++
		if i == 42 {
			return errors.New("fold")
		}
		return nil
	})
	if err == nil || folded != 43 {
		t.Errorf("err %v, folded %d; want fold after 43", err, folded)
	}
}
