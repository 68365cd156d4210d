package exchange

import (
	"maps"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/plan"
	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/workarea"
)

// Outcome is what import did with one unit.
type Outcome string

// The outcomes, as reported.
const (
	Imported  Outcome = "imported"
	Unchanged Outcome = "unchanged"
	Conflict  Outcome = "conflict"
	Stale     Outcome = "stale"
	Skipped   Outcome = "skipped"
	// Candidate is a translation kept in the work area for a reviewer.
	Candidate Outcome = "candidate"
	// Approved is a candidate a reviewer approved in the file: it is a
	// current, reviewed translation now.
	Approved Outcome = "approved"
	// Refused is a candidate a reviewer kept whose check errors refuse
	// it; it stays a candidate.
	Refused Outcome = "refused"
	// Rejected is a candidate a reviewer emptied: the message is missing
	// again, the candidate stays as a suggestion.
	Rejected Outcome = "rejected"
)

// ReasonEmpty is the reason of a unit skipped for having no translation,
// the common case that reports count rather than list.
const ReasonEmpty = "empty translation"

// ReasonReview is the reason of a unit kept as a candidate by
// AsCandidate.
const ReasonReview = "a candidate, waiting for review"

// ReasonUntranslated is the reason of an unfinished unit whose target is
// still its source (export --copy-source, or a tool that pre-fills
// targets): nothing was translated, and reports count it as they count
// empty targets.
const ReasonUntranslated = "not translated: the target is still the source"

// ReasonUnfinished is the reason of a unit a translator changed but left
// unfinished (PO fuzzy, XLIFF needs-translation, initial): it is kept as
// a candidate for review, never served.
const ReasonUnfinished = "changed but left unfinished; kept as a candidate for review"

// ImportOptions tunes Import.
type ImportOptions struct {
	// Force overwrites catalog translations that changed since export.
	Force bool
	// AllowSame lists texts that may be imported although the target
	// equals the source (names, brands); numbers always may.
	AllowSame []string
	// AsCandidate keeps every translation of the current source as a
	// candidate in the work area, for a reviewer (align).
	AsCandidate bool
	// Origin says where candidates come from, for the reviewer.
	Origin string
	// Plain says that Target holds raw text, not placeholders (align).
	Plain bool
	// Check runs the translation checks on what is imported and
	// summarizes their findings in Report.Checks.
	Check bool
	// Reviewer names the reviewer of every file, over the file's own
	// header; with a reviewer, a candidate kept in the file is approved.
	Reviewer string
	// Approve, when set, runs the checks on a text a reviewer approves
	// and returns why it cannot be approved, or "" (review's rule).
	Approve func(loc language.Tag, doc *project.Doc, id, text string) string
	// Locale is the target locale of every file (import --locale): the
	// language of a file that does not name one, and the choice among
	// close targets for one that does.
	Locale string
	// AcceptStates are the unfinished states (a PO fuzzy flag, an XLIFF
	// state such as needs-translation or initial) whose targets are
	// taken as translated.
	AcceptStates []string
}

// Entry is the outcome of one unit, for the report.
type Entry struct {
	File    string  `json:"file"`
	Line    int     `json:"line,omitempty"`
	ID      string  `json:"id"`
	Outcome Outcome `json:"outcome"`
	// Reason says why, in words shared by every entry of the kind, so
	// that reports can group entries by it; Detail is this entry's part
	// (the placeholder, the reviewer's comment).
	Reason string `json:"reason,omitempty"`
	Detail string `json:"detail,omitempty"`
}

// Why is the reason with the detail, as one text.
func (e Entry) Why() string {
	if e.Detail == "" {
		return e.Reason
	}
	return e.Reason + " (" + e.Detail + ")"
}

// Report counts the outcomes. Entries lists every unit that was not
// imported as translated, and every forced overwrite, in input order.
type Report struct {
	Imported  int `json:"imported"`
	Unchanged int `json:"unchanged"`
	Conflicts int `json:"conflicts"`
	Stale     int `json:"stale"`
	Skipped   int `json:"skipped"`
	// Candidates counts translations kept for review.
	Candidates int `json:"candidates"`
	// Approved, Refused and Rejected count the candidates a reviewer
	// approved, kept with a check error, and emptied.
	Approved int     `json:"approved"`
	Refused  int     `json:"refused"`
	Rejected int     `json:"rejected"`
	Entries  []Entry `json:"entries"`
	// Checks summarizes the checks on the imported translations (with
	// ImportOptions.Check).
	Checks *CheckSummary `json:"checks,omitempty"`
	// Unfinished counts the candidates that came from targets a tool
	// left unfinished (a part of Candidates).
	Unfinished int `json:"unfinished"`
	// Files says, per file, which locale it went to and what came of it.
	Files []FileReport `json:"files"`
}

