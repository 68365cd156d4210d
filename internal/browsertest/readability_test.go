package browsertest

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/healthloc/healthloc/internal/golden"
	"github.com/healthloc/healthloc/internal/readability"
	"github.com/healthloc/healthloc/internal/status"
)

// healthloc builds the command once per test run into a temporary folder
// and runs it on the example project at the repository root.
func healthloc(t *testing.T, args ...string) []byte {
	t.Helper()
	bin := filepath.Join(buildDir(t), "healthloc")
	cmd := exec.Command(bin, append([]string{"-C", filepath.Join("..", ".."), "-q"}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("healthloc %s: %v\n%s", strings.Join(args, " "), err, stderr.Bytes())
	}
	return out
}

var builtIn string

func buildDir(t *testing.T) string {
	t.Helper()
	if builtIn != "" {
		return builtIn
	}
	dir := t.TempDir()
	out, err := exec.Command("go", "build", "-o", filepath.Join(dir, "healthloc"), "github.com/healthloc/healthloc/cmd/healthloc").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	builtIn = dir
	return dir
}

// chartRow is what the page shows of one locale in a document's chart.
type chartRow struct {
	Locale    string  `json:"locale"`
	Source    bool    `json:"source"`
	Ease      string  `json:"ease"`
	EaseName  string  `json:"easeName"`
	EaseRect  float64 `json:"easeRect"`
	EaseLabel string  `json:"easeLabel"`
	Length    string  `json:"length"`
	Left      float64 `json:"left"`
	Top       float64 `json:"top"`
	BarWidth  float64 `json:"barWidth"`
	Formulas  string  `json:"formulas"`
}

// TestReadabilityChart renders the dashboard of the example project
// with the real command and checks its readability charts against
// status --readability --format json: for every document, the source
// and each translation side by side with the same figures.
func TestReadabilityChart(t *testing.T) {
	ctx := tab(t)
	var rep status.Report
	if err := json.Unmarshal(healthloc(t, "status", "--readability", "--format", "json"), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Readability == nil || len(rep.Readability.Documents) == 0 {
		t.Fatal("status --readability --format json has no documents")
	}
	files := map[string][]byte{
		"dashboard.html":    healthloc(t, "status", "--format", "html"),
		"dashboard-ar.html": healthloc(t, "status", "--format", "html", "--report-locale", "ar"),
	}
	base := serve(t, files)
	rec := watch(t, ctx)
	navigate(t, ctx, base+"/dashboard.html")

	if n := eval[int](t, ctx, `document.scripts.length`); n != 0 {
		t.Errorf("%d scripts on the dashboard", n)
	}
	// Every bar is labelled, every chart captioned, every table headed.
	if bad := eval[[]string](t, ctx, `[...document.querySelectorAll("svg.rbar")].filter(s => s.getAttribute("role") !== "img" || !s.getAttribute("aria-label")).map(s => s.outerHTML.slice(0, 80))`); len(bad) > 0 {
		t.Errorf("unlabelled bars: %v", bad)
	}
	if n := eval[int](t, ctx, `[...document.querySelectorAll("section.readability figure")].filter(f => !f.querySelector("figcaption") || !f.getAttribute("aria-labelledby")).length`); n != 0 {
		t.Errorf("%d readability charts without a caption", n)
	}

	sideBySide := 0
	for _, d := range rep.Readability.Documents {
		rows := readChart(t, ctx, d.Path)
		want := append([]readability.Figures{d.Source}, d.Translations...)
		if len(rows) != len(want) {
			t.Fatalf("%s: chart has %d rows, want %d (source and %d translations)", d.Path, len(rows), len(want), len(d.Translations))
		}
		for i, f := range want {
			r := rows[i]
			if r.Locale != f.Locale || r.Source != (i == 0) {
				t.Errorf("%s row %d: locale %s (source %v), want %s", d.Path, i, r.Locale, r.Source, f.Locale)
			}
			if r.Length != f.SentenceLength.String() {
				t.Errorf("%s %s: sentence length %s, json %s", d.Path, f.Locale, r.Length, f.SentenceLength)
			}
			e, ok := f.Ease()
			if !ok {
				if r.Ease != "" {
					t.Errorf("%s %s: ease %s shown, json has no ease score", d.Path, f.Locale, r.Ease)
				}
				continue
			}
			if r.Ease != e.Value.String() || r.EaseName != e.Name {
				t.Errorf("%s %s: chart shows %s %s, json %s %s", d.Path, f.Locale, r.EaseName, r.Ease, e.Name, e.Value)
			}
			// The bar is drawn to scale (0–100, clamped) and says its value.
			if w := math.Round(min(max(float64(e.Value), 0), 100) * 10); r.EaseRect != w {
				t.Errorf("%s %s: ease bar %g units wide, want %g", d.Path, f.Locale, r.EaseRect, w)
			}
			if !strings.Contains(r.EaseLabel, e.Name+" "+e.Value.String()) {
				t.Errorf("%s %s: bar label %q lacks %s %s", d.Path, f.Locale, r.EaseLabel, e.Name, e.Value)
			}
			// Every formula of the locale is in the table, with the json value.
			for _, s := range f.Scores {
				if !strings.Contains(r.Formulas, s.ID+"="+s.Value.String()) {
					t.Errorf("%s %s: table lacks %s %s (has %s)", d.Path, f.Locale, s.ID, s.Value, r.Formulas)
				}
			}
		}
		// Side by side: the source's bar and each translation's stand in
		// one column, one under the other, laid out and of one width.
		src := rows[0]
		for _, r := range rows[1:] {
			if r.Ease == "" || src.Ease == "" {
				continue
			}
			if math.Abs(r.Left-src.Left) > 0.5 || math.Abs(r.BarWidth-src.BarWidth) > 0.5 || r.Top <= src.Top || src.BarWidth < 50 {
				t.Errorf("%s: %s bar at x=%g w=%g y=%g, source at x=%g w=%g y=%g: not aligned under it",
					d.Path, r.Locale, r.Left, r.BarWidth, r.Top, src.Left, src.BarWidth, src.Top)
				continue
			}
			sideBySide++
		}
	}
	if sideBySide == 0 {
		t.Error("no document shows a source and a translation ease score side by side")
	}
	noProblems(t, ctx, rec, base, "console errors or outside requests")

	// With -update, the chart of all documents goes to docs/ for README.
	if golden.Update() {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(900, 700)); err != nil {
			t.Fatal(err)
		}
		shot, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.ID("readability-total")))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join("..", "..", "docs", "screenshot-readability.png"), shot, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// In Arabic the page runs right to left: the bars grow from the right.
	navigate(t, ctx, base+"/dashboard-ar.html")
	got := eval[[]float64](t, ctx, `(() => { const s = document.querySelector("section.readability svg.rbar"), r = s.querySelector("rect.ease").getBoundingClientRect(), b = s.getBoundingClientRect(); return [r.right, b.right, r.left, b.left] })()`)
	if math.Abs(got[0]-got[1]) > 1 || got[2]-got[3] < 1 {
		t.Errorf("Arabic ease bar spans %g–%g in an svg spanning %g–%g: it does not grow from the right", got[2], got[0], got[3], got[1])
	}
}

