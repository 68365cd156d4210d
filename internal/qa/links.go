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
	h := scanFor(s)
	if !h.mdLink && !h.angle && !h.url && !h.email {
		return nil
	}
	var out []link
	taken := make([]bool, len(s))
	mark := func(a, b int) {
		for k := a; k < b; k++ {
			taken[k] = true
		}
	}
	if markdown && h.mdLink {
		for _, m := range mdLinkRe.FindAllStringSubmatchIndex(s, -1) {
			mark(m[0], m[1])
			if m[3] > m[2] {
				continue // an image: the markup check counts those
			}
			out = append(out, link{dest: s[m[4]:m[5]], span: Span{m[0], m[1]}})
		}
	}
	var autolinks [][]int
	if h.angle {
		autolinks = autolinkRe.FindAllStringIndex(s, -1)
	}
	for _, m := range autolinks {
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
		var ms [][]int
		switch {
		case re == bareURLRe && h.url:
			ms = bareURLs(s)
		case re == emailRe && h.email:
			ms = emailRe.FindAllStringIndex(s, -1)
		}
		for _, m := range ms {
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
	var lostLinks, addedLinks []link
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
			lostLinks = append(lostLinks, l)
			iss.SourceSpans = append(iss.SourceSpans, l.span)
		}
	}
	for k, t := range tl {
		if !used[k] {
			added = append(added, t.describe())
			addedLinks = append(addedLinks, t)
			iss.TranslationSpans = append(iss.TranslationSpans, t.span)
		}
	}
	if len(lost) == 0 && len(added) == 0 {
		return nil
	}
	iss.Check, iss.Severity = CheckLinks, Error
	iss.Message = fmt.Sprintf("links differ (%d in the source, %d in the translation): %s", len(sl), len(tl), lacksAdds(lost, added, ", ", "links to"))
	if len(lostLinks) == 1 && len(addedLinks) == 1 {
		if from, to, ok := prefixChange(lostLinks[0].dest, addedLinks[0].dest); ok {
			iss.Hint = fmt.Sprintf("if %s is the %s page of %s, add to the configuration:\n[localized_links.%s]\n%q = %q",
				addedLinks[0].dest, c.pr.To, lostLinks[0].dest, c.pr.To, from, to)
		}
	}
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

// prefixChange reports two URLs that differ only by a path segment added
// or replaced ("https://www.who.int/news-room/x" and
// "https://www.who.int/es/news-room/x"), and the prefixes a
// localized_links entry maps: "https://www.who.int/" to
// "https://www.who.int/es/".
func prefixChange(src, tr string) (string, string, bool) {
	base := func(u string) (string, []string, bool) {
		scheme, rest, ok := strings.Cut(u, "://")
		if !ok {
			return "", nil, false
		}
		host, path, _ := strings.Cut(rest, "/")
		return scheme + "://" + host + "/", strings.Split(path, "/"), true
	}
	sb, sp, ok1 := base(src)
	tb, tp, ok2 := base(tr)
	if !ok1 || !ok2 || sb != tb || len(tp) < 2 {
		return "", "", false
	}
	pre := 0
	for pre < len(sp) && pre < len(tp) && sp[pre] == tp[pre] {
		pre++
	}
	suf := 0
	for suf < len(sp)-pre && suf < len(tp)-pre && sp[len(sp)-1-suf] == tp[len(tp)-1-suf] {
		suf++
	}
	srcMid, trMid := sp[pre:len(sp)-suf], tp[pre:len(tp)-suf]
	if len(trMid) != 1 || len(srcMid) > 1 || trMid[0] == "" || suf == 0 {
		return "", "", false
	}
	common := strings.Join(sp[:pre], "/")
	if common != "" {
		common += "/"
	}
	from, to := sb+common, sb+common+trMid[0]+"/"
	if len(srcMid) == 1 {
		from += srcMid[0] + "/"
	}
	return from, to, true
}
