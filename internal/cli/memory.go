package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	stdio "io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/healthloc/healthloc/internal/config"
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
		c.Flags().VisitAll(func(f *pflag.Flag) {
			if e, ok := f.Value.(enumFlag); ok {
				c.RegisterFlagCompletionFunc(f.Name, completeEnum(f.Value, e.allowedValues()))
			}
		})
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
	cmd := &cobra.Command{
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
		RunE: func(cmd *cobra.Command, args []string) error {
			return runMemoryAdd(cmd.Context(), io, g, o, args)
		},
	}
	o.AddFlags(cmd.Flags())
	return cmd
}

// memoryAdded is what memory add reports for one file.
type memoryAdded struct {
	File    string            `json:"file"`
	Name    string            `json:"name"`
	Format  string            `json:"format"`
	Tool    string            `json:"tool,omitempty"`
	Date    string            `json:"date,omitempty"`
	Units   map[string]int    `json:"units"`
	Matched map[string]string `json:"matched,omitempty"`
	Skipped []memory.Skip     `json:"skipped"`
}

func runMemoryAdd(ctx context.Context, io *IO, g *globalOptions, o *memoryAddOptions, args []string) error {
	if o.Name != "" && len(args) > 1 {
		return usagef("--name names one memory; give one file, or leave it out")
	}
	if o.Name != "" && !memory.ValidName(o.Name) {
		return usagef("--name %q: use letters, digits, '.', '_' and '-'", o.Name)
	}
	unlock, err := g.lock(ctx, defaultLockTimeout)
	if err != nil {
		return err
	}
	defer unlock()
	cfg, err := g.config()
	if err != nil {
		return err
	}
	opts := memory.Options{Source: cfg.Source(), Targets: cfg.Targets(), Name: o.Name}
	if o.Locale != "" {
		t, err := matchConfigLocale(io, g, cfg, o.Locale)
		if err != nil {
			return err
		}
		opts.Locale = t
	}
	have, err := listMemories(cfg)
	if err != nil {
		return err
	}
	var pl plan.Plan
	var reports []memoryAdded
	names := map[string]string{}
	for _, a := range args {
		data, err := os.ReadFile(a)
		if err != nil {
			return err
		}
		r, err := memory.ReadFile(filepath.ToSlash(a), data, opts)
		if err != nil {
			return err
		}
		r.Finish()
		if prev, dup := names[r.Origin.Name]; dup {
			return usagef("%s and %s would both be memory %q; add them one at a time with --name", prev, a, r.Origin.Name)
		}
		names[r.Origin.Name] = a
		rep := memoryAdded{File: filepath.ToSlash(a), Name: r.Origin.Name, Format: r.Origin.Format, Tool: r.Origin.Tool,
			Date: r.Origin.Date, Units: map[string]int{}, Matched: r.Matched, Skipped: r.Skipped}
		for loc, f := range r.Files {
			pl.Add(memory.Path(cfg.WorkRoot, loc, r.Origin.Name), f.Marshal())
			rep.Units[loc] = len(f.Units)
		}
		// a memory added again replaces the one of that name
		for _, m := range have {
			if m.Name == r.Origin.Name && r.Files[m.Locale] == nil {
				pl.Remove = append(pl.Remove, memory.Path(cfg.WorkRoot, m.Locale, m.Name))
			}
		}
		if rep.Skipped == nil {
			rep.Skipped = []memory.Skip{}
		}
		reports = append(reports, rep)
	}
	pl = rooted(g.Dir, pl)
	if err := plan.WithinAny([]string{cfg.Abs(cfg.WorkRoot)}, pl); err != nil {
		return err
	}
	if _, err := plan.ApplyContext(ctx, pl); err != nil {
		return err
	}
	if o.Format == "json" {
		b, err := json.MarshalIndent(reports, "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(io.Out, "%s\n", b)
		return err
	}
	for _, rep := range reports {
		writeMemoryAdded(io, g, rep, o.Verbose)
	}
	if !g.Quiet {
		fmt.Fprintln(io.Out, "run healthloc extract: it proposes the memory's exact matches as candidates for review")
	}
	return nil
}

// writeMemoryAdded prints what one file gave: its units per locale, and
// the units left out by reason, the first 3 of each.
func writeMemoryAdded(io *IO, g *globalOptions, rep memoryAdded, verbose bool) {
	for _, lang := range slices.Sorted(maps.Keys(rep.Matched)) {
		fmt.Fprintf(io.Out, "%s: language %s, added to %s\n", rep.File, lang, rep.Matched[lang])
	}
	if len(rep.Units) == 0 {
		fmt.Fprintf(io.ErrOut, "healthloc: warning: %s: no unit could be used (%d left out)\n", rep.File, len(rep.Skipped))
	}
	if g.Quiet {
		return
	}
	shown := map[string]int{}
	var order []string
	for _, s := range rep.Skipped {
		if shown[s.Reason] == 0 {
			order = append(order, s.Reason)
		}
		shown[s.Reason]++
		if shown[s.Reason] > shownPerReason && !verbose {
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
	for _, r := range order {
		if n := shown[r] - shownPerReason; n > 0 && !verbose {
			fmt.Fprintf(io.Out, "… and %d more left out: %s (--verbose lists them)\n", n, r)
		}
	}
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

// memoryInfo is one memory file of the project.
type memoryInfo struct {
	memory.Origin
	Locale string `json:"locale"`
	Units  int    `json:"units"`
	Path   string `json:"path"`
}

// listMemories reads every memory of the project, by name and locale.
func listMemories(cfg *config.Config) ([]memoryInfo, error) {
	fsys := os.DirFS(cfg.Dir)
	root := path.Clean(cfg.WorkRoot)
	dirs, err := fs.ReadDir(fsys, root)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []memoryInfo
	for _, d := range dirs {
		if !d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			continue
		}
		dir := root + "/" + d.Name() + "/" + memory.Dir
		files, err := fs.ReadDir(fsys, dir)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			if f.IsDir() || !strings.HasSuffix(f.Name(), ".toml") {
				continue
			}
			name := dir + "/" + f.Name()
			data, err := fs.ReadFile(fsys, name)
			if err != nil {
				return nil, err
			}
			m, err := memory.Parse(name, data)
			if err != nil {
				return nil, err
			}
			out = append(out, memoryInfo{Origin: m.Origin, Locale: d.Name(), Units: len(m.Units), Path: name})
		}
	}
	slices.SortFunc(out, func(a, b memoryInfo) int {
		if c := strings.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return strings.Compare(a.Locale, b.Locale)
	})
	return out, nil
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
			list, err := listMemories(cfg)
			if err != nil {
				return err
			}
			return writeMemoryList(io.Out, o.Format, list)
		},
	}
	enumVar(cmd.Flags(), &o.Format, "format", "", "table", "output format", "table", "json")
	return cmd
}

func writeMemoryList(w stdio.Writer, format string, list []memoryInfo) error {
	if format == "json" {
		if list == nil {
			list = []memoryInfo{}
		}
		b, err := json.MarshalIndent(list, "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(w, "%s\n", b)
		return err
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
