package content

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// splitFrontMatter finds a YAML front-matter block: a "---" line at byte
// 0, then the YAML, then a closing "---" (or "...") line. It returns the
// YAML byte range and the offset of the body. A "---" without a closing
// line is not front matter: it is an ordinary thematic break.
func splitFrontMatter(src []byte) (yamlStart, yamlEnd, body int, ok bool) {
	if !bytes.HasPrefix(src, []byte("---")) {
		return 0, 0, 0, false
	}
	first := lineEnd(src, 0)
	if strings.TrimRight(string(src[3:first]), " \t") != "" || first == len(src) {
		return 0, 0, 0, false
	}
	yamlStart = first + 1
	if src[first] == '\r' {
		yamlStart++
	}
	for ls := yamlStart; ls < len(src); {
		le := lineEnd(src, ls)
		line := strings.TrimRight(string(src[ls:le]), " \t")
		next := len(src)
		if i := bytes.IndexByte(src[le:], '\n'); i >= 0 {
			next = le + i + 1
		}
		if line == "---" || line == "..." {
			return yamlStart, ls, next, true
		}
		ls = next
	}
	return 0, 0, 0, false
}

// frontMatterError keeps the YAML error for errors.Is/As while the message
// carries the file's line instead of the YAML block's line.
type frontMatterError struct {
	msg string
	err error
	// notYAML says why the block is not front matter, when it may be
	// Markdown instead.
	notYAML string
}

func (e *frontMatterError) Error() string { return e.msg }
func (e *frontMatterError) Unwrap() error { return e.err }

var yamlLineRe = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parseFrontMatter emits the segments of the translatable keys and sets
// BodyStart. Only top-level keys of a mapping are looked at. A block that
// is not a mapping is an error with FrontMatterYAML; by default the file
// is then read as Markdown, as CommonMark does, with a warning.
func (p *docParser) parseFrontMatter() error {
	src := p.doc.Src
	if p.opts.FrontMatter == FrontMatterNone {
		return nil
	}
	ys, ye, body, ok := splitFrontMatter(src)
	if !ok {
		return nil
	}
	err := p.frontMatter(ys, ye)
	var fe *frontMatterError
	if p.opts.FrontMatter == FrontMatterAuto && errors.As(err, &fe) && fe.notYAML != "" {
		p.doc.Segments = p.doc.Segments[:0]
		p.doc.dashesRead = true
		p.doc.Warnings = append(p.doc.Warnings, fmt.Sprintf(
			"%s:1: the block between the \"---\" lines is not YAML front matter (%s): read as Markdown, as CommonMark does; "+
				"front_matter = \"yaml\" or \"none\" in healthloc.toml makes the choice explicit", p.doc.Path, fe.notYAML))
		return nil
	}
	if err == nil {
		p.doc.BodyStart = body
	}
	return err
}

// frontMatter reads the YAML between ys and ye.
func (p *docParser) frontMatter(ys, ye int) error {
	src := p.doc.Src
	firstLine := p.lines.line(ys) // file line of YAML line 1
	// YAML also breaks lines at a lone "\r", which the line index here
	// does not: positions would be wrong, so such a file is refused.
	if i := bareCR(src[ys:ye]); i >= 0 {
		return &frontMatterError{msg: p.doc.Path + ":" + strconv.Itoa(p.lines.line(ys+i)) +
			": front matter: carriage return without line feed; use LF or CRLF line endings"}
	}
	var root yaml.Node
	if err := yaml.Unmarshal(src[ys:ye], &root); err != nil {
		line, msg := 1, strings.TrimPrefix(err.Error(), "yaml: ")
		if m := yamlLineRe.FindStringSubmatch(err.Error()); m != nil {
			n, _ := strconv.Atoi(m[1])
			line, msg = firstLine+n-1, m[2]
		}
		return &frontMatterError{
			msg:     p.doc.Path + ":" + strconv.Itoa(line) + ": front matter: " + msg,
			err:     err,
			notYAML: fmt.Sprintf("line %d: %s", line, msg),
		}
	}
	if len(root.Content) == 0 {
		return nil // empty front matter
	}
	m := root.Content[0]
	if m.Kind != yaml.MappingNode {
		what := "a list"
		if m.Kind == yaml.ScalarNode {
			what = "a single value"
		}
		return &frontMatterError{
			msg:     p.doc.Path + ":" + strconv.Itoa(firstLine+m.Line-1) + ": front matter: not a mapping of keys to values",
			notYAML: what + ", not keys and values",
		}
	}
	want := make(map[string]bool, len(p.opts.FrontMatterKeys))
	for _, k := range p.opts.FrontMatterKeys {
		want[k] = true
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		// An anchored value may be used again through an alias:
		// replacing it would drop the anchor and break the alias.
		if !want[k.Value] || v.Kind != yaml.ScalarNode || v.Tag != "!!str" || v.Anchor != "" ||
			strings.TrimSpace(v.Value) == "" {
			continue
		}
		start, end := p.scalarRange(k, v, firstLine, ye)
		kind := KindParagraph
		switch k.Value {
		case "title":
			kind = KindTitle
		case "description":
			kind = KindDescription
		}
		p.add(Segment{Kind: kind, Text: v.Value, Start: start, End: end, Syntax: SyntaxYAML})
	}
	return nil
}

