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
)

const exitCodesHelp = `Exit codes:
  0  success
  1  a gate failed (status --fail-under, check findings, import conflicts,
     refused reviews)
  2  usage error (unknown flag or command, bad argument)
  3  bad input (configuration, content, catalog) or I/O failure
  4  internal error: a bug in healthloc`

// IO is where a command reads and writes. Results go to Out, diagnostics
// and progress to ErrOut.
type IO struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// ErrTTY reports that ErrOut is a terminal, which allows progress bars.
	ErrTTY bool
	// Color allows colour on ErrOut: a terminal and no NO_COLOR.
	Color bool
}

// SystemIO is the process's standard streams.
func SystemIO() *IO {
	tty := isatty.IsTerminal(os.Stderr.Fd())
	_, noColor := os.LookupEnv("NO_COLOR")
	return &IO{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr, ErrTTY: tty, Color: tty && !noColor}
}

// exitError carries an exit code other than exitFailure.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func usageError(err error) error { return &exitError{code: exitUsage, err: err} }

// gateError is a failed quality gate; its message has already been said.
func gateError(format string, args ...any) error {
	return &exitError{code: exitGate, err: fmt.Errorf(format, args...)}
}

// Main runs the command line with the process's arguments and streams and
// returns the exit code.
func Main() int {
	return run(context.Background(), SystemIO(), os.Args[1:])
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
	root := newRootCmd(io)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	code = exitFailure
	var ee *exitError
	if errors.As(err, &ee) {
		code = ee.code
	} else if strings.HasPrefix(err.Error(), "unknown command") || strings.HasPrefix(err.Error(), "accepts ") ||
		strings.HasPrefix(err.Error(), "requires ") {
		code = exitUsage
	}
	msg := strings.ReplaceAll(err.Error(), "\n", " ")
	fmt.Fprintf(io.ErrOut, "healthloc: %s\n", msg)
	if code == exitUsage {
		fmt.Fprintln(io.ErrOut, "Run 'healthloc --help' for usage.")
	}
	return code
}
