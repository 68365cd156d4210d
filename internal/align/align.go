// Package align pairs the segments of a source document with those of a
// translation made outside healthloc, so that existing translations can
// seed the catalogs.
//
// Alignment is by structure, not by words: two segments can pair only
// if they have the same kind (heading with heading, list item with list
// item), and numbers and link targets, which translations keep, anchor
// the pairing. A global alignment (Needleman–Wunsch) tolerates missing
// and extra blocks on either side; unpaired segments are reported, not
// fatal.
package align

import (
	"regexp"
	"slices"
	"sort"
	"unicode/utf8"

	"github.com/healthloc/healthloc/internal/content"
)

// Result pairs source segment indexes with translated segment indexes.
type Result struct {
	// Pairs are (source, translation) index pairs in increasing order.
	Pairs [][2]int
	// Unpaired are source segments with no counterpart; Extra are
	// translated segments with none.
	Unpaired, Extra []int
}

// Scores of the alignment. A pair of the same kind starts at match; a
// number or link anchor that agrees adds anchor, one that disagrees
// subtracts it; a very different length subtracts lengthPenalty. Leaving
// a segment unpaired costs gap, so a same-kind pair whose anchors
// disagree is worse than two gaps.
const (
	match         = 1.0
	anchor        = 2.0
	noAnchors     = 0.5
	lengthPenalty = 0.75
	gap           = -0.5
)

var (
	numberRe = regexp.MustCompile(`\p{Nd}+`)
	linkRe   = regexp.MustCompile(`\]\(\s*<?([^)\s>]+)|https?://[^\s)>\]]+`)
)

// features are the anchors of one segment.
type features struct {
	kind    content.Kind
	numbers []string
	links   []string
	length  int
}

func featuresOf(s content.Segment) features {
	f := features{kind: s.Kind, length: utf8.RuneCountInString(s.Text)}
	f.numbers = numberRe.FindAllString(s.Text, -1)
	sort.Strings(f.numbers)
	for _, m := range linkRe.FindAllStringSubmatch(s.Text, -1) {
		l := m[1]
		if l == "" {
			l = m[0]
		}
		f.links = append(f.links, l)
	}
	sort.Strings(f.links)
	return f
}

// score is how well a and b pair, or false if they cannot.
func score(a, b features) (float64, bool) {
	if a.kind != b.kind {
		return 0, false
	}
	s := match
	for _, set := range [][2][]string{{a.numbers, b.numbers}, {a.links, b.links}} {
		switch {
		case len(set[0]) == 0 && len(set[1]) == 0:
			s += noAnchors / 2
		case slices.Equal(set[0], set[1]):
			s += anchor
		default:
			s -= anchor
		}
	}
	if lo, hi := min(a.length, b.length), max(a.length, b.length); lo > 0 && hi > 3*lo+20 {
		s -= lengthPenalty
	}
	return s, true
}

// Align pairs src with tr.
func Align(src, tr []content.Segment) Result {
	fa := make([]features, len(src))
	for i, s := range src {
		fa[i] = featuresOf(s)
	}
	fb := make([]features, len(tr))
	for j, s := range tr {
		fb[j] = featuresOf(s)
	}
	n, m := len(src), len(tr)
	// best[i][j] is the best score aligning src[i:] with tr[j:].
	best := make([][]float64, n+1)
	for i := range best {
		best[i] = make([]float64, m+1)
	}
	for i := n; i >= 0; i-- {
		for j := m; j >= 0; j-- {
			if i == n && j == m {
				continue
			}
			v := -1e18
			if i < n {
				v = max(v, best[i+1][j]+gap)
			}
			if j < m {
				v = max(v, best[i][j+1]+gap)
			}
			if i < n && j < m {
				if s, ok := score(fa[i], fb[j]); ok {
					v = max(v, best[i+1][j+1]+s)
				}
			}
			best[i][j] = v
		}
	}
	var r Result
	i, j := 0, 0
	for i < n || j < m {
		if i < n && j < m {
			if s, ok := score(fa[i], fb[j]); ok && best[i][j] == best[i+1][j+1]+s {
				r.Pairs = append(r.Pairs, [2]int{i, j})
				i, j = i+1, j+1
				continue
			}
		}
		if i < n && best[i][j] == best[i+1][j]+gap {
			r.Unpaired = append(r.Unpaired, i)
			i++
			continue
		}
		r.Extra = append(r.Extra, j)
		j++
	}
	return r
}
