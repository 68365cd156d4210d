package cli

import (
	"flag"
	"os"
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
		Cmds:                map[string]func(*testscript.TestScript, bool, []string){"sitelinks": cmdSiteLinks},
	})
}
