package plan

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// listFiles returns every regular file under root, relative and sorted.
func listFiles(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(root, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

func TestApply(t *testing.T) {
	tests := []struct {
		name          string
		existing      map[string]string // relative path → content before Apply
		files         []File            // paths relative to the temp dir
		wantWritten   []string
		wantUnchanged []string
		wantFiles     map[string]string
	}{
		{
			name:        "new files and parent directories",
			files:       []File{{Path: "b/c/d.toml", Data: []byte("d")}, {Path: "a.toml", Data: []byte("a")}},
			wantWritten: []string{"a.toml", "b/c/d.toml"},
			wantFiles:   map[string]string{"a.toml": "a", "b/c/d.toml": "d"},
		},
		{
			name:          "identical file is left alone",
			existing:      map[string]string{"x.toml": "same"},
			files:         []File{{Path: "x.toml", Data: []byte("same")}},
			wantUnchanged: []string{"x.toml"},
			wantFiles:     map[string]string{"x.toml": "same"},
		},
		{
			name:        "changed file is replaced",
			existing:    map[string]string{"x.toml": "old, and longer than the new one"},
			files:       []File{{Path: "x.toml", Data: []byte("new")}},
			wantWritten: []string{"x.toml"},
			wantFiles:   map[string]string{"x.toml": "new"},
		},
		{
			name:        "empty data writes an empty file",
			files:       []File{{Path: "e.toml", Data: nil}},
			wantWritten: []string{"e.toml"},
			wantFiles:   map[string]string{"e.toml": ""},
		},
		{
			name:          "empty data matches an existing empty file",
			existing:      map[string]string{"e.toml": ""},
			files:         []File{{Path: "e.toml"}},
			wantUnchanged: []string{"e.toml"},
			wantFiles:     map[string]string{"e.toml": ""},
		},
		{
			name:     "mixed, reported in path order",
			existing: map[string]string{"m/2": "two", "m/3": "three", "other": "untouched"},
			files: []File{
				{Path: "m/3", Data: []byte("THREE")},
				{Path: "m/1", Data: []byte("one")},
				{Path: "m/2", Data: []byte("two")},
			},
			wantWritten:   []string{"m/1", "m/3"},
			wantUnchanged: []string{"m/2"},
			wantFiles:     map[string]string{"m/1": "one", "m/2": "two", "m/3": "THREE", "other": "untouched"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for rel, data := range tt.existing {
				p := filepath.Join(dir, rel)
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			var p Plan
			for _, f := range tt.files {
				f.Path = filepath.Join(dir, f.Path)
				p.Files = append(p.Files, f)
			}
			res, err := Apply(p)
			if err != nil {
				t.Fatal(err)
			}
			rel := func(paths []string) []string {
				var out []string
				for _, p := range paths {
					r, _ := filepath.Rel(dir, p)
					out = append(out, filepath.ToSlash(r))
				}
				return out
			}
			if got := rel(res.Written); !reflect.DeepEqual(got, tt.wantWritten) {
				t.Errorf("Written = %v, want %v", got, tt.wantWritten)
			}
			if got := rel(res.Unchanged); !reflect.DeepEqual(got, tt.wantUnchanged) {
				t.Errorf("Unchanged = %v, want %v", got, tt.wantUnchanged)
			}
			// Also proves no temp files were left behind.
			var want []string
			for f := range tt.wantFiles {
				want = append(want, f)
			}
			sort.Strings(want)
			if got := listFiles(t, dir); !reflect.DeepEqual(got, want) {
				t.Errorf("files on disk = %v, want %v", got, want)
			}
			for f, data := range tt.wantFiles {
				got, err := os.ReadFile(filepath.Join(dir, f))
				if err != nil || string(got) != data {
					t.Errorf("%s = %q, %v; want %q", f, got, err, data)
				}
			}
		})
	}
}

func TestApplyUnchangedKeepsMtime(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a", "x.es.toml")
	var p Plan
	p.Add(path, []byte("content\n"))
	if _, err := Apply(p); err != nil {
		t.Fatal(err)
	}
	old := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
	res, err := Apply(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Written) != 0 || len(res.Unchanged) != 1 {
		t.Fatalf("second Apply = %+v, want one unchanged file", res)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if !fi.ModTime().Equal(old) {
		t.Errorf("mtime = %v, want %v", fi.ModTime(), old)
	}
}

func TestApplyMode(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix permissions")
	}
	dir := t.TempDir()
	tests := []struct {
		name string
		mode fs.FileMode
		want fs.FileMode
	}{
		{"default", 0, 0o644},
		{"explicit", 0o600, 0o600},
		{"executable", 0o755, 0o755},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.name)
			if _, err := Apply(Plan{Files: []File{{Path: path, Data: []byte("x"), Mode: tt.mode}}}); err != nil {
				t.Fatal(err)
			}
			fi, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if fi.Mode().Perm() != tt.want {
				t.Errorf("mode = %v, want %v", fi.Mode().Perm(), tt.want)
			}
		})
	}
}

