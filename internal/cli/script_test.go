package cli

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/healthloc/healthloc/internal/corpus"
	"github.com/healthloc/healthloc/internal/golden"
)

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
		UpdateScripts:       golden.Update(),
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exits":     cmdExits,
			"corpus":    cmdCorpus,
			"waitfile":  cmdWaitfile,
			"treesum":   cmdTreesum,
			"replace":   cmdReplace,
			"checkfile": cmdCheckfile,
			"sitelinks": cmdSiteLinks,
			"poentries": cmdPOEntries,
			"maxlines":  cmdMaxLines,
		},
	})
}

// cmdExits runs a command, as exec does, and checks its exit code:
// exits 3 healthloc status
func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits code command [args...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	err = ts.Exec(args[1], args[2:]...)
	got := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		got = ee.ExitCode()
	} else if err != nil {
		ts.Fatalf("%s: %v", args[1], err)
	}
	if got != want {
		ts.Fatalf("%s exited with %d, want %d", strings.Join(args[1:], " "), got, want)
	}
}

// cmdCorpus writes a generated project into the current folder:
// corpus docs locales
func cmdCorpus(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: corpus docs locales")
	}
	n, err := strconv.Atoi(args[0])
	ts.Check(err)
	o := corpus.Options{Docs: n, Locales: strings.Split(args[1], ","), Seed: 1, Translated: 0.6, Stale: 0.1}
	ts.Check(corpus.Generate(o, corpusWriter(ts.MkAbs("."))))
}

// cmdWaitfile waits, up to a minute, until a file whose name holds a
// string exists under a folder: waitfile locales .tmp-
func cmdWaitfile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: waitfile dir substring")
	}
	errFound := errors.New("found")
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		err := filepath.WalkDir(ts.MkAbs(args[0]), func(_ string, d fs.DirEntry, err error) error {
			if err == nil && strings.Contains(d.Name(), args[1]) {
				return errFound
			}
			return nil // a temporary renamed away while walking
		})
		if err == errFound {
			return
		}
	}
	ts.Fatalf("no file with %q in its name appeared under %s", args[1], args[0])
}

// cmdTreesum writes a listing of a folder (every file with its size and
// sha256, every link with its target, hidden ones included) to a file,
// for cmp: treesum locales before.sum
func cmdTreesum(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: treesum dir file")
	}
	root := ts.MkAbs(args[0])
	var lines []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(path)
			if err != nil {
				return err
			}
			lines = append(lines, fmt.Sprintf("%s -> %s", rel, filepath.ToSlash(target)))
		case d.IsDir():
			lines = append(lines, rel+"/")
		default:
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			lines = append(lines, fmt.Sprintf("%s %d %x", rel, len(data), sha256.Sum256(data)))
		}
		return nil
	})
	ts.Check(err)
	slices.Sort(lines)
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), []byte(strings.Join(lines, "\n")+"\n"), 0o644))
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

// cmdCheckfile is Hugo's "checkfile FILE...": every FILE exists and is not
// empty (exists alone passes an empty file). "! checkfile FILE..." says
// that none of them exists.
func cmdCheckfile(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) == 0 {
		ts.Fatalf("usage: checkfile FILE...")
	}
	for _, name := range args {
		fi, err := os.Stat(ts.MkAbs(name))
		switch {
		case neg && err == nil:
			ts.Fatalf("%s exists", name)
		case neg && errors.Is(err, fs.ErrNotExist):
		case err != nil:
			ts.Fatalf("%v", err)
		case fi.IsDir():
			ts.Fatalf("%s is a folder", name)
		case fi.Size() == 0:
			ts.Fatalf("%s is empty", name)
		}
	}
}
