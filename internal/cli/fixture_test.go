package cli

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The fixture helpers the in-process tests of this package share: a
// project written to a folder, the tool run in it, the folder read back.

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// writeFile writes data to the file name, making its folder.
func writeFile(t testing.TB, name, data string) {
	t.Helper()
	must(t, os.MkdirAll(filepath.Dir(name), 0o755))
	must(t, os.WriteFile(name, []byte(data), 0o644))
}

// writeTree writes files, named by slash paths under dir.
func writeTree(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		writeFile(t, filepath.Join(dir, filepath.FromSlash(name)), data)
	}
}

// esProject writes a project in a new folder, English to Spanish, whose
// one document is content/a.md, and returns the folder.
func esProject(t testing.TB, article string) string {
	t.Helper()
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"healthloc.toml": "source_locale = \"en\"\nlocales = [\"es\"]\n",
		"content/a.md":   article,
	})
	return dir
}

// corpusWriter is a corpus.Generate sink that writes each file under dir.
func corpusWriter(dir string) func(name string, data []byte) error {
	return func(name string, data []byte) error {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, data, 0o644)
	}
}

// readTree returns every file under dir by relative slash path.
func readTree(t testing.TB, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	must(t, err)
	return files
}

// runIn runs the command line in process in dir, with nothing on stdin,
// and returns its exit code, stdout and stderr.
func runIn(dir string, args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := run(context.Background(), &IO{In: strings.NewReader(""), Out: &out, ErrOut: &errOut}, append([]string{"-C", dir}, args...))
	return code, out.String(), errOut.String()
}
