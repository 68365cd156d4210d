package project

import (
	"bytes"
	"fmt"
	"io/fs"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"

	"github.com/healthloc/healthloc/internal/config"
	"github.com/healthloc/healthloc/internal/corpus"
	"github.com/healthloc/healthloc/internal/plan"
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

func corpusOf(b *testing.B, n int, locales ...string) benchCorpus {
	if len(locales) == 0 {
		locales = []string{"es", "fr"}
	}
	key := fmt.Sprint(n, locales)
	if c, ok := benchCorpora.Load(key); ok {
		return c.(benchCorpus)
	}
	o := corpus.Options{Docs: n, Locales: locales, Seed: 1, Translated: 0.6, Stale: 0.1}
	fsys, size, err := corpus.MapFS(o)
	if err != nil {
		b.Fatal(err)
	}
	cfg, err := config.Parse("healthloc.toml", []byte(corpus.Config(o.Locales)))
	if err != nil {
		b.Fatal(err)
	}
	c := benchCorpus{fsys, size, cfg}
	benchCorpora.Store(key, c)
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

// BenchmarkExtractStream is extraction as the CLI runs it: a lean load,
// the documents parsed a batch at a time, the sources spilled to a
// temporary file and each locale merged with catalog.StreamMerge; the
// plan's parts are dropped instead of written.
func BenchmarkExtractStream(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			c := corpusOf(b, n)
			b.SetBytes(c.size)
			b.ReportAllocs()
			for b.Loop() {
				p, err := LoadWith(c.fsys, c.cfg, LoadOptions{Lean: true})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := p.ExtractTo(ExtractOptions{}, func(plan.Plan) error { return nil }); err != nil {
					b.Fatal(err)
				}
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

// BenchmarkExtractPeakHeap compares the peak heap (live objects and
// garbage not yet swept) of extraction from a full load with that of the
// streaming extraction of a lean load, which the CLI uses, on 1,000
// documents in 10 locales, sampled every millisecond while each runs.
// bench/scale.sh measures the peak RSS of larger projects.
func BenchmarkExtractPeakHeap(b *testing.B) {
	for _, n := range []int{1000} {
		for _, lean := range []bool{false, true} {
			b.Run(fmt.Sprintf("docs=%d/locales=10/lean=%t", n, lean), func(b *testing.B) {
				c := corpusOf(b, n, "es", "fr", "de", "it", "pt", "ar", "zh", "ru", "sw", "hi")
				var peak uint64
				for b.Loop() {
					stop := samplePeakHeap(&peak)
					p, err := LoadWith(c.fsys, c.cfg, LoadOptions{Lean: lean})
					if err != nil {
						b.Fatal(err)
					}
					if _, err := p.ExtractTo(ExtractOptions{}, func(plan.Plan) error { return nil }); err != nil {
						b.Fatal(err)
					}
					stop()
				}
				b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
			})
		}
	}
}

// samplePeakHeap records the largest heap in use into peak until the
// returned stop is called.
func samplePeakHeap(peak *uint64) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	go func() {
		defer close(finished)
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			*peak = max(*peak, sample[0].Value.Uint64())
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); <-finished }
}
