package cli

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/tmx"
)

// omegatProject is an OmegaT 3.6 project folder: source/ holds the files
// to translate, tm/auto/ the memories OmegaT fills from, target/ what it
// writes.
const omegatProject = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <source_dir_excludes/>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>en</source_lang>
    <target_lang>fr</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneFrenchTokenizer</target_tok>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
`

// omegat runs OmegaT headless on a project folder.
func omegat(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("omegat", append([]string{dir}, args...)...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	// a JVM with no display; OmegaT keeps its settings in the home folder
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir(), "DISPLAY=", "JAVA_TOOL_OPTIONS=-Djava.awt.headless=true")
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil || !strings.Contains(out.String(), "Finished") {
			t.Fatalf("omegat %s: %v\n%s", strings.Join(args, " "), err, out.String())
		}
	case <-time.After(3 * time.Minute):
		cmd.Process.Kill()
		t.Fatalf("omegat %s: still running after 3 minutes\n%s", strings.Join(args, " "), out.String())
	}
}

// TestOmegaTRoundTrip hands the French missing messages of the example
// project to OmegaT 3.6 (Debian's omegat, headless) as PO and as XLIFF 1.2
// (--copy-source: OmegaT translates targets, never an empty one), with a
// memory in tm/auto that holds a translation of every segment as OmegaT
// sees it. Every entry OmegaT fills must come back: from PO as
// translations, from XLIFF 1.2, whose states OmegaT leaves at
// needs-translation, as candidates for review (or translated with
// --accept-states), each with every placeholder in place.
func TestOmegaTRoundTrip(t *testing.T) {
	needTool(t, "omegat")
	src := exampleProject(t)
	work := t.TempDir()
	proj := filepath.Join(work, "proj")
	for _, d := range []string{"source", "target", "tm/auto", "omegat", "dictionary", "glossary"} {
		if err := os.MkdirAll(filepath.Join(proj, filepath.FromSlash(d)), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(proj, "omegat.project"), []byte(omegatProject), 0o644); err != nil {
		t.Fatal(err)
	}
	healthloc(t, src, "export", "-l", "fr", "--only", "missing", "-o", filepath.Join(proj, "source"))
	healthloc(t, src, "export", "-l", "fr", "--only", "missing", "-f", "xliff12", "--copy-source", "-o", filepath.Join(proj, "source"))

	// What OmegaT sees of each segment, tags and all, from its own
	// pseudo-translation memory; the agency's memory translates each.
	pseudo := filepath.Join(work, "pseudo.tmx")
	omegat(t, proj, "--mode=console-createpseudotranslatetmx", "--pseudotranslatetmx="+pseudo, "--pseudotranslatetype=equal")
	data, err := os.ReadFile(pseudo)
	if err != nil {
		t.Fatal(err)
	}
	m, err := tmx.Parse(pseudo, data)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<tmx version="1.4"><header creationtool="agency" segtype="paragraph" o-tmf="x" adminlang="en" srclang="en" datatype="plaintext"/><body>` + "\n")
	for _, tu := range m.Units {
		s := tu.Vars[0].Text
		if strings.Contains(s, "Project-Id-Version") {
			continue // the PO header
		}
		fmt.Fprintf(&b, "<tu><tuv xml:lang=\"en\"><seg>%s</seg></tuv><tuv xml:lang=\"fr\"><seg>%s</seg></tuv></tu>\n", xmlText(s), xmlText("[fr] "+s))
	}
	b.WriteString("</body></tmx>\n")
	if err := os.WriteFile(filepath.Join(proj, "tm", "auto", "agency.tmx"), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	omegat(t, proj, "--mode=console-translate")

	p := loadProject(t, src)
	fr := language.French
	want := map[string]string{} // the missing messages: ID → what OmegaT should give
	for _, d := range p.Docs {
		for i, id := range d.IDs {
			if st, _ := p.Lookup(fr, d, id); st == project.Missing && !d.IsUI() {
				want[id] = "[fr] " + d.Segments[i].Text
			}
		}
	}
	if len(want) < 50 {
		t.Fatalf("only %d missing French messages in the example", len(want))
	}

	// PO: every filled entry is imported, with its markup restored
	po := filepath.Join(proj, "target", "fr.po")
	filled := countFilled(t, po)
	if filled != len(want) {
		t.Errorf("OmegaT filled %d of the %d PO entries", filled, len(want))
	}
	dir := exampleProject(t)
	out := healthloc(t, dir, "import", po)
	if !strings.Contains(out, fmt.Sprintf("%d imported, 0 unchanged, 0 conflicts, 0 stale, 0 skipped", filled)) {
		t.Errorf("PO import:\n%s", out)
	}
	checkTexts(t, loadProject(t, dir), want, false)

	// XLIFF 1.2: OmegaT fills the targets and leaves needs-translation:
	// candidates for review, or translations when that state is accepted
	xlf := filepath.Join(proj, "target", "fr.xlf")
	dir = exampleProject(t)
	out = healthloc(t, dir, "import", xlf)
	if !regexp.MustCompile(fmt.Sprintf(`(?m)^0 imported, 0 unchanged, 0 conflicts, 0 stale, %d candidates for review \(%d left unfinished`, len(want), len(want))).MatchString(out) {
		t.Errorf("XLIFF import:\n%s", out)
	}
	checkTexts(t, loadProject(t, dir), want, true)
	dir = exampleProject(t)
	out = healthloc(t, dir, "import", "--accept-states", "needs-translation", xlf)
	if !strings.Contains(out, strconv.Itoa(len(want))+" imported, 0 unchanged, 0 conflicts, 0 stale, 0 skipped") {
		t.Errorf("XLIFF import --accept-states needs-translation:\n%s", out)
	}
	checkTexts(t, loadProject(t, dir), want, false)
}

// checkTexts checks that each message has the text wanted, as a
// translation of the current source (whatever state the checks give it)
// or as a candidate: the source with "[fr] " in front of its words, every
// placeholder in place. (OmegaT leaves the tags that wrap a whole segment
// out of it, so "<1>Contact us</1>" comes back "<1>[fr] Contact us</1>".)
func checkTexts(t *testing.T, p *project.Project, want map[string]string, candidate bool) {
	t.Helper()
	fr := language.French
	for _, d := range p.Docs {
		for _, id := range d.IDs {
			w, ok := want[id]
			if !ok {
				continue
			}
			var text string
			if candidate {
				c := p.WorkflowState(fr).Candidates[id]
				if c.Hash == d.Source.Messages[id].Hash {
					text = c.Other
				}
			} else if c := p.Catalog(fr, d.Slug); c != nil && c.Messages[id].Hash == d.Source.Messages[id].Hash {
				text = c.Messages[id].Other
			}
			if !strings.Contains(text, "[fr] ") || strings.Replace(text, "[fr] ", "", 1) != strings.TrimPrefix(w, "[fr] ") {
				t.Errorf("%s: %q, want %q (candidate: %v)", id, text, w, candidate)
			}
		}
	}
}

// countFilled counts the entries of a PO file with a translation, the
// header left out.
func countFilled(t *testing.T, name string) int {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range strings.Split(string(data), "\n\n") {
		if strings.Contains(e, "\nmsgstr \"\"\n\"") || strings.Contains(e, "msgstr \"") && !strings.Contains(e, "msgstr \"\"") {
			if !strings.Contains(e, "msgid \"\"\nmsgstr") {
				n++
			}
		}
	}
	return n
}

func xmlText(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	return b.String()
}
