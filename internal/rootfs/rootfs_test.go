package rootfs

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// TestFS checks that FS reads what the os.Root reads, following a link
// that stays in the root and refusing one that leaves it.
func TestFS(t *testing.T) {
	dir := t.TempDir()
	outside := t.TempDir()
	write := func(name, data string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.md", "a")
	write("content/d1/b.md", "b")
	write("content/d1/c.md", "c")
	write("shared/s.md", "s")
	if err := os.WriteFile(filepath.Join(outside, "secret"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../../shared/s.md", filepath.Join(dir, "content", "d1", "in.md")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := os.Symlink(filepath.Join(outside, "secret"), filepath.Join(dir, "content", "d1", "out.md")); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	fsys := New(root)
	for name, want := range map[string]string{"a.md": "a", "content/d1/b.md": "b", "content/d1/c.md": "c", "content/d1/in.md": "s"} {
		got, err := fs.ReadFile(fsys, name)
		if err != nil || string(got) != want {
			t.Errorf("%s: %q, %v; want %q", name, got, err, want)
		}
	}
	if _, err := fs.ReadFile(fsys, "content/d1/out.md"); err == nil {
		t.Errorf("a link out of the root was followed")
	}
	if info, err := fs.Lstat(fsys, "content/d1/in.md"); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("Lstat of a link: %v, %v", info, err)
	}
	// fstest opens every file it finds, and the way out is refused
	if err := os.Remove(filepath.Join(dir, "content", "d1", "out.md")); err != nil {
		t.Fatal(err)
	}
	if err := fstest.TestFS(fsys, "a.md", "content/d1/b.md", "content/d1/c.md", "shared/s.md"); err != nil {
		t.Error(err)
	}
}
