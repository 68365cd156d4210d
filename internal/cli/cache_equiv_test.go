package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/healthloc/healthloc/internal/cache"
	"github.com/healthloc/healthloc/internal/corpus"
)

// TestCacheEquivalence is the cache's property test: two copies of a
// project take the same random edits (articles edited, added and
// deleted, translations edited, findings accepted); one runs every
// command with the cache, the other with --no-cache. Their catalogs,
// work areas, bundles and every command's output and exit code must be
// byte for byte the same after every step. The cached copy runs each
// read-only command twice, so that the second answer (a replay, or a
// cache full of findings) is compared too.
func TestCacheEquivalence(t *testing.T) {
	t.Run("partly translated", func(t *testing.T) {
		cacheEquivalence(t, corpus.Options{Docs: 12, Locales: []string{"es", "fr"}, Seed: 7, Translated: 0.7, Stale: 0.1}, 8, 18)
	})
	// Where every document is settled, an edit is extracted by merging
	// only what it touched, unless the memory could fill something (see
	// project.ExtractSubset); both ways must give the same files.
	t.Run("fully translated", func(t *testing.T) {
		var incremental int
		incrementalHook = func() { incremental++ }
		defer func() { incrementalHook = nil }()
		cacheEquivalence(t, corpus.Options{Docs: 16, Locales: []string{"es", "fr"}, Seed: 3, Translated: 1}, 14, 4)
		t.Logf("%d extracts merged only what changed", incremental)
		if incremental < 2 {
			t.Errorf("extract merged only the edited documents %d times in 14 steps, want at least 2", incremental)
		}
	})
}

// cacheEquivalence runs the property test on a generated corpus.
func cacheEquivalence(t *testing.T, opts corpus.Options, steps int, seed uint64) {
	cached, fresh := t.TempDir(), t.TempDir()
	for _, dir := range []string{cached, fresh} {
		err := corpus.Generate(opts, func(name string, data []byte) error {
			return putFile(filepath.Join(dir, filepath.FromSlash(name)), data)
		})
		must(t, err)
	}
	r := rand.New(rand.NewPCG(seed, 5))
	next := opts.Docs // the number of the next article added
	for step := range steps {
		var what string
		switch op := r.IntN(7); op {
		case 0, 1:
			what = editArticle(t, r, cached, fresh)
		case 2:
			what = addOrDeleteArticle(t, r, next, cached, fresh)
			next++
		case 3:
			what = editTranslation(t, r, cached, fresh)
		case 4:
			what = acceptFinding(t, cached, fresh)
		case 5, 6:
			what = addOrDropParagraph(t, r, cached, fresh)
		}
		t.Logf("step %d: %s", step, what)
		for _, args := range [][]string{
			{"extract"},
			{"age"},
			{"status"},
			{"status", "--format", "json", "--by-doc", "--locale", "fr"},
			{"check"},
			{"check", "--format", "json", "--locale", "es"},
			{"render"},
		} {
			if args[0] == "age" {
				// on every other step, the files are older than the racy
				// window, so that status and check may answer from their
				// last report; their stamps then differ from what extract
				// recorded, and the next extract reads everything
				if step%2 == 1 {
					ageFiles(t, cached)
				}
				continue
			}
			want := runReport(fresh, append([]string{"--no-cache"}, args...))
			times := 2
			if args[0] == "extract" || args[0] == "render" {
				times = 1 // they write: a second run says it had less to do
			}
			for range times {
				got := runReport(cached, args)
				if strings.Contains(got, "nothing changed since the last extract") && noWrites.MatchString(want) {
					continue // the cache's one message of its own, and rightly so
				}
				if args[0] == "extract" {
					// an extract of what changed compares fewer files
					got, want = sameExtract(got), sameExtract(want)
				}
				if got != want {
					t.Fatalf("step %d (%s): %v with the cache:\n%s\nwithout:\n%s", step, what, args, got, want)
				}
			}
		}
		compareTrees(t, cached, fresh, "locales", "workarea", "dist")
	}
}

