package cli

import (
	"bytes"
	"context"
	"fmt"
	stdio "io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/exchange"
	"github.com/healthloc/healthloc/internal/locale"
	"github.com/healthloc/healthloc/internal/po"
	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/qa"
	"github.com/healthloc/healthloc/internal/xliff"
)

type importOptions struct {
	Locale       string
	Force        bool
	AllowSame    []string
	Format       string
	Reviewer     string
	Verbose      bool
	AcceptStates []string
}

func (o *importOptions) AddFlags(f *pflag.FlagSet) {
	f.StringVarP(&o.Locale, "locale", "l", "", "target `locale` of the files: for files that do not name one (xliff2po output), or whose language is close to several targets")
	f.BoolVar(&o.Force, "force", false, "overwrite catalog translations that changed since the export")
	f.StringSliceVar(&o.AllowSame, "allow-same", nil, "`texts` (names, brands) that may be imported unchanged from the source")
	enumVar(f, &o.Format, "format", "", "text", "report format", "text", "json")
	f.StringVar(&o.Reviewer, "reviewer", "", "`name` of the medical reviewer who approved the candidates kept in the files (default: the file's header)")
	f.BoolVarP(&o.Verbose, "verbose", "v", false, "list every entry not imported, not just the first 3 of each reason")
	enumSliceVar(f, &o.AcceptStates, "accept-states", "", nil, "unfinished `states` whose targets are taken as translated (default: none; they become candidates for review)",
		exchange.UnfinishedStates...)
}

func newImportCmd(io *IO, g *globalOptions) *cobra.Command {
	o := &importOptions{}
	return command(&cobra.Command{
		Use:   "import FILE...",
		Short: "Merge translated PO or XLIFF files into the catalogs",
		Long: `Merge translated gettext PO, XLIFF 1.2 or XLIFF 2.0 files into the
catalogs, matching entries by message ID.

A file whose target language is not a target locale but close to exactly
one (fr-FR, as translation tools write it, for fr; zh-CN for zh-Hans) is
imported into that locale, and the report says so; a language close to
several targets (fr-FR with fr and fr-CA), or to none, is refused with the
close ones listed: choose with --locale.

An entry whose source no longer matches the content is imported as stale.
An entry whose catalog translation changed since the export is a conflict:
the catalog keeps its version unless --force, the other entries are
imported, and the exit code is 1. Empty entries, and translations
identical to their source (unless the source is a number or listed with
--allow-same), are skipped. A translation that lost half of a pair of
placeholders (an emphasis opened and never closed, a link's text without
its target) is skipped, as one with a placeholder the source lacks is.

A target a tool changed but left unfinished (PO fuzzy, XLIFF new,
needs-translation, needs-review-translation, initial) comes in as a
candidate waiting for review, never served; --accept-states takes the
states named as translated instead. Skipped entries are listed by reason,
the first 3 of each (--verbose: all). Every file is read before anything
is written; a malformed file writes nothing.

A file exported with candidates (export --only review) carries a medical
reviewer's decisions. When it names its reviewer (the X-Reviewer header
of a PO file, the healthloc-reviewer note of an XLIFF file, or
--reviewer), each candidate the reviewer kept without the needs-review
mark is approved, as review would: it becomes a current, reviewed
translation, unless a check finds an error, which refuses it (exit 1).
A candidate still marked stays a candidate; one the reviewer emptied is
rejected and kept as a suggestion.

` + exitCodesHelp,
		Args: minArgs(1),
	}, o, func(ctx context.Context, args []string) error { return runImport(ctx, io, g, o, args) })
}

// readExchangeFile parses a PO or XLIFF file, told apart by content.
func readExchangeFile(path string) (*exchange.File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	head := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\ufeff")), " \t\r\n")
	if bytes.HasPrefix(head, []byte("<")) {
		return xliff.Parse(path, data)
	}
	return po.Parse(path, data)
}

