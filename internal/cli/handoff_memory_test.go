package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/project"
)

// TestExportSuggestionsSchemas gives the example project a memory of
// sentences like its missing French ones, and validates the exports that
// carry its suggestions (XLIFF 1.2 alt-trans, XLIFF 2.0 mtc:matches), and
// the --copy-source ones, against the official schemas.
func TestExportSuggestionsSchemas(t *testing.T) {
	needTool(t, "xmllint")
	sch := schemas(t)
	dir := exampleProject(t)
	p := loadProject(t, dir)
	var b bytes.Buffer
	b.WriteString(`<tmx version="1.4"><header creationtool="agency" srclang="en" segtype="paragraph" o-tmf="x" adminlang="en" datatype="plaintext"/><body>` + "\n")
	n := 0
	for _, d := range p.Docs {
		for i, id := range d.IDs {
			text := d.Segments[i].Text
			if st, _ := p.Lookup(language.French, d, id); st != project.Missing || d.IsUI() || len(strings.Fields(text)) < 8 {
				continue
			}
			words := strings.Fields(text)
			words[len(words)/2] = "quite"
			like := strings.Join(words, " ")
			fmt.Fprintf(&b, "<tu><tuv xml:lang=\"en-GB\"><seg>%s</seg></tuv><tuv xml:lang=\"fr-FR\"><seg>%s</seg></tuv></tu>\n", xmlText(like), xmlText("[fr] "+like))
			n++
		}
	}
	b.WriteString("</body></tmx>\n")
	if n < 10 {
		t.Fatalf("only %d long missing French sentences in the example", n)
	}
	tm := filepath.Join(t.TempDir(), "agency.tmx")
	if err := os.WriteFile(tm, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	healthloc(t, dir, "memory", "add", tm)
	for _, c := range []struct{ format, ext, xsd string }{
		{"xliff12", ".xlf", filepath.Join(sch, "xliff-1.2", "xliff-core-1.2-strict.xsd")},
		{"xliff20", ".xliff", filepath.Join(sch, "xliff-2.0", "modules", "matches.xsd")},
	} {
		for _, copySource := range []bool{false, true} {
			out := filepath.Join(dir, c.format, fmt.Sprint(copySource))
			args := []string{"export", "-l", "fr", "-f", c.format, "-o", out}
			if copySource {
				args = append(args, "--copy-source")
			}
			healthloc(t, dir, args...)
			file := filepath.Join(out, "fr"+c.ext)
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			mark := "<alt-trans "
			if c.format == "xliff20" {
				mark = "<mtc:match "
			}
			if got := bytes.Count(data, []byte(mark)); got < n {
				t.Errorf("%s: %d suggestions, want one for each of the %d similar sentences", file, got, n)
			}
			tool(t, "xmllint", "--noout", "--nonet", "--schema", c.xsd, file)
		}
	}
}
