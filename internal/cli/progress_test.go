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
