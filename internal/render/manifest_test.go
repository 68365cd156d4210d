package render

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestManifestAsMarshalIndent checks that the manifest, written piece by
// piece, is what json.MarshalIndent writes for the same Manifest, with
// and without require_reviewed.
func TestManifestAsMarshalIndent(t *testing.T) {
	p := loadFixture(t)
	assets := os.DirFS(filepath.Join("testdata", "project", "content"))
	for _, reviewed := range []bool{false, true} {
		for _, loc := range p.Config.Targets() {
			b, err := Render(p, loc, assets, Options{RequireReviewed: reviewed})
			if err != nil {
				t.Fatal(err)
			}
			want, err := json.MarshalIndent(b.Manifest, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got := b.Files[len(b.Files)-1]
			if got.Path != "manifest.json" || !bytes.Equal(got.Data, append(want, '\n')) {
				t.Errorf("%s (require_reviewed %t): the manifest is not json.MarshalIndent's", loc, reviewed)
			}
		}
	}
}
