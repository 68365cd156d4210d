package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/healthloc/healthloc/internal/align"
	"github.com/healthloc/healthloc/internal/content"
)

// alignSiteDir is a realistic site: health pages written in English and
// translated in full into Spanish and French outside healthloc, with the
// small liberties real translators take (a translator's note, a number
// written as a word, a link to another site's page).
const alignSiteDir = "testdata/alignsite"

// siteLocales are the site's translations, each in a folder of its name.
var siteLocales = []string{"es", "fr"}

// sitePage is what bringing one translated page in achieved.
type sitePage struct {
	locale, name string
	// blocks are the translated page's segments; verbatim those that
	// render publishes exactly as the translator wrote them.
	blocks, verbatim int
	// what align and review said
	refused, unpaired, extra, reviewRefused int
}

// alignSite copies the site, and for each locale and page runs align
// without --trust and one review --doc, then renders the locale and
// compares each published page with its translation, block by block.
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
	for _, loc := range siteLocales {
		for _, e := range entries {
			pages = append(pages, alignPage(tb, dir, loc, e.Name()))
		}
		cliRun(tb, dir, 0, "render", "--locale", loc)
	}
	for i, p := range pages {
		tr := segmentTexts(tb, filepath.Join(dir, p.locale, p.name))
		published := map[string]int{}
		for _, s := range segmentTexts(tb, filepath.Join(dir, "dist", p.locale, p.name)) {
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

// alignPage aligns one translated page and approves it with review --doc.
func alignPage(tb testing.TB, dir, loc, name string) sitePage {
	tb.Helper()
	out, _ := cliRun(tb, dir, 0, "align", "--locale", loc, "--format", "json", "content/"+name, loc+"/"+name)
	var rep align.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		tb.Fatalf("align %s %s: %v\n%s", loc, name, err, out)
	}
	if rep.Warning != "" {
		tb.Errorf("align %s %s: %s", loc, name, rep.Warning)
	}
	// review exits 1 when it refuses a candidate: that is measured
	_, errOut := cliRun(tb, dir, -1, "review", "--locale", loc, "--doc", strings.TrimSuffix(name, ".md"), "--reviewer", "Dr. Ana Ruiz")
	ids := map[string]bool{}
	for _, l := range strings.Split(errOut, "\n") {
		if f := strings.Fields(l); len(f) > 2 && f[0] == "refused" {
			ids[f[2]] = true
		}
	}
	return sitePage{locale: loc, name: name, refused: len(rep.Refused), unpaired: len(rep.Unpaired), extra: len(rep.Extra),
		reviewRefused: len(ids)}
}

// cliRun runs healthloc in process in dir; want is the exit code the run
// must end with, or -1 for any.
func cliRun(tb testing.TB, dir string, want int, args ...string) (string, string) {
	tb.Helper()
	code, out, errOut := runIn(dir, args...)
	if want >= 0 && code != want {
		tb.Fatalf("healthloc %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errOut)
	}
	return out, errOut
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
// percent, over every locale, and a report of every page and locale.
func siteFigure(pages []sitePage) (float64, string) {
	var b strings.Builder
	type total struct{ pages, blocks, verbatim int }
	byLoc := map[string]*total{}
	all := &total{}
	fmt.Fprintf(&b, "%-6s %-22s %6s %8s %7s %8s %5s %7s\n", "locale", "page", "blocks", "verbatim", "refused", "unpaired", "extra", "review")
	for _, p := range pages {
		if byLoc[p.locale] == nil {
			byLoc[p.locale] = &total{}
		}
		for _, t := range []*total{byLoc[p.locale], all} {
			t.pages++
			t.blocks += p.blocks
			t.verbatim += p.verbatim
		}
		fmt.Fprintf(&b, "%-6s %-22s %6d %8d %7d %8d %5d %7d\n", p.locale, p.name, p.blocks, p.verbatim, p.refused, p.unpaired, p.extra, p.reviewRefused)
	}
	for _, loc := range siteLocales {
		if t := byLoc[loc]; t != nil {
			fmt.Fprintf(&b, "%s: %d pages, %d of %d translated blocks published verbatim (%.1f%%)\n",
				loc, t.pages, t.verbatim, t.blocks, 100*float64(t.verbatim)/float64(t.blocks))
		}
	}
	pct := 100 * float64(all.verbatim) / float64(all.blocks)
	fmt.Fprintf(&b, "all: %d of %d translated blocks published verbatim (%.1f%%)\n", all.verbatim, all.blocks, pct)
	return pct, b.String()
}

// TestAlignSite is the measure of bringing existing translations
// in: on the site's pages, align (without --trust) and one review --doc
// per page must publish at least 85% of the translated blocks verbatim.
func TestAlignSite(t *testing.T) {
	pages := alignSite(t)
	if len(pages) < 15*len(siteLocales) {
		t.Fatalf("the site has %d translated pages, want at least 15 per locale", len(pages))
	}
	pct, report := siteFigure(pages)
	t.Logf("\n%s", report)
	for _, loc := range siteLocales {
		var sub []sitePage
		for _, p := range pages {
			if p.locale == loc {
				sub = append(sub, p)
			}
		}
		if lp, _ := siteFigure(sub); lp < 85 {
			t.Errorf("%s: %.1f%% of the translated blocks published verbatim, want at least 85%%", loc, lp)
		}
	}
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
