package plan

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestWithin(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "dist", "es")
	outside := filepath.Join(dir, "elsewhere")
	for _, d := range []string{root, outside, filepath.Join(root, "care")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(outside, filepath.Join(root, "linked")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := os.Symlink("../../..", filepath.Join(root, "up")); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path string
		ok   bool
	}{
		{filepath.Join(root, "guide.html"), true},
		{filepath.Join(root, "care", "new", "deep.html"), true},
		{filepath.Join(root, "care", "..", "guide.md"), true},
		{filepath.Join(root, "..", "fr", "guide.html"), false},
		{filepath.Join(root, "..", "..", "..", "etc", "passwd"), false},
		{filepath.Join(outside, "x"), false},
		{"/etc/passwd", false},
		{filepath.Join(root, "linked", "x.html"), false},
		{filepath.Join(root, "linked", "new", "x.html"), false},
		{filepath.Join(root, "up", "x.html"), false},
	}
	for _, tt := range tests {
		err := Within(root, Plan{Files: []File{{Path: tt.path}}})
		if tt.ok && err != nil {
			t.Errorf("Within(%s) = %v, want nil", tt.path, err)
		}
		if !tt.ok && !errors.Is(err, ErrOutside) {
			t.Errorf("Within(%s) = %v, want ErrOutside", tt.path, err)
		}
	}
	// A relative root works against the working directory.
	t.Chdir(dir)
	if err := Within(filepath.Join("dist", "es"), Plan{Files: []File{{Path: filepath.Join("dist", "es", "a.html")}}}); err != nil {
		t.Errorf("relative root: %v", err)
	}
	if err := Within(filepath.Join("dist", "es"), Plan{Files: []File{{Path: filepath.Join("dist", "a.html")}}}); !errors.Is(err, ErrOutside) {
		t.Errorf("relative root, file above it: %v", err)
	}
}
