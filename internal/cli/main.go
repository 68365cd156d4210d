// Package cli is healthloc's command tree. It is the only package that
// talks to the terminal and the only one that turns errors into exit
// codes.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/mattn/go-isatty"
)

// The exit codes, listed in --help.
const (
	exitOK      = 0
	exitGate    = 1 // a quality gate failed: --fail-under, check findings
	exitUsage   = 2 // bad flags or arguments
	exitFailure = 3 // bad input (config, content, catalog) or an I/O failure
	exitBug     = 4 // a panic: a bug in healthloc
	// A signal stops a run with 128 + its number, as shells report it:
	// 130 for SIGINT (Ctrl-C), 143 for SIGTERM.
)

const exitCodesHelp = `Exit codes:
  0    success
  1    a gate failed (status --fail-under, check findings, import conflicts,
       refused reviews)
  2    usage error (unknown flag or command, bad argument)
  3    bad input (configuration, content, catalog) or I/O failure
  4    internal error: a bug in healthloc
  130  interrupted by SIGINT (Ctrl-C), 143 by SIGTERM: the run stopped
       before changing any file and released its lock; a second signal
       stops it at once`

const environmentHelp = `Environment:
  NO_COLOR        set and not empty: no colour on any stream
  CLICOLOR_FORCE  set and not 0: colour even when a stream is not a terminal`

// IO is where a command reads and writes. Results go to Out, diagnostics
// and progress to ErrOut. Colour is decided for each stream on its own,
// as gh's iostreams does, so that a redirected stdout never gets colour
// codes because stderr is a terminal, nor the other way round.
type IO struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// OutTTY and ErrTTY report that Out and ErrOut are terminals; a
	// progress bar needs ErrTTY.
	OutTTY, ErrTTY bool
	// NoColor turns colour off on both streams (NO_COLOR, TERM=dumb);
	// ForceColor turns it on where the stream is not a terminal
	// (CLICOLOR_FORCE). NoColor wins.
	NoColor, ForceColor bool
}

// ColorEnabled reports whether Out may carry colour codes.
func (s *IO) ColorEnabled() bool { return !s.NoColor && (s.OutTTY || s.ForceColor) }

// ErrColorEnabled reports whether ErrOut may carry colour codes.
func (s *IO) ErrColorEnabled() bool { return !s.NoColor && (s.ErrTTY || s.ForceColor) }

// SystemIO is the process's standard streams.
func SystemIO() *IO {
	tty := func(f *os.File) bool { return isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()) }
	force := os.Getenv("CLICOLOR_FORCE")
	return &IO{
		In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		OutTTY: tty(os.Stdout), ErrTTY: tty(os.Stderr),
		NoColor:    os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb",
		ForceColor: force != "" && force != "0",
	}
}

// exitError carries an exit code other than exitFailure.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// usageError is a mistake in the command line: exit code 2. Every usage
// error is made here, or by the flag and argument checks in root.go,
// never recognised by its message.
func usageError(err error) error { return &exitError{code: exitUsage, err: err} }

// usagef is usageError with a message.
func usagef(format string, args ...any) error { return usageError(fmt.Errorf(format, args...)) }

// gateError is a failed quality gate; its message has already been said.
func gateError(format string, args ...any) error {
	return &exitError{code: exitGate, err: fmt.Errorf(format, args...)}
}

// Main runs the command line with the process's arguments and streams and
// returns the exit code. SIGINT and SIGTERM cancel the context every
// command runs under; a second one ends the process at once.
func Main() int {
	io := SystemIO()
	ctx, stop := withSignals(context.Background(), io.ErrOut, os.Exit)
	defer stop()
	return run(ctx, io, os.Args[1:])
}

// run executes a command line. A panic is a bug in healthloc: it becomes
// a one-line error that says so and exitBug, instead of a stack dump that
// hides the message; plan's atomic writes mean that no file is left half
// written, whatever the panic interrupted.
func run(ctx context.Context, io *IO, args []string) (code int) {
	defer func() {
		if r := recover(); r != nil {
			msg := strings.ReplaceAll(fmt.Sprint(r), "\n", " ")
			fmt.Fprintf(io.ErrOut, "healthloc: internal error (this is a bug, please report it): %s\n", msg)
			code = exitBug
		}
	}()
	g := &globalOptions{}
	root := newRootCmd(io, g)
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(ctx)
	g.saveCaches()
	for _, w := range g.warnings() {
		fmt.Fprintf(io.ErrOut, "healthloc: warning: %s\n", w)
	}
	if err == nil {
		return exitOK
	}
	var sig *interrupted
	if errors.As(err, &sig) || (errors.Is(err, context.Canceled) && errors.As(context.Cause(ctx), &sig)) {
		fmt.Fprintf(io.ErrOut, "healthloc: %v: stopped before changing any file\n", sig)
		return sig.code()
	}
	code = exitFailure
	var ee *exitError
	if errors.As(err, &ee) {
		code = ee.code
	}
	msg := strings.ReplaceAll(err.Error(), "\n", " ")
	fmt.Fprintf(io.ErrOut, "healthloc: %s\n", msg)
	if code == exitUsage {
		path := "healthloc"
		if cmd != nil {
			path = cmd.CommandPath()
		}
		fmt.Fprintf(io.ErrOut, "Run '%s --help' for usage.\n", path)
	}
	return code
}
