package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// interrupted is the cause of a run's context when a signal stopped it.
type interrupted struct{ sig os.Signal }

func (e *interrupted) Error() string {
	name := "SIGINT"
	if e.sig == syscall.SIGTERM {
		name = "SIGTERM"
	}
	return "interrupted by " + name
}

// code is the exit code for the signal: 128 plus its number, as shells
// report a process a signal ended.
func (e *interrupted) code() int {
	if s, ok := e.sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return 128 + int(syscall.SIGINT)
}

// withSignals returns a context that SIGINT or SIGTERM cancels with an
// *interrupted cause. This is signal.NotifyContext with two additions:
// the cause says which signal came, for the exit code, and a second
// signal ends the process at once, for a user who will not wait for the
// run to clean up (the lock is then left, and the next run takes it over
// as stale). exit is os.Exit but in tests. stop releases the signals.
func withSignals(parent context.Context, errOut io.Writer, exit func(int)) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(parent)
	ch := make(chan os.Signal, 2)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		var first *interrupted
		select {
		case s := <-ch:
			first = &interrupted{s}
			cancel(first)
		case <-done:
			return
		}
		select {
		case s := <-ch:
			again := &interrupted{s}
			fmt.Fprintf(errOut, "healthloc: %v again: stopped at once; the next run takes over its lock\n", again)
			exit(again.code())
		case <-done:
		}
	}()
	return ctx, func() {
		signal.Stop(ch)
		close(done)
		cancel(nil)
	}
}

// stopped returns the context's cause once it is done, for the commands
// to check between steps.
func stopped(ctx context.Context) error {
	return context.Cause(ctx)
}
