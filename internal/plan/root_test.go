package plan

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
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
		for _, pl := range []Plan{{Files: []File{{Path: tt.path}}}, {Remove: []string{tt.path}}} {
			err := Within(root, pl)
			if tt.ok && err != nil {
				t.Errorf("Within(%s) = %v, want nil", tt.path, err)
			}
			if !tt.ok && !errors.Is(err, ErrOutside) {
				t.Errorf("Within(%s) = %v, want ErrOutside", tt.path, err)
			}
		}
	}
	// removing the link itself stays inside
	if err := Within(root, Plan{Remove: []string{filepath.Join(root, "linked")}}); err != nil {
		t.Errorf("removing a link in root: %v", err)
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

// TestCheckLinks refuses every symbolic link under a folder, naming it
// relative to the project, and says when it leads out of the project.
func TestCheckLinks(t *testing.T) {
	dir := t.TempDir()
	outside := t.TempDir()
	for _, d := range []string{"locales/es/guides", "locales/fr", "content"} {
		if err := os.MkdirAll(filepath.Join(dir, filepath.FromSlash(d)), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := CheckLinks(dir, "locales"); err != nil {
		t.Fatalf("no link: %v", err)
	}
	if err := CheckLinks(dir, "nowhere"); err != nil {
		t.Fatalf("missing folder: %v", err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "locales", "fr", "sub")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	var le *LinkError
	err := CheckLinks(dir, "locales")
	if !errors.As(err, &le) || le.Link != "locales/fr/sub" || !le.Outside || le.Target != outside {
		t.Fatalf("link out: %v (%+v)", err, le)
	}
	if want := "locales/fr/sub: symbolic link to " + outside + ", outside the project: refused"; !strings.HasPrefix(err.Error(), want) {
		t.Errorf("message %q, want it to start with %q", err, want)
	}
	if err := os.Remove(filepath.Join(dir, "locales", "fr", "sub")); err != nil {
		t.Fatal(err)
	}
	// inside the project, and dangling
	if err := os.Symlink("es", filepath.Join(dir, "locales", "es-419")); err != nil {
		t.Fatal(err)
	}
	if err := CheckLinks(dir, "locales"); !errors.As(err, &le) || le.Link != "locales/es-419" || le.Outside {
		t.Fatalf("link inside: %v (%+v)", err, le)
	}
	if err := os.Remove(filepath.Join(dir, "locales", "es-419")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("gone.es.toml", filepath.Join(dir, "locales", "es", "guides", "a.es.toml")); err != nil {
		t.Fatal(err)
	}
	if err := CheckLinks(dir, "locales"); !errors.As(err, &le) || le.Link != "locales/es/guides/a.es.toml" || !le.Outside {
		t.Fatalf("dangling link: %v (%+v)", err, le)
	}
	// the folder itself may be a link inside the project
	if err := os.Remove(filepath.Join(dir, "locales", "es", "guides", "a.es.toml")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("locales", filepath.Join(dir, "catalogs")); err != nil {
		t.Fatal(err)
	}
	if err := CheckLinks(dir, "catalogs"); err != nil {
		t.Errorf("folder that is a link inside the project: %v", err)
	}
}
