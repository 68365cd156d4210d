package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExitCodes checks the one place where errors become exit codes.
func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("healthloc.toml", "source_locale = \"en\"\nlocales = [\"es\"]\n")
	write("content/a.md", "Take 5 mg once a day.\n")
	for _, tc := range []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"status"}, exitOK, ""},
		{[]string{"status", "--fail-under", "10"}, exitGate, "word coverage below --fail-under 10: es at 0.0%"},
		{[]string{"status", "--bogus"}, exitUsage, "unknown flag --bogus"},
		{[]string{"bogus"}, exitUsage, `unknown command "bogus"`},
		{[]string{"status", "--format", "xml"}, exitUsage, `--format "xml"`},
		{[]string{"status", "--locale", "e_s"}, exitUsage, `bad locale tag "e_s"`},
		{[]string{"status", "--locale", "fr"}, exitUsage, `--locale fr: not a target locale of this project; the targets are es`},
		{[]string{"extarct"}, exitUsage, `unknown command "extarct"; did you mean "extract"?`},
		{[]string{"status", "--local", "fr"}, exitUsage, `unknown flag --local; did you mean --locale?`},
		{[]string{"render", "--min-coverage=abc"}, exitUsage, `--min-coverage "abc": must be a number from 0 to 100`},
		{[]string{"-C", filepath.Join(dir, "nowhere"), "status"}, exitFailure, "run \"healthloc init\""},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			var out, errOut bytes.Buffer
			args := tc.args
			if args[0] != "-C" {
				args = append([]string{"-C", dir}, args...)
			}
			code := run(context.Background(), &IO{Out: &out, ErrOut: &errOut}, args)
			if code != tc.code {
				t.Errorf("exit code %d, want %d; stderr: %s", code, tc.code, errOut.String())
			}
			if tc.err != "" && !strings.Contains(errOut.String(), tc.err) {
				t.Errorf("stderr %q does not contain %q", errOut.String(), tc.err)
			}
			if tc.code != exitOK && strings.Count(strings.TrimSpace(errOut.String()), "\n") > 1 {
				t.Errorf("error is not one line (plus the usage hint): %q", errOut.String())
			}
		})
	}
}
