package cli

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/corpus"
)

// TestRenderCacheSame edits a project one input at a time (an article, a
// translation, an accepted finding, a page-text string, the
// configuration, a deleted article, a bundle file changed by hand) and
// renders after each edit twice: with the cache into dist and with
// --no-cache into dist2. Bundles, stdout, stderr and exit codes must be
// the same, and at the end a fresh render must give the same bytes.
func TestRenderCacheSame(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) error {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, data, 0o644)
	}
	must(t, corpus.Generate(corpus.Options{Docs: 24, Locales: []string{"es", "fr"}, Seed: 5, Translated: 0.7, Stale: 0.1}, write))
	edit := func(name, old, new string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		data, err := os.ReadFile(p)
		must(t, err)
		if !bytes.Contains(data, []byte(old)) {
			t.Fatalf("%s: no %q", name, old)
		}
		must(t, os.WriteFile(p, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644))
	}
	step := func(what string, args ...string) {
		t.Helper()
		a, b := renderOnce(t, dir, "dist", args...), renderOnce(t, dir, "dist2", append(args, "--no-cache")...)
		if a != strings.ReplaceAll(b, "dist2", "dist") {
			t.Fatalf("%s: with the cache\n%s\nwithout\n%s", what, a, b)
		}
		t.Logf("%s: %s", what, a)
		sameTrees(t, what, filepath.Join(dir, "dist"), filepath.Join(dir, "dist2"))
	}
	manifestHas := func(loc, s string) bool {
		data, err := os.ReadFile(filepath.Join(dir, "dist", loc, "manifest.json"))
		must(t, err)
		return bytes.Contains(data, []byte(s))
	}
	step("first render")
	step("nothing changed")
	edit("content/"+corpus.Slug(3)+".md", " ", "  and ")
	step("article edited")
	// a translation with a number its source lacks is held by a check
	slug := corpus.Slug(5)
	catName := "locales/es/" + slug + ".es.toml"
	data, err := os.ReadFile(filepath.Join(dir, catName))
	must(t, err)
	c, err := catalog.Parse(catName, data)
	must(t, err)
	var id string
	for _, k := range slices.Sorted(mapKeys(c.Messages)) {
		if c.Messages[k].Other != "" && c.Messages[k].Hash != "" {
			id = k
			break
		}
	}
	if id == "" {
		t.Fatal("no translation to edit")
	}
	m := c.Messages[id]
	text := m.Other + " 977"
	edit(catName, tomlString(m.Other), tomlString(text))
	step("translation edited")
	if !held(t, dir, id) {
		t.Fatalf("the translation of %s with a number too many is not held", id)
	}
	must(t, write("workarea/es/reviews.toml", []byte(fmt.Sprintf(
		"[accepted.%q.numbers]\nreviewer = \"Dr. Test\"\nreason = \"test\"\nsource_hash = %q\ntranslation_hash = %q\n",
		id, m.Hash, catalog.Hash("", text)))))
	step("finding accepted")
	if held(t, dir, id) {
		t.Fatalf("the translation of %s is held though its finding was accepted", id)
	}
	must(t, write("locales/es/_ui.es.toml", []byte("[\"_ui.Articles\"]\nother = \"Todos los artículos\"\n")))
	step("page text translated")
	if !manifestHas("es", "Todos los art") && !bytes.Contains(readFile(t, filepath.Join(dir, "dist", "es", "index.html")), []byte("Todos los art")) {
		t.Fatal("the page text translated is not on the index page")
	}
	cfg, err := os.ReadFile(filepath.Join(dir, "healthloc.toml"))
	must(t, err)
	must(t, write("healthloc.toml", append(cfg, "\n# edited\n"...)))
	step("configuration edited")
	must(t, os.Remove(filepath.Join(dir, "content", filepath.FromSlash(corpus.Slug(7))+".md")))
	step("article deleted")
	// one ID pinned in two articles, of which only the second changed
	pin := func(i int) string { return "content/" + corpus.Slug(i) + ".md" }
	one, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(pin(11))))
	must(t, err)
	must(t, write(pin(11), append(one, "\n<!-- healthloc:id shared -->\nA pinned paragraph.\n"...)))
	step("ID pinned")
	two, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(pin(12))))
	must(t, err)
	must(t, write(pin(12), append(two, "\n<!-- healthloc:id shared -->\nAnother pinned paragraph.\n"...)))
	step("ID pinned twice")
	must(t, write(pin(12), two))
	step("ID pinned once again")
	for _, out := range []string{"dist", "dist2"} {
		must(t, write(out+"/fr/"+corpus.Slug(9)+".html", []byte("changed by hand")))
	}
	step("bundle file changed by hand")
	for _, out := range []string{"dist", "dist2"} {
		if _, err := os.Stat(filepath.Join(dir, out, "es", filepath.FromSlash(corpus.Slug(7))+".html")); err == nil {
			t.Errorf("%s: the deleted article's page is still there", out)
		}
	}
	// a locale below --min-coverage is left out, its coverage from the index
	step("--min-coverage", "--min-coverage", "34")
	step("--min-coverage again", "--min-coverage", "34")
	step("all locales again")
	renderOnce(t, dir, "dist3", "--no-cache")
	sameTrees(t, "fresh render", filepath.Join(dir, "dist"), filepath.Join(dir, "dist3"))
}

