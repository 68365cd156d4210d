package golden

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// recorder keeps what Check reports instead of failing the test.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "page.html")
	if err := os.WriteFile(path, []byte("<p>\nsame\nold\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path, got, want string
	}{
		{"equal", path, "<p>\nsame\nold\n", ""},
		{"changed line", path, "<p>\nsame\nnew\n", `line 3 is
"new\n"
want
"old\n"`},
		{"longer", path, "<p>\nsame\nold\nmore", `line 4 is
"more"
want
""`},
		{"missing", filepath.Join(dir, "none.html"), "x", "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &recorder{TB: t}
			Check(r, tt.path, []byte(tt.got))
			switch {
			case tt.want == "" && len(r.errs) > 0:
				t.Errorf("Check reported %q", r.errs)
			case tt.want != "" && (len(r.errs) != 1 || !strings.Contains(r.errs[0], tt.want)):
				t.Errorf("Check reported %q, want one error with %q", r.errs, tt.want)
			}
		})
	}
}

func TestCheckUpdate(t *testing.T) {
	*update = true
	defer func() { *update = false }()
	path := filepath.Join(t.TempDir(), "new", "out.txt")
	r := &recorder{TB: t}
	Check(r, path, []byte("fresh\n"))
	if len(r.errs) > 0 {
		t.Errorf("Check reported %q", r.errs)
	}
	if data, err := os.ReadFile(path); err != nil || string(data) != "fresh\n" {
		t.Errorf("-update wrote %q, %v", data, err)
	}
}
