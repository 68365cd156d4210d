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

// Batched calls work for i in [0, n) on all cores, size items at a time,
// and then fold for each item of the batch in order on the calling
// goroutine, so that results can be gathered in order while only a
// batch's worth of them is held. It stops at the first error of work (in
// order) or of fold.
func Batched(n, size int, work, fold func(i int) error) error {
	size = max(size, 1)
	for start := 0; start < n; start += size {
		end := min(n, start+size)
		if err := Map(end-start, 0, func(j int) error { return work(start + j) }); err != nil {
			return err
		}
		for i := start; i < end; i++ {
			if err := fold(i); err != nil {
				return err
			}
		}
	}
	return nil
}
