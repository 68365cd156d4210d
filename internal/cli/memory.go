package cli

import (
	"context"
	"fmt"
	stdio "io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/healthloc/healthloc/internal/memory"
	"github.com/healthloc/healthloc/internal/plan"
)

func newMemoryCmd(io *IO, g *globalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "memory",
		Short: "Manage translation memories from outside (TMX, PO, XLIFF)",
		Long: `Manage the project's translation memory from outside: the TMX 1.4, PO
and XLIFF 1.2/2.0 files that an agency, an earlier project or a
translator's tool delivered. Each file becomes a memory kept in the work
area, one file per locale (<work_root>/<locale>/memory/<name>.toml), with
where its units came from: the file, and the tool and date its header
gives.

extract proposes the memory's translation of a message that has none, when
the source texts are the same once normalized, as a candidate waiting for
medical review: never as a served translation. export offers similar
matches (70% or more) as suggestions beside each missing message (a PO
comment, XLIFF 1.2 alt-trans, XLIFF 2.0 mtc:matches), and status counts
the candidates that came from a memory.

` + exitCodesHelp,
		Args: unknownCommand,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newMemoryAddCmd(io, g), newMemoryListCmd(io, g), newMemoryRemoveCmd(io, g))
	for _, c := range cmd.Commands() {
		c.Args = usageArgs(c.Args)
		completeEnums(c)
	}
	return cmd
}

type memoryAddOptions struct {
	Locale  string
	Name    string
	Format  string
	Verbose bool
}

func (o *memoryAddOptions) AddFlags(f *pflag.FlagSet) {
	f.StringVarP(&o.Locale, "locale", "l", "", "target `locale` of the files' translations: for files that do not name their language, or whose language is close to several targets")
	f.StringVar(&o.Name, "name", "", "`name` of the memory (default: the file's name); with one file only")
	enumVar(f, &o.Format, "format", "", "text", "report format", "text", "json")
	f.BoolVarP(&o.Verbose, "verbose", "v", false, "list every unit left out, not just the first 3 of each reason")
}

func newMemoryAddCmd(io *IO, g *globalOptions) *cobra.Command {
	o := &memoryAddOptions{}
	return command(&cobra.Command{
		Use:   "add FILE...",
		Short: "Add TMX, PO or XLIFF files to the project's translation memory",
		Long: `Read TMX 1.4, PO and XLIFF 1.2/2.0 files into the project's translation
memory, told apart by their content. A file's languages are matched with
the target locales as import matches them (fr-FR for fr); units in other
languages are left out and counted. Inline codes (TMX bpt, ept, ph and it;
XLIFF ph, bpt, ept, g…) become placeholders; a unit whose translation holds
a code its source lacks, or half of a paired one, is left out with the
reason. Fuzzy and unfinished entries are left out.

Adding a file with the name of a memory the project has replaces it. Run
extract afterwards: it proposes the exact matches as candidates for review.

` + exitCodesHelp,
		Args: minArgs(1),
	}, o, func(ctx context.Context, args []string) error { return runMemoryAdd(ctx, io, g, o, args) })
}

func runMemoryAdd(ctx context.Context, io *IO, g *globalOptions, o *memoryAddOptions, args []string) error {
	if o.Name != "" && len(args) > 1 {
		return usagef("--name names one memory; give one file, or leave it out")
	}
	if o.Name != "" && !memory.ValidName(o.Name) {
		return usagef("--name %q: use letters, digits, '.', '_' and '-'", o.Name)
	}
	cfg, unlock, err := g.locked(ctx, defaultLockTimeout)
	if err != nil {
		return err
	}
	defer unlock()
	opts := memory.Options{Source: cfg.Source(), Targets: cfg.Targets(), Name: o.Name}
	if o.Locale != "" {
		if opts.Locale, err = matchConfigLocale(io, g, cfg, o.Locale); err != nil {
			return err
		}
	}
	have, err := memory.List(os.DirFS(cfg.Dir), cfg.WorkRoot)
	if err != nil {
		return err
	}
	reads, err := readMemories(args, opts)
	if err != nil {
		return err
	}
	pl, reports := memory.PlanAdd(cfg.WorkRoot, reads, have)
	pl = rooted(g.Dir, pl)
	if err := plan.WithinAny([]string{cfg.Abs(cfg.WorkRoot)}, pl); err != nil {
		return err
	}
	if _, err := plan.ApplyContext(ctx, pl); err != nil {
		return err
	}
	if o.Format == "json" {
		return writeJSON(io.Out, reports)
	}
	for _, rep := range reports {
		writeMemoryAdded(io, g, rep, o.Verbose)
	}
	if !g.Quiet {
		fmt.Fprintln(io.Out, "run healthloc extract: it proposes the memory's exact matches as candidates for review")
	}
	return nil
}

