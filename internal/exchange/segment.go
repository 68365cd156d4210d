package exchange

import "github.com/healthloc/healthloc/internal/content"

// ProtectSegment protects a segment's source text as an XLIFF export
// does: Markdown markup, or the numbered inline tags of an HTML segment,
// become "<n/>" placeholders for codes[n-1]. The browser workspace shows
// the codes as tokens a translator cannot edit.
func ProtectSegment(seg content.Segment) (string, []string) {
	return protectSegment(seg, seg.Text, true)
}

// ProtectSegmentWith protects a translation of seg with the codes of its
// source (see ProtectSegment); markup the source lacks stays text.
func ProtectSegmentWith(seg content.Segment, t string, codes []string) string {
	return protectSegmentWith(seg, t, codes)
}

// HasPlaceholder reports whether s holds text that reads as a
// placeholder ("<1/>"): Markdown protection leaves such text unprotected,
// so that literal text never turns into a code.
func HasPlaceholder(s string) bool { return tokenRe.MatchString(s) }