func (r *Report) add(e Entry) {
	switch e.Outcome {
	case Imported:
		r.Imported++
	case Unchanged:
		r.Unchanged++
	case Conflict:
		r.Conflicts++
	case Stale:
		r.Stale++
	case Candidate:
		r.Candidates++
		if e.Reason == ReasonUnfinished {
			r.Unfinished++
		}
	case Approved:
		r.Approved++
	case Refused:
		r.Refused++
	case Rejected:
		r.Rejected++
	case Skipped:
		r.Skipped++
	}
	// The report lists every entry but the unchanged ones and the plain
	// imports and approvals, which need no word of explanation.
	plain := (e.Outcome == Imported || e.Outcome == Approved) && e.Reason == ""
	if e.Outcome != Unchanged && !plain {
		r.Entries = append(r.Entries, e)
	}
}

// target is where a message ID lives in the project.
type target struct {
	doc *project.Doc
	seg int
}

// importer holds the catalogs and sidecars an import changes.
type importer struct {
	p       *project.Project
	opts    ImportOptions
	index   map[string]target
	touched map[string]map[string]*catalog.Catalog // locale → slug → updated copy
	wf      map[string]*workarea.State             // locale → updated copy
	// candSlugs are the documents given candidates: locale → slug.
	candSlugs map[string]map[string]bool
	checked   []imported // what to check, in input order
}

// Import merges the units of files into the catalogs of p and returns
// the plan of the changed catalog and sidecar files (project-relative)
// and the report. Every file must have a Locale that is one of the
// project's targets. A unit is:
//
//   - skipped when its ID is not in the content, its target is empty or
//     fuzzy, its placeholders do not exist, or its target equals the
//     source (unless the source is a number or in AllowSame);
//   - a conflict when the catalog's translation is not the one the file
//     was exported from (Base), or, for a file with no base, when the
//     catalog already holds a different translation; the catalog wins
//     unless Force;
//   - stale when the file's source is not the current source: the
//     translation is written with the hash of the file's source and the
//     file's source is recorded as the previous source;
//   - unchanged when the catalog already holds exactly this;
//   - imported otherwise.
func Import(p *project.Project, files []*File, opts ImportOptions) (plan.Plan, Report, error) {
	im := &importer{p: p, opts: opts, index: map[string]target{},
		touched: map[string]map[string]*catalog.Catalog{}, wf: map[string]*workarea.State{},
		candSlugs: map[string]map[string]bool{}}
	for _, d := range p.Docs {
		for i, id := range d.IDs {
			if _, ok := im.index[id]; !ok {
				im.index[id] = target{d, i}
			}
		}
	}
	var rep Report
	for _, f := range files {
		loc, fr, err := im.locale(f)
		if err != nil {
			return plan.Plan{}, Report{}, err
		}
		reviewer := im.opts.Reviewer
		if reviewer == "" {
			reviewer = strings.TrimSpace(f.Reviewer)
		}
		for _, u := range f.Units() {
			e := im.unit(loc, &u, f, reviewer)
			e.File, e.Line, e.ID = f.Path, u.Line, u.ID
			rep.add(e)
			fr.count(u, e)
		}
		fr.finish()
		rep.Files = append(rep.Files, *fr)
	}
	if opts.Check {
		rep.Checks = im.checks()
	}
	return im.plan(), rep, nil
}

// numberRe is a source that is only a number or a range, which may stay
// the same in a translation ("500", "2–5", "1.5 %").
var numberRe = regexp.MustCompile(`^[\s(+\-–]*\p{N}[\p{N}\s.,:;/%+\-–×()]*$`)

