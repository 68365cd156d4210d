package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/workarea"
)

// bigProject writes a project of n documents whose es catalogs translate
// every message, and returns every translation text.
func bigProject(t *testing.T, n int) (string, map[string]bool) {
	t.Helper()
	dir := t.TempDir()
	must(t, os.WriteFile(filepath.Join(dir, "healthloc.toml"), []byte("locales = [\"es\", \"fr\"]\n"), 0o644))
	must(t, os.MkdirAll(filepath.Join(dir, "content"), 0o755))
	for i := range n {
		must(t, os.WriteFile(filepath.Join(dir, "content", fmt.Sprintf("doc%03d.md", i)), []byte(article(i, 6)), 0o644))
	}
	if code := runChild(t, dir, "extract"); code != 0 {
		t.Fatalf("first extract exit %d", code)
	}
	texts := map[string]bool{}
	for i := range n {
		slug := fmt.Sprintf("doc%03d", i)
		data, err := os.ReadFile(catalog.FilePath(filepath.Join(dir, "locales"), "en", slug))
		must(t, err)
		src, err := catalog.Parse(slug+".en.toml", data)
		must(t, err)
		es := &catalog.Catalog{Locale: "es", Messages: map[string]catalog.Message{}}
		for id, m := range src.Messages {
			m.Other = "ES " + m.Other
			es.Messages[id] = m
			texts[m.Other] = true
		}
		p := catalog.FilePath(filepath.Join(dir, "locales"), "es", slug)
		must(t, os.MkdirAll(filepath.Dir(p), 0o755))
		must(t, os.WriteFile(p, catalog.Marshal(es), 0o644))
	}
	return dir, texts
}

func article(i, paragraphs int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: Article %d about fever\n---\n\n## Doses\n\n", i)
	for p := range paragraphs {
		fmt.Fprintf(&b, "Give %d mg of paracetamol every %d hours to a child of %d kg, article %d paragraph %d.\n\n", 100+i, 4+p, 10+p, i, p)
	}
	return b.String()
}

func child(dir string, args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], append([]string{"-C", dir, "-q"}, args...)...)
	cmd.Env = append(os.Environ(), "HEALTHLOC_AS_MAIN=1")
	return cmd
}

func runChild(t *testing.T, dir string, args ...string) int {
	t.Helper()
	out, err := child(dir, args...).CombinedOutput()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		t.Logf("%s: %s", strings.Join(args, " "), out)
		return ee.ExitCode()
	}
	must(t, err)
	return 0
}

// eachFile calls f with every file under root whose name does not start
// with "."; with missingOK a root that does not exist has none.
func eachFile(t *testing.T, root string, missingOK bool, f func(path string, data []byte)) {
	t.Helper()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if missingOK && errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		f(path, data)
		return nil
	})
	must(t, err)
}

// checkCatalogs loads every catalog with go-i18n and checks that every
// translation in texts is still in some es catalog.
func checkCatalogs(t *testing.T, dir string, texts map[string]bool) {
	t.Helper()
	b := i18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	have := map[string]bool{}
	eachFile(t, filepath.Join(dir, "locales"), false, func(path string, data []byte) {
		if _, err := b.LoadMessageFile(path); err != nil {
			t.Fatalf("go-i18n cannot load %s: %v", path, err)
		}
		c, err := catalog.Parse(path, data)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range c.Messages {
			have[m.Other] = true
		}
	})
	// what is not served waits in the work area
	eachFile(t, filepath.Join(dir, "workarea"), true, func(path string, data []byte) {
		if filepath.Base(path) == workarea.ReviewsFile {
			return
		}
		f, err := workarea.ParseDoc(path, data)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range f.Entries {
			have[e.Other] = true
		}
	})
	for text := range texts {
		if !have[text] {
			t.Fatalf("translation lost: %q", text)
		}
	}
}

// TestCrashLosesNothing kills extract with SIGKILL at random moments while
// the content keeps changing. After every kill each catalog still loads
// with go-i18n and no translation is lost; the dead run's lock is taken
// over by the next.
func TestCrashLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("kills 50 child processes")
	}
	const docs = 80
	dir, texts := bigProject(t, docs)
	r := rand.New(rand.NewPCG(1, 2))
	start := time.Now()
	must(t, child(dir, "extract").Run())
	full := time.Since(start)
	kills := 0
	for i := range 50 {
		// change every document's doses so that every catalog is rewritten
		for d := range docs {
			body := article(d, 6)
			if i%2 == 1 {
				body = strings.ReplaceAll(body, " hours", " hours at most")
			}
			must(t, os.WriteFile(filepath.Join(dir, "content", fmt.Sprintf("doc%03d.md", d)), []byte(body), 0o644))
		}
		cmd := child(dir, "extract")
		must(t, cmd.Start())
		time.Sleep(time.Duration(r.Int64N(int64(full))))
		if cmd.Process.Signal(syscall.SIGKILL) == nil {
			kills++
		}
		cmd.Wait()
		checkCatalogs(t, dir, texts)
	}
	// a last, uninterrupted run takes over the dead lock and finishes
	if code := runChild(t, dir, "extract"); code != 0 {
		t.Fatalf("extract after the kills: exit %d", code)
	}
	checkCatalogs(t, dir, texts)
	t.Logf("%d kills; one extract of %d documents takes %v; the test took %v", kills, docs, full, time.Since(start))
}

// TestConcurrentExtract runs two extracts at once: both finish, or one
// reports the lock, and the catalogs stay valid.
func TestConcurrentExtract(t *testing.T) {
	dir, texts := bigProject(t, 40)
	for round := range 5 {
		for d := range 40 {
			body := article(d, 6)
			if round%2 == 0 {
				body = strings.ReplaceAll(body, "paracetamol", "paracetamol syrup")
			}
			must(t, os.WriteFile(filepath.Join(dir, "content", fmt.Sprintf("doc%03d.md", d)), []byte(body), 0o644))
		}
		var wg sync.WaitGroup
		outs := make([]string, 2)
		codes := make([]int, 2)
		for k := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				out, err := child(dir, "extract", "--lock-timeout", "50ms").CombinedOutput()
				outs[k] = string(out)
				var ee *exec.ExitError
				if errors.As(err, &ee) {
					codes[k] = ee.ExitCode()
				}
			}()
		}
		wg.Wait()
		for k := range 2 {
			if codes[k] != 0 && !strings.Contains(outs[k], "locked by another healthloc run") {
				t.Fatalf("round %d run %d: exit %d: %s", round, k, codes[k], outs[k])
			}
		}
		if codes[0] != 0 && codes[1] != 0 {
			t.Fatalf("round %d: both runs failed: %v", round, outs)
		}
		checkCatalogs(t, dir, texts)
	}
}