func runImport(ctx context.Context, io *IO, g *globalOptions, o *importOptions, args []string) error {
	if o.Locale != "" {
		if _, err := locale.Parse(o.Locale); err != nil {
			return usageError(fmt.Errorf("--locale: %w", err))
		}
	}
	if o.Format == "json" {
		o.Verbose = true
	}
	// catalogs are written: one run at a time, as extract
	p, unlock, err := g.loadLocked(ctx)
	if err != nil {
		return err
	}
	defer unlock()
	if o.Locale != "" {
		locs, err := matchLocales(noteWriter(io, g.Quiet || o.Format == "json"), p, []string{o.Locale})
		if err != nil {
			return err
		}
		o.Locale = locs[0].String()
	}
	var files []*exchange.File
	for _, a := range args {
		f, err := readExchangeFile(a)
		if err != nil {
			return err
		}
		files = append(files, f)
	}
	rules := qa.RulesOf(p.Config)
	approve := func(loc language.Tag, d *project.Doc, id, text string) string {
		var why []string
		for _, f := range qa.CheckText(p, rules, loc, d, id, text) {
			if f.Severity == qa.Error {
				why = append(why, fmt.Sprintf("[%s] %s", f.Check, f.Message))
			}
		}
		return strings.Join(why, "; ")
	}
	pl, rep, err := exchange.Import(p, files, exchange.ImportOptions{Force: o.Force, AllowSame: o.AllowSame,
		Reviewer: strings.TrimSpace(o.Reviewer), Approve: approve, Check: true, Locale: o.Locale, AcceptStates: o.AcceptStates})
	if err != nil {
		return err
	}
	if _, err := applyCatalogs(ctx, g, p, pl); err != nil {
		return err
	}
	if err := writeImportReport(io, g, o.Format, rep, o.Verbose); err != nil {
		return err
	}
	for _, f := range rep.Files {
		if f.Warning != "" && o.Format != "json" { // json: files[].warning
			fmt.Fprintf(io.ErrOut, "healthloc: warning: %s\n", f.Warning)
		}
	}
	if o.Format != "json" && !g.Quiet {
		if err := writeImportChecks(io.ErrOut, p, rep.Checks); err != nil {
			return err
		}
	}
	// Everything else is imported; a conflict still needs a person, so a
	// pipeline must not read the run as clean.
	if rep.Conflicts > 0 {
		return gateError("%d conflicts: the catalog kept its newer translations; export again, or overwrite them with --force", rep.Conflicts)
	}
	if rep.Refused > 0 {
		return gateError("%d candidates refused: fix them, or approve them with review --override \"reason\"", rep.Refused)
	}
	return nil
}

// writeImportChecks summarizes the checks on what was imported: findings
// per check, then the first few in full.
func writeImportChecks(w stdio.Writer, p *project.Project, sum *exchange.CheckSummary) error {
	if sum == nil || sum.Errors+sum.Warnings == 0 {
		return nil
	}
	var per []string
	for _, c := range sum.SortedChecks() {
		per = append(per, fmt.Sprintf("%s %d", c, sum.ByCheck[c]))
	}
	fmt.Fprintf(w, "checks on %d imported translations: %d errors, %d warnings (%s)\n", sum.Checked, sum.Errors, sum.Warnings, strings.Join(per, ", "))
	if err := writeCheckText(w, p, sum.First); err != nil {
		return err
	}
	if n := sum.Errors + sum.Warnings; n > len(sum.First) {
		fmt.Fprintf(w, "… and %d more: run healthloc check\n", n-len(sum.First))
	}
	if sum.Errors > 0 {
		fmt.Fprintln(w, "a translation with an error is held: neither served nor published until it is fixed, or a reviewer accepts the finding (check --accept)")
	}
	return nil
}

