package edit

import (
	"fmt"
	"strings"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/qa"
	"github.com/healthloc/healthloc/internal/workarea"
)

// Finding is a check finding on an entry's text, with the reviewer's
// acceptance of it when one holds for exactly this source and text.
type Finding = qa.Finding

// Blocks reports whether a finding stops an approval: an error no
// reviewer accepted.
func Blocks(f Finding) bool { return f.Severity == qa.Error && f.Accepted == nil }

// Findings checks text as a translation of the entry (see Check) and
// marks the findings a reviewer accepted.
func Findings(p *project.Project, rules *qa.Rules, e Entry, text string) []Finding {
	return Mark(p, e, text, Check(p, rules, e, text))
}

// Check checks text as a translation of the entry with the qa package's
// checks: for the entry's current translation exactly as "healthloc
// check" does, for any other text (a draft, a candidate) as a pair of
// source and text.
func Check(p *project.Project, rules *qa.Rules, e Entry, text string) []qa.Finding {
	if st, cur := Shown(p, e); st >= project.Held && cur == text {
		return qa.CheckMessage(p, rules, e.Loc, e.Doc, e.ID)
	}
	if text == "" {
		return nil
	}
	return qa.CheckText(p, rules, e.Loc, e.Doc, e.ID, text)
}

// Mark pairs the findings of text with the acceptances that hold for
// them: a reviewer's, for exactly this source and this text.
func Mark(p *project.Project, e Entry, text string, found []qa.Finding) []Finding {
	src := e.Doc.Source.Messages[e.ID]
	var accepted map[string]workarea.Accepted
	if st := p.Workflow[e.Loc.String()]; st != nil {
		accepted = st.Accepted[e.ID]
	}
	out := make([]Finding, len(found))
	for i, f := range found {
		out[i], out[i].Accepted = f, nil // found may be remembered from before an acceptance
		if a, ok := accepted[f.Check]; ok && a.SourceHash == src.Hash && a.TranslationHash == project.TextHash(text) {
			out[i].Accepted = &qa.Acceptance{Reviewer: a.Reviewer, Reason: a.Reason}
		}
	}
	return out
}

// Refused is an approval refused for findings that block it.
type Refused struct{ Findings []Finding }

func (r *Refused) Error() string {
	var parts []string
	for _, f := range r.Findings {
		parts = append(parts, fmt.Sprintf("[%s] %s", f.Check, f.Message))
	}
	return "refused: the translation has check errors (" + strings.Join(parts, "; ") +
		"): fix it, accept the finding with a reason, or approve with an override reason"
}

// Approve records reviewer's approval of the entry's text whose hash is
// hash: its current translation, or its candidate, which becomes the
// translation. As "healthloc review" does, a text with an error-level
// finding no reviewer accepted is refused unless override gives a reason,
// which the review records.
func Approve(p *project.Project, rules *qa.Rules, e Entry, hash, reviewer, override string) (Change, error) {
	reviewer, override = strings.TrimSpace(reviewer), strings.TrimSpace(override)
	if reviewer == "" {
		return Change{}, invalidf("an approval needs the reviewer's name")
	}
	st, text, err := checkShown(p, e, hash)
	if err != nil {
		return Change{}, err
	}
	ch := Change{Action: "approve", New: project.TextHash(text)}
	if own := Own(p, e).Other; own != "" {
		ch.Old = project.TextHash(own)
	}
	switch {
	case st < project.Candidate:
		return Change{}, invalidf("it is %s: only a current translation or a candidate can be approved", st)
	case st == project.Reviewed && override == "":
		ch.Unchanged, ch.Note = true, "already approved"
		return ch, nil
	}
	blocking := blockingFindings(p, rules, e, text)
	if len(blocking) > 0 && override == "" {
		return Change{}, &Refused{Findings: blocking}
	}
	if len(blocking) > 0 {
		ch.Note = "override: " + override
	}
	ws, cats := state(p, e.Loc), map[string]*catalog.Catalog{}
	if approveIn(p, ws, cats, e, st, text, blocking, reviewer, override) {
		ch.Note = strings.TrimPrefix(ch.Note+"; candidate taken", "; ")
	}
	p.Reconsider()
	ch.Plan = p.PlanWrite(e.Loc, []string{e.Doc.Slug}, cats, ws)
	return ch, nil
}

// approveIn records reviewer's approval of text, the entry's translation
// or candidate in state st, in ws: with override, the reason accepts each
// of the blocking findings, so that check and render let the approved
// translation through. A candidate becomes the reviewed translation, in
// the copy of its catalog in cats; approveIn reports that it did.
func approveIn(p *project.Project, ws *workarea.State, cats map[string]*catalog.Catalog, e Entry, st project.State,
	text string, blocking []Finding, reviewer, override string) (taken bool) {
	src := e.Doc.Source.Messages[e.ID]
	r := workarea.Review{Reviewer: reviewer, SourceHash: src.Hash, TranslationHash: project.TextHash(text)}
	if len(blocking) > 0 {
		r.Override = override
		for _, f := range blocking {
			ws.Accept(e.ID, f.Check, workarea.Accepted{Reviewer: reviewer, Reason: override,
				SourceHash: src.Hash, TranslationHash: r.TranslationHash})
		}
	}
	ws.Reviews[e.ID] = r
	if st != project.Candidate {
		return false
	}
	cat := cats[e.Doc.Slug]
	if cat == nil {
		cat = copyCatalog(p, e)
		cats[e.Doc.Slug] = cat
	}
	cat.Messages[e.ID] = catalog.Message{ID: e.ID, Description: src.Description, Hash: src.Hash, Other: text}
	delete(ws.Candidates, e.ID)
	delete(ws.Previous, e.ID)
	return true
}