// scalarRange finds the bytes of scalar v as written, quotes included.
// yaml.v3 gives only a line and a column counted in characters, so the end
// is found by scanning: exactly for quoted and single-line plain scalars,
// and for anything else (block scalars, multi-line values, tags) as the
// whole value up to the next line indented no deeper than the key.
func (p *docParser) scalarRange(k, v *yaml.Node, firstLine, yamlEnd int) (int, int) {
	src := p.doc.Src
	ls := p.lines[firstLine+v.Line-2]
	le := lineEnd(src, ls)
	start := ls
	for col := 1; col < v.Column && start < le; col++ {
		_, size := utf8.DecodeRune(src[start:le])
		start += size
	}
	switch v.Style {
	// A quoted scalar ends at its closing quote, on this line or a
	// later one.
	case yaml.DoubleQuotedStyle:
		if src[start] == '"' {
			for j := start + 1; j < yamlEnd; j++ {
				if src[j] == '\\' {
					j++
				} else if src[j] == '"' {
					return start, j + 1
				}
			}
		}
	case yaml.SingleQuotedStyle:
		if src[start] == '\'' {
			for j := start + 1; j < yamlEnd; j++ {
				if src[j] == '\'' {
					if j+1 < yamlEnd && src[j+1] == '\'' {
						j++
						continue
					}
					return start, j + 1
				}
			}
		}
	case 0:
		if bytes.HasPrefix(src[start:le], []byte(v.Value)) {
			return start, start + len(v.Value)
		}
	}
	// The value runs on while lines are blank or indented deeper than
	// the key.
	keyIndent := k.Column - 1
	end := trimRight(src, start, le)
	for l := firstLine + v.Line - 1; l < len(p.lines) && p.lines[l] < yamlEnd; l++ {
		a := p.lines[l]
		b := lineEnd(src, a)
		c := trimLeft(src, a, b)
		if c == b {
			continue
		}
		if c-a <= keyIndent {
			break
		}
		end = trimRight(src, a, b)
	}
	return start, end
}

// takenAsFrontMatter reports whether FrontMatterAuto reads src's leading
// "---" block as front matter (or refuses it), rather than as Markdown.
func takenAsFrontMatter(src []byte) bool {
	ys, ye, _, ok := splitFrontMatter(src)
	if !ok {
		return false
	}
	if bareCR(src[ys:ye]) >= 0 {
		return true
	}
	var root yaml.Node
	if yaml.Unmarshal(src[ys:ye], &root) != nil {
		return false
	}
	return len(root.Content) == 0 || root.Content[0].Kind == yaml.MappingNode
}

// bareCR returns the offset of the first "\r" not followed by "\n", or -1.
func bareCR(b []byte) int {
	for i, c := range b {
		if c == '\r' && (i+1 == len(b) || b[i+1] != '\n') {
			return i
		}
	}
	return -1
}

// flowFrontMatter reports whether the front matter of src is a flow
// mapping ("{title: x}"): its first token, after blank and comment lines,
// is "{".
func flowFrontMatter(src []byte) bool {
	ys, ye, _, ok := splitFrontMatter(src)
	if !ok {
		return false
	}
	for l := range strings.SplitSeq(string(src[ys:ye]), "\n") {
		l = strings.TrimSpace(l)
		if l != "" && l[0] != '#' {
			return l[0] == '{'
		}
	}
	return false
}

// yamlScalar writes s as a YAML scalar for the position of a value in a
// block mapping: plain when that reads back as the same string, otherwise
// double-quoted.
func yamlScalar(s string) string {
	if yamlPlainSafe(s) {
		return s
	}
	return yamlQuote(s)
}

func yamlPlainSafe(s string) bool {
	if s == "" || s != strings.TrimSpace(s) || strings.ContainsAny(s[:1], "-?:,[]{}#&*!|>'\"%@`") ||
		strings.Contains(s, ": ") || strings.Contains(s, " #") || strings.HasSuffix(s, ":") {
		return false
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r == 0x85 || r == 0x2028 || r == 0x2029 || r == 0xfeff || r == utf8.RuneError {
			return false
		}
	}
	// YAML 1.1 readers (many site generators) take "yes", "off" or "y"
	// as booleans, and numbers come in more forms than YAML 1.2 knows:
	// quote all of those.
	switch strings.ToLower(s) {
	case "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~":
		return false
	}
	if strings.ContainsAny(s[:1], "0123456789+.") {
		return false
	}
	// The last word goes to yaml.v3 itself: anything it would not read
	// back as the same string is quoted.
	var n yaml.Node
	if err := yaml.Unmarshal([]byte("k: "+s), &n); err != nil || len(n.Content) == 0 ||
		len(n.Content[0].Content) != 2 {
		return false
	}
	v := n.Content[0].Content[1]
	return v.Kind == yaml.ScalarNode && v.Tag == "!!str" && v.Value == s
}

// yamlQuote writes a YAML double-quoted scalar on one line.
func yamlQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case 0x85:
			b.WriteString(`\N`)
		case 0x2028:
			b.WriteString(`\L`)
		case 0x2029:
			b.WriteString(`\P`)
		case 0xfeff:
			b.WriteString(`\uFEFF`)
		case 0xfffe, 0xffff:
			// Not printable to YAML, and too big for \x.
			b.WriteString(`\u`)
			b.WriteString(strings.ToUpper(strconv.FormatInt(int64(r), 16)))
		default:
			// C0 and C1 controls: yaml.v3 refuses them written raw.
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) {
				b.WriteString(`\x`)
				b.WriteString(strconv.FormatInt(int64(r)+0x100, 16)[1:])
				continue
			}
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
