package qa

import (
	"fmt"
	"regexp"
	"strings"
)

// mdLinkRe matches a Markdown inline link or image: group 1 is "!" for an
// image, group 2 the destination.
var mdLinkRe = regexp.MustCompile(`(!?)\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?([^)\s>]*)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)`)

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
			if !used[k] && t.bare == l.bare && (sameDest(t.dest, l.dest) || (alt != "" && t.dest == alt)) {
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

// sameDest reports whether two link destinations lead to the same place.
// A phone link (tel: or sms:) is compared as a number is: by its digits
// and a leading "+", so "tel:+1-888-555-0100" and "tel:+18885550100" are
// the same line and one changed digit is a different one.
func sameDest(a, b string) bool {
	if a == b {
		return true
	}
	ka, oka := phoneKey(a)
	kb, okb := phoneKey(b)
	return oka && okb && ka == kb
}

// phoneKey is a tel: or sms: link's scheme and number, without the
// visual separators RFC 3966 allows ("-", ".", "(", ")", spaces) and
// with the parameters after "?" or ";" kept as written.
func phoneKey(dest string) (string, bool) {
	scheme, rest, ok := strings.Cut(dest, ":")
	scheme = strings.ToLower(scheme)
	if !ok || (scheme != "tel" && scheme != "sms") {
		return "", false
	}
	num, params := rest, ""
	if i := strings.IndexAny(rest, "?;"); i >= 0 {
		num, params = rest[:i], rest[i:]
	}
	var b strings.Builder
	for i, c := range num {
		switch {
		case c >= '0' && c <= '9', c == '+' && i == 0, c == '*', c == '#':
			b.WriteRune(c)
		case c == '-' || c == '.' || c == '(' || c == ')' || c == ' ' || c == '\u00a0':
		default:
			return "", false
		}
	}
	if b.Len() == 0 {
		return "", false
	}
	return scheme + ":" + b.String() + params, true
}
