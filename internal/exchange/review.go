package exchange

import (
	"strings"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/content"
	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/workarea"
)

// A hand-off file can carry a medical reviewer's decisions on the
// candidates it was exported with (export --only review): a candidate
// the reviewer kept, with the needs-review mark (PO fuzzy, XLIFF
// needs-review-translation or initial) removed, is approved when the
// file names its reviewer; one left marked stays a candidate; one whose
// text the reviewer emptied is rejected.

// ReasonNeedsReviewer is the reason of a candidate kept in a file that
// names no reviewer, the common case that reports count rather than list.
const ReasonNeedsReviewer = "a candidate: approving it needs the reviewer's name (X-Reviewer in a PO header, a healthloc-reviewer note in XLIFF, or --reviewer)"

// MetaReviewer prefixes the XLIFF note that names the reviewer of a file.
const MetaReviewer = "healthloc-reviewer: "

// reviewed handles a unit whose message is a candidate in loc: the
// reviewer's decision on it. done is false when the unit is to be
// imported as usual: a translator's own text, or a message that is no
// candidate.
func (im *importer) reviewed(loc language.Tag, t target, u *Unit, tagCodes bool, reviewer string) (e Entry, done bool) {
	if st, _ := im.p.Lookup(loc, t.doc, u.ID); st != project.Candidate {
		return Entry{}, false
	}
	wf := im.workflow(loc)
	c, ok := wf.Candidates[u.ID]
	if !ok || c.Rejected != "" {
		return Entry{}, false // decided earlier in this run
	}
	if strings.HasPrefix(c.Origin, OriginUnfinished) && !u.Fuzzy {
		return Entry{}, false // a translator's own, finished now
	}
	seg := t.doc.Segments[t.seg]
	text, codes, err := im.restoreTarget(seg, u, tagCodes)
	if err != nil {
		return Entry{Outcome: Skipped, Reason: ReasonNoPlaceholder, Detail: err.Error()}, true
	}
	if lost := im.lostPair(seg, u, text, codes); lost != "" && strings.TrimSpace(u.Target) != "" {
		return Entry{Outcome: Skipped, Reason: ReasonLostPair, Detail: lost}, true
	}
	if u.Source != "" {
		fileSrc, err := Restore(u.Source, codes)
		if err != nil {
			fileSrc = u.Source
		}
		if catalog.Normalize(fileSrc) != catalog.Normalize(seg.Text) {
			return Entry{}, false // made for another source: stale, as usual
		}
	}
	empty := strings.TrimSpace(u.Target) == ""
	switch {
	case empty && reviewer != "":
		c.Rejected = "rejected by " + reviewer
		wf.Candidates[u.ID] = c
		im.markCandidates(loc, t.doc.Slug)
		return Entry{Outcome: Rejected, Reason: "emptied by the reviewer; kept as a suggestion"}, true
	case empty:
		return Entry{}, false
	case u.Fuzzy && text == c.Other:
		return Entry{Outcome: Unchanged}, true // still waiting for review
	case u.Fuzzy:
		return Entry{}, false
	case reviewer == "" && text == c.Other:
		return Entry{Outcome: Skipped, Reason: ReasonNeedsReviewer}, true
	case reviewer == "":
		return Entry{}, false // a translator's own text: imported as usual
	}
	if im.opts.Approve != nil {
		if why := im.opts.Approve(loc, t.doc, u.ID, text); why != "" {
			return Entry{Outcome: Refused, Reason: "a check error refuses it", Detail: why}, true
		}
	}
	src := t.doc.Source.Messages[u.ID]
	im.catalog(loc, t.doc.Slug).Messages[u.ID] = catalog.Message{ID: u.ID, Description: src.Description, Hash: src.Hash, Other: text}
	wf.Reviews[u.ID] = workarea.Review{Reviewer: reviewer, SourceHash: src.Hash, TranslationHash: project.TextHash(text)}
	delete(wf.Previous, u.ID)
	im.dropCandidate(loc, t.doc.Slug, u.ID)
	if text != c.Other {
		return Entry{Outcome: Approved, Reason: "approved as the reviewer edited it"}, true
	}
	return Entry{Outcome: Approved}, true
}

// restoreTarget is a unit's target with its placeholders restored, and
// the codes of its segment.
func (im *importer) restoreTarget(seg content.Segment, u *Unit, tagCodes bool) (string, []string, error) {
	if seg.Syntax == content.SyntaxHTML && u.Source != "" {
		// Tools that flatten inline codes (xliff2po, po2xliff) leave the
		// tags as literal text: the unit's source tells which it is.
		if protected, _ := ProtectTags(seg.Text); catalog.Normalize(u.Source) == catalog.Normalize(protected) {
			tagCodes = true
		} else if catalog.Normalize(u.Source) == catalog.Normalize(seg.Text) {
			tagCodes = false
		}
	}
	_, codes := protectSegment(seg, seg.Text, tagCodes)
	if im.opts.Plain || strings.TrimSpace(u.Target) == "" {
		return u.Target, codes, nil
	}
	text, err := Restore(u.Target, codes)
	return text, codes, err
}

// dropCandidate removes loc's candidate for message id of document slug,
// which a current translation replaces.
func (im *importer) dropCandidate(loc language.Tag, slug, id string) {
	wf := im.workflow(loc)
	if _, ok := wf.Candidates[id]; ok {
		delete(wf.Candidates, id)
		im.markCandidates(loc, slug)
	}
}

// markCandidates notes that document slug's candidates in loc changed.
func (im *importer) markCandidates(loc language.Tag, slug string) {
	if im.candSlugs[loc.String()] == nil {
		im.candSlugs[loc.String()] = map[string]bool{}
	}
	im.candSlugs[loc.String()][slug] = true
}
