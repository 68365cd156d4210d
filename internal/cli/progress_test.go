package cli

import (
	"bytes"
	"strings"
	"testing"
)

func TestProgressOnlyOnATerminal(t *testing.T) {
	for _, tc := range []struct {
		tty, quiet, want bool
	}{{false, false, false}, {true, true, false}, {true, false, true}} {
		var errOut bytes.Buffer
		bar := newProgress(&IO{ErrOut: &errOut, ErrTTY: tc.tty}, tc.quiet, "extract")
		for i := 1; i <= 50; i++ {
			bar.set(i, 50)
		}
		bar.finish()
		if got := errOut.Len() > 0; got != tc.want {
			t.Errorf("tty=%v quiet=%v: wrote %q", tc.tty, tc.quiet, errOut.String())
		}
		if tc.want && (!strings.Contains(errOut.String(), "/50,") || !strings.Contains(errOut.String(), "docs/s")) {
			t.Errorf("bar does not show done, total and rate: %q", errOut.String())
		}
	}
}

// TestColorPerStream decides colour for each stream from its own
// terminal, as gh's iostreams does; NO_COLOR wins over CLICOLOR_FORCE.
func TestColorPerStream(t *testing.T) {
	for _, tc := range []struct {
		io       IO
		out, err bool
	}{
		{IO{ErrTTY: true}, false, true},
		{IO{OutTTY: true}, true, false},
		{IO{OutTTY: true, ErrTTY: true, NoColor: true}, false, false},
		{IO{ForceColor: true}, true, true},
		{IO{ForceColor: true, NoColor: true}, false, false},
	} {
		if got := tc.io.ColorEnabled(); got != tc.out {
			t.Errorf("%+v: ColorEnabled %v", tc.io, got)
		}
		if got := tc.io.ErrColorEnabled(); got != tc.err {
			t.Errorf("%+v: ErrColorEnabled %v", tc.io, got)
		}
	}
}