// held reports whether dist/es/manifest.json lists message id as held.
func held(t *testing.T, dir, id string) bool {
	data := readFile(t, filepath.Join(dir, "dist", "es", "manifest.json"))
	i := bytes.Index(data, []byte(`"id": "`+id+`"`))
	if i < 0 {
		return false
	}
	j := bytes.IndexByte(data[i:], '}')
	return j > 0 && bytes.Contains(data[i:i+j], []byte(`"reason": "held"`))
}

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(name)
	must(t, err)
	return data
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// tomlString is s as the catalogs write it, for a plain text.
func tomlString(s string) string { return fmt.Sprintf("%q", s) }

// renderOnce runs render into out and returns its exit status and output.
func renderOnce(t *testing.T, dir, out string, args ...string) string {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"-C", dir, "render", "-o", filepath.Join(dir, out)}, args...)...)
	cmd.Env = append(os.Environ(), "HEALTHLOC_AS_MAIN=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("exit %d\n%s\nstderr:\n%s", code, strings.ReplaceAll(stdout.String(), dir, "$DIR"),
		strings.ReplaceAll(stderr.String(), dir, "$DIR"))
}

// sameTrees compares every file under two folders.
func sameTrees(t *testing.T, what, a, b string) {
	t.Helper()
	fa, fb := readRoots(t, a, true, "."), readRoots(t, b, true, ".")
	diffFiles(t, fa, fb, func(kind, name string) string {
		switch kind {
		case "only a":
			return what + ": " + name + " only in " + filepath.Base(a)
		case "only b":
			return what + ": " + name + " only in " + filepath.Base(b)
		}
		return what + ": " + name + " differs"
	})
	if len(fa) < 50 {
		t.Errorf("%s: only %d files", what, len(fa))
	}
}

// readRoots reads the files under the folders roots of dir, keyed by their
// path from dir. strict fails t on a walk error such as a missing root;
// otherwise a missing root holds no files.
func readRoots(t testing.TB, dir string, strict bool, roots ...string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	for _, root := range roots {
		must(t, filepath.WalkDir(filepath.Join(dir, root), func(p string, d fs.DirEntry, err error) error {
			if err != nil && !strict {
				return nil
			}
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(dir, p)
			files[rel] = data
			return nil
		}))
	}
	return files
}

// diffFiles fails t for each file of fa not in fb ("only a"), of fb not in
// fa ("only b"), and in both with other bytes ("differs"), in say's words.
func diffFiles(t *testing.T, fa, fb map[string][]byte, say func(kind, name string) string) {
	t.Helper()
	for name, data := range fa {
		if other, ok := fb[name]; !ok {
			t.Error(say("only a", name))
		} else if !bytes.Equal(data, other) {
			t.Error(say("differs", name))
		}
	}
	for name := range fb {
		if _, ok := fa[name]; !ok {
			t.Error(say("only b", name))
		}
	}
}
