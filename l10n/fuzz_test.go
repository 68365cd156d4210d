package l10n_test

import (
	"testing"

	"github.com/healthloc/healthloc/internal/servedtest"
	"github.com/healthloc/healthloc/l10n"
)

// FuzzLoad replaces a Spanish catalog with fuzzed bytes: Load either
// fails or serves, in every locale, only source text or translations
// whose hash is the current source's (servedtest is the oracle).
func FuzzLoad(f *testing.F) {
	base := project(f)
	f.Add(base["locales/es/fever.es.toml"].Data)
	f.Add([]byte("[\"dose-child\"]\nhash = \"sha1-0\"\nother = \"{{.X}} cada 2 horas\"\n"))
	f.Add([]byte("[\"dose-child\"]\nother = \"sin hash\"\n"))
	f.Add([]byte("[\"nope\"]\nhash = \"sha1-1a1848498b9975f4c10b94b8fb7571418c8affed\"\nother = \"x\"\n"))
	f.Add([]byte("\ufeff[x]\nother = 1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p := project(t)
		p["locales/es/fever.es.toml"].Data = data
		c, err := l10n.Load(p, l10n.Options{Root: "locales"})
		if err != nil {
			return
		}
		served, err := servedtest.Walk(p, "locales", en)
		if err != nil {
			return // go-i18n itself cannot load it; l10n was more lenient
		}
		served.CheckRuntime(t, get(c), servedtest.Options{}, esMX)
	})
}