func (im *importer) unit(loc language.Tag, u *Unit, f *File, reviewer string) Entry {
	if u.ID == "" {
		for _, r := range u.Refs {
			if _, ok := im.index[r]; ok {
				u.ID = r
				break
			}
		}
	}
	if u.Fuzzy && im.accepted(u.FileState) {
		u.Fuzzy = false // taken as translated (--accept-states)
	}
	t, ok := im.index[u.ID]
	if ok && !im.opts.Plain {
		// a hand-off file may hold a reviewer's decisions on candidates;
		// align's pairs are candidates, or trusted (--trust)
		if e, done := im.reviewed(loc, t, u, f.TagCodes, reviewer); done {
			return e
		}
	}
	switch {
	case u.ID == "":
		return Entry{Outcome: Skipped, Reason: "no message ID"}
	case !ok:
		return Entry{Outcome: Skipped, Reason: "message ID is not in the content"}
	case strings.TrimSpace(u.Target) == "":
		return Entry{Outcome: Skipped, Reason: ReasonEmpty}
	}
	seg := t.doc.Segments[t.seg]
	text, codes, err := im.restoreTarget(seg, u, f.TagCodes)
	if err != nil {
		return Entry{Outcome: Skipped, Reason: ReasonNoPlaceholder, Detail: err.Error()}
	}
	if lost := im.lostPair(seg, u, text, codes); lost != "" {
		return Entry{Outcome: Skipped, Reason: ReasonLostPair, Detail: lost}
	}
	src := t.doc.Source.Messages[u.ID]
	hash, stale, prev := fileSource(u, codes, seg.Text, src)
	if u.Fuzzy {
		return im.unfinished(loc, t, u, f.Path, text, stale)
	}
	if im.opts.AsCandidate && !stale {
		return im.candidate(loc, t.doc, u.ID, seg.Text, text, im.opts.Origin)
	}
	c := im.catalog(loc, t.doc.Slug)
	cur, had := c.Messages[u.ID]
	if had && cur.Other == text && cur.Hash == hash {
		return Entry{Outcome: Unchanged}
	}
	if _, inherited, from := lookup(im.p, loc, t.doc, u.ID); !had && from != "" && inherited == text && !stale {
		// what a regional locale inherits from its parent stays there
		return Entry{Outcome: Unchanged}
	}
	if catalog.Normalize(text) == catalog.Normalize(seg.Text) && !im.sameAllowed(seg.Text) {
		if slices.Contains(UnfinishedStates, u.FileState) {
			// an accepted state (--accept-states) on a target the tool
			// never touched
			return Entry{Outcome: Skipped, Reason: ReasonUntranslated}
		}
		return Entry{Outcome: Skipped, Reason: "translation is the source text"}
	}
	return im.store(loc, t, u, c, cur, src.Description, text, hash, prev, stale)
}

// fileSource compares the source a file was made from with the current
// one, seg: a translation of an older source is stale, hashed with that
// source, which is its previous source.
func fileSource(u *Unit, codes []string, seg string, src catalog.Message) (hash string, stale bool, prev string) {
	if u.Source == "" {
		return src.Hash, false, ""
	}
	fileSrc, err := Restore(u.Source, codes)
	if err != nil {
		fileSrc = u.Source
	}
	if catalog.Normalize(fileSrc) != catalog.Normalize(seg) {
		return catalog.Hash(src.Description, fileSrc), true, fileSrc
	}
	return src.Hash, false, ""
}

// store writes text, the translation of u, into c over cur, unless cur
// changed since the file was exported (a conflict, unless --force).
func (im *importer) store(loc language.Tag, t target, u *Unit, c *catalog.Catalog, cur catalog.Message,
	description, text, hash, prev string, stale bool) Entry {
	var reason string
	if u.Base != "" && u.Base != project.TextHash(cur.Other) ||
		u.Base == "" && cur.Other != "" && cur.Other != text {
		if !im.opts.Force {
			return Entry{Outcome: Conflict, Reason: "the catalog's translation changed since this file was exported; kept it (use --force to overwrite)"}
		}
		reason = "overwrote a translation that changed since export (--force)"
	}
	c.Messages[u.ID] = catalog.Message{ID: u.ID, Description: description, Hash: hash, Other: text}
	wf := im.workflow(loc)
	if prev != "" {
		wf.Previous[u.ID] = workarea.Previous{Source: prev}
	} else {
		delete(wf.Previous, u.ID)
		im.dropCandidate(loc, t.doc.Slug, u.ID)
	}
	im.checked = append(im.checked, imported{loc: loc, t: t, text: text, prev: prev})
	if stale {
		if reason == "" {
			reason = "the file's source differs from the current source; imported as stale"
		}
		return Entry{Outcome: Stale, Reason: reason}
	}
	return Entry{Outcome: Imported, Reason: reason}
}

// maxSameWords is the longest source, in words, that a candidate may
// keep unchanged: a name, not a sentence.
const maxSameWords = 3

