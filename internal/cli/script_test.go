package cli

import (
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the expected output inside the txtar scripts")

func TestMain(m *testing.M) {
	// the crash and concurrency tests run the tool as a child process
	if os.Getenv("HEALTHLOC_AS_MAIN") == "1" {
		os.Exit(Main())
	}
	testscript.Main(m, map[string]func(){
		"healthloc": func() { os.Exit(Main()) },
	})
}

// TestScripts runs every internal/cli/testdata/script/*.txtar scenario: one
// per command and case, each in a fresh directory.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		Cmds:                map[string]func(*testscript.TestScript, bool, []string){"replace": cmdReplace},
	})
}

// cmdReplace is "replace FILE OLD NEW": it replaces every OLD in FILE with
// NEW, where \n in OLD or NEW is a newline; OLD must occur.
func cmdReplace(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: replace FILE OLD NEW")
	}
	name := ts.MkAbs(args[0])
	data, err := os.ReadFile(name)
	ts.Check(err)
	old, repl := strings.ReplaceAll(args[1], `\n`, "\n"), strings.ReplaceAll(args[2], `\n`, "\n")
	if !strings.Contains(string(data), old) {
		ts.Fatalf("replace: %q is not in %s", old, args[0])
	}
	ts.Check(os.WriteFile(name, []byte(strings.ReplaceAll(string(data), old, repl)), 0o644))
}
