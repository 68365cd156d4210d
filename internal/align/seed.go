package align

import (
	"fmt"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/content"
	"github.com/healthloc/healthloc/internal/exchange"
	"github.com/healthloc/healthloc/internal/locale"
	"github.com/healthloc/healthloc/internal/plan"
	"github.com/healthloc/healthloc/internal/project"
)

// Report is what Seed did. Its counts add up: every source segment is
// paired, refused or unpaired, and so is every translated one; pairs are
// messages or duplicates; and every message has one import outcome.
type Report struct {
	Source      Side `json:"source"`
	Translation Side `json:"translation"`
	// Pairs counts the pairs made; Messages the distinct messages they
	// translate, the others being Duplicates.
	Pairs      int           `json:"pairs"`
	Messages   int           `json:"messages"`
	Duplicates []Duplicate   `json:"duplicates"`
	Refused    []RefusedPair `json:"refused"`
	Unpaired   []Block       `json:"unpaired"`
	Extra      []Block       `json:"extra"`
	// Warning is what the language check was unsure of.
	Warning string          `json:"warning,omitempty"`
	Import  exchange.Report `json:"import"`
}

// Side counts one document's segments.
type Side struct {
	File     string `json:"file"`
	Segments int    `json:"segments"`
	Paired   int    `json:"paired"`
	Refused  int    `json:"refused"`
	Unpaired int    `json:"unpaired"`
}

// Block is one segment of either document, as a report names it.
type Block struct {
	File string `json:"file"`
	Line int    `json:"line"`
	Kind string `json:"kind"`
	Text string `json:"text"`
}

// RefusedPair is a pair alignment refused, and why.
type RefusedPair struct {
	Source      Block  `json:"source"`
	Translation Block  `json:"translation"`
	Reason      string `json:"reason"`
}

// Duplicate is a pair whose source text another pair already has: one
// message, translated once.
type Duplicate struct {
	Line      int    `json:"line"`
	FirstLine int    `json:"first_line"`
	ID        string `json:"id"`
	// Differs says the duplicate's translation is not the first one's,
	// which was kept.
	Differs bool `json:"differs"`
}

// SeedOptions tune Seed.
type SeedOptions struct {
	// SourceName and TranslationName are the two files as the report
	// names them; TranslationPath is the translated file as it was read.
	SourceName, TranslationName, TranslationPath string
	// Trust imports the pairs as translated rather than as candidates
	// waiting for review; Force overwrites the catalog's translations.
	Trust, Force bool
}

// Seed aligns tr, the translation of d into loc made outside healthloc,
// with d, and plans the pairs' import into loc's catalogs (see
// exchange.Import). A translation in the wrong script or language is an
// error; one that may be in another language is imported with the
// report's Warning, which is set even when the import fails.
func Seed(p *project.Project, d *project.Doc, tr *content.Document, loc language.Tag, o SeedOptions) (plan.Plan, Report, error) {
	rep := Report{Duplicates: []Duplicate{}, Refused: []RefusedPair{}, Unpaired: []Block{}, Extra: []Block{}}
	switch v := CheckLanguage(loc, tr.Segments); v.Level {
	case Wrong:
		return plan.Plan{}, rep, fmt.Errorf("%s: %s; nothing aligned (is it the right file and the right --locale?)", o.TranslationName, v.Message)
	case Unsure:
		rep.Warning = fmt.Sprintf("%s: %s", o.TranslationName, v.Message)
	}
	res := Align(d.Segments, tr.Segments, Options{Links: LocalizedLinks(p, loc)})
	ed, dups := units(d, tr, res)
	f := &exchange.File{Path: o.TranslationPath, Locale: loc.String(), Docs: []exchange.Doc{ed}}
	pl, irep, err := exchange.Import(p, []*exchange.File{f}, exchange.ImportOptions{
		Force: o.Force, AsCandidate: !o.Trust, Plain: true, Origin: "align: " + o.TranslationName,
	})
	if err != nil {
		return plan.Plan{}, rep, err
	}
	rep.fill(d, tr, res, o.SourceName, o.TranslationName)
	rep.Duplicates = append(rep.Duplicates, dups...)
	rep.Messages, rep.Import = len(ed.Units), irep
	return pl, rep, nil
}

// units are the pairs as units to import, one per message, and the pairs
// that repeat a message another pair already has.
func units(d *project.Doc, tr *content.Document, res Result) (exchange.Doc, []Duplicate) {
	ed := exchange.Doc{Path: d.Path}
	var dups []Duplicate
	first := map[string][2]int{} // message ID → its first pair
	for _, pr := range res.Pairs {
		id := d.IDs[pr[0]]
		ts := tr.Segments[pr[1]]
		if fp, ok := first[id]; ok {
			// repeated source text: one message, first pairing wins
			dups = append(dups, Duplicate{Line: d.Segments[pr[0]].Line, FirstLine: d.Segments[fp[0]].Line,
				ID: id, Differs: ts.Text != tr.Segments[fp[1]].Text})
			continue
		}
		first[id] = pr
		ed.Units = append(ed.Units, exchange.Unit{ID: id, Target: ts.Text, Line: ts.Line})
	}
	return ed, dups
}

// fill puts the alignment's blocks and counts in the report.
func (rep *Report) fill(d *project.Doc, tr *content.Document, res Result, srcName, trName string) {
	seg := func(file string, s content.Segment) Block {
		return Block{file, s.Line, string(s.Kind), s.Text}
	}
	for _, i := range res.Unpaired {
		rep.Unpaired = append(rep.Unpaired, seg(srcName, d.Segments[i]))
	}
	for _, j := range res.Extra {
		rep.Extra = append(rep.Extra, seg(trName, tr.Segments[j]))
	}
	for _, r := range res.Refused {
		rep.Refused = append(rep.Refused, RefusedPair{seg(srcName, d.Segments[r.Source]), seg(trName, tr.Segments[r.Translation]), r.Reason})
	}
	rep.Pairs = len(res.Pairs)
	rep.Source = Side{srcName, len(d.Segments), len(res.Pairs), len(res.Refused), len(res.Unpaired)}
	rep.Translation = Side{trName, len(tr.Segments), len(res.Pairs), len(res.Refused), len(res.Extra)}
}

// LocalizedLinks is the project's localized_links for loc.
func LocalizedLinks(p *project.Project, loc language.Tag) map[string]string {
	for l, m := range p.Config.LocalizedLinks {
		if t, err := locale.Parse(l); err == nil && t == loc {
			return m
		}
	}
	return nil
}
