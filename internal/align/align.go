// Package align pairs the segments of a source document with those of a
// translation made outside healthloc, so that existing translations can
// seed the catalogs.
//
// Alignment is by structure, not by words. Two blocks pair only if they
// have the same kind (heading with heading, list item with list item)
// and their anchors agree: the same number of links with the same
// targets, the same numbers, the same inline code, the same place in a
// list or table of the same shape. A pair whose anchors disagree is
// never made, so a paragraph with two links can never take the text of
// one with none. Among the pairs allowed, a global alignment
// (Needleman–Wunsch) prefers agreeing anchors and lengths in line with
// the rest of the document, and tolerates missing and extra blocks on
// either side. Blocks that could only pair against their anchors are
// reported as refused, with the reason; the rest as unpaired.
package align

import (
	"fmt"
	"math"
	"slices"

	"github.com/healthloc/healthloc/internal/content"
)

// Result pairs source segment indexes with translated segment indexes.
// Every source segment is in exactly one of Pairs, Refused and Unpaired,
// and every translated segment in one of Pairs, Refused and Extra.
type Result struct {
	// Pairs are (source, translation) index pairs in increasing order.
	Pairs [][2]int
	// Refused are blocks that sit where each other's counterpart would
	// be, with the same kind, but whose anchors disagree.
	Refused []Refusal
	// Unpaired are source segments with no counterpart; Extra are
	// translated segments with none.
	Unpaired, Extra []int
}

// Refusal is a pair alignment would not make, and why.
type Refusal struct {
	Source, Translation int
	// Reason names the anchor that disagrees: "links: 2 links in the
	// source, 0 in the translation".
	Reason string
}

// Options tune Align.
type Options struct {
	// Links maps a source URL to the URL the translation's locale uses
	// instead (localized_links), so that the two agree.
	Links map[string]string
}

// Scores of the alignment. A pair allowed starts at match; each anchor it
// keeps (up to three) adds anchor; a length in line with the document's
// ratio adds up to lengthWeight, one off by a factor of two or more takes
// it away. Leaving a block unpaired costs gap, so every pair allowed is
// worth more than two gaps.
const (
	match        = 1.0
	anchor       = 0.5
	lengthWeight = 0.5
	gap          = -0.5
)

// The moves of the alignment's traceback.
const (
	movePair byte = iota + 1
	moveSource
	moveTranslation
)

// Align pairs src with tr.
func Align(src, tr []content.Segment, o Options) Result {
	fa := featuresOf(src, o.Links)
	fb := featuresOf(tr, nil)
	// The translation's length ratio, first over whole documents, then,
	// more robustly, the median over the pairs of a first alignment:
	// blocks left out and short headings skew the first.
	ratio := proseRatio(fa, fb)
	r := align(fa, fb, ratio)
	if m, ok := medianRatio(fa, fb, r.Pairs); ok && math.Abs(math.Log(m/ratio)) > 0.05 {
		ratio = m
		r = align(fa, fb, ratio)
	}
	r.splits(src, tr, fa, fb, ratio)
	return r
}

// medianRatio is the median length ratio of the pairs, when there are
// enough of them to tell.
func medianRatio(fa, fb []features, pairs [][2]int) (float64, bool) {
	var rs []float64
	for _, pr := range pairs {
		if la, lb := fa[pr[0]].length, fb[pr[1]].length; la > 0 && lb > 0 {
			rs = append(rs, float64(lb)/float64(la))
		}
	}
	if len(rs) < 3 {
		return 0, false
	}
	slices.Sort(rs)
	n := len(rs)
	return (rs[(n-1)/2] + rs[n/2]) / 2, true
}