// blockingFindings are the findings of text as the entry's translation
// that stop an approval.
func blockingFindings(p *project.Project, rules *qa.Rules, e Entry, text string) []Finding {
	var blocking []Finding
	for _, f := range Findings(p, rules, e, text) {
		if Blocks(f) {
			blocking = append(blocking, f)
		}
	}
	return blocking
}

// Reject marks the entry's candidate, whose hash is hash, rejected with
// the reviewer's comment: it stays in the work area as a suggestion for
// the translator and is no longer offered for review.
func Reject(p *project.Project, e Entry, hash, reviewer, comment string) (Change, error) {
	comment = strings.TrimSpace(comment)
	if comment == "" {
		return Change{}, invalidf("a rejection needs a comment for the translator")
	}
	st, text, err := checkShown(p, e, hash)
	if err != nil {
		return Change{}, err
	}
	if st != project.Candidate {
		return Change{}, invalidf("it is %s: only a candidate can be rejected; edit the translation instead", st)
	}
	ws := state(p, e.Loc)
	c := ws.Candidates[e.ID]
	c.Rejected = comment
	ws.Candidates[e.ID] = c
	ch := Change{Action: "reject", Old: project.TextHash(text), New: project.TextHash(text), Note: comment}
	p.Reconsider() // the finding holds the translation back no more
	ch.Plan = p.PlanWrite(e.Loc, []string{e.Doc.Slug}, nil, ws)
	return ch, nil
}

// Accept records reviewer's acceptance of the finding of check on the
// entry's text whose hash is hash, with reason. Like an approval, it
// holds only while the source and the text stay as they are.
func Accept(p *project.Project, rules *qa.Rules, e Entry, hash, check, reviewer, reason string) (Change, error) {
	reviewer, reason = strings.TrimSpace(reviewer), strings.TrimSpace(reason)
	if reviewer == "" {
		return Change{}, invalidf("accepting a finding needs the reviewer's name")
	}
	if reason == "" {
		return Change{}, invalidf("accepting a finding needs a reason")
	}
	st, text, err := checkShown(p, e, hash)
	if err != nil {
		return Change{}, err
	}
	if st < project.Candidate {
		return Change{}, invalidf("it is %s: findings are accepted on a current translation or a candidate", st)
	}
	if !finds(Findings(p, rules, e, text), check) {
		return Change{}, invalidf("the text has no %q finding to accept", check)
	}
	ws := state(p, e.Loc)
	acceptIn(ws, e, text, check, reviewer, reason)
	ch := Change{Action: "accept", Old: project.TextHash(text), New: project.TextHash(text), Note: check + ": " + reason}
	p.Reconsider() // the finding holds the translation back no more
	ch.Plan = p.PlanWrite(e.Loc, []string{e.Doc.Slug}, nil, ws)
	return ch, nil
}

// AcceptCurrent records in ws reviewer's acceptance, with reason, of the
// finding of check on the entry's current translation (held, translated
// or reviewed), as "healthloc check --accept" does: the finding must be
// one check reports now.
func AcceptCurrent(p *project.Project, rules *qa.Rules, ws *workarea.State, e Entry, check, reviewer, reason string) error {
	st, text := p.Lookup(e.Loc, e.Doc, e.ID)
	if st < project.Held {
		return fmt.Errorf("%s has no current translation in %s (it is %s): nothing to accept", e.ID, e.Loc, st)
	}
	if !finds(qa.CheckText(p, rules, e.Loc, e.Doc, e.ID, text), check) {
		return fmt.Errorf("check finds nothing of kind %q in %s's translation of %s", check, e.Loc, e.ID)
	}
	acceptIn(ws, e, text, check, reviewer, reason)
	return nil
}

// finds reports whether one of the findings is of check.
func finds(found []Finding, check string) bool {
	for _, f := range found {
		if f.Check == check {
			return true
		}
	}
	return false
}

// acceptIn records in ws reviewer's acceptance of the finding of check on
// text, the entry's translation: it holds for exactly this source and
// this text.
func acceptIn(ws *workarea.State, e Entry, text, check, reviewer, reason string) {
	ws.Accept(e.ID, check, workarea.Accepted{Reviewer: reviewer, Reason: reason,
		SourceHash: e.Doc.Source.Messages[e.ID].Hash, TranslationHash: project.TextHash(text)})
}
