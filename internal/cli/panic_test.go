package cli

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/healthloc/healthloc/internal/project"
)

// TestPanicIsABug injects a panic into a command: the user sees one line
// that says it is a bug, the exit code is exitBug, and the catalogs on
// disk are byte for byte what they were.
func TestPanicIsABug(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"healthloc.toml":           "locales = [\"es\"]\n",
		"content/guide.md":         "# Fever\n\nDrink water.\n",
		"locales/es/guide.es.toml": "[\"guide.x\"]\nother = \"Beba agua.\"\n",
	}
	writeTree(t, dir, files)
	panicHook = func(*project.Project) { panic("injected\nsecond line") }
	defer func() { panicHook = nil }()
	for _, cmd := range []string{"extract", "render", "status"} {
		code, out, errOut := runIn(dir, cmd)
		if code != exitBug {
			t.Errorf("%s: exit code %d, want %d", cmd, code, exitBug)
		}
		want := "healthloc: internal error (this is a bug, please report it): injected second line\n"
		if errOut != want {
			t.Errorf("%s: stderr = %q, want %q", cmd, errOut, want)
		}
		if out != "" {
			t.Errorf("%s: stdout = %q, want nothing", cmd, out)
		}
	}
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil || string(got) != want {
			t.Errorf("%s changed: %q, %v", name, got, err)
		}
	}
	for _, gone := range []string{"locales/en", "dist"} {
		if _, err := os.Stat(filepath.Join(dir, gone)); err == nil {
			t.Errorf("%s was written", gone)
		}
	}
}
