package cli

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

// cmdPOEntries appends n translated entries whose message IDs no project
// has to a PO file, as a catalog of another project would hold:
// poentries big.po 2995
func cmdPOEntries(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: poentries FILE N")
	}
	n, err := strconv.Atoi(args[1])
	ts.Check(err)
	f, err := os.OpenFile(ts.MkAbs(args[0]), os.O_APPEND|os.O_WRONLY, 0)
	ts.Check(err)
	defer f.Close()
	for i := 1; i <= n; i++ {
		_, err := fmt.Fprintf(f, "\nmsgctxt \"other.%06d\"\nmsgid \"Sentence number %d of another site.\"\nmsgstr \"Phrase numéro %d d'un autre site.\"\n", i, i, i)
		ts.Check(err)
	}
}

// cmdMaxLines fails when the last command printed more than N lines on
// stdout and stderr together: maxlines 14
func cmdMaxLines(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: maxlines N")
	}
	max, err := strconv.Atoi(args[0])
	ts.Check(err)
	n := 0
	for _, name := range []string{"stdout", "stderr"} {
		if s := ts.ReadFile(name); s != "" {
			n += strings.Count(strings.TrimSuffix(s, "\n"), "\n") + 1
		}
	}
	if n > max {
		ts.Fatalf("%d lines of output, want at most %d", n, max)
	}
}
