package qa

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	gtext "github.com/yuin/goldmark/text"
)

// inline is what the markup check compares in a Markdown text.
type inline struct {
	emph   [3]int // by level
	images int
	code   []string
}

var md = goldmark.New()

func parseInline(s string) inline {
	src := []byte(s)
	doc := md.Parser().Parse(gtext.NewReader(src))
	var in inline
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Emphasis:
			if n.Level >= 1 && n.Level <= 2 {
				in.emph[n.Level]++
			}
		case *ast.Image:
			in.images++
		case *ast.CodeSpan:
			var b bytes.Buffer
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					b.Write(t.Segment.Value(src))
				}
			}
			in.code = append(in.code, b.String())
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return in
}

// markup checks that inline code is unchanged, emphasis and images are
// balanced as in the source, and that no raw HTML is introduced.
func (c *pairCheck) markup() []Issue {
	var out []Issue
	if c.pr.Markdown && (mayBeInline(c.pr.Source) || mayBeInline(c.pr.Translation)) {
		a, b := parseInline(c.pr.Source), parseInline(c.pr.Translation)
		if a.emph != b.emph {
			out = append(out, Issue{Check: CheckMarkup, Severity: Error, Message: fmt.Sprintf(
				"emphasis differs: the source has %d emphasized and %d strong spans, the translation %d and %d (an unclosed * or _?)",
				a.emph[1], a.emph[2], b.emph[1], b.emph[2])})
		}
		if a.images != b.images {
			out = append(out, Issue{Check: CheckMarkup, Severity: Error, Message: fmt.Sprintf(
				"images differ: %d in the source, %d in the translation", a.images, b.images)})
		}
		if lost, added := diffMultiset(a.code, b.code); len(lost)+len(added) > 0 {
			out = append(out, Issue{Check: CheckMarkup, Severity: Error, Message: fmt.Sprintf(
				"inline code must stay as written: source has %s, translation has %s", quoteList(a.code), quoteList(b.code)),
				TranslationSpans: findAll(c.pr.Translation, codeSpanRe)})
		}
	}
	if c.pr.HTMLTags {
		src, tr := numberedTags(c.pr.Source), numberedTags(c.pr.Translation)
		// a tag is its number and form; its title attribute is translated
		if lost, added := diffMultiset(tagKeys(c.pr.Source, src), tagKeys(c.pr.Translation, tr)); len(lost)+len(added) > 0 {
			msg := "inline tags must all be kept, each once"
			if len(lost) > 0 {
				msg += "; missing: " + strings.Join(lost, " ")
			}
			if len(added) > 0 {
				msg += "; not in the source: " + strings.Join(added, " ")
			}
			out = append(out, Issue{Check: CheckMarkup, Severity: Error, Message: msg, SourceSpans: src, TranslationSpans: tr})
		}
	}
	if !strings.Contains(c.pr.Translation, "<") {
		return out // no tag can be introduced
	}
	srcTags := htmlTags(c.pr.Source, c.pr.Markdown)
	trTags := htmlTags(c.pr.Translation, c.pr.Markdown)
	if _, added := diffMultiset(tagTexts(c.pr.Source, srcTags), tagTexts(c.pr.Translation, trTags)); len(added) > 0 {
		iss := Issue{Check: CheckMarkup, Severity: Error, Message: "raw HTML introduced: " + strings.Join(added, " ")}
		for _, sp := range trTags {
			for _, a := range added {
				if c.pr.Translation[sp.Start:sp.End] == a {
					iss.TranslationSpans = append(iss.TranslationSpans, sp)
					break
				}
			}
		}
		out = append(out, iss)
	}
	return out
}

// mayBeInline reports whether a text may hold emphasis, an image or
// inline code: without "*", "_", "!" or "`" goldmark finds none.
func mayBeInline(s string) bool { return strings.ContainsAny(s, "*_!`") }

