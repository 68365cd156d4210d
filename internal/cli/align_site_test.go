package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/healthloc/healthloc/internal/content"
)

// alignSiteDir is a realistic site: health pages written in English and
// translated in full into Spanish outside healthloc, with the small
// liberties real translators take (a translator's note, a number written
// as a word, a link to another site's page).
const alignSiteDir = "testdata/alignsite"

// sitePage is what bringing one translated page in achieved.
type sitePage struct {
	name string
	// blocks are the translated page's segments; verbatim those that
	// render publishes exactly as the translator wrote them.
	blocks, verbatim int
	// what align and review said
	refused, unpaired, extra, reviewRefused int
}

// alignSite copies the site, and for each page runs align without
// --trust and one review --doc, then renders es and compares the
// published page with the translation, block by block.
func alignSite(tb testing.TB) []sitePage {
	tb.Helper()
	dir := tb.TempDir()
	if err := os.CopyFS(dir, os.DirFS(alignSiteDir)); err != nil {
		tb.Fatal(err)
	}
	entries, err := os.ReadDir(filepath.Join(dir, "content"))
	if err != nil {
		tb.Fatal(err)
	}
	var pages []sitePage
	for _, e := range entries {
		name := e.Name()
		slug := strings.TrimSuffix(name, ".md")
		out, _ := cliRun(tb, dir, 0, "align", "--locale", "es", "--format", "json", "content/"+name, "es/"+name)
		var rep alignReport
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			tb.Fatalf("align %s: %v\n%s", name, err, out)
		}
		// review exits 1 when it refuses a candidate: that is measured
		_, errOut := cliRun(tb, dir, -1, "review", "--locale", "es", "--doc", slug, "--reviewer", "Dr. Ana Ruiz")
		ids := map[string]bool{}
		for _, l := range strings.Split(errOut, "\n") {
			if f := strings.Fields(l); len(f) > 2 && f[0] == "refused" {
				ids[f[2]] = true
			}
		}
		pages = append(pages, sitePage{name: name, refused: len(rep.Refused), unpaired: len(rep.Unpaired), extra: len(rep.Extra),
			reviewRefused: len(ids)})
	}
	cliRun(tb, dir, 0, "render", "--locale", "es")
	for i := range pages {
		tr := segmentTexts(tb, filepath.Join(dir, "es", pages[i].name))
		published := map[string]int{}
		for _, s := range segmentTexts(tb, filepath.Join(dir, "dist", "es", pages[i].name)) {
			published[s]++
		}
		pages[i].blocks = len(tr)
		for _, s := range tr {
			if published[s] > 0 {
				published[s]--
				pages[i].verbatim++
			}
		}
	}
	return pages
}

// cliRun runs healthloc in process in dir; want is the exit code the run
// must end with, or -1 for any.
func cliRun(tb testing.TB, dir string, want int, args ...string) (string, string) {
	tb.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), &IO{In: strings.NewReader(""), Out: &out, ErrOut: &errOut}, append([]string{"-C", dir}, args...))
	if want >= 0 && code != want {
		tb.Fatalf("healthloc %s: exit %d\n%s%s", strings.Join(args, " "), code, out.String(), errOut.String())
	}
	return out.String(), errOut.String()
}

func segmentTexts(tb testing.TB, path string) []string {
	tb.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	d, err := content.Parse(path, raw, content.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	out := make([]string, len(d.Segments))
	for i, s := range d.Segments {
		out[i] = s.Text
	}
	return out
}

// siteFigure is the share of translated blocks published verbatim, in
// percent, and a report of every page.
func siteFigure(pages []sitePage) (float64, string) {
	var b strings.Builder
	blocks, verbatim := 0, 0
	fmt.Fprintf(&b, "%-22s %6s %8s %7s %8s %5s %7s\n", "page", "blocks", "verbatim", "refused", "unpaired", "extra", "review")
	for _, p := range pages {
		blocks += p.blocks
		verbatim += p.verbatim
		fmt.Fprintf(&b, "%-22s %6d %8d %7d %8d %5d %7d\n", p.name, p.blocks, p.verbatim, p.refused, p.unpaired, p.extra, p.reviewRefused)
	}
	pct := 100 * float64(verbatim) / float64(blocks)
	fmt.Fprintf(&b, "%d pages: %d of %d translated blocks published verbatim (%.1f%%)\n", len(pages), verbatim, blocks, pct)
	return pct, b.String()
}

// TestAlignSite is the measure of bringing existing translations
// in: on the site's pages, align (without --trust) and one review --doc
// per page must publish at least 85% of the translated blocks verbatim.
func TestAlignSite(t *testing.T) {
	pages := alignSite(t)
	if len(pages) < 15 {
		t.Fatalf("the site has %d pages, want at least 15", len(pages))
	}
	pct, report := siteFigure(pages)
	t.Logf("\n%s", report)
	if pct < 85 {
		t.Errorf("%.1f%% of the translated blocks published verbatim, want at least 85%%\n%s", pct, report)
	}
}

// BenchmarkAlignSite reports the same figure, as %verbatim, with the
// time the whole path takes.
func BenchmarkAlignSite(b *testing.B) {
	var pct float64
	for b.Loop() {
		pct, _ = siteFigure(alignSite(b))
	}
	b.ReportMetric(pct, "%verbatim")
}
