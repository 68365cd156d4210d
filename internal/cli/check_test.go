package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckExitCodes pins the exit codes CI relies on: 0 clean, 1 when
// findings reach --fail-on, 2 for usage errors.
func TestCheckExitCodes(t *testing.T) {
	dir := esProject(t, "Take 500 mg twice a day.\n\nDrink plenty of water every day.\n")
	write := func(name, data string) { writeFile(t, filepath.Join(dir, filepath.FromSlash(name)), data) }
	run := func(args ...string) (int, string) {
		code, out, errOut := runIn(dir, args...)
		return code, out + errOut
	}
	if code, out := run("extract"); code != exitOK {
		t.Fatalf("extract: %d %s", code, out)
	}
	cat, err := os.ReadFile(filepath.Join(dir, "locales", "en", "a.en.toml"))
	if err != nil {
		t.Fatal(err)
	}
	es := strings.Replace(string(cat), `"Take 500 mg twice a day."`, `"Tome 500 mg dos veces al día."`, 1)
	write("locales/es/a.es.toml", es)
	// The second message is left in English: a warning only.
	if code, out := run("check"); code != exitOK || !strings.Contains(out, "0 errors, 1 warnings") {
		t.Errorf("check clean: exit %d, %s", code, out)
	}
	if code, out := run("check", "--fail-on", "warning"); code != exitGate {
		t.Errorf("check --fail-on warning: exit %d, want %d; %s", code, exitGate, out)
	}
	write("locales/es/a.es.toml", strings.Replace(es, "500 mg", "500 g", 1))
	if code, out := run("check"); code != exitGate || !strings.Contains(out, "[units] error") {
		t.Errorf("check with an error: exit %d, want %d; %s", code, exitGate, out)
	}
	if code, _ := run("check", "--fail-on", "fatal"); code != exitUsage {
		t.Errorf("check --fail-on fatal: exit %d, want %d", code, exitUsage)
	}
}
