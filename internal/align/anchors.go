package align

import (
	"fmt"
	"math"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/healthloc/healthloc/internal/content"
)

// Anchors are the parts of a block that a faithful translation keeps:
// its links and their targets, its numbers, its inline code, the
// numbered tags of an HTML block, and its place in a list or table. Two
// blocks whose anchors disagree are never paired.

var (
	// inline links and images "](target", autolinks "<scheme:…>" and bare
	// web addresses
	linkRe = regexp.MustCompile(`\]\(\s*<?([^)\s>]*)[^)]*\)|<((?:https?|mailto|tel):[^>\s]+)>|(https?://[^\s)>\]]+)`)
	codeRe = regexp.MustCompile("(`+)([^`]+?)`+")
	// digits and the separators between them; numbers splits them
	numberRe = regexp.MustCompile(`\p{Nd}+(?:[.,\x{00A0}\x{202F}\x{2009} ']\p{Nd}+)*`)
	groupRe  = regexp.MustCompile(`[.,\x{00A0}\x{202F}\x{2009} ']`)
	tagRe    = regexp.MustCompile(`<(\d+)/?>`)
)

// features are the anchors of one block, and its prose length.
type features struct {
	kind    content.Kind
	numbers []string
	links   []string
	code    []string
	// tags counts the numbered inline tags of an HTML block.
	tags int
	// run and runLen place a list item or table cell in its run of
	// consecutive items or cells: the shape of its list or table.
	run, runLen int
	// length is the block's prose, in runes.
	length int
}

// featuresOf reads the anchors of every segment. links maps a source URL
// to its localized URL (only for the source side).
func featuresOf(segs []content.Segment, links map[string]string) []features {
	out := make([]features, len(segs))
	for i, s := range segs {
		out[i], _ = anchorsOf(s, links)
	}
	for i := 0; i < len(segs); {
		k := segs[i].Kind
		j := i + 1
		if k == content.KindListItem || k == content.KindTableCell {
			for j < len(segs) && segs[j].Kind == k {
				j++
			}
			for n := i; n < j; n++ {
				out[n].run, out[n].runLen = n-i, j-i
			}
		}
		i = j
	}
	return out
}

// anchorsOf reads the anchors of one segment, and its prose: the text
// without link targets, inline code or tags.
func anchorsOf(s content.Segment, localized map[string]string) (features, string) {
	f := features{kind: s.Kind}
	text := s.Text
	if s.Syntax == content.SyntaxHTML {
		f.tags = len(tagRe.FindAllString(text, -1))
		text = tagRe.ReplaceAllString(text, " ")
		text = strings.NewReplacer("</", " ", ">", " ").Replace(text)
	}
	text = linkRe.ReplaceAllStringFunc(text, func(m string) string {
		sm := linkRe.FindStringSubmatch(m)
		f.links = append(f.links, linkKey(localize(sm[1]+sm[2]+sm[3], localized)))
		return " "
	})
	text = codeRe.ReplaceAllStringFunc(text, func(m string) string {
		f.code = append(f.code, strings.TrimSpace(codeRe.FindStringSubmatch(m)[2]))
		return " "
	})
	for _, n := range numberRe.FindAllString(text, -1) {
		f.numbers = append(f.numbers, numbers(n)...)
	}
	slices.Sort(f.numbers)
	slices.Sort(f.links)
	slices.Sort(f.code)
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			f.length++
		}
	}
	return f, text
}

// localize is the URL that stands for target in the translation's
// locale: an exact entry of links, else the longest entry ending in "/"
// that is a prefix of target, with the prefix replaced.
func localize(target string, links map[string]string) string {
	if l, ok := links[target]; ok {
		return l
	}
	best := ""
	for from := range links {
		if strings.HasSuffix(from, "/") && strings.HasPrefix(target, from) && len(from) > len(best) {
			best = from
		}
	}
	if best == "" {
		return target
	}
	return links[best] + strings.TrimPrefix(target, best)
}

// numbers splits a run of digits and separators into numbers: a group
// of exactly three digits continues the number before it (a thousands
// group), so "1,500", "1.500" and "1 500" are one number, 1500, while
// "0.5" and "0,5" are the same two, 0 and 5, whatever the locale's
// decimal sign.
func numbers(run string) []string {
	var out []string
	for i, g := range groupRe.Split(run, -1) {
		g = asciiDigits(g)
		if i > 0 && len(g) == 3 {
			out[len(out)-1] += g
			continue
		}
		out = append(out, g)
	}
	return out
}