// ageFiles makes every file of the project in dir ten seconds older.
func ageFiles(t *testing.T, dir string) {
	old := time.Now().Add(-10 * time.Second)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.Contains(p, cache.Dir) {
			return err
		}
		return os.Chtimes(p, old, old)
	})
	must(t, err)
}

// unchangedCount is the count of files extract found unchanged, and
// incrementalLine the line that says it read only what changed.
var (
	unchangedCount  = regexp.MustCompile(`\d+ unchanged`)
	incrementalLine = regexp.MustCompile(`(?m)^incremental: .*\n`)
)

// sameExtract takes out of extract's summary what differs when it reads
// only what changed.
func sameExtract(s string) string {
	return unchangedCount.ReplaceAllString(incrementalLine.ReplaceAllString(s, ""), "N unchanged")
}

// addOrDropParagraph adds a new paragraph to an article, or drops one,
// or moves one to another article.
func addOrDropParagraph(t *testing.T, r *rand.Rand, dirs ...string) string {
	as := articles(t, dirs[0])
	rel := as[r.IntN(len(as))]
	data, err := os.ReadFile(filepath.Join(dirs[0], rel))
	must(t, err)
	paras := strings.Split(string(data), "\n\n")
	switch r.IntN(3) {
	case 0:
		extra := fmt.Sprintf("Ask a nurse about visit %d before you travel with a small child.", r.IntN(1000))
		both(t, rel, func(b []byte) []byte { return append(b, "\n\n"+extra+"\n"...) }, dirs...)
		return "add a paragraph to " + rel
	case 1:
		if len(paras) < 3 {
			return "no paragraph to drop in " + rel
		}
		i := 1 + r.IntN(len(paras)-1)
		out := strings.Join(slices.Delete(slices.Clone(paras), i, i+1), "\n\n")
		both(t, rel, func([]byte) []byte { return []byte(out) }, dirs...)
		return "drop a paragraph of " + rel
	default:
		to := as[r.IntN(len(as))]
		if to == rel || len(paras) < 3 {
			return "no paragraph to move from " + rel
		}
		i := 1 + r.IntN(len(paras)-1)
		moved := strings.TrimSpace(paras[i])
		out := strings.Join(slices.Delete(slices.Clone(paras), i, i+1), "\n\n")
		both(t, rel, func([]byte) []byte { return []byte(out) }, dirs...)
		both(t, to, func(b []byte) []byte { return append(b, "\n\n"+moved+"\n"...) }, dirs...)
		return "move a paragraph from " + rel + " to " + to
	}
}

// runIn runs healthloc in dir and gives its exit code and output, with
// dir's name taken out.
// runReport runs healthloc in dir and gives its exit code and output as
// one text, with dir written DIR.
func runReport(dir string, args []string) string {
	var out, errOut bytes.Buffer
	args = slices.Clone(args)
	for i, a := range args {
		args[i] = strings.ReplaceAll(a, "DIR", dir)
	}
	code := run(context.Background(), &IO{In: strings.NewReader(""), Out: &out, ErrOut: &errOut}, append([]string{"-C", dir}, args...))
	s := fmt.Sprintf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out.String(), errOut.String())
	return strings.ReplaceAll(s, dir, "DIR")
}

func putFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

// articles lists the content files of dir, sorted.
func articles(t *testing.T, dir string) []string {
	var out []string
	err := filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, rel)
		}
		return err
	})
	must(t, err)
	slices.Sort(out)
	return out
}

// both applies edit to the file rel in every dir.
func both(t *testing.T, rel string, edit func([]byte) []byte, dirs ...string) {
	for _, dir := range dirs {
		p := filepath.Join(dir, rel)
		data, err := os.ReadFile(p)
		must(t, err)
		must(t, os.WriteFile(p, edit(data), 0o644))
	}
}

// noWrites is extract's summary of a run that changed no file.
var noWrites = regexp.MustCompile(`(?m)^exit 0\nstdout:\nextracted \d+ messages from \d+ documents; 0 files written, \d+ unchanged, 0 removed\n\nstderr:\n$`)

