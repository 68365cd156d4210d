package browsertest

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/healthloc/healthloc/internal/golden"
	"github.com/healthloc/healthloc/internal/project/projecttest"
)

// TestScreenshots renders the example project at the repository root and
// screenshots an article in es and ar and the dashboard. With -update it
// writes them to docs/, where README shows them.
func TestScreenshots(t *testing.T) {
	root := filepath.Join("..", "..")
	p := projecttest.LoadDir(t, root)
	base := serve(t, bundles(t, p, os.DirFS(p.Config.Abs(p.Config.ContentRoot))))
	ctx := tab(t)
	const width = 900
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 700)); err != nil {
		t.Fatal(err)
	}
	rec := watch(t, ctx)
	for _, shot := range []struct{ page, file string }{
		{"es/oral-rehydration.html", "screenshot-article-es.png"},
		{"ar/oral-rehydration.html", "screenshot-article-ar.png"},
		{"dashboard.html", "screenshot-dashboard.png"},
	} {
		navigate(t, ctx, base+"/"+shot.page)
		data, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("%s: %v", shot.page, err)
		}
		img, err := png.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: screenshot is not a PNG: %v", shot.page, err)
		}
		if img.Width != width || img.Height < 700 {
			t.Errorf("%s: screenshot is %d×%d, want %d wide and at least 700 high", shot.page, img.Width, img.Height, width)
		}
		if golden.Update() {
			if err := os.WriteFile(filepath.Join(root, "docs", shot.file), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	noProblems(t, ctx, rec, base, "example pages")
}
