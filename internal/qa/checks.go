package qa

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	gtext "github.com/yuin/goldmark/text"

	"github.com/healthloc/healthloc/internal/pseudo"
)

var (
	mdLinkRe = regexp.MustCompile(`(!?)\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?([^)\s>]*)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)`)
)

// link is one link destination and where it is. In Markdown a bare URL
// is not a link (the renderer does not linkify), so it is kept apart.
type link struct {
	dest string
	span Span
	bare bool
}

// links lists the link destinations of a text: Markdown links (not
// images), autolinks, bare URLs and e-mail addresses.
func links(s string, markdown bool) []link {
	var out []link
	taken := make([]bool, len(s))
	mark := func(a, b int) {
		for k := a; k < b; k++ {
			taken[k] = true
		}
	}
	if markdown {
		for _, m := range mdLinkRe.FindAllStringSubmatchIndex(s, -1) {
			mark(m[0], m[1])
			if m[3] > m[2] {
				continue // an image: the markup check counts those
			}
			out = append(out, link{dest: s[m[4]:m[5]], span: Span{m[0], m[1]}})
		}
	}
	for _, m := range autolinkRe.FindAllStringIndex(s, -1) {
		if taken[m[0]] {
			continue
		}
		mark(m[0], m[1])
		d := s[m[0]+1 : m[1]-1]
		if !strings.Contains(d, ":") {
			d = "mailto:" + d
		}
		out = append(out, link{dest: d, span: Span{m[0], m[1]}})
	}
	for _, re := range []*regexp.Regexp{bareURLRe, emailRe} {
		for _, m := range re.FindAllStringIndex(s, -1) {
			if taken[m[0]] {
				continue
			}
			mark(m[0], m[1])
			d := s[m[0]:m[1]]
			if re == emailRe {
				d = "mailto:" + d
			}
			out = append(out, link{dest: d, span: Span{m[0], m[1]}, bare: markdown})
		}
	}
	sortLinks(out)
	return out
}

func (l link) describe() string {
	if l.bare {
		return l.dest + " (as plain text, not a link)"
	}
	return l.dest
}

func sortLinks(ls []link) {
	for i := 1; i < len(ls); i++ {
		for j := i; j > 0 && ls[j].span.Start < ls[j-1].span.Start; j-- {
			ls[j], ls[j-1] = ls[j-1], ls[j]
		}
	}
}

// localized is the URL the translation may use instead of dest.
func (c *pairCheck) localized(dest string) string {
	for _, key := range []string{c.pr.To.String(), langOf(c.pr.To)} {
		m := c.rules.Links[key]
		if m == nil {
			continue
		}
		if u, ok := m[dest]; ok {
			return u
		}
		for from, to := range m {
			if strings.HasSuffix(from, "/") && strings.HasPrefix(dest, from) && strings.HasSuffix(to, "/") {
				return to + strings.TrimPrefix(dest, from)
			}
		}
	}
	return ""
}

// links checks that the translation links to the same places as the
// source, or to the localized URLs the configuration maps them to.
func (c *pairCheck) links() []Issue {
	sl, tl := links(c.pr.Source, c.pr.Markdown), links(c.pr.Translation, c.pr.Markdown)
	used := make([]bool, len(tl))
	var iss Issue
	var lost, added []string
	for _, l := range sl {
		alt := c.localized(l.dest)
		found := false
		for k, t := range tl {
			if !used[k] && t.bare == l.bare && (t.dest == l.dest || (alt != "" && t.dest == alt)) {
				used[k], found = true, true
				break
			}
		}
		if !found {
			lost = append(lost, l.describe())
			iss.SourceSpans = append(iss.SourceSpans, l.span)
		}
	}
	for k, t := range tl {
		if !used[k] {
			added = append(added, t.describe())
			iss.TranslationSpans = append(iss.TranslationSpans, t.span)
		}
	}
	if len(lost) == 0 && len(added) == 0 {
		return nil
	}
	var parts []string
	if len(lost) > 0 {
		parts = append(parts, "translation lacks "+strings.Join(lost, ", "))
	}
	if len(added) > 0 {
		parts = append(parts, "translation links to "+strings.Join(added, ", "))
	}
	iss.Check, iss.Severity = CheckLinks, Error
	iss.Message = fmt.Sprintf("links differ (%d in the source, %d in the translation): %s", len(sl), len(tl), strings.Join(parts, "; "))
	return []Issue{iss}
}

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
	if c.pr.Markdown {
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
		out[k] = s[sp.Start:sp.End]
	}
	return out
}

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
	sv, ss := get(c.pr.Source)
	tv, ts := get(c.pr.Translation)
	lost, added := diffMultiset(sv, tv)
	if len(lost)+len(added) == 0 {
		return nil
	}
	var parts []string
	if len(lost) > 0 {
		parts = append(parts, "translation lacks "+strings.Join(lost, " "))
	}
	if len(added) > 0 {
		parts = append(parts, "translation adds "+strings.Join(added, " "))
	}
	return []Issue{{Check: CheckPlaceholders, Severity: Error, Message: "placeholders differ: " + strings.Join(parts, "; "),
		SourceSpans: ss, TranslationSpans: ts}}
}

// foldWord is how glossary matching compares words: lower case, no
// accents, no Arabic clitic prefix.
func foldWord(w, lang string) string {
	w = strings.ToLower(Unaccent(w))
	if lang == "ar" {
		w = stripArabicPrefix(w)
	}
	return w
}

