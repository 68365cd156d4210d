// Package golden compares what a test produced with a file it keeps under
// testdata, and owns the one -update flag that rewrites those files
// (and, in internal/cli, the expected output inside the txtar scripts):
//
//	go test ./internal/render -update
//
// Only tests import it: importing it registers -update on the command line.
package golden

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata (and the txtar scripts) from the current output")

// Update reports whether the test run was asked to rewrite its golden
// files, for the files Check does not compare (screenshots, scripts).
func Update() bool { return *update }

// Check fails t unless got is the content of the file at path. With -update
// it first writes got there, creating the folder.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Errorf("%v (run go test -update to write it)", err)
		return
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run go test -update and review the diff): %s", path, firstDiff(got, want))
	}
}

// firstDiff names the first line where got and want part.
func firstDiff(got, want []byte) string {
	g, w := bytes.SplitAfter(got, []byte("\n")), bytes.SplitAfter(want, []byte("\n"))
	for i := 0; ; i++ {
		var gl, wl []byte
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if !bytes.Equal(gl, wl) {
			return fmt.Sprintf("line %d is\n%q\nwant\n%q", i+1, gl, wl)
		}
	}
}
