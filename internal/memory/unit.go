package memory

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/exchange"
)

// tokenRe is a placeholder.
var tokenRe = regexp.MustCompile(`<([0-9]+)/>`)

// omegatTagRe is a tag OmegaT shows an inline code as: <f0/>, <g1>,
// </g1>, <x2/>.
var omegatTagRe = regexp.MustCompile(`</?[a-z]{1,4}[0-9]+/?>`)

// newUnit checks a source and target text with "<n/>" placeholders and
// the native codes (any may be "": unknown) and makes a unit of them, or
// says why not. pairs are the placeholders that open and close a span,
// where the file said; for codes it spells out they are found as import
// finds them.
func newUnit(src, tgt string, codes []string, pairs [][2]int, omegat bool) (Unit, string, string) {
	if omegat {
		src, tgt, codes = omegatTags(src, tgt, codes)
	}
	if strings.TrimSpace(src) == "" || strings.TrimSpace(tgt) == "" {
		return Unit{}, ReasonEmpty, ""
	}
	in := map[int]bool{}
	max := 0
	for _, m := range tokenRe.FindAllStringSubmatch(src, -1) {
		n, _ := strconv.Atoi(m[1])
		in[n] = true
		max = maxInt(max, n)
	}
	for _, m := range tokenRe.FindAllStringSubmatch(tgt, -1) {
		if n, _ := strconv.Atoi(m[1]); !in[n] {
			return Unit{}, ReasonAddedCode, m[0]
		}
	}
	if max > 0 {
		c := make([]string, max)
		copy(c, codes)
		codes = c
		for i, code := range codes {
			if omegatTagRe.MatchString(code) && omegatTagRe.FindString(code) == code {
				codes[i] = "" // a tool's stand-in, not the code
			}
		}
	} else {
		codes = nil
	}
	if pairs == nil && known(codes) {
		if raw, err := exchange.Restore(src, codes); err == nil {
			pairs = exchange.Pairs(raw)
		}
	}
	if lost := lostPair(tgt, pairs); lost != "" {
		return Unit{}, ReasonLostPair, lost
	}
	if catalog.Normalize(src) == catalog.Normalize(tgt) {
		return Unit{}, ReasonSameAsSouce, ""
	}
	return Unit{Source: src, Target: tgt, Codes: codes}, "", ""
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}

// known reports whether every code is spelled out.
func known(codes []string) bool {
	for _, c := range codes {
		if c == "" {
			return false
		}
	}
	return true
}

// lostPair says which placeholder of a pair t kept without its partner.
func lostPair(t string, pairs [][2]int) string {
	if p, _, ok := exchange.BrokenPair(t, pairs); ok {
		return fmt.Sprintf("<%d/> and <%d/>", p[0], p[1])
	}
	return ""
}

// omegatTags turns the tags OmegaT writes for inline codes (<f0/>,
// <g1>…</g1>) into placeholders numbered in the source's order, when the
// texts hold no placeholders already.
func omegatTags(src, tgt string, codes []string) (string, string, []string) {
	if tokenRe.MatchString(src) || !omegatTagRe.MatchString(src) {
		return src, tgt, codes
	}
	num := map[string]int{}
	var out []string
	src = omegatTagRe.ReplaceAllStringFunc(src, func(tag string) string {
		if _, ok := num[tag]; !ok {
			num[tag] = len(num) + 1
			out = append(out, "")
		}
		return fmt.Sprintf("<%d/>", num[tag])
	})
	tgt = omegatTagRe.ReplaceAllStringFunc(tgt, func(tag string) string {
		if n, ok := num[tag]; ok {
			return fmt.Sprintf("<%d/>", n)
		}
		return tag
	})
	return src, tgt, out
}
