package exchange

import (
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/content"
	"github.com/healthloc/healthloc/internal/locale"
	"github.com/healthloc/healthloc/internal/project"
)

// What comes back from translation tools (Trados, memoQ, OmegaT, Poedit,
// Weblate) differs from healthloc's own files: regional language codes,
// targets left in an unfinished state, placeholders moved or lost. This
// file handles those.

// The reasons of skipped entries that carry a detail.
const (
	ReasonNoPlaceholder = "a placeholder that does not exist in the source"
	ReasonLostPair      = "lost a paired placeholder"
)

// OriginUnfinished begins the origin of a candidate that a tool left
// unfinished: a translator's work, which a later import of the same file
// finished (or with --accept-states) takes as translated, with no
// reviewer.
const OriginUnfinished = "unfinished in "

// UnfinishedStates are the states a file can leave a target in that
// import does not take as translated unless told (--accept-states): PO's
// fuzzy flag, XLIFF 1.2's new and needs-* states, XLIFF 2.0's initial.
var UnfinishedStates = []string{"fuzzy", "new", "needs-translation", "needs-adaptation", "needs-l10n",
	"needs-review-translation", "needs-review-adaptation", "needs-review-l10n", "initial"}

// FileReport is what import made of one file.
type FileReport struct {
	File string `json:"file"`
	// Language is the target language the file names ("" when none), and
	// Locale the project locale it was imported into.
	Language string `json:"language,omitempty"`
	Locale   string `json:"locale"`
	// Units counts the file's entries and Translations those whose
	// target looks translated (not empty, not the source); Taken those
	// imported, stale, kept as candidates or approved.
	Units        int `json:"units"`
	Translations int `json:"translations"`
	Taken        int `json:"taken"`
	// Warning says that the file held translations and none was taken,
	// and why.
	Warning string `json:"warning,omitempty"`
	// lost counts the translations not taken, by reason.
	lost map[string]int
}

// locale is the project locale a file goes to: the language the file
// names, matched with the targets (fr-FR → fr), or ImportOptions.Locale.
func (im *importer) locale(f *File) (language.Tag, *FileReport, error) {
	fr := &FileReport{File: f.Path, Language: f.Locale}
	targets := im.p.Config.Targets()
	var named language.Tag
	if f.Locale != "" {
		t, err := locale.Parse(strings.ReplaceAll(f.Locale, "_", "-"))
		if err != nil {
			return language.Und, nil, fmt.Errorf("%s: %w", f.Path, err)
		}
		named = t
	}
	if im.opts.Locale != "" {
		t, err := locale.Parse(im.opts.Locale)
		if err != nil {
			return language.Und, nil, fmt.Errorf("--locale: %w", err)
		}
		if !slices.Contains(targets, t) {
			return language.Und, nil, fmt.Errorf("%s: --locale %s is not a target locale of this project; %s", f.Path, t, TargetList(targets))
		}
		if named != language.Und && !locale.SameLanguage(named, t) {
			return language.Und, nil, fmt.Errorf("%s: the file's target language is %s, not %s (--locale)", f.Path, named, t)
		}
		fr.Locale = t.String()
		return t, fr, nil
	}
	if named == language.Und {
		return language.Und, nil, fmt.Errorf("%s: the file does not name its target language; pass --locale", f.Path)
	}
	m := locale.MatchTarget(named, targets)
	if !m.Found() {
		return language.Und, nil, fmt.Errorf("%s: %s", f.Path, NoTarget(named, m, targets))
	}
	fr.Locale = m.Locale.String()
	return m.Locale, fr, nil
}

// NoTarget says that a language matches no single target locale, with
// the close ones, for an error.
func NoTarget(named language.Tag, m locale.TargetMatch, targets []language.Tag) string {
	var close []string
	for _, t := range m.Close {
		close = append(close, t.String())
	}
	switch {
	case m.Ambiguous:
		return fmt.Sprintf("language %s could be any of %s; choose one with --locale", named, strings.Join(close, ", "))
	case len(close) > 0:
		return fmt.Sprintf("language %s is not a target locale of this project; close to it: %s (choose with --locale)", named, strings.Join(close, ", "))
	}
	return fmt.Sprintf("language %s is not a target locale of this project; %s", named, TargetList(targets))
}