func TestAddReplaces(t *testing.T) {
	var p Plan
	p.Add("a", []byte("1"))
	p.Add("b", []byte("2"))
	p.Add("./a", []byte("3"))
	want := []File{{Path: "./a", Data: []byte("3")}, {Path: "b", Data: []byte("2")}}
	if !reflect.DeepEqual(p.Files, want) {
		t.Errorf("Files = %+v, want %+v", p.Files, want)
	}
}

func TestApplyErrors(t *testing.T) {
	dir := t.TempDir()
	blocker := filepath.Join(dir, "blocker")
	if err := os.WriteFile(blocker, []byte("a file, not a directory"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "isdir"), 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		files   []File
		wantErr string // the file the error must name
	}{
		{"parent is a file", []File{{Path: filepath.Join(blocker, "x.toml"), Data: []byte("x")}}, filepath.Join(blocker, "x.toml")},
		{"path is a directory", []File{{Path: filepath.Join(dir, "isdir"), Data: []byte("x")}}, filepath.Join(dir, "isdir")},
		{"listed twice", []File{{Path: filepath.Join(dir, "d"), Data: []byte("1")}, {Path: filepath.Join(dir, ".", "d"), Data: []byte("2")}}, filepath.Join(dir, "d")},
		{"empty path", []File{{Path: ""}}, "empty path"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Apply(Plan{Files: tt.files})
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error = %v, want it to name %s", err, tt.wantErr)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "d")); !os.IsNotExist(err) {
		t.Errorf("a plan with a duplicate path wrote a file: %v", err)
	}
	if got := listFiles(t, dir); !reflect.DeepEqual(got, []string{"blocker"}) {
		t.Errorf("files left after errors: %v", got)
	}
}

func TestApplyStopsAtFirstError(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "b"), 0o755); err != nil {
		t.Fatal(err)
	}
	// every temporary file is written before any rename: a file that
	// cannot be written leaves every path, of every stage, as it was
	p := Plan{Files: []File{
		{Path: filepath.Join(dir, "a"), Data: []byte("a")},
		{Path: filepath.Join(dir, "b"), Data: []byte("b"), Stage: 1}, // a directory
		{Path: filepath.Join(dir, "c"), Data: []byte("c"), Stage: 1},
	}}
	res, err := Apply(p)
	if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, "b")) {
		t.Fatalf("error = %v, want it to name b", err)
	}
	if len(res.Written) != 0 {
		t.Errorf("Written = %v, want nothing", res.Written)
	}
	if got := listFiles(t, dir); len(got) != 0 {
		t.Errorf("files on disk = %v, want none (a written or a temporary left)", got)
	}
}

