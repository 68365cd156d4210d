package l10n_test

import (
	"os"
	"testing"

	"github.com/healthloc/healthloc/l10n"
)

// BenchmarkLoadProject loads, checks and parses the example project of
// testdata: 2 articles, 19 messages, 4 target catalogs.
func BenchmarkLoadProject(b *testing.B) {
	fsys := os.DirFS("testdata/project")
	for b.Loop() {
		if _, err := l10n.LoadProject(fsys); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDocument is one page's lookups: 16 segments in es-MX, whose
// chain has 4 locales, most found in the third.
func BenchmarkDocument(b *testing.B) {
	c := load(b, project(b))
	for b.Loop() {
		if _, err := c.Document(esMX, "fever"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkHTML is one page's 16 segments as HTML once rendered: Text.HTML
// keeps what it rendered (rendering one message the first time takes
// goldmark, bluemonday and the splicer, tens of microseconds).
func BenchmarkHTML(b *testing.B) {
	c := load(b, project(b))
	segs, err := c.Document(esMX, "fever")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		for _, s := range segs {
			_ = s.HTML()
		}
	}
}
