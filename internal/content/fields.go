package content

import (
	"bytes"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Field is a top-level string value of a document's YAML front matter.
type Field struct {
	Key   string
	Value string
	// Start and End are the value's bytes in the source, quotes
	// included, so that it can be replaced and every other byte kept.
	Start, End int
}

// FrontMatterFields returns the top-level string values of the front
// matter of a Markdown source src (decoded, without BOM) whose keys are
// in keys, in source order. A source without front matter, or whose front
// matter does not parse as a YAML mapping, has none: Parse reports such
// errors. Values that are anchored, block or flow collections, or not
// strings are left out, because replacing them would change more than
// the value.
func FrontMatterFields(src []byte, keys []string) []Field {
	ys, ye, _, ok := splitFrontMatter(src)
	if !ok || len(keys) == 0 || bareCR(src[ys:ye]) >= 0 || flowFrontMatter(src) {
		return nil
	}
	var root yaml.Node
	if err := yaml.Unmarshal(src[ys:ye], &root); err != nil || len(root.Content) == 0 {
		return nil
	}
	m := root.Content[0]
	if m.Kind != yaml.MappingNode {
		return nil
	}
	p := &docParser{doc: &Document{Src: src}}
	p.lines = newLineIndex(src)
	firstLine := p.lines.line(ys)
	var out []Field
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if !slices.Contains(keys, k.Value) || v.Kind != yaml.ScalarNode || v.Anchor != "" ||
			(v.Tag != "!!str" && v.Tag != "!!bool") {
			continue
		}
		start, end := p.scalarRange(k, v, firstLine, ye)
		out = append(out, Field{Key: k.Value, Value: v.Value, Start: start, End: end})
	}
	return out
}

// ReplaceFields writes each value of repl in place of its field in src,
// quoted as the source quoted it, or where YAML needs it, and keeps every
// other byte. Fields
// must be in source order and not overlap, as FrontMatterFields gives
// them.
func ReplaceFields(src []byte, fields []Field, repl map[string]string) []byte {
	var b bytes.Buffer
	at := 0
	for _, f := range fields {
		v, ok := repl[f.Key]
		if !ok || v == f.Value {
			continue
		}
		b.Write(src[at:f.Start])
		switch {
		case src[f.Start] == '"':
			b.WriteString(yamlQuote(v)) // quoted as the source quoted it
		case src[f.Start] == '\'' && !strings.ContainsAny(v, "\n\r"):
			b.WriteString("'" + strings.ReplaceAll(v, "'", "''") + "'")
		default:
			b.WriteString(yamlScalar(v))
		}
		at = f.End
	}
	if at == 0 {
		return src
	}
	b.Write(src[at:])
	return b.Bytes()
}
