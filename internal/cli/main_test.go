package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestExitCodes checks the one place where errors become exit codes.
func TestExitCodes(t *testing.T) {
	dir := esProject(t, "Take 5 mg once a day.\n")
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
			dir, args := dir, tc.args
			if args[0] == "-C" {
				dir, args = args[1], args[2:]
			}
			code, _, errOut := runIn(dir, args...)
			if code != tc.code {
				t.Errorf("exit code %d, want %d; stderr: %s", code, tc.code, errOut)
			}
			if tc.err != "" && !strings.Contains(errOut, tc.err) {
				t.Errorf("stderr %q does not contain %q", errOut, tc.err)
			}
			if tc.code != exitOK && strings.Count(strings.TrimSpace(errOut), "\n") > 1 {
				t.Errorf("error is not one line (plus the usage hint): %q", errOut)
			}
		})
	}
}
