package project

import (
	"bytes"
	"fmt"
	"io/fs"
	"runtime"
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
	fsys, cfg, size := corpusFS(b, o)
	c := benchCorpus{fsys, size, cfg}
	benchCorpora.Store(key, c)
	return c
}

// sizes are the benchmarks' project sizes (see corpus.BenchSizes).
func sizes() []int { return corpus.BenchSizes() }

// BenchmarkExtract extracts without writing: "whole" loads the project
// (every document and catalog) and computes the plan; "stream" is how the
// CLI runs it, a lean load whose documents are parsed a batch at a time,
// sources spilled to a temporary file and each locale merged with
// catalog.StreamMerge, the plan's parts dropped as they come.
func BenchmarkExtract(b *testing.B) {
	for _, n := range sizes() {
		for _, lean := range []bool{false, true} {
			name := map[bool]string{false: "whole", true: "stream"}[lean]
			b.Run(fmt.Sprintf("docs=%d/%s", n, name), func(b *testing.B) {
				c := corpusOf(b, n)
				b.SetBytes(c.size)
				b.ReportAllocs()
				for b.Loop() {
					extractOnce(b, c, lean)
				}
			})
		}
	}
}

// extractOnce loads c, whole or lean, and extracts, dropping the plan.
func extractOnce(b *testing.B, c benchCorpus, lean bool) {
	p, err := LoadWith(c.fsys, c.cfg, LoadOptions{Lean: lean})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := p.ExtractTo(ExtractOptions{}, func(plan.Plan) error { return nil }); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkGoldmarkParse is the floor: goldmark parsing the same content
// on all cores and nothing else.
func BenchmarkGoldmarkParse(b *testing.B) {
	md := goldmark.New(goldmark.WithExtensions(extension.Table))
	for _, n := range sizes() {
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

// BenchmarkExtractPeakHeap compares the peak live heap (what the
// collector found reachable, less the in-memory corpus itself) of
// extraction from a full load with that of the streaming extraction of a
// lean load, which the CLI uses, on 1,000 documents in 10 locales,
// sampled every millisecond while each runs. bench/scale.sh measures the
// peak RSS of larger projects.
func BenchmarkExtractPeakHeap(b *testing.B) {
	for _, n := range []int{1000} {
		for _, lean := range []bool{false, true} {
			b.Run(fmt.Sprintf("docs=%d/locales=10/lean=%t", n, lean), func(b *testing.B) {
				c := corpusOf(b, n, "es", "fr", "de", "it", "pt", "ar", "zh", "ru", "sw", "hi")
				var peak uint64
				runtime.GC()
				base := liveHeap()
				for b.Loop() {
					stop := samplePeakHeap(&peak)
					extractOnce(b, c, lean)
					stop()
				}
				b.ReportMetric(float64(peak-min(peak, base))/(1<<20), "peak-live-MiB")
			})
		}
	}
}

// liveHeap is the heap the last collection found reachable.
func liveHeap() uint64 {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	return sample[0].Value.Uint64()
}

// samplePeakHeap records the largest live heap into peak until the
// returned stop is called.
func samplePeakHeap(peak *uint64) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			*peak = max(*peak, liveHeap())
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); <-finished }
}
