// Package edit applies one person's change to one entry of a locale: a
// translator's save, a reviewer's approval, the rejection of a
// candidate, the acceptance of a check finding. It follows the rules of
// the command line (import never overwrites a translation changed since
// it was read; review refuses a translation with an error-level finding
// unless a reason overrides it) and holds no rule of its own about who
// may do what: the caller checks roles.
//
// Each function takes a Project loaded whole, read afresh from disk while
// the caller holds the project's lock, and returns the plan of the files
// to write (served catalog, work file, reviews) and what changed, for an
// audit log. Review and AcceptCurrent are the command line's forms, for
// many entries of a locale at once (review, check --accept): they record
// an approval or an acceptance exactly as Approve and Accept do. Nothing
// here writes a file.
package edit

import (
	"errors"
	"fmt"
	"maps"
	"strings"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/plan"
	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/workarea"
)

// Entry is one message of one document in one target locale.
type Entry struct {
	Loc language.Tag
	Doc *project.Doc
	ID  string
}

// ErrNotFound reports a locale, document or message that the project does
// not have.
var ErrNotFound = errors.New("not found")

// Find is message id of the document with slug in target locale loc.
func Find(p *project.Project, loc language.Tag, slug, id string) (Entry, error) {
	target := false
	for _, t := range p.Config.Targets() {
		target = target || t == loc
	}
	if !target {
		return Entry{}, fmt.Errorf("locale %s: %w: not a target locale of this project", loc, ErrNotFound)
	}
	for _, d := range p.Docs {
		if d.Slug != slug {
			continue
		}
		if _, ok := d.Source.Messages[id]; !ok {
			return Entry{}, fmt.Errorf("message %q: %w in %s", id, ErrNotFound, d.Path)
		}
		return Entry{Loc: loc, Doc: d, ID: id}, nil
	}
	return Entry{}, fmt.Errorf("document %q: %w", slug, ErrNotFound)
}

// Own is the locale's own translation of the entry in its logical
// catalog, whatever its state (current, stale, held), or "".
func Own(p *project.Project, e Entry) catalog.Message {
	if c := p.Catalog(e.Loc, e.Doc.Slug); c != nil {
		return c.Messages[e.ID]
	}
	return catalog.Message{}
}

// Base is the hash of the entry as a translator read it: the text hash of
// the locale's own translation ("" hashed when there is none), as an
// export's base is. A save names the base it was made from.
func Base(p *project.Project, e Entry) string { return project.TextHash(Own(p, e).Other) }

// Shown is the entry's state and the text a reviewer judges: the
// current translation, a candidate, or a stale translation.
func Shown(p *project.Project, e Entry) (project.State, string) {
	return p.Lookup(e.Loc, e.Doc, e.ID)
}

// Change is what one action did.
type Change struct {
	// Action names it for the audit log: save, approve, reject, accept.
	Action string
	Plan   plan.Plan
	// Old and New are the text hashes of the entry's translation before
	// and after ("" when there was none); for a review, the text judged.
	Old, New string
	// Unchanged reports that nothing needs writing; Note says why.
	Unchanged bool
	Note      string
}

// Conflict is a refused change: the entry is not what the person saw
// when the page loaded. Nothing is written; both texts are kept for them.
type Conflict struct {
	// State and Text are the entry as it is now; Hash is its base.
	State project.State
	Text  string
	Hash  string
}

func (c *Conflict) Error() string {
	return "the entry changed since you loaded it: nothing was saved; compare the two versions"
}

// Invalid is a change the entry does not allow (an empty translation, the
// approval of a missing one).
type Invalid struct{ Reason string }

func (e *Invalid) Error() string { return e.Reason }

func invalidf(format string, args ...any) error {
	return &Invalid{Reason: fmt.Sprintf(format, args...)}
}

// Clean is a translation as the workspace stores it: white space at
// either end removed and line ends made "\n".
func Clean(text string) string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	return strings.TrimSpace(strings.ReplaceAll(text, "\r", "\n"))
}

// Save makes text the locale's translation of the entry, of its current
// source, if the entry still has the translation whose hash is base. A
// stale translation saved (changed or not) is thereby confirmed for the
// current source; a candidate saved as it is is taken as the translation.
func Save(p *project.Project, e Entry, base, text string) (Change, error) {
	text = Clean(text)
	own := Own(p, e)
	if base != project.TextHash(own.Other) {
		st, shown := Shown(p, e)
		return Change{}, &Conflict{State: st, Text: shown, Hash: project.TextHash(own.Other)}
	}
	if text == "" {
		return Change{}, invalidf("the translation is empty: nothing was saved")
	}
	src := e.Doc.Source.Messages[e.ID]
	ch := Change{Action: "save", New: project.TextHash(text)}
	if own.Other != "" {
		ch.Old = project.TextHash(own.Other)
	}
	if own.Other == text && (own.Hash == src.Hash || own.Hash == "") {
		ch.Unchanged, ch.Note = true, "unchanged"
		return ch, nil
	}
	if own.Other == "" {
		if r := p.Resolve(e.Loc, e.Doc, e.ID, false); !r.Own && r.State >= project.Translated && r.Text == text {
			ch.Unchanged, ch.Note = true, fmt.Sprintf("unchanged: %s inherits this translation from %s", e.Loc, r.From)
			return ch, nil
		}
	}
	cat := copyCatalog(p, e)
	cat.Messages[e.ID] = catalog.Message{ID: e.ID, Description: src.Description, Hash: src.Hash, Other: text}
	st := state(p, e.Loc)
	delete(st.Previous, e.ID)
	if c, ok := st.Candidates[e.ID]; ok && c.Other == text {
		delete(st.Candidates, e.ID) // taken as the translation
	}
	ch.Plan = p.PlanWrite(e.Loc, []string{e.Doc.Slug}, map[string]*catalog.Catalog{e.Doc.Slug: cat}, st)
	return ch, nil
}

// copyCatalog is a copy of the entry document's logical catalog in its
// locale, or a new empty one.
func copyCatalog(p *project.Project, e Entry) *catalog.Catalog {
	c := &catalog.Catalog{Locale: e.Loc.String(), Messages: map[string]catalog.Message{}}
	if old := p.Catalog(e.Loc, e.Doc.Slug); old != nil {
		c.Locale = old.Locale
		maps.Copy(c.Messages, old.Messages)
	}
	return c
}

// state is a copy of loc's work-area state that can be changed.
func state(p *project.Project, loc language.Tag) *workarea.State {
	if st := p.Workflow[loc.String()]; st != nil {
		return st.Clone()
	}
	return workarea.New()
}

// checkShown refuses a review action on an entry whose text is no longer
// the one with hash (what the reviewer saw).
func checkShown(p *project.Project, e Entry, hash string) (project.State, string, error) {
	st, text := Shown(p, e)
	if project.TextHash(text) != hash {
		return st, text, &Conflict{State: st, Text: text, Hash: Base(p, e)}
	}
	return st, text, nil
}