// candidate keeps text as a candidate translation of message id of doc,
// whose source text is srcText, unless the locale already has it.
func (im *importer) candidate(loc language.Tag, doc *project.Doc, id, srcText, text, origin string) Entry {
	src := doc.Source.Messages[id]
	cur := im.catalog(loc, doc.Slug).Messages[id]
	if cur.Other == text && (cur.Hash == src.Hash || cur.Hash == "") {
		return Entry{Outcome: Unchanged}
	}
	wf := im.workflow(loc)
	if c, ok := wf.Candidates[id]; ok && c.Other == text && c.Hash == src.Hash {
		if c.Rejected != "" {
			// a reviewer sent it back: offering it again changes nothing
			return Entry{Outcome: Skipped, Reason: "a reviewer rejected this translation", Detail: c.Rejected}
		}
		return Entry{Outcome: Unchanged}
	}
	// A name ("Malaria", "VIH/SIDA") is often written the same in both
	// languages; a reviewer decides. Longer text is an untranslated block.
	if catalog.Normalize(text) == catalog.Normalize(srcText) && !im.sameAllowed(srcText) && len(strings.Fields(srcText)) > maxSameWords {
		return Entry{Outcome: Skipped, Reason: "translation is the source text"}
	}
	if cur.Other != "" && (cur.Hash == src.Hash || cur.Hash == "") && !im.opts.Force {
		return Entry{Outcome: Conflict, Reason: "the catalog already has another translation; kept it (use --force to add this one as a candidate)"}
	}
	wf.Candidates[id] = workarea.Candidate{Slug: doc.Slug, Hash: src.Hash, Other: text, Origin: origin}
	if im.candSlugs[loc.String()] == nil {
		im.candSlugs[loc.String()] = map[string]bool{}
	}
	im.candSlugs[loc.String()][doc.Slug] = true
	return Entry{Outcome: Candidate, Reason: ReasonReview}
}

func (im *importer) sameAllowed(src string) bool {
	if numberRe.MatchString(src) {
		return true
	}
	n := catalog.Normalize(src)
	for _, a := range im.opts.AllowSame {
		if catalog.Normalize(a) == n {
			return true
		}
	}
	return false
}

// catalog returns the working copy of loc's catalog of slug.
func (im *importer) catalog(loc language.Tag, slug string) *catalog.Catalog {
	byslug := im.touched[loc.String()]
	if byslug == nil {
		byslug = map[string]*catalog.Catalog{}
		im.touched[loc.String()] = byslug
	}
	if c := byslug[slug]; c != nil {
		return c
	}
	c := &catalog.Catalog{Locale: loc.String(), Messages: map[string]catalog.Message{}}
	if old := im.p.Catalog(loc, slug); old != nil {
		for id, m := range old.Messages {
			c.Messages[id] = m
		}
	}
	byslug[slug] = c
	return c
}

func (im *importer) workflow(loc language.Tag) *workarea.State {
	if s := im.wf[loc.String()]; s != nil {
		return s
	}
	s := im.p.WorkflowState(loc).Clone()
	im.wf[loc.String()] = s
	return s
}

// plan writes the catalogs, work files and reviews that differ from the
// project's.
func (im *importer) plan() plan.Plan {
	var pl plan.Plan
	locs := maps.Clone(im.wf)
	for l := range im.touched {
		if _, ok := locs[l]; !ok {
			locs[l] = nil
		}
	}
	for _, l := range slices.Sorted(maps.Keys(locs)) {
		tag := language.Make(l)
		changed := maps.Clone(im.candSlugs[l])
		if changed == nil {
			changed = map[string]bool{}
		}
		cats := map[string]*catalog.Catalog{}
		for _, slug := range slices.Sorted(maps.Keys(im.touched[l])) {
			c := im.touched[l][slug]
			old := im.p.Catalog(tag, slug)
			if old != nil && sameMessages(old, c) || old == nil && len(c.Messages) == 0 {
				continue
			}
			changed[slug], cats[slug] = true, c
		}
		slugs := slices.Sorted(maps.Keys(changed))
		st := im.wf[l]
		if st == nil {
			st = im.p.WorkflowState(tag)
		}
		part := im.p.PlanWrite(tag, slugs, cats, st)
		pl.Append(part)
	}
	return pl
}

func sameMessages(a, b *catalog.Catalog) bool {
	if len(a.Messages) != len(b.Messages) {
		return false
	}
	for id, m := range a.Messages {
		if b.Messages[id] != m {
			return false
		}
	}
	return true
}
