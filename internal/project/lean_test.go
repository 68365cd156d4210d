package project

import (
	"bytes"
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"github.com/healthloc/healthloc/internal/config"
	"github.com/healthloc/healthloc/internal/corpus"
	"github.com/healthloc/healthloc/internal/plan"
)

// TestLeanExtractSame checks that extraction from a lean load, which
// streams, plans exactly the files of a full load, on a corpus with
// edited, moved and deleted documents. The property test checks the same
// after every random edit.
func TestLeanExtractSame(t *testing.T) {
	o := corpus.Options{Docs: 60, Locales: []string{"es", "fr", "ar"}, Seed: 7, Translated: 0.6, Stale: 0.1}
	fsys, cfg, _ := corpusFS(t, o)
	var docs []string
	for name := range fsys {
		if strings.HasPrefix(name, "content/") && strings.HasSuffix(name, ".md") {
			docs = append(docs, name)
		}
	}
	sortStrings(docs)
	for i, name := range docs[:12] {
		f := fsys[name]
		switch i % 3 {
		case 0: // edit a word and a number
			f.Data = bytes.Replace(f.Data, []byte(" the "), []byte(" a "), 2)
			f.Data = bytes.Replace(f.Data, []byte("5"), []byte("6"), 1)
		case 1: // move
			delete(fsys, name)
			fsys[strings.TrimSuffix(name, ".md")+"-moved.md"] = f
		case 2: // delete
			delete(fsys, name)
		}
	}
	_, wantRep := samePlans(t, fsys, cfg, ExtractOptions{})
	if wantRep.Locales[0].Moved+wantRep.Locales[0].Carried+wantRep.Locales[0].Obsolete == 0 {
		t.Errorf("the edits changed nothing to merge: %+v", wantRep.Locales[0])
	}
}

// extractBoth plans an extract from a full load and from a lean one,
// fails the test if they differ, and returns the plan.
func extractBoth(t *testing.T, fsys fs.FS, cfg *config.Config) plan.Plan {
	t.Helper()
	pl, _ := samePlans(t, fsys, cfg, ExtractOptions{})
	return pl
}

// extractTo gathers the parts of p.ExtractTo into one plan, sorted.
func extractTo(t *testing.T, p *Project, opts ExtractOptions) (plan.Plan, ExtractReport) {
	t.Helper()
	var pl plan.Plan
	rep, err := p.ExtractTo(opts, func(part plan.Plan) error {
		pl.Files = append(pl.Files, part.Files...)
		pl.Remove = append(pl.Remove, part.Remove...)
		pl.Then = append(pl.Then, part.Then...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sortPlan(&pl)
	return pl, rep
}

// samePlans compares the extract plans and reports of a full and a lean
// load, with opts, and returns them.
func samePlans(t *testing.T, fsys fs.FS, cfg *config.Config, opts ExtractOptions) (plan.Plan, ExtractReport) {
	t.Helper()
	full, err := Load(fsys, cfg, "")
	if err != nil {
		t.Fatal(err)
	}
	want, wantRep := full.Extract(opts)
	lean, err := LoadWith(fsys, cfg, LoadOptions{Lean: true})
	if err != nil {
		t.Fatal(err)
	}
	got, gotRep := extractTo(t, lean, opts)
	if fmt.Sprint(gotRep) != fmt.Sprint(wantRep) {
		t.Fatalf("lean report %+v, full %+v", gotRep, wantRep)
	}
	if len(got.Files) != len(want.Files) || fmt.Sprint(got.Remove) != fmt.Sprint(want.Remove) {
		t.Fatalf("lean plans %d files, removes %v; full %d files, removes %v", len(got.Files), got.Remove, len(want.Files), want.Remove)
	}
	for i := range want.Files {
		g, w := got.Files[i], want.Files[i]
		if g.Path != w.Path || g.Stage != w.Stage || !bytes.Equal(g.Data, w.Data) {
			t.Fatalf("file %d: lean %s (stage %d)\n%s\nfull %s (stage %d)\n%s", i, g.Path, g.Stage, g.Data, w.Path, w.Stage, w.Data)
		}
	}
	return want, wantRep
}