func writeImportReport(io *IO, g *globalOptions, format string, rep exchange.Report, verbose bool) error {
	if format == "json" {
		if rep.Entries == nil {
			rep.Entries = []exchange.Entry{}
		}
		if rep.Files == nil {
			rep.Files = []exchange.FileReport{}
		}
		return writeJSON(io.Out, rep)
	}
	if g.Quiet {
		return nil
	}
	for _, f := range rep.Files {
		if f.Language != "" && f.Language != f.Locale {
			fmt.Fprintf(io.Out, "%s: target language %s, imported into %s\n", filepath.ToSlash(f.File), f.Language, f.Locale)
		}
	}
	counted := writeImportEntries(io.Out, rep.Entries, verbose)
	fmt.Fprintln(io.Out, importSummary(rep, counted))
	return nil
}

// importGroup is the outcome and reason of entries not imported.
type importGroup struct {
	outcome exchange.Outcome
	reason  string
}

// writeImportEntries lists the entries by outcome and reason, the first
// few of each, and returns how many of each common reason it counted
// instead.
func writeImportEntries(w stdio.Writer, entries []exchange.Entry, verbose bool) map[string]int {
	counted := map[string]int{}
	groups := perReason[importGroup]{verbose: verbose}
	for _, e := range entries {
		switch e.Reason {
		case exchange.ReasonEmpty, exchange.ReasonNeedsReviewer, exchange.ReasonUntranslated:
			counted[e.Reason]++
			continue
		}
		if !groups.show(importGroup{e.Outcome, e.Reason}) {
			continue
		}
		where := filepath.ToSlash(e.File)
		if e.Line > 0 {
			where = fmt.Sprintf("%s:%d", where, e.Line)
		}
		id := e.ID
		if id == "" {
			id = "?"
		}
		fmt.Fprintf(w, "%s: %s %s: %s\n", where, e.Outcome, id, e.Why())
	}
	groups.hidden(func(k importGroup, n int) {
		fmt.Fprintf(w, "… and %d more %s: %s (--verbose lists them)\n", n, k.outcome, k.reason)
	})
	return counted
}

// importSummary is the report's last line: the counts, and why entries
// counted rather than listed were skipped.
func importSummary(rep exchange.Report, counted map[string]int) string {
	parts := []string{
		fmt.Sprintf("%d imported", rep.Imported),
		fmt.Sprintf("%d unchanged", rep.Unchanged),
		fmt.Sprintf("%d conflicts", rep.Conflicts),
		fmt.Sprintf("%d stale", rep.Stale),
	}
	if rep.Candidates > 0 {
		c := fmt.Sprintf("%d candidates for review", rep.Candidates)
		if rep.Unfinished > 0 {
			c += fmt.Sprintf(" (%d left unfinished by the translator's tool; --accept-states takes such states as translated)", rep.Unfinished)
		}
		parts = append(parts, c)
	}
	if rep.Approved+rep.Refused+rep.Rejected > 0 {
		parts = append(parts, fmt.Sprintf("%d approved", rep.Approved), fmt.Sprintf("%d refused", rep.Refused), fmt.Sprintf("%d rejected", rep.Rejected))
	}
	parts = append(parts, fmt.Sprintf("%d skipped", rep.Skipped))
	var why []string
	if n := counted[exchange.ReasonEmpty]; n > 0 {
		why = append(why, fmt.Sprintf("%d empty", n))
	}
	if n := counted[exchange.ReasonUntranslated]; n > 0 {
		why = append(why, fmt.Sprintf("%d still the source", n))
	}
	if n := counted[exchange.ReasonNeedsReviewer]; n > 0 {
		why = append(why, fmt.Sprintf("%d candidates without a reviewer's name: sign the file's X-Reviewer header or healthloc-reviewer note, or pass --reviewer", n))
	}
	if len(why) > 0 {
		parts[len(parts)-1] += " (" + strings.Join(why, ", ") + ")"
	}
	return strings.Join(parts, ", ")
}