// wordsMatch tolerates simple inflection: equal words, or words that
// share a stem of at least 3 letters covering half of the longer word and
// differ only in endings of up to 3 letters ("comprimé"/"comprimés",
// "solución"/"soluciones", "таблетка"/"таблетки").
func wordsMatch(a, b string) bool {
	if a == b {
		return true
	}
	ra, rb := []rune(a), []rune(b)
	p := 0
	for p < len(ra) && p < len(rb) && ra[p] == rb[p] {
		p++
	}
	return p >= 3 && len(ra)-p <= 3 && len(rb)-p <= 3 && 2*p >= max(len(ra), len(rb))
}

// phraseAt finds a term in a text's words: a run of words each matching
// the term's words in order. It returns the rune range.
func phraseAt(t *text, term string, lang string) (int, int, bool) {
	var tw []string
	for _, w := range strings.FieldsFunc(term, func(r rune) bool { return !isWordRune(r) }) {
		tw = append(tw, foldWord(w, lang))
	}
	if len(tw) == 0 {
		return 0, 0, false
	}
	ws := t.words()
	for i := 0; i+len(tw) <= len(ws); i++ {
		ok := true
		for k := range tw {
			if !wordsMatch(tw[k], foldWord(ws[i+k].w, lang)) {
				ok = false
				break
			}
		}
		if ok {
			return ws[i].i, ws[i+len(tw)-1].j, true
		}
	}
	return 0, 0, false
}

// glossary checks that source terms use the required translation, and
// that kept terms (drug names) stay as written.
func (c *pairCheck) glossary() []Issue {
	var out []Issue
	required := func(term string) string {
		m := c.rules.Glossary[term]
		if m == nil {
			return ""
		}
		if r := m[c.pr.To.String()]; r != "" {
			return r
		}
		return m[langOf(c.pr.To)]
	}
	check := func(term, want, why string) {
		si, sj, ok := phraseAt(c.src, term, c.src.lang)
		if !ok {
			return
		}
		if _, _, ok := phraseAt(c.tr, want, c.tr.lang); ok {
			return
		}
		out = append(out, Issue{Check: CheckGlossary, Severity: Error,
			Message:     fmt.Sprintf("glossary: %q must be %s %q", term, why, want),
			SourceSpans: []Span{c.src.span(si, sj)}})
	}
	for _, term := range sortedKeys(c.rules.Glossary) {
		if want := required(term); want != "" {
			check(term, want, "translated as")
		}
	}
	for _, term := range c.rules.Keep {
		if required(term) == "" {
			check(term, term, "kept as")
		}
	}
	return out
}

var spaceRun = regexp.MustCompile(`\s+`)

// untranslated warns when the translation is the source unchanged, unless
// the source is only numbers and units, names, or a kept term.
func (c *pairCheck) untranslated() []Issue {
	a := strings.TrimSpace(spaceRun.ReplaceAllString(c.pr.Source, " "))
	b := strings.TrimSpace(spaceRun.ReplaceAllString(c.pr.Translation, " "))
	if a != b || a == "" {
		return nil
	}
	for _, k := range c.rules.Keep {
		if strings.EqualFold(k, a) {
			return nil
		}
	}
	if want := c.rules.Glossary[a]; want != nil && strings.EqualFold(want[c.pr.To.String()]+want[langOf(c.pr.To)], a) {
		return nil
	}
	// Letters that are not units or masked (URLs, code) must remain.
	blank := make([]bool, len(c.src.r))
	for _, q := range c.srcQ() {
		for k := q.i; k < q.ue; k++ {
			blank[k] = true
		}
	}
	var words []string
	for _, w := range c.src.words() {
		if !blank[w.i] {
			words = append(words, string(c.src.r[w.i:w.j]))
		}
	}
	if len(words) == 0 {
		return nil
	}
	names := len(words) <= 4
	for _, w := range words {
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) {
			names = false
		}
	}
	if names {
		return nil
	}
	return []Issue{{Check: CheckUntranslated, Severity: Warning, Message: "the translation is the source text unchanged"}}
}

// lengthBands are the accepted translation/source length ratios per
// language, for sources of at least minLengthRunes characters.
var lengthBands = map[string][2]float64{
	"es": {0.7, 2.0}, "fr": {0.7, 2.0}, "pt": {0.7, 2.0}, "it": {0.7, 2.0}, "de": {0.7, 2.2},
	"ru": {0.6, 2.0}, "ar": {0.5, 1.8}, "he": {0.5, 1.8}, "fa": {0.5, 1.8},
	"zh": {0.15, 1.0}, "ja": {0.15, 1.2}, "ko": {0.2, 1.2},
}

const minLengthRunes = 30

// length warns when the translation is much shorter or longer than usual
// for the locale.
func (c *pairCheck) length() []Issue {
	a, b := utf8.RuneCountInString(c.pr.Source), utf8.RuneCountInString(c.pr.Translation)
	if a < minLengthRunes || b == 0 {
		return nil
	}
	band, ok := lengthBands[langOf(c.pr.To)]
	if !ok {
		band = [2]float64{0.5, 2.5}
	}
	if pseudo.Is(c.pr.To) {
		band = [2]float64{1.1, 2.5}
	}
	r := float64(b) / float64(a)
	if r >= band[0] && r <= band[1] {
		return nil
	}
	return []Issue{{Check: CheckLength, Severity: Warning, Message: fmt.Sprintf(
		"the translation is %.2f times as long as the source, outside %.2f-%.2f for %s", r, band[0], band[1], c.pr.To)}}
}