var digit = regexp.MustCompile(`[0-9]+`)

// editArticle changes a number or a word of one paragraph of an article.
func editArticle(t *testing.T, r *rand.Rand, dirs ...string) string {
	as := articles(t, dirs[0])
	rel := as[r.IntN(len(as))]
	n := r.IntN(3)
	both(t, rel, func(b []byte) []byte {
		if n == 0 {
			return bytes.Replace(b, []byte(" for "), []byte(" during "), 1)
		}
		done := false
		return digit.ReplaceAllFunc(b, func(m []byte) []byte {
			if done || len(m) > 2 {
				return m
			}
			done = true
			return []byte(fmt.Sprint(len(m)*7 + n))
		})
	}, dirs...)
	return "edit " + rel
}

// addOrDeleteArticle adds article number next, or deletes one.
func addOrDeleteArticle(t *testing.T, r *rand.Rand, next int, dirs ...string) string {
	if r.IntN(2) == 0 {
		rel := filepath.Join("content", filepath.FromSlash(corpus.Slug(next))+".md")
		for _, dir := range dirs {
			must(t, putFile(filepath.Join(dir, rel), []byte(corpus.Article(7, next%12))))
		}
		return "add " + rel + " (a copy of an article's text)"
	}
	as := articles(t, dirs[0])
	rel := as[r.IntN(len(as))]
	for _, dir := range dirs {
		must(t, os.Remove(filepath.Join(dir, rel)))
	}
	return "delete " + rel
}

// editTranslation changes a number in one served translation, which
// makes a check error: the translation is then held.
func editTranslation(t *testing.T, r *rand.Rand, dirs ...string) string {
	var cats []string
	for _, loc := range []string{"es", "fr"} {
		root := filepath.Join(dirs[0], "locales", loc)
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".toml") {
				rel, _ := filepath.Rel(dirs[0], p)
				cats = append(cats, rel)
			}
			return nil
		})
	}
	if len(cats) == 0 {
		return "no translation to edit"
	}
	slices.Sort(cats)
	rel := cats[r.IntN(len(cats))]
	both(t, rel, func(b []byte) []byte {
		lines := strings.Split(string(b), "\n")
		for i, l := range lines {
			if strings.HasPrefix(l, "other = ") && digit.MatchString(l) {
				lines[i] = digit.ReplaceAllString(l, "99")
				break
			}
		}
		return []byte(strings.Join(lines, "\n"))
	}, dirs...)
	return "edit a translation in " + rel
}