// TargetList names the target locales for an error message.
func TargetList(targets []language.Tag) string {
	if len(targets) == 0 {
		return "it has none (locales in healthloc.toml)"
	}
	var names []string
	for _, t := range targets {
		names = append(names, t.String())
	}
	return "the targets are " + strings.Join(names, ", ") + " (locales in healthloc.toml)"
}

// count notes one unit of the file and its outcome.
func (fr *FileReport) count(u Unit, e Entry) {
	fr.Units++
	switch e.Outcome {
	case Imported, Stale, Candidate, Approved:
		fr.Taken++
	}
	t := strings.TrimSpace(u.Target)
	if t == "" || catalog.Normalize(t) == catalog.Normalize(u.Source) {
		return
	}
	fr.Translations++
	switch e.Outcome {
	case Skipped, Conflict, Refused:
		if fr.lost == nil {
			fr.lost = map[string]int{}
		}
		fr.lost[e.Reason]++
	}
}

// finish writes the warning of a file that held translations of which
// none was taken, nor already in the catalogs, naming the commonest
// reason.
func (fr *FileReport) finish() {
	if fr.Taken > 0 || len(fr.lost) == 0 {
		return
	}
	best, n := "", 0
	for _, r := range slices.Sorted(maps.Keys(fr.lost)) {
		if fr.lost[r] > n {
			best, n = r, fr.lost[r]
		}
	}
	fr.Warning = fmt.Sprintf("%s: %d entries hold translations, and none was imported: %d %s", fr.File, fr.Translations, n, best)
	if best == "message ID is not in the content" {
		fr.Warning += " (a file of another project, or exported before the content changed?)"
	}
}

// accepted reports whether a unit in state st is to be taken as
// translated (--accept-states).
func (im *importer) accepted(st string) bool {
	return st != "" && slices.Contains(im.opts.AcceptStates, st)
}

// unfinished handles a target a tool left unfinished: untouched, it
// changes nothing; changed, it is kept as a candidate for a reviewer,
// never served and never dropped.
func (im *importer) unfinished(loc language.Tag, t target, u *Unit, file string, text string, stale bool) Entry {
	seg := t.doc.Segments[t.seg]
	if catalog.Normalize(text) == catalog.Normalize(seg.Text) || u.Source != "" && catalog.Normalize(u.Target) == catalog.Normalize(u.Source) {
		return Entry{Outcome: Skipped, Reason: ReasonUntranslated}
	}
	if u.Base != "" && u.Base == project.TextHash(text) {
		return Entry{Outcome: Unchanged} // as exported: a stale translation left alone
	}
	switch st, cur := im.p.Lookup(loc, t.doc, u.ID); {
	case cur == text:
		return Entry{Outcome: Unchanged}
	case st >= project.Translated:
		return Entry{Outcome: Skipped, Reason: "left unfinished, and the catalog already has a translation"}
	}
	if stale {
		return Entry{Outcome: Skipped, Reason: "left unfinished, for an earlier version of the source"}
	}
	state := u.FileState
	if state == "" {
		state = "unfinished"
	}
	e := im.candidate(loc, t.doc, u.ID, seg.Text, text, fmt.Sprintf("%s%s (%s)", OriginUnfinished, filepath.ToSlash(file), state))
	if e.Outcome == Candidate {
		e.Reason, e.Detail = ReasonUnfinished, state
	}
	return e
}

// lostPair says which placeholder of a pair the target of u kept without
// its partner (text is the target restored, codes the segment's); "" when
// none.
func (im *importer) lostPair(seg content.Segment, u *Unit, text string, codes []string) string {
	if im.opts.Plain || len(codes) == 0 && seg.Syntax != content.SyntaxHTML {
		return ""
	}
	if seg.Syntax == content.SyntaxHTML {
		return lostTag(seg.Text, text)
	}
	if !isMarkdown(seg) || !tokenRe.MatchString(u.Target) {
		// no placeholders left: the markup, if any, was typed as text,
		// and check judges it
		return ""
	}
	return lostPlaceholder(u.Target, Pairs(seg.Text))
}