// linkKey is what two link targets must share to agree: the same email
// address or phone number, or the same host and last path element, so
// that a translated site's "/es/providers" agrees with "/providers" and
// "providers.md" with "../es/providers.html".
func linkKey(target string) string {
	t := strings.TrimSpace(target)
	low := strings.ToLower(t)
	switch {
	case strings.HasPrefix(low, "tel:"):
		return "tel:" + strings.Map(func(r rune) rune {
			if unicode.IsDigit(r) || r == '+' {
				return r
			}
			return -1
		}, t[4:])
	case strings.HasPrefix(low, "mailto:"):
		addr, _, _ := strings.Cut(low[7:], "?")
		return "mailto:" + addr
	}
	u, err := url.Parse(t)
	if err != nil {
		return low
	}
	host := strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	p := strings.TrimSuffix(u.Path, "/")
	base := path.Base(p)
	if base == "." || base == "/" {
		base = ""
	}
	base = strings.TrimSuffix(base, path.Ext(base))
	if base == "index" {
		base = path.Base(path.Dir(p))
		if base == "." || base == "/" {
			base = ""
		}
	}
	if host == "" && base == "" {
		return "#" // a link within the page: its anchor is translated
	}
	return host + "/" + strings.ToLower(base)
}

// asciiDigits writes a string of decimal digits of any script in ASCII.
func asciiDigits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
			continue
		}
		if v := digitValue(r); v >= 0 {
			b.WriteByte(byte('0' + v))
		}
	}
	return b.String()
}

// digitValue is the value of a decimal digit of any script, or -1. The
// digits of each script are consecutive code points from zero to nine,
// and the tables list each script's run (or several runs, in one range)
// from its zero.
func digitValue(r rune) int {
	for _, rg := range unicode.Nd.R16 {
		if r >= rune(rg.Lo) && r <= rune(rg.Hi) {
			return int(r-rune(rg.Lo)) % 10
		}
	}
	for _, rg := range unicode.Nd.R32 {
		if r >= rune(rg.Lo) && r <= rune(rg.Hi) {
			return int(r-rune(rg.Lo)) % 10
		}
	}
	return -1
}

// agree reports whether a and b have the same kind and agreeing anchors:
// disagreement(a, b) == "", without building the reason.
func agree(a, b features) bool {
	return a.kind == b.kind && a.runLen == b.runLen && a.run == b.run && a.tags == b.tags &&
		slices.Equal(a.links, b.links) && slices.Equal(a.numbers, b.numbers) && slices.Equal(a.code, b.code)
}

// disagreement says why blocks a (source) and b (translation) of the
// same kind cannot pair, or "" when their anchors agree.
func disagreement(a, b features) string {
	if a.runLen != b.runLen {
		what := "list"
		unit := "items"
		if a.kind == content.KindTableCell {
			what, unit = "table", "cells"
		}
		return fmt.Sprintf("%s shape: %d %s in the source, %d in the translation", what, a.runLen, unit, b.runLen)
	}
	if a.run != b.run {
		return fmt.Sprintf("place in the list or table: %d in the source, %d in the translation", a.run+1, b.run+1)
	}
	if len(a.links) != len(b.links) {
		return fmt.Sprintf("links: %s in the source, %d in the translation", plural(len(a.links), "link"), len(b.links))
	}
	if !slices.Equal(a.links, b.links) {
		return fmt.Sprintf("link targets: %s in the source, %s in the translation", list(a.links), list(b.links))
	}
	if !slices.Equal(a.numbers, b.numbers) {
		return fmt.Sprintf("numbers: %s in the source, %s in the translation", list(a.numbers), list(b.numbers))
	}
	if !slices.Equal(a.code, b.code) {
		return fmt.Sprintf("inline code: %s in the source, %s in the translation", list(a.code), list(b.code))
	}
	if a.tags != b.tags {
		return fmt.Sprintf("inline tags: %d in the source, %d in the translation", a.tags, b.tags)
	}
	return ""
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func list(s []string) string {
	if len(s) == 0 {
		return "none"
	}
	return strings.Join(s, ", ")
}

// score is how well a and b pair, given the translation's expected
// length ratio, or false when they cannot pair. Every pair allowed is
// worth more than leaving both blocks unpaired; among them, anchors that
// agree and a length in line with the rest of the document decide.
func score(a, b features, ratio float64) (float64, bool) {
	if !agree(a, b) {
		return 0, false
	}
	s := match
	s += anchor * float64(min(len(a.numbers)+len(a.links)+len(a.code)+a.tags, 3))
	if a.length > 0 && b.length > 0 {
		d := math.Abs(math.Log(float64(b.length) / float64(a.length) / ratio))
		s += lengthWeight * (1 - min(d/math.Ln2, 2))
	} else if a.length != b.length {
		s -= lengthWeight
	}
	return s, true
}

// proseRatio is the translation's length over the source's, over whole
// documents: about 1.2 for Spanish from English, 0.3 for Chinese.
func proseRatio(fa, fb []features) float64 {
	var la, lb int
	for _, f := range fa {
		la += f.length
	}
	for _, f := range fb {
		lb += f.length
	}
	if la == 0 || lb == 0 {
		return 1
	}
	return float64(lb) / float64(la)
}