// readChart reads the chart and the table of the document at path:
// each row's ease score and sentence length as the page gives them
// (data value), the drawn bar's width in SVG units, where the ease bar
// sits, and the formulas of the table.
func readChart(t *testing.T, ctx context.Context, path string) []chartRow {
	t.Helper()
	p, _ := json.Marshal(path)
	js := `JSON.stringify((() => {
		const sec = [...document.querySelectorAll("section.readability")].find(s => s.dataset.document === ` + string(p) + `);
		if (!sec) return [];
		const cells = [...sec.querySelectorAll(".rgrid .rcell")];
		return [...sec.querySelectorAll(".rgrid .rname")].map((n, i) => {
			const loc = n.dataset.locale, ease = cells[2*i], length = cells[2*i+1];
			const svg = ease.querySelector("svg"), box = svg ? svg.getBoundingClientRect() : {left: 0, top: 0, width: 0};
			const tr = [...sec.querySelectorAll("tr[data-locale]")].find(r => r.dataset.locale === loc);
			return {
				locale: loc, source: n.classList.contains("src"),
				ease: ease.querySelector("data.rval.ease")?.value ?? "",
				easeName: ease.querySelector(".rmeasure")?.textContent ?? "",
				easeRect: parseFloat(ease.querySelector("rect.ease")?.getAttribute("width") ?? "-1"),
				easeLabel: svg?.getAttribute("aria-label") ?? "",
				length: length.querySelector("data.rval.length")?.value ?? "",
				left: box.left, top: box.top, barWidth: box.width,
				formulas: tr ? [...tr.querySelectorAll("data.formula")].map(d => d.dataset.id + "=" + d.value).join(" ") : "",
			};
		});
	})())`
	var rows []chartRow
	if err := json.Unmarshal([]byte(eval[string](t, ctx, js)), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 {
		t.Fatalf("no readability chart for %s", path)
	}
	return rows
}
