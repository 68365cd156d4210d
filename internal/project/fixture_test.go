package project

import (
	"testing"
	"testing/fstest"

	"github.com/healthloc/healthloc/internal/config"
	"github.com/healthloc/healthloc/internal/corpus"
)

// The fixture builders this package's tests share.

// parseConfig parses the text of a healthloc.toml.
func parseConfig(tb testing.TB, text string) *config.Config {
	tb.Helper()
	cfg, err := config.Parse("healthloc.toml", []byte(text))
	if err != nil {
		tb.Fatal(err)
	}
	return cfg
}

// corpusFS generates the project o describes in memory, with the config
// of its locales (of locales instead, when given) and its content size.
func corpusFS(tb testing.TB, o corpus.Options, locales ...string) (fstest.MapFS, *config.Config, int64) {
	tb.Helper()
	fsys, size, err := corpus.MapFS(o)
	if err != nil {
		tb.Fatal(err)
	}
	if locales == nil {
		locales = o.Locales
	}
	return fsys, parseConfig(tb, corpus.Config(locales)), size
}