// readMemories reads the files named on the command line, each a
// memory; two of the same name are a usage error.
func readMemories(args []string, opts memory.Options) ([]*memory.Read, error) {
	var reads []*memory.Read
	names := map[string]string{}
	for _, a := range args {
		data, err := os.ReadFile(a)
		if err != nil {
			return nil, err
		}
		r, err := memory.ReadFile(filepath.ToSlash(a), data, opts)
		if err != nil {
			return nil, err
		}
		r.Finish()
		if prev, dup := names[r.Origin.Name]; dup {
			return nil, usagef("%s and %s would both be memory %q; add them one at a time with --name", prev, a, r.Origin.Name)
		}
		names[r.Origin.Name] = a
		reads = append(reads, r)
	}
	return reads, nil
}

// writeMemoryAdded prints what one file gave: its units per locale, and
// the units left out by reason, the first 3 of each.
func writeMemoryAdded(io *IO, g *globalOptions, rep memory.Added, verbose bool) {
	for _, lang := range slices.Sorted(maps.Keys(rep.Matched)) {
		fmt.Fprintf(io.Out, "%s: language %s, added to %s\n", rep.File, lang, rep.Matched[lang])
	}
	if len(rep.Units) == 0 {
		fmt.Fprintf(io.ErrOut, "healthloc: warning: %s: no unit could be used (%d left out)\n", rep.File, len(rep.Skipped))
	}
	if g.Quiet {
		return
	}
	reasons := perReason[string]{verbose: verbose}
	for _, s := range rep.Skipped {
		if !reasons.show(s.Reason) {
			continue
		}
		where := rep.File
		if s.Line > 0 {
			where = fmt.Sprintf("%s:%d", where, s.Line)
		}
		why := s.Reason
		if s.Language != "" {
			why = s.Language + ": " + why
		}
		if s.Detail != "" {
			why += " (" + s.Detail + ")"
		}
		fmt.Fprintf(io.Out, "%s: left out: %s\n", where, why)
	}
	reasons.hidden(func(r string, n int) {
		fmt.Fprintf(io.Out, "… and %d more left out: %s (--verbose lists them)\n", n, r)
	})
	var per []string
	for _, loc := range slices.Sorted(maps.Keys(rep.Units)) {
		per = append(per, fmt.Sprintf("%s %d", loc, rep.Units[loc]))
	}
	units := "no units"
	if len(per) > 0 {
		units = "units: " + strings.Join(per, ", ")
	}
	fmt.Fprintf(io.Out, "%s: memory %q (%s); %s; %d left out\n", rep.File, rep.Name, origin(rep.Format, rep.Tool, rep.Date), units, len(rep.Skipped))
}

// origin describes where a memory came from.
func origin(format, tool, date string) string {
	parts := []string{format}
	if tool != "" {
		parts = append(parts, tool)
	}
	if date != "" {
		parts = append(parts, date)
	}
	return strings.Join(parts, ", ")
}

type memoryListOptions struct{ Format string }

func newMemoryListCmd(io *IO, g *globalOptions) *cobra.Command {
	o := &memoryListOptions{}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the project's translation memories",
		Long: `List the project's translation memories: name, locale, units, and where
each came from (the file, its format, and the tool and date of its header).

` + exitCodesHelp,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := g.config()
			if err != nil {
				return err
			}
			list, err := memory.List(os.DirFS(cfg.Dir), cfg.WorkRoot)
			if err != nil {
				return err
			}
			return writeMemoryList(io.Out, o.Format, list)
		},
	}
	enumVar(cmd.Flags(), &o.Format, "format", "", "table", "output format", "table", "json")
	return cmd
}

func writeMemoryList(w stdio.Writer, format string, list []memory.Info) error {
	if format == "json" {
		if list == nil {
			list = []memory.Info{}
		}
		return writeJSON(w, list)
	}
	if len(list) == 0 {
		_, err := fmt.Fprintln(w, "no translation memory (add one with healthloc memory add FILE)")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tLOCALE\tUNITS\tFORMAT\tTOOL\tDATE\tFILE")
	dash := func(s string) string {
		if s == "" {
			return "-"
		}
		return s
	}
	for _, m := range list {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\t%s\n", m.Name, m.Locale, m.Units, m.Format, dash(m.Tool), dash(m.Date), m.File)
	}
	return tw.Flush()
}