// align is the best alignment of fa with fb for a length ratio.
func align(fa, fb []features, ratio float64) Result {
	n, m := len(fa), len(fb)
	// best[at(i, j)] is the best score aligning src[i:] with tr[j:], and
	// move the first step of it.
	best := make([]float64, (n+1)*(m+1))
	move := make([]byte, (n+1)*(m+1))
	at := func(i, j int) int { return i*(m+1) + j }
	for i := n; i >= 0; i-- {
		for j := m; j >= 0; j-- {
			if i == n && j == m {
				continue
			}
			v, mv := math.Inf(-1), byte(0)
			if i < n && j < m {
				if s, ok := score(fa[i], fb[j], ratio); ok {
					v, mv = best[at(i+1, j+1)]+s, movePair
				}
			}
			if i < n {
				if w := best[at(i+1, j)] + gap; w > v {
					v, mv = w, moveSource
				}
			}
			if j < m {
				if w := best[at(i, j+1)] + gap; w > v {
					v, mv = w, moveTranslation
				}
			}
			best[at(i, j)], move[at(i, j)] = v, mv
		}
	}
	var r Result
	var gapSrc, gapTr []int // blocks left out since the last pair
	for i, j := 0, 0; i < n || j < m; {
		switch move[at(i, j)] {
		case movePair:
			r.flush(fa, fb, gapSrc, gapTr)
			gapSrc, gapTr = gapSrc[:0], gapTr[:0]
			r.Pairs = append(r.Pairs, [2]int{i, j})
			i, j = i+1, j+1
		case moveSource:
			gapSrc = append(gapSrc, i)
			i++
		default:
			gapTr = append(gapTr, j)
			j++
		}
	}
	r.flush(fa, fb, gapSrc, gapTr)
	return r
}

// Length deviations of the split check: a pair whose translation is off
// by splitOff or more from the document's ratio, and which a block left
// out next to it would bring within splitFit, is a block the translation
// split in two (or two the translation merged into one).
var (
	splitOff = math.Log(1.5)
	splitFit = math.Log(1.35)
)

// splits refuses the pairs that hold only part of a block: when the
// translation splits a paragraph in two, the pair takes one half and
// publishing it would silently drop the other, a warning perhaps. Such a
// pair is refused, with the reason, and its neighbour stays unpaired.
func (r *Result) splits(src, tr []content.Segment, fa, fb []features, ratio float64) {
	extra, unpaired := map[int]bool{}, map[int]bool{}
	for _, j := range r.Extra {
		extra[j] = true
	}
	for _, i := range r.Unpaired {
		unpaired[i] = true
	}
	dev := func(la, lb int) float64 {
		if la == 0 || lb == 0 {
			return math.Inf(1)
		}
		return math.Abs(math.Log(float64(lb) / float64(la) / ratio))
	}
	kept := r.Pairs[:0]
	for _, pr := range r.Pairs {
		i, j := pr[0], pr[1]
		why := ""
		if d := dev(fa[i].length, fb[j].length); d >= splitOff {
			for _, n := range []int{j - 1, j + 1} {
				if extra[n] && fb[n].kind == fb[j].kind && dev(fa[i].length, fb[j].length+fb[n].length) < splitFit {
					why = fmt.Sprintf("the translation splits this %s in two (lines %d and %d): the pair would drop a part", fa[i].kind, tr[min(j, n)].Line, tr[max(j, n)].Line)
					break
				}
			}
			for _, n := range []int{i - 1, i + 1} {
				if why == "" && unpaired[n] && fa[n].kind == fa[i].kind && dev(fa[i].length+fa[n].length, fb[j].length) < splitFit {
					why = fmt.Sprintf("the translation merges this %s with the one at line %d: the pair would drop a part", fa[i].kind, src[n].Line)
				}
			}
		}
		if why == "" {
			kept = append(kept, pr)
			continue
		}
		r.Refused = append(r.Refused, Refusal{Source: i, Translation: j, Reason: why})
	}
	r.Pairs = kept
	slices.SortFunc(r.Refused, func(a, b Refusal) int { return a.Source - b.Source })
}

// flush sorts the blocks left out between two pairs: a source block and
// a translated one of the same kind, in order, are a refused pair, with
// what disagrees; the others are unpaired.
func (r *Result) flush(fa, fb []features, src, tr []int) {
	next := 0
	for _, i := range src {
		refused := false
		for k := next; k < len(tr); k++ {
			j := tr[k]
			if fa[i].kind != fb[j].kind {
				continue
			}
			if why := disagreement(fa[i], fb[j]); why != "" {
				r.Extra = append(r.Extra, tr[next:k]...)
				r.Refused = append(r.Refused, Refusal{Source: i, Translation: j, Reason: why})
				next, refused = k+1, true
			}
			break
		}
		if !refused {
			r.Unpaired = append(r.Unpaired, i)
		}
	}
	r.Extra = append(r.Extra, tr[next:]...)
}
