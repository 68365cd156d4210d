package l10n_test

import (
	"embed"
	"io/fs"
	"testing"

	"github.com/healthloc/healthloc/l10n"
)

//go:embed all:testdata/project
var embedded embed.FS

// TestEmbedFS loads the project from an embed.FS, as an app shipping one
// binary would.
func TestEmbedFS(t *testing.T) {
	fsys, err := fs.Sub(embedded, "testdata/project")
	if err != nil {
		t.Fatal(err)
	}
	c, err := l10n.LoadProject(fsys)
	if err != nil {
		t.Fatal(err)
	}
	m, err := c.Message(esMX, "dose-child")
	if err != nil || m.Locale != es {
		t.Errorf("Message = %+v, %v", m, err)
	}
}
