package render

import (
	"bytes"
	"encoding/json"
)

// The manifest is written here piece by piece, byte for byte as
// json.MarshalIndent(m, "", "  ") writes the Manifest, so that a
// document's entries, encoded once, can be copied from the last run's
// manifest into the next without being decoded (see Index).

// itemPrefix is what stands before an element of one of the manifest's
// top-level lists, and itemSep between two.
const (
	itemPrefix = "    "
	itemSep    = ",\n" + itemPrefix
)

// encodeItems encodes items as consecutive elements of a top-level list
// of the manifest, without the brackets; nil for none.
func encodeItems[T any](items []T) ([]byte, error) {
	var buf bytes.Buffer
	for i, it := range items {
		if i > 0 {
			buf.WriteString(itemSep)
		}
		b, err := json.MarshalIndent(it, itemPrefix, "  ")
		if err != nil {
			return nil, err
		}
		buf.Write(b)
	}
	return buf.Bytes(), nil
}

// docRanges is where a document's entries lie in the manifest: fb in
// fallbacks, rd in readability ([start, end) byte offsets; empty when it
// has none).
type docRanges struct {
	Fb, Rd [2]int
}

// manifestWriter writes the manifest.
type manifestWriter struct {
	buf   bytes.Buffer
	err   error
	first bool
}

// field writes one field of the top-level object.
func (w *manifestWriter) field(name string) {
	if !w.first {
		w.buf.WriteString(",\n")
	}
	w.first = false
	w.buf.WriteString("  ")
	b, _ := json.Marshal(name)
	w.buf.Write(b)
	w.buf.WriteString(": ")
}

// value writes a field's value.
func (w *manifestWriter) value(name string, v any) {
	w.field(name)
	b, err := json.MarshalIndent(v, "  ", "  ")
	if err != nil && w.err == nil {
		w.err = err
	}
	w.buf.Write(b)
}

// list writes a field whose value is a list of encoded runs of elements
// (see encodeItems), noting where each run lands when at is set.
func (w *manifestWriter) list(name string, runs [][]byte, at func(i, start, end int)) {
	w.field(name)
	n := 0
	for i, r := range runs {
		if len(r) == 0 {
			continue
		}
		if n == 0 {
			w.buf.WriteString("[\n" + itemPrefix)
		} else {
			w.buf.WriteString(itemSep)
		}
		n++
		start := w.buf.Len()
		w.buf.Write(r)
		if at != nil {
			at(i, start, w.buf.Len())
		}
	}
	if n == 0 {
		w.buf.WriteString("[]")
		return
	}
	w.buf.WriteString("\n  ]")
}

// manifest writes the manifest of the documents whose parts are given,
// in order, with the sums of the bundle's files.
func (bd *Bundler) manifest(parts []*docPart, sums []FileSum) ([]byte, []docRanges, error) {
	w := &manifestWriter{first: true}
	size := 4096 + len(bd.chromeFbs)*256 + len(sums)*160
	for _, part := range parts {
		size += len(part.fb) + len(part.rd) + 256
	}
	w.buf.Grow(size)
	w.buf.WriteString("{\n")
	h := bd.head
	w.value("locale", h.Locale)
	w.value("name", h.Name)
	w.value("direction", h.Direction)
	w.value("chain", h.Chain)
	w.value("stale", h.Stale)
	covs := make([]DocCoverage, len(parts))
	for i, part := range parts {
		covs[i] = part.cov
	}
	docs, err := encodeItems(covs)
	if err != nil {
		return nil, nil, err
	}
	w.list("documents", [][]byte{docs}, nil)
	chrome, err := encodeItems(bd.chromeFbs)
	if err != nil {
		return nil, nil, err
	}
	ranges := make([]docRanges, len(parts))
	runs := make([][]byte, len(parts)+1)
	runs[0] = chrome
	for i, part := range parts {
		runs[i+1] = part.fb
	}
	w.list("fallbacks", runs, func(i, start, end int) {
		if i > 0 {
			ranges[i-1].Fb = [2]int{start, end}
		}
	})
	files, err := encodeItems(sums)
	if err != nil {
		return nil, nil, err
	}
	w.list("files", [][]byte{files}, nil)
	if h.RequireReviewed {
		w.value("require_reviewed", true)
	}
	for i, part := range parts {
		runs[i] = part.rd
	}
	w.list("readability", runs[:len(parts)], func(i, start, end int) { ranges[i].Rd = [2]int{start, end} })
	w.buf.WriteString("\n}\n")
	return w.buf.Bytes(), ranges, w.err
}
