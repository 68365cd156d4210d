package project

import (
	"bytes"
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"

	"github.com/healthloc/healthloc/internal/config"
	"github.com/healthloc/healthloc/internal/corpus"
	"github.com/healthloc/healthloc/internal/workers"
)

// benchCorpus is a generated project of n documents in 2 locales, made
// once per size.
var benchCorpora sync.Map

type benchCorpus struct {
	fsys fstest.MapFS
	size int64
	cfg  *config.Config
}

func corpusOf(b *testing.B, n int) benchCorpus {
	if c, ok := benchCorpora.Load(n); ok {
		return c.(benchCorpus)
	}
	o := corpus.Options{Docs: n, Locales: []string{"es", "fr"}, Seed: 1, Translated: 0.6, Stale: 0.1}
	fsys, size, err := corpus.MapFS(o)
	if err != nil {
		b.Fatal(err)
	}
	cfg, err := config.Parse("healthloc.toml", []byte(corpus.Config(o.Locales)))
	if err != nil {
		b.Fatal(err)
	}
	c := benchCorpus{fsys, size, cfg}
	benchCorpora.Store(n, c)
	return c
}

var sizes = []int{1000, 10000}

// BenchmarkExtract loads a project (parse every document and catalog) and
// computes the extraction plan, without writing.
func BenchmarkExtract(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			c := corpusOf(b, n)
			b.SetBytes(c.size)
			b.ReportAllocs()
			for b.Loop() {
				p, err := Load(c.fsys, c.cfg, "")
				if err != nil {
					b.Fatal(err)
				}
				p.Extract(ExtractOptions{})
			}
		})
	}
}

// BenchmarkGoldmarkParse is the floor: goldmark parsing the same content
// on all cores and nothing else.
func BenchmarkGoldmarkParse(b *testing.B) {
	md := goldmark.New(goldmark.WithExtensions(extension.Table))
	for _, n := range sizes {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			c := corpusOf(b, n)
			var docs [][]byte
			fs.WalkDir(c.fsys, "content", func(p string, d fs.DirEntry, err error) error {
				if err == nil && strings.HasSuffix(p, ".md") {
					docs = append(docs, bytes.Clone(c.fsys[p].Data))
				}
				return err
			})
			b.SetBytes(c.size)
			b.ReportAllocs()
			for b.Loop() {
				workers.Map(len(docs), 0, func(i int) error {
					md.Parser().Parse(text.NewReader(docs[i]))
					return nil
				})
			}
		})
	}
}