// TestStagerParts writes a plan in two parts: nothing is renamed before
// Commit, stage 0 is renamed before stage 1, a path listed in two parts
// is an error, and Abort leaves no temporary file.
func TestStagerParts(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	var s Stager
	if err := s.Add(Plan{Files: []File{{Path: b, Data: []byte("b"), Stage: 1}}}); err != nil {
		t.Fatal(err)
	}
	if err := s.Add(Plan{Files: []File{{Path: a, Data: []byte("a")}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(a); !os.IsNotExist(err) {
		t.Fatalf("a exists before Commit: %v", err)
	}
	var order []string
	beforeRename = func(path string) { order = append(order, filepath.Base(path)) }
	defer func() { beforeRename = nil }()
	res, err := s.Commit()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(order, []string{"a", "b"}) {
		t.Errorf("renamed in order %v, want stage 0 (a) first", order)
	}
	if !reflect.DeepEqual(res.Written, []string{a, b}) {
		t.Errorf("Written = %v", res.Written)
	}

	var s2 Stager
	if err := s2.Add(Plan{Files: []File{{Path: a, Data: []byte("new a")}}}); err != nil {
		t.Fatal(err)
	}
	if err := s2.Add(Plan{Files: []File{{Path: filepath.Join(dir, ".", "a"), Data: []byte("x")}}}); err == nil {
		t.Fatal("a path in two parts: no error")
	}
	if got := listFiles(t, dir); !reflect.DeepEqual(got, []string{"a", "b"}) {
		t.Errorf("files on disk = %v, want a and b only (temporary left?)", got)
	}
	if data, _ := os.ReadFile(a); string(data) != "a" {
		t.Errorf("a = %q after the failed plan, want it unchanged", data)
	}
}

func TestApplyConcurrent(t *testing.T) {
	dir := t.TempDir()
	var p Plan
	want := map[string]string{}
	for i, name := range []string{"es/a.es.toml", "es/b.es.toml", "ar/deep/c.ar.toml"} {
		data := strings.Repeat(name+"\n", 1000*(i+1))
		p.Add(filepath.Join(dir, name), []byte(data))
		want[name] = data
	}
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := Apply(p); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	var names []string
	for name, data := range want {
		names = append(names, name)
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || string(got) != data {
			t.Errorf("%s: %d bytes, %v; want %d bytes", name, len(got), err, len(data))
		}
	}
	sort.Strings(names)
	if got := listFiles(t, dir); !reflect.DeepEqual(got, names) {
		t.Errorf("files on disk = %v, want %v (temp files left?)", got, names)
	}
}

// TestApplyConcurrentDifferent races plans with different content for
// one path: the result must be one of them whole, never a mix.
func TestApplyConcurrentDifferent(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "x.toml")
	valid := map[string]bool{}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		data := strings.Repeat(string(rune('a'+i)), 1<<16)
		valid[data] = true
		wg.Add(1)
		go func() {
			defer wg.Done()
			var p Plan
			p.Add(path, []byte(data))
			if _, err := Apply(p); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !valid[string(got)] {
		t.Errorf("file holds a mix of writes (%d bytes)", len(got))
	}
	if files := listFiles(t, dir); len(files) != 1 {
		t.Errorf("files on disk = %v", files)
	}
}

// TestApplyPanic injects a panic into the second of three writes, after
// its temp file is complete and before the rename: the first file is new,
// the second and third keep their old bytes, and no temp file is left.
func TestApplyPanic(t *testing.T) {
	dir := t.TempDir()
	names := []string{"a.toml", "b.toml", "c.toml"}
	var pl Plan
	for _, n := range names {
		path := filepath.Join(dir, n)
		if err := os.WriteFile(path, []byte("old "+n), 0o644); err != nil {
			t.Fatal(err)
		}
		pl.Add(path, []byte("new "+n))
	}
	beforeRename = func(path string) {
		if filepath.Base(path) == "b.toml" {
			panic("injected")
		}
	}
	defer func() { beforeRename = nil }()
	func() {
		defer func() {
			if r := recover(); r != "injected" {
				t.Errorf("recover() = %v, want the injected panic", r)
			}
		}()
		_, _ = Apply(pl)
	}()
	for n, want := range map[string]string{"a.toml": "new a.toml", "b.toml": "old b.toml", "c.toml": "old c.toml"} {
		got, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil || string(got) != want {
			t.Errorf("%s = %q, %v; want %q", n, got, err, want)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(names) {
		var left []string
		for _, e := range entries {
			left = append(left, e.Name())
		}
		t.Errorf("files left: %q, want only %q", left, names)
	}
}

// TestAddIndex mixes Add with direct changes to Files: Add must still
// replace by path and never list a path twice.
func TestAddIndex(t *testing.T) {
	var p Plan
	p.Add("a", []byte("1"))
	p.Add("b", []byte("2"))
	p.Files = append(p.Files, File{Path: "c", Data: []byte("3")})
	p.Add("./c", []byte("4"))
	p.Files[0], p.Files[1] = p.Files[1], p.Files[0]
	p.Add("a", []byte("5"))
	q := p // a copy shares the index until it diverges
	q.Add("d", []byte("6"))
	p.Add("b", []byte("7"))
	got := map[string]string{}
	for _, f := range p.Files {
		got[filepath.Clean(f.Path)] += string(f.Data)
	}
	if want := map[string]string{"a": "5", "b": "7", "c": "4"}; !reflect.DeepEqual(got, want) {
		t.Errorf("files = %v, want %v", got, want)
	}
	if len(q.Files) != 4 {
		t.Errorf("copy has %d files, want 4", len(q.Files))
	}
}

// TestStagerAbortRemovesFolders: a plan given up after its temporaries
// were written leaves no folder it made, and keeps those that existed.
func TestStagerAbortRemovesFolders(t *testing.T) {
	dir := t.TempDir()
	var s Stager
	if err := s.Add(Plan{Files: []File{{Path: filepath.Join(dir, "en", "deep", "a.toml"), Data: []byte("a")}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "en", "deep")); err != nil {
		t.Fatalf("folder for the temporary: %v", err)
	}
	s.Abort()
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) != 0 {
		t.Errorf("after Abort %s holds %v (%v), want nothing", dir, entries, err)
	}
}

// TestStagerContext stops a Stager: once its context is done, Add and
// Commit write and rename nothing, leave no temporary file and return
// the context's cause.
func TestStagerContext(t *testing.T) {
	stop := errors.New("interrupted")
	for _, when := range []string{"before Add", "before Commit"} {
		t.Run(when, func(t *testing.T) {
			dir := t.TempDir()
			a := filepath.Join(dir, "sub", "a")
			if err := os.WriteFile(filepath.Join(dir, "keep"), []byte("old"), 0o644); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancelCause(context.Background())
			defer cancel(nil)
			s := Stager{Context: ctx}
			if when == "before Add" {
				cancel(stop)
			}
			err := s.Add(Plan{Files: []File{{Path: a, Data: []byte("a")}, {Path: filepath.Join(dir, "keep"), Data: []byte("new")}},
				Remove: []string{filepath.Join(dir, "keep")}})
			if when == "before Commit" {
				if err != nil {
					t.Fatal(err)
				}
				cancel(stop)
				_, err = s.Commit()
			}
			if !errors.Is(err, stop) {
				t.Fatalf("error %v, want the cause", err)
			}
			if got := listFiles(t, dir); !reflect.DeepEqual(got, []string{"keep"}) {
				t.Errorf("files on disk = %v, want keep only", got)
			}
			if data, _ := os.ReadFile(filepath.Join(dir, "keep")); string(data) != "old" {
				t.Errorf("keep = %q", data)
			}
		})
	}
	ctx, cancel := context.WithCancelCause(context.Background())
	cancel(stop)
	dir := t.TempDir()
	if _, err := ApplyContext(ctx, Plan{Files: []File{{Path: filepath.Join(dir, "a"), Data: []byte("a")}}}); !errors.Is(err, stop) {
		t.Errorf("ApplyContext: %v", err)
	}
	if got := listFiles(t, dir); len(got) != 0 {
		t.Errorf("ApplyContext wrote %v", got)
	}
}
