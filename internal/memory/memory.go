// Package memory is the project's translation memory from outside: the
// TMX, PO and XLIFF files an agency, an earlier project or a translator's
// tool delivered (healthloc memory add). It is kept in the work area,
// one file per origin and locale:
//
//	<work_root>/<locale>/memory/<name>.toml
//
// where name is the file's own name (agency-2019.tmx). Extract offers an
// exact match for a message that has no translation as a candidate that
// waits for review, never as a served translation; exports and the
// workspace offer fuzzy matches as suggestions.
//
// Units are stored with their inline codes as "<n/>" placeholders and
// the native codes, when the file gave them, so that a memory made by a
// tool that shows codes its own way still matches.
package memory

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/tomlerr"
)

// Dir is the folder of a locale's memories in the work area.
const Dir = "memory"

// OriginPrefix begins the origin of a candidate a memory proposed:
// "memory: agency-2019.tmx".
const OriginPrefix = project.MemoryOrigin

// Origin is where a memory's units came from.
type Origin struct {
	// Name is the memory's name: the name of the file it was read from,
	// unless given.
	Name string `toml:"name" json:"name"`
	// File is the file as it was named when added; Format its format
	// (tmx, po, xliff12, xliff20).
	File   string `toml:"file" json:"file"`
	Format string `toml:"format" json:"format"`
	// Tool and Date are what the file's header says: the tool that made
	// it and when (TMX creationtool and creationdate, PO X-Generator and
	// PO-Revision-Date, XLIFF 1.2 tool and date). Never the time of the
	// import.
	Tool string `toml:"tool,omitempty" json:"tool,omitempty"`
	Date string `toml:"date,omitempty" json:"date,omitempty"`
	// Language is the target language as the file names it (fr-FR);
	// SourceLanguage its source language.
	Language       string `toml:"language,omitempty" json:"language,omitempty"`
	SourceLanguage string `toml:"source_language,omitempty" json:"source_language,omitempty"`
}

// Unit is a source text and its translation. Placeholders "<n/>" stand
// for Codes[n-1], the native inline code, or a code the file did not
// spell out ("").
type Unit struct {
	Source string   `toml:"source"`
	Target string   `toml:"target"`
	Codes  []string `toml:"codes,omitempty"`
}

// File is one memory file: an origin's units in one locale.
type File struct {
	Origin
	Units []Unit `toml:"unit"`
}

// Path is the project-relative path of a memory in a locale.
func Path(workRoot, locale, name string) string {
	return path.Join(path.Clean(workRoot), locale, Dir, name+".toml")
}

var nameRe = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// NameOf is the memory name of a file: its base name, with what a file
// name should not hold replaced by "-".
func NameOf(file string) string {
	base := path.Base(strings.ReplaceAll(file, `\`, "/"))
	n := strings.Trim(nameRe.ReplaceAllString(base, "-"), "-.")
	if n == "" {
		n = "memory"
	}
	return n
}

// ValidName reports whether name can name a memory.
func ValidName(name string) bool {
	return name != "" && !nameRe.MatchString(name) && !strings.HasPrefix(name, ".")
}

// Parse decodes a memory file read from path.
func Parse(path string, data []byte) (*File, error) {
	if f, ok := parseCanonical(data); ok && f.Name != "" {
		return f, nil
	}
	f := &File{}
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(f)
	if err != nil {
		return nil, tomlerr.Wrap(path, data, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return nil, fmt.Errorf("%s: unknown key %q", path, und[0].String())
	}
	if f.Name == "" {
		return nil, fmt.Errorf("%s: no name", path)
	}
	return f, nil
}

// Marshal encodes f deterministically, its units in the order given (Add
// sorts them), with no timestamp of its own.
func (f *File) Marshal() []byte {
	var b bytes.Buffer
	q := catalog.Quote
	b.WriteString("# A translation memory from outside the project (healthloc memory add).\n")
	b.WriteString("# Extract proposes its exact matches as candidates for review.\n")
	fmt.Fprintf(&b, "name = %s\nfile = %s\nformat = %s\n", q(f.Name), q(f.File), q(f.Format))
	for _, kv := range [][2]string{{"tool", f.Tool}, {"date", f.Date}, {"language", f.Language}, {"source_language", f.SourceLanguage}} {
		if kv[1] != "" {
			fmt.Fprintf(&b, "%s = %s\n", kv[0], q(kv[1]))
		}
	}
	for _, u := range f.Units {
		fmt.Fprintf(&b, "\n[[unit]]\nsource = %s\ntarget = %s\n", q(u.Source), q(u.Target))
		if len(u.Codes) > 0 {
			parts := make([]string, len(u.Codes))
			for i, c := range u.Codes {
				parts[i] = q(c)
			}
			fmt.Fprintf(&b, "codes = [%s]\n", strings.Join(parts, ", "))
		}
	}
	return b.Bytes()
}
