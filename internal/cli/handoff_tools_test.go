package cli

import (
	"bytes"
	"encoding/csv"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/cache"
	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/project/projecttest"
	"github.com/healthloc/healthloc/internal/qa"
	"github.com/healthloc/healthloc/internal/status"
)

// These tests check healthloc's hand-off files with the tools translators
// and their pipelines use: gettext, translate-toolkit and xmllint. CI
// installs them (.ci/run) and sets HEALTHLOC_REQUIRE_TOOLS, so that a
// missing tool fails there instead of skipping.

func needTool(t *testing.T, names ...string) {
	t.Helper()
	for _, n := range names {
		if _, err := exec.LookPath(n); err != nil {
			if os.Getenv("HEALTHLOC_REQUIRE_TOOLS") != "" {
				t.Fatalf("%s is not installed", n)
			}
			t.Skipf("%s is not installed", n)
		}
	}
}

// schemas is the shared XLIFF schema folder: ../shared/schemas next to
// the repository root.
func schemas(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "schemas"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("no shared schemas at %s", dir)
	}
	return dir
}

// exampleProject copies the repository's example project into a
// temporary directory.
func exampleProject(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	root := filepath.Join("..", "..")
	for _, name := range []string{"healthloc.toml", "content", "locales", "workarea"} {
		err := filepath.WalkDir(filepath.Join(root, name), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			if d.IsDir() {
				return os.MkdirAll(filepath.Join(dst, rel), 0o755)
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// healthloc runs the command line in process and fails the test on a
// non-zero exit.
func healthloc(t *testing.T, dir string, args ...string) string {
	t.Helper()
	code, out, errOut := runIn(dir, args...)
	if code != 0 {
		t.Fatalf("healthloc %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errOut)
	}
	return out
}

func tool(t *testing.T, name string, args ...string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s%s", name, strings.Join(args, " "), err, out.String(), errOut.String())
	}
	return out.String()
}

func loadProject(t *testing.T, dir string) *project.Project {
	t.Helper()
	p := projecttest.LoadDir(t, dir)
	p.SetGate(qa.Gate(qa.RulesOf(p.Config))) // as every command does
	return p
}

// pocount returns pocount's CSV report of a file.
func pocount(t *testing.T, file string) ([][]string, error) {
	r := csv.NewReader(strings.NewReader(tool(t, "pocount", "--csv", file)))
	r.FieldsPerRecord = -1
	return r.ReadAll()
}

var targets = []string{"es", "fr", "ar", "es-MX"}

// TestExportPOGettext checks every exported PO with msgfmt --check and
// compares pocount's translated, fuzzy and untranslated counts with
// healthloc status.
func TestExportPOGettext(t *testing.T) {
	needTool(t, "msgfmt", "pocount")
	dir := exampleProject(t)
	out := filepath.Join(dir, "l10n")
	healthloc(t, dir, "export", "-o", out)
	healthloc(t, dir, "export", "--split", "doc", "-o", filepath.Join(out, "split"))
	pos, _ := filepath.Glob(filepath.Join(out, "*.po"))
	split, _ := filepath.Glob(filepath.Join(out, "split", "*", "*.po"))
	// five documents and the page text, in four locales
	if len(pos) != 4 || len(split) != 24 {
		t.Fatalf("exported %d PO files and %d split ones, want 4 and 24", len(pos), len(split))
	}
	for _, f := range append(pos, split...) {
		tool(t, "msgfmt", "--check", "-o", os.DevNull, f)
	}
	// importing the untouched files changes no file, for regional
	// locales (es-MX inherits from es) neither
	before := readTree(t, filepath.Join(dir, "locales"))
	if out := healthloc(t, dir, append([]string{"import"}, pos...)...); !regexp.MustCompile(`(?m)^0 imported, \d+ unchanged, 0 conflicts, 0 stale`).MatchString(out) {
		t.Errorf("re-import of the export:\n%s", out)
	}
	after := readTree(t, filepath.Join(dir, "locales"))
	if len(after) != len(before) {
		t.Errorf("re-import wrote %d catalog files, had %d", len(after), len(before))
	}
	for name, data := range before {
		if after[name] != data {
			t.Errorf("re-import changed %s", name)
		}
	}
	p := loadProject(t, dir)
	for _, loc := range targets {
		rep := status.Compute(p, []language.Tag{language.Make(loc)}, false)
		want := rep.Locales[0]
		rows, err := pocount(t, filepath.Join(out, loc+".po"))
		if err != nil || len(rows) != 2 {
			t.Fatalf("pocount %s: %v %q", loc, err, rows)
		}
		n := func(col int) int {
			v, err := strconv.Atoi(strings.TrimSpace(rows[1][col]))
			if err != nil {
				t.Fatalf("pocount %s column %d: %v", loc, col, err)
			}
			return v
		}
		// columns: translated, fuzzy and untranslated messages
		got := [3]int{n(1), n(4), n(6)}
		wantN := [3]int{want.Translated.Messages, want.Stale.Messages, want.Missing.Messages}
		if ui := want.UI; ui != nil { // the PO holds the page text too
			wantN[0], wantN[1], wantN[2] = wantN[0]+ui.Translated.Messages, wantN[1]+ui.Stale.Messages, wantN[2]+ui.Missing.Messages
		}
		if got != wantN {
			t.Errorf("%s: pocount translated/fuzzy/untranslated = %v, status = %v", loc, got, wantN)
		}
	}
}

// TestExportXLIFFSchemas validates every exported XLIFF against the
// official 1.2 strict and 2.0 core schemas.
func TestExportXLIFFSchemas(t *testing.T) {
	needTool(t, "xmllint")
	sch := schemas(t)
	dir := exampleProject(t)
	for _, c := range []struct{ format, ext, xsd string }{
		{"xliff12", ".xlf", filepath.Join(sch, "xliff-1.2", "xliff-core-1.2-strict.xsd")},
		{"xliff20", ".xliff", filepath.Join(sch, "xliff-2.0", "xliff_core_2.0.xsd")},
	} {
		out := filepath.Join(dir, c.format)
		healthloc(t, dir, "export", "-f", c.format, "-o", out)
		healthloc(t, dir, "export", "-f", c.format, "--split", "doc", "-o", filepath.Join(out, "split"))
		files, _ := filepath.Glob(filepath.Join(out, "*"+c.ext))
		split, _ := filepath.Glob(filepath.Join(out, "split", "*", "*"+c.ext))
		if len(files) != 4 || len(split) != 24 {
			t.Fatalf("%s: %d files and %d split ones, want 4 and 24 (5 articles and the page text, in 4 locales)", c.format, len(files), len(split))
		}
		args := append([]string{"--noout", "--nonet", "--schema", c.xsd}, append(files, split...)...)
		tool(t, "xmllint", args...)
	}
}

// prefixLines is what sed 's/^/[fr] /' does to a text.
func prefixLines(s string) string {
	return "[fr] " + strings.ReplaceAll(s, "\n", "\n[fr] ")
}

// TestGettextRoundTrip is a translator's round trip with the gettext
// tools: export fr, fill every untranslated entry (msgen), "translate"
// every entry (msgfilter, which also re-wraps long lines), reorder the
// entries (msgcat --sort-output), import. The catalogs must then hold
// exactly the new translations, with the protected markup restored, and
// nothing else may change.
func TestGettextRoundTrip(t *testing.T) {
	needTool(t, "msgen", "msgfilter", "msgcat", "msgfmt")
	dir := exampleProject(t)
	before := readTree(t, dir)
	p := loadProject(t, dir)
	fr := language.Make("fr")

	work := t.TempDir()
	exported := filepath.Join(work, "fr.po")
	healthloc(t, dir, "export", "-l", "fr", "-o", work)
	filled := filepath.Join(work, "filled.po")
	tool(t, "msgen", "-o", filled, exported)
	translated := filepath.Join(work, "translated.po")
	tool(t, "msgfilter", "--keep-header", "-i", filled, "-o", translated, "sed", "-e", "s/^/[fr] /")
	sorted := filepath.Join(work, "sorted.po")
	tool(t, "msgcat", "--sort-output", "-o", sorted, translated)
	tool(t, "msgfmt", "--check", "-o", os.DevNull, sorted)

	out := healthloc(t, dir, "import", sorted)
	var want struct{ imported, stale int }
	for _, d := range p.Docs {
		seen := map[string]bool{}
		for _, id := range d.IDs {
			if seen[id] {
				continue
			}
			seen[id] = true
			if st, _ := p.Lookup(fr, d, id); st == project.Stale {
				want.stale++
			} else {
				want.imported++
			}
		}
	}
	// the fuzzy (stale) entries msgfilter changed but left fuzzy are
	// candidates for review, never served
	summary := regexp.MustCompile(`(?m)^(\d+) imported, 0 unchanged, 0 conflicts, 0 stale, (\d+) candidates for review \((\d+) left unfinished.*\), 0 skipped$`).FindStringSubmatch(out)
	if summary == nil || summary[1] != strconv.Itoa(want.imported) || summary[2] != strconv.Itoa(want.stale) || summary[3] != summary[2] {
		t.Fatalf("import report:\n%s\nwant %d imported and the %d fuzzy entries kept as candidates", out, want.imported, want.stale)
	}

	after := loadProject(t, dir)
	for _, d := range p.Docs {
		for i, id := range d.IDs {
			st, old := p.Lookup(fr, d, id)
			got := after.Catalog(fr, d.Slug).Messages[id]
			switch st {
			case project.Stale:
				if got != p.Catalog(fr, d.Slug).Messages[id] {
					t.Errorf("%s: the fuzzy entry changed the catalog: %+v", id, got)
				}
				if st, text := after.Lookup(fr, d, id); st != project.Candidate || text != prefixLines(old) {
					t.Errorf("%s: %s %q, want the fuzzy entry as a candidate", id, st, text)
				}
			case project.Missing:
				if want := prefixLines(d.Segments[i].Text); got.Other != want {
					t.Errorf("%s = %q, want %q", id, got.Other, want)
				}
			default:
				if want := prefixLines(old); got.Other != want {
					t.Errorf("%s = %q, want %q", id, got.Other, want)
				}
			}
			if st != project.Stale && got.Hash != d.Source.Messages[id].Hash {
				t.Errorf("%s: hash %s, want the source's %s", id, got.Hash, d.Source.Messages[id].Hash)
			}
		}
	}
	for name, data := range readTree(t, dir) {
		if strings.HasPrefix(name, "locales/fr/") || strings.HasPrefix(name, "workarea/fr/") || strings.HasPrefix(name, cache.Dir+"/") {
			continue // the cache is no project data: see package cache
		}
		if before[name] != data {
			t.Errorf("%s changed", name)
		}
	}
}

// TestTranslateToolkitRoundTrip converts our files with translate-toolkit
// (PO → po2xliff → XLIFF, XLIFF 1.2 → xliff2po → PO) and checks that the
// converted file imports with the same result as the original.
func TestTranslateToolkitRoundTrip(t *testing.T) {
	needTool(t, "msgen", "msgfilter", "po2xliff", "xliff2po")
	work := t.TempDir()

	// a translated PO, and po2xliff's XLIFF of it
	src := exampleProject(t)
	healthloc(t, src, "export", "-l", "fr", "-o", work)
	tool(t, "msgen", "-o", filepath.Join(work, "filled.po"), filepath.Join(work, "fr.po"))
	tool(t, "msgfilter", "--keep-header", "-i", filepath.Join(work, "filled.po"), "-o", filepath.Join(work, "tr.po"), "sed", "-e", "s/^/[fr] /")
	tool(t, "po2xliff", "--progress=none", filepath.Join(work, "tr.po"), filepath.Join(work, "tr.xlf"))
	direct, converted := exampleProject(t), exampleProject(t)
	rd := healthloc(t, direct, "import", filepath.Join(work, "tr.po"))
	rc := healthloc(t, converted, "import", "--locale", "fr", filepath.Join(work, "tr.xlf"))
	sameImport(t, "po2xliff", direct, converted, rd, rc)
	t.Logf("po2xliff: %s / %s", reportLine.FindString(rd), reportLine.FindString(rc))
	if !strings.Contains(rd, "0 conflicts") || regexp.MustCompile(`(?m)^0 imported`).MatchString(rd) || !strings.HasSuffix(reportLine.FindString(rc), " 0 skipped") {
		t.Fatalf("PO import imported nothing, or not cleanly:\n%s", rc)
	}

	// a translated XLIFF 1.2, and xliff2po's PO of it
	xlf := filepath.Join(work, "xlf")
	healthloc(t, exampleProject(t), "export", "-l", "fr", "-f", "xliff12", "-o", xlf)
	data, err := os.ReadFile(filepath.Join(xlf, "fr.xlf"))
	if err != nil {
		t.Fatal(err)
	}
	missing := regexp.MustCompile(`(?s)approved="no"( xml:space="preserve">\s*<source>)(.*?)(</source>\s*)<target state="needs-translation"></target>`)
	units := bytes.Split(data, []byte("<trans-unit "))
	for i := range units {
		units[i] = missing.ReplaceAll(units[i], []byte(`approved="yes"$1$2$3<target state="translated">[fr] $2</target>`))
	}
	data = bytes.Join(units, []byte("<trans-unit "))
	if err := os.WriteFile(filepath.Join(xlf, "tr.xlf"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	tool(t, "xliff2po", "--progress=none", filepath.Join(xlf, "tr.xlf"), filepath.Join(xlf, "tr.po"))
	direct, converted = exampleProject(t), exampleProject(t)
	rd = healthloc(t, direct, "import", filepath.Join(xlf, "tr.xlf"))
	rc = healthloc(t, converted, "import", "--locale", "fr", filepath.Join(xlf, "tr.po"))
	sameImport(t, "xliff2po", direct, converted, rd, rc)
	t.Logf("xliff2po: %s / %s", reportLine.FindString(rd), reportLine.FindString(rc))
	if !strings.Contains(rd, "0 conflicts") || regexp.MustCompile(`(?m)^0 imported`).MatchString(rd) || !strings.HasSuffix(reportLine.FindString(rc), " 0 skipped") {
		t.Fatalf("XLIFF import imported nothing, or not cleanly:\n%s", rc)
	}
}

var reportLine = regexp.MustCompile(`(?m)^\d+ imported, .*$`)

// sameImport checks that two projects hold the same catalogs and that
// the two imports reported the same counts.
func sameImport(t *testing.T, what, a, b, ra, rb string) {
	t.Helper()
	if x, y := reportLine.FindString(ra), reportLine.FindString(rb); x != y || x == "" {
		t.Errorf("%s: original import %q, converted import %q", what, x, y)
	}
	ta, tb := readTree(t, filepath.Join(a, "locales")), readTree(t, filepath.Join(b, "locales"))
	for name, data := range ta {
		if tb[name] != data {
			t.Errorf("%s: %s differs between the original and the converted import", what, name)
		}
	}
	if len(ta) != len(tb) {
		t.Errorf("%s: %d catalog files vs %d", what, len(ta), len(tb))
	}
}

// TestExportTMX checks the exported memory with xmllint (well-formed) and
// counts its units: exactly the translated messages.
func TestExportTMX(t *testing.T) {
	needTool(t, "xmllint")
	dir := exampleProject(t)
	work := t.TempDir()
	healthloc(t, dir, "export", "-f", "tmx", "-l", "fr", "-o", work)
	file := filepath.Join(work, "fr.tmx")
	tool(t, "xmllint", "--noout", "--nonet", file)
	tus := tool(t, "xmllint", "--xpath", "count(/tmx/body/tu[count(tuv)=2])", file)
	rep := status.Compute(loadProject(t, dir), []language.Tag{language.Make("fr")}, false)
	// the content's and the page text's
	n := rep.Locales[0].Translated.Messages + rep.Locales[0].UI.Translated.Messages
	if got, want := strings.TrimSpace(tus), strconv.Itoa(n); got != want {
		t.Errorf("the memory has %s translation units, status %s translated messages", got, want)
	}
}

// TestAlignEncoding seeds from a translation saved in Windows-1252, read
// with --encoding.
func TestAlignEncoding(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"healthloc.toml":   "source_locale = \"en\"\nlocales = [\"es\"]\n",
		"content/guide.md": "# Fever guide\n\nDrink plenty of water.\n",
		// "Guía de la fiebre" and "Beba mucha agua, señor." in Windows-1252
		"es/guide.md": "# Gu\xeda de la fiebre\n\nBeba mucha agua, se\xf1or.\n",
	})
	args := []string{"align", "--locale", "es", "--trust", filepath.Join(dir, "content/guide.md"), filepath.Join(dir, "es/guide.md")}
	if code, _, errOut := runIn(dir, args...); code != exitFailure || !strings.Contains(errOut, "es/guide.md") {
		t.Fatalf("without --encoding: exit %d, %s", code, errOut)
	}
	got := healthloc(t, dir, append([]string{"--encoding", "windows-1252"}, args...)...)
	if !strings.Contains(got, "2 imported") {
		t.Fatalf("align: %s", got)
	}
	data, err := os.ReadFile(filepath.Join(dir, "locales", "es", "guide.es.toml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`other = "Guía de la fiebre"`, `other = "Beba mucha agua, señor."`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("catalog lacks %s:\n%s", want, data)
		}
	}
}
