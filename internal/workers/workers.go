// Package workers runs independent pieces of work on all cores while
// keeping results in input order, so that output stays deterministic
// whatever the scheduling.
package workers

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Map calls fn for i in [0, n) on up to limit goroutines (GOMAXPROCS when
// limit <= 0). Each fn writes its own result slot; Map returns the error
// of the lowest i that failed, as a sequential loop would: every i below
// a failure still runs, none after it starts.
func Map(n, limit int, fn func(i int) error) error {
	if limit <= 0 {
		limit = runtime.GOMAXPROCS(0)
	}
	limit = min(limit, n)
	if limit <= 1 {
		for i := range n {
			if err := fn(i); err != nil {
				return err
			}
		}
		return nil
	}
	errs := make([]error, n)
	var next atomic.Int64
	var failedAt atomic.Int64 // lowest index that failed so far
	failedAt.Store(int64(n))
	var wg sync.WaitGroup
	for range limit {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= failedAt.Load() {
					return // past a failure: a sequential loop would have stopped
				}
				if err := fn(int(i)); err != nil {
					errs[i] = err
					for {
						cur := failedAt.Load()
						if i >= cur || failedAt.CompareAndSwap(cur, i) {
							break
						}
					}
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