// htmlTags finds HTML tags outside inline code.
func htmlTags(s string, markdown bool) []Span {
	var code []Span
	if markdown {
		code = findAll(s, codeSpanRe)
	}
	var out []Span
outer:
	for _, m := range htmlTagRe.FindAllStringIndex(s, -1) {
		for _, cs := range code {
			if m[0] >= cs.Start && m[1] <= cs.End {
				continue outer
			}
		}
		out = append(out, Span{m[0], m[1]})
	}
	return out
}

func tagTexts(s string, spans []Span) []string {
	out := make([]string, len(spans))
	for k, sp := range spans {
		out[k] = phoneHrefRe.ReplaceAllStringFunc(s[sp.Start:sp.End], func(m string) string {
			at := strings.IndexAny(m, "tTsS")
			if key, ok := phoneKey(m[at:]); ok {
				return m[:at] + key
			}
			return m
		})
	}
	return out
}

// phoneHrefRe finds a tel: or sms: href in a raw tag, whose number is
// compared as a number is (see phoneKey), not as written.
var phoneHrefRe = regexp.MustCompile(`(?i)href\s*=\s*["']?(?:tel|sms):[^"'\s>]*`)

func findAll(s string, re *regexp.Regexp) []Span {
	var out []Span
	for _, m := range re.FindAllStringIndex(s, -1) {
		out = append(out, Span{m[0], m[1]})
	}
	return out
}

// diffMultiset returns what a has that b lacks and what b adds.
func diffMultiset(a, b []string) (lost, added []string) {
	count := map[string]int{}
	for _, s := range a {
		count[s]++
	}
	for _, s := range b {
		if count[s] > 0 {
			count[s]--
		} else {
			added = append(added, s)
		}
	}
	for _, s := range a {
		if count[s] > 0 {
			count[s]--
			lost = append(lost, s)
		}
	}
	return lost, added
}

func quoteList(ss []string) string {
	if len(ss) == 0 {
		return "none"
	}
	q := make([]string, len(ss))
	for k, s := range ss {
		q[k] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

// placeholders checks that {{.Name}}, %s and {0} style placeholders
// survive.
func (c *pairCheck) placeholders() []Issue {
	get := func(s string) ([]string, []Span) {
		var vals []string
		var spans []Span
		for _, m := range placeholderRe.FindAllStringSubmatchIndex(s, -1) {
			a, b := m[0], m[1]
			if m[2] >= 0 {
				a, b = m[2], m[3]
			}
			vals = append(vals, s[a:b])
			spans = append(spans, Span{a, b})
		}
		return vals, spans
	}
	if !strings.ContainsAny(c.pr.Source, "{%") && !strings.ContainsAny(c.pr.Translation, "{%") {
		return nil
	}
	sv, ss := get(c.pr.Source)
	tv, ts := get(c.pr.Translation)
	lost, added := diffMultiset(sv, tv)
	if len(lost)+len(added) == 0 {
		return nil
	}
	return []Issue{{Check: CheckPlaceholders, Severity: Error, Message: "placeholders differ: " + lacksAdds(lost, added, " ", "adds"),
		SourceSpans: ss, TranslationSpans: ts}}
}

// numberedTagRe is a numbered inline tag of an HTML segment, as
// internal/content writes them.
var numberedTagRe = regexp.MustCompile(`<(/?)([0-9]{1,4})((?:\s+[A-Za-z][A-Za-z-]*\s*=\s*"[^"<>]*")*)\s*(/?)>`)

// numberedTags finds the numbered inline tags of s.
func numberedTags(s string) []Span {
	var out []Span
	for _, m := range numberedTagRe.FindAllStringIndex(s, -1) {
		out = append(out, Span{m[0], m[1]})
	}
	return out
}

// tagKeys names each numbered tag by its form alone: <1>, </1> or <1/>.
func tagKeys(s string, spans []Span) []string {
	keys := make([]string, len(spans))
	for i, sp := range spans {
		m := numberedTagRe.FindStringSubmatch(s[sp.Start:sp.End])
		keys[i] = "<" + m[1] + m[2] + m[4] + ">"
	}
	return keys
}
