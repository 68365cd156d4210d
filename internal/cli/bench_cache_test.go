package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/healthloc/healthloc/internal/corpus"
)

// BenchmarkCacheStatus and BenchmarkCacheCheck time status and check
// --locale es on a generated project (100 documents with -short, 1,000
// otherwise, 2 locales) three ways: cold (--no-cache), with nothing
// changed, and after one catalog file changed (that document is read
// again, every other one's answer comes from the per-document cache).
// bench/incremental.sh measures the same at 10,000 documents and more.
func BenchmarkCacheStatus(b *testing.B) { benchCache(b, "status") }

func BenchmarkCacheCheck(b *testing.B) { benchCache(b, "check", "--locale", "es") }

// benchProject generates a project of 1,000 documents (100 with -short)
// in 2 locales, and returns it with a function that runs healthloc -q
// in it, failing on an exit code above most.
func benchProject(b *testing.B, o corpus.Options, most int) (n int, dir string, runQ func(b *testing.B, args ...string)) {
	n = 1000
	if testing.Short() {
		n = 100
	}
	dir = b.TempDir()
	o.Docs, o.Locales, o.Seed = n, []string{"es", "fr"}, 1
	err := corpus.Generate(o, func(name string, data []byte) error {
		return putFile(filepath.Join(dir, filepath.FromSlash(name)), data)
	})
	if err != nil {
		b.Fatal(err)
	}
	return n, dir, func(b *testing.B, args ...string) {
		var errOut bytes.Buffer
		code := run(context.Background(), &IO{In: strings.NewReader(""), Out: &bytes.Buffer{}, ErrOut: &errOut},
			append([]string{"-C", dir, "-q"}, args...))
		if code > most {
			b.Fatalf("%v: exit %d: %s", args, code, errOut.String())
		}
	}
}

func benchCache(b *testing.B, args ...string) {
	n, dir, runQ := benchProject(b, corpus.Options{Translated: 0.9, Stale: 0.05}, exitGate)
	runQ(b, "extract")
	runQ(b, args...) // fills the cache
	one := filepath.Join(dir, "locales", "es", filepath.FromSlash(corpus.Slug(n/2))+".es.toml")
	data, err := os.ReadFile(one)
	if err != nil {
		b.Fatal(err)
	}
	b.Run(fmt.Sprintf("docs=%d/cold", n), func(b *testing.B) {
		for b.Loop() {
			runQ(b, append([]string{"--no-cache"}, args...)...)
		}
	})
	b.Run(fmt.Sprintf("docs=%d/no-op", n), func(b *testing.B) {
		for b.Loop() {
			runQ(b, args...)
		}
	})
	b.Run(fmt.Sprintf("docs=%d/one-catalog-changed", n), func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			// the same bytes, written again: a new modification time
			if err := os.WriteFile(one, data, 0o644); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			runQ(b, args...)
		}
	})
}

// BenchmarkCacheExtract times extract on a generated project (100
// documents with -short, 1,000 otherwise, 2 locales, every message
// translated) cold (--no-cache), with nothing changed, and after one
// paragraph of one article changed: then only that article is read and
// merged (see project.ExtractSubset).
func BenchmarkCacheExtract(b *testing.B) {
	n, dir, runQ := benchProject(b, corpus.Options{Translated: 1}, 0)
	runQ(b, "extract")
	article := filepath.Join(dir, "content", filepath.FromSlash(corpus.Slug(n/2))+".md")
	data, err := os.ReadFile(article)
	if err != nil {
		b.Fatal(err)
	}
	b.Run(fmt.Sprintf("docs=%d/cold", n), func(b *testing.B) {
		for b.Loop() {
			runQ(b, "--no-cache", "extract")
		}
	})
	runQ(b, "extract")
	b.Run(fmt.Sprintf("docs=%d/no-op", n), func(b *testing.B) {
		for b.Loop() {
			runQ(b, "extract")
		}
	})
	edited := bytes.Replace(data, []byte(" for "), []byte(" during "), 1)
	b.Run(fmt.Sprintf("docs=%d/one-edit", n), func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			b.StopTimer()
			// the article goes back and forth between two versions
			version := data
			if i%2 == 0 {
				version = edited
			}
			if err := os.WriteFile(article, version, 0o644); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			runQ(b, "extract")
		}
	})
}
