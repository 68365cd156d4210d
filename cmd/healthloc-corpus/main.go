// Command healthloc-corpus writes a deterministic health-like project for
// benchmarks: go run ./cmd/healthloc-corpus -docs 1000 -locales es,fr -out /tmp/corpus
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/healthloc/healthloc/internal/corpus"
)

func main() {
	o := corpus.Options{}
	var locales, out string
	flag.IntVar(&o.Docs, "docs", 1000, "number of articles")
	flag.StringVar(&locales, "locales", "es,fr", "comma-separated target locales")
	flag.Uint64Var(&o.Seed, "seed", 1, "random seed; the same seed gives the same bytes")
	flag.Float64Var(&o.Translated, "translated", 0.6, "share of messages translated per locale")
	flag.Float64Var(&o.Stale, "stale", 0.1, "share of messages stale per locale")
	flag.BoolVar(&o.NoCatalogs, "no-catalogs", false, "write only content and healthloc.toml")
	flag.StringVar(&out, "out", "", "output `directory` (must not exist)")
	flag.Parse()
	if out == "" || o.Docs < 0 || o.Translated+o.Stale > 1 {
		fmt.Fprintln(os.Stderr, "healthloc-corpus: need -out, -docs >= 0 and -translated + -stale <= 1")
		os.Exit(2)
	}
	if _, err := os.Stat(out); err == nil {
		fmt.Fprintf(os.Stderr, "healthloc-corpus: %s already exists\n", out)
		os.Exit(2)
	}
	if locales != "" {
		o.Locales = strings.Split(locales, ",")
	}
	dirs := map[string]bool{}
	err := corpus.Generate(o, func(name string, data []byte) error {
		p := filepath.Join(out, filepath.FromSlash(name))
		if d := filepath.Dir(p); !dirs[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return err
			}
			dirs[d] = true
		}
		return os.WriteFile(p, data, 0o644)
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "healthloc-corpus: %v\n", err)
		os.Exit(1)
	}
}
