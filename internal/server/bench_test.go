package server

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

// exampleSnapshot reads the example project at the repository root.
func exampleSnapshot(b *testing.B) *snapshot {
	b.Helper()
	st := &store{dir: filepath.Join("..", ".."), lockTimeout: time.Second}
	snap, err := st.snapshot(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	return snap
}

// BenchmarkOverview is the dashboard of the example project computed
// afresh, each text checked again (the first request after a start).
func BenchmarkOverview(b *testing.B) {
	snap := exampleSnapshot(b)
	for b.Loop() {
		computeOverview(snap, &findingCache{}, snap.cfg.Targets())
	}
}

// BenchmarkOverviewAfterSave is the dashboard after one save: the
// findings of every other text come from the cache.
func BenchmarkOverviewAfterSave(b *testing.B) {
	snap := exampleSnapshot(b)
	fc := &findingCache{}
	computeOverview(snap, fc, snap.cfg.Targets())
	for b.Loop() {
		computeOverview(snap, fc, snap.cfg.Targets())
	}
}

// BenchmarkEditorRows builds the editor's entries of the longest example
// document in French.
func BenchmarkEditorRows(b *testing.B) {
	snap := exampleSnapshot(b)
	d := snap.p.Docs[0]
	for _, doc := range snap.p.Docs {
		if len(doc.IDs) > len(d.IDs) {
			d = doc
		}
	}
	fc := &findingCache{}
	for b.Loop() {
		rows(snap, fc, snap.cfg.Targets()[1], d)
	}
}

// BenchmarkFingerprint is the look at the project's files every request
// makes to know whether to read it again.
func BenchmarkFingerprint(b *testing.B) {
	st := &store{dir: filepath.Join("..", ".."), lockTimeout: time.Second}
	if _, err := st.snapshot(context.Background()); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := st.fingerprint(); err != nil {
			b.Fatal(err)
		}
	}
}
