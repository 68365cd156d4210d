package catalog

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// TestExampleCatalogsLoadInGoI18n loads every catalog of the example
// project with go-i18n unchanged, as a site builder would at run time.
func TestExampleCatalogsLoadInGoI18n(t *testing.T) {
	root := filepath.Join("..", "..", "locales")
	bundle := i18n.NewBundle(language.English)
	bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	n := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return err
		}
		mf, err := bundle.LoadMessageFile(path)
		if err != nil {
			t.Errorf("go-i18n cannot load %s: %v", path, err)
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		c, err := Parse(path, data)
		if err != nil {
			t.Errorf("%v", err)
			return nil
		}
		if len(mf.Messages) != len(c.Messages) {
			t.Errorf("%s: go-i18n sees %d messages, healthloc %d", path, len(mf.Messages), len(c.Messages))
		}
		if string(Marshal(c)) != string(data) {
			t.Errorf("%s is not in canonical form: extract would rewrite it", path)
		}
		rel, _ := filepath.Rel(root, path)
		if loc, _, _ := strings.Cut(filepath.ToSlash(rel), "/"); mf.Tag.String() != loc {
			t.Errorf("%s: go-i18n reads tag %s, the folder says %s", path, mf.Tag, loc)
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 10 {
		t.Fatalf("found only %d catalogs under %s", n, root)
	}
}