// acceptFinding accepts the first error check finds in es, if any.
func acceptFinding(t *testing.T, dirs ...string) string {
	out := runJSON(dirs[1], "--no-cache", "check", "--format", "json", "--locale", "es")
	var rep struct {
		Findings []struct {
			ID, Check, Severity string
			Accepted            any
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("check --format json: %v\n%s", err, out)
	}
	for _, f := range rep.Findings {
		if f.Severity == "error" && f.Accepted == nil {
			for _, dir := range dirs {
				args := []string{"check", "--accept", f.ID + ":" + f.Check, "--locale", "es", "--reason", "checked", "--reviewer", "dr-a"}
				if dir == dirs[1] {
					args = append([]string{"--no-cache"}, args...)
				}
				runReport(dir, args)
			}
			return "accept " + f.ID + ":" + f.Check
		}
	}
	return "no finding to accept"
}

// runJSON is a command's stdout.
func runJSON(dir string, args ...string) string {
	var out bytes.Buffer
	run(context.Background(), &IO{In: strings.NewReader(""), Out: &out, ErrOut: &bytes.Buffer{}}, append([]string{"-C", dir}, args...))
	return out.String()
}

// compareTrees fails unless the folders roots of a and b hold the same
// files with the same bytes.
func compareTrees(t *testing.T, a, b string, roots ...string) {
	t.Helper()
	diffFiles(t, readRoots(t, a, false, roots...), readRoots(t, b, false, roots...), func(kind, name string) string {
		switch kind {
		case "only a":
			return name + ": only with the cache"
		case "only b":
			return name + ": only without the cache"
		}
		return name + " differs with the cache"
	})
	if t.Failed() {
		t.FailNow()
	}
}

// TestIncrementalExtract puts extract's reading of only what changed
// through many random edits of a settled project: after each, the
// catalogs and the work area are those of an extract of everything.
func TestIncrementalExtract(t *testing.T) {
	if testing.Short() {
		t.Skip("many extracts")
	}
	var incremental int
	incrementalHook = func() { incremental++ }
	defer func() { incrementalHook = nil }()
	cached, fresh := t.TempDir(), t.TempDir()
	for _, dir := range []string{cached, fresh} {
		err := corpus.Generate(corpus.Options{Docs: 24, Locales: []string{"es", "fr", "de"}, Seed: 11, Translated: 1},
			func(name string, data []byte) error {
				return putFile(filepath.Join(dir, filepath.FromSlash(name)), data)
			})
		must(t, err)
		runReport(dir, []string{"extract"})
	}
	r := rand.New(rand.NewPCG(2, 9))
	next := 24
	for step := range 40 {
		var what string
		switch r.IntN(8) {
		case 0, 1, 2:
			what = editArticle(t, r, cached, fresh)
		case 3:
			what = addOrDeleteArticle(t, r, next, cached, fresh)
			next++
		case 4:
			what = editTranslation(t, r, cached, fresh)
		default:
			what = addOrDropParagraph(t, r, cached, fresh)
		}
		want := sameExtract(runReport(fresh, []string{"--no-cache", "extract"}))
		got := sameExtract(runReport(cached, []string{"extract"}))
		if strings.Contains(got, "nothing changed since the last extract") && strings.Contains(want, " 0 files written, N unchanged, 0 removed") {
			compareTrees(t, cached, fresh, "locales", "workarea")
			continue
		}
		if got != want {
			t.Fatalf("step %d (%s): extract with the cache:\n%s\nwithout:\n%s", step, what, got, want)
		}
		compareTrees(t, cached, fresh, "locales", "workarea")
	}
	t.Logf("%d of 40 extracts merged only what changed", incremental)
	if incremental < 15 {
		t.Errorf("only %d of 40 extracts merged only what changed, want at least 15", incremental)
	}
}

// TestExtractRacyEdit: a catalog edited by hand in the same tick as
// extract wrote it, to the same size, keeps its size and time; extract's
// index compares the bytes of such files, so the edit is still seen.
func TestExtractRacyEdit(t *testing.T) {
	dir := t.TempDir()
	must(t, putFile(filepath.Join(dir, "healthloc.toml"), []byte("source_locale = \"en\"\nlocales = [\"es\"]\n")))
	must(t, putFile(filepath.Join(dir, "content/a.md"), []byte("Take 500 mg every 6 hours.\n")))
	runReport(dir, []string{"extract"})
	cat := filepath.Join(dir, "locales/es/a.es.toml")
	must(t, putFile(cat, []byte("[\"a.3b978b5187\"]\nother = \"Tome 500 mg cada 6 horas.\"\n")))
	runReport(dir, []string{"extract"})
	st, err := os.Stat(cat)
	must(t, err)
	data, err := os.ReadFile(cat)
	must(t, err)
	must(t, os.WriteFile(cat, bytes.Replace(data, []byte("500"), []byte("900"), 1), 0o644))
	must(t, os.Chtimes(cat, st.ModTime(), st.ModTime())) // the same tick
	if out := runReport(dir, []string{"extract"}); strings.Contains(out, "nothing changed") {
		t.Fatalf("a same-size edit in the tick of extract's write is missed:\n%s", out)
	}
	if out := runReport(dir, []string{"status", "--format", "csv"}); !strings.Contains(out, "es,1,0,0,0,1,") {
		t.Fatalf("the edited dose is not held:\n%s", out)
	}
}
