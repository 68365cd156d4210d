package server

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sync"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/content"
	"github.com/healthloc/healthloc/internal/edit"
	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/qa"
	"github.com/healthloc/healthloc/internal/status"
)

// overview is the dashboard: every document × target locale with its
// coverage and what needs work, and each locale's totals as
// "healthloc status" reports them.
type overview struct {
	Key     string          `json:"key"`
	Locales []localeSummary `json:"locales"`
	Docs    []docSummary    `json:"docs"`
}

type localeSummary struct {
	localeInfo
	// Percent is the locale's word coverage, as status reports it.
	Percent float64 `json:"percent"`
	Counts
}

type docSummary struct {
	Slug  string `json:"slug"`
	Path  string `json:"path"`
	Title string `json:"title"`
	// Cells are in the order of overview.Locales.
	Cells []cell `json:"cells"`
}

type cell struct {
	Locale  string  `json:"locale"`
	Percent float64 `json:"percent"`
	Counts
}

// Counts are the entries of a document or locale in each state that
// needs work, and the findings.
type Counts struct {
	Entries   int `json:"entries"`
	Missing   int `json:"missing"`
	Stale     int `json:"stale"`
	Candidate int `json:"candidate"`
	// Findings counts entries with a finding no reviewer accepted;
	// Errors those whose finding is an error.
	Findings int `json:"findings"`
	Errors   int `json:"errors"`
}

func (c *Counts) add(o Counts) {
	c.Entries += o.Entries
	c.Missing += o.Missing
	c.Stale += o.Stale
	c.Candidate += o.Candidate
	c.Findings += o.Findings
	c.Errors += o.Errors
}

// docTitle is a document's title segment, or its path.
func docTitle(d *project.Doc) string {
	if d.IsUI() {
		return "Page text (navigation, notices)"
	}
	for _, s := range d.Segments {
		if s.Kind == content.KindTitle {
			return s.Text
		}
	}
	for _, s := range d.Segments {
		if s.Kind == content.KindHeading {
			return s.Text
		}
	}
	return d.Path
}

// computeOverview builds the dashboard of locs.
func computeOverview(snap *snapshot, checks *findingCache, locs []language.Tag) *overview {
	p := snap.p
	rep := status.Compute(p, locs, true)
	ov := &overview{Key: snap.key}
	for i, loc := range locs {
		ov.Locales = append(ov.Locales, localeSummary{localeInfo: infoOf(loc), Percent: rep.Locales[i].PercentWords})
	}
	for _, d := range p.Docs {
		ds := docSummary{Slug: d.Slug, Path: d.Path, Title: docTitle(d)}
		for i, loc := range locs {
			c := cell{Locale: loc.String(), Counts: countDoc(snap, checks, loc, d)}
			if d.IsUI() {
				c.Percent = rep.Locales[i].UI.PercentWords
			} else {
				c.Percent = docPercent(rep.Locales[i], d.Path)
			}
			ov.Locales[i].add(c.Counts)
			ds.Cells = append(ds.Cells, c)
		}
		ov.Docs = append(ov.Docs, ds)
	}
	return ov
}

func docPercent(l status.Locale, path string) float64 {
	for _, d := range l.Documents {
		if d.Path == path {
			return d.PercentWords
		}
	}
	return 0
}

// countDoc counts doc's entries in loc by what they need.
func countDoc(snap *snapshot, checks *findingCache, loc language.Tag, d *project.Doc) Counts {
	p := snap.p
	var c Counts
	seen := map[string]bool{}
	for _, id := range d.IDs {
		if seen[id] {
			continue
		}
		seen[id] = true
		c.Entries++
		e := edit.Entry{Loc: loc, Doc: d, ID: id}
		st, text := edit.Shown(p, e)
		switch st {
		case project.Missing:
			if r := p.Resolve(loc, d, id, false); r.State < project.Translated {
				c.Missing++
			}
			continue
		case project.Stale:
			c.Stale++
			continue
		case project.Candidate:
			c.Candidate++
		}
		open, blocking := false, false
		for _, f := range edit.Mark(p, e, text, checks.check(snap, e, text)) {
			if f.Accepted == nil {
				open = true
				blocking = blocking || f.Severity == qa.Error
			}
		}
		if open {
			c.Findings++
		}
		if blocking {
			c.Errors++
		}
	}
	return c
}

// findingCache keeps the checks' findings of each text, so that after one
// save only the changed entry is checked again. A text's findings depend
// only on the locale, the document, the source and the text, and the
// project's rules.
type findingCache struct {
	mu sync.Mutex
	m  map[string][]qa.Finding
}

func (fc *findingCache) check(snap *snapshot, e edit.Entry, text string) []qa.Finding {
	src := e.Doc.Source.Messages[e.ID].Hash
	k := fmt.Sprintf("%s\x00%s\x00%s\x00%s\x00%s\x00%s", rulesKey(snap.rules), e.Loc, e.Doc.Path, e.ID, src, project.TextHash(text))
	fc.mu.Lock()
	f, ok := fc.m[k]
	fc.mu.Unlock()
	if ok {
		return f
	}
	f = edit.Check(snap.p, snap.rules, e, text)
	fc.mu.Lock()
	if fc.m == nil || len(fc.m) > 1<<20 {
		fc.m = map[string][]qa.Finding{}
	}
	fc.m[k] = f
	fc.mu.Unlock()
	return f
}

// rulesKey identifies a set of rules; fmt prints maps sorted.
func rulesKey(r *qa.Rules) string {
	sum := sha256.Sum256(fmt.Appendf(nil, "%v", *r))
	return hex.EncodeToString(sum[:8])
}
