package cli

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/healthloc/healthloc/internal/cache"
	"github.com/healthloc/healthloc/internal/config"
	"github.com/healthloc/healthloc/internal/project"
)

// globalOptions are the flags every command takes.
type globalOptions struct {
	Dir      string
	Encoding string
	Quiet    bool
	// NoCache does the work as if nothing had been cached (see cache.go).
	NoCache bool

	// ctx is the run's context, set before a command runs.
	ctx context.Context
	// cfg is the configuration, loaded once by config.
	cfg    *config.Config
	cfgErr error
	// opened are the projects loaded, whose warnings run prints; notes
	// are warnings found outside a project.
	opened []*project.Project
	notes  []string
	// findings are the checks' answers cached across runs, loaded once.
	findings *cache.Findings
	// trees are the project's files as a read-only command found them,
	// walked once (see projectTrees).
	trees *[3]cache.Tree
}

// AddFlags registers the global flags.
func (o *globalOptions) AddFlags(f *pflag.FlagSet) {
	f.StringVarP(&o.Dir, "dir", "C", ".", "project `directory` holding healthloc.toml")
	f.StringVar(&o.Encoding, "encoding", "", "charset of content that is not UTF-8 (windows-1252, latin1)")
	f.BoolVarP(&o.Quiet, "quiet", "q", false, "print no progress or summary on stderr")
	f.BoolVar(&o.NoCache, "no-cache", false, "neither use nor update the cache (.healthloc-cache): do all the work, as on a first run")
}

// panicHook, when a test sets it, is called by every command once the
// project is loaded, to inject a panic.
var panicHook func(*project.Project)

// warnings are the warnings of every project loaded and the others
// noted, once each, sorted.
func (o *globalOptions) warnings() []string {
	out := slices.Clone(o.notes)
	for _, p := range o.opened {
		out = append(out, p.Warnings()...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func newRootCmd(io *IO, g *globalOptions) *cobra.Command {
	root := &cobra.Command{
		Use:   "healthloc",
		Short: "Localize health-education content",
		Long: `healthloc pulls the translatable text out of health articles into go-i18n
message catalogs, reports each locale's coverage, checks translations and
renders a localized bundle for every locale.

` + exitCodesHelp + "\n\n" + environmentHelp,
		// A word that is no command reaches Args, which says so on one
		// line with a suggestion; no word shows the help.
		Args: unknownCommand,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
		PersistentPreRun: func(cmd *cobra.Command, _ []string) {
			g.ctx = cmd.Context()
		},
		SilenceUsage:               true,
		SilenceErrors:              true,
		SuggestionsMinimumDistance: 2,
	}
	root.SetOut(io.Out)
	root.SetErr(io.ErrOut)
	root.SetFlagErrorFunc(flagError)
	g.AddFlags(root.PersistentFlags())
	root.AddCommand(
		newInitCmd(io, g),
		newExtractCmd(io, g),
		newStatusCmd(io, g),
		newRenderCmd(io, g),
		newExportCmd(io, g),
		newImportCmd(io, g),
		newAlignCmd(io, g),
		newCheckCmd(io, g),
		newReviewCmd(io, g, nil),
		newMemoryCmd(io, g),
		newServeCmd(io, g),
	)
	for _, c := range root.Commands() {
		if c.Long == "" {
			c.Long = c.Short + ".\n\n" + exitCodesHelp
		}
		c.Args = usageArgs(c.Args)
		completeEnums(c)
	}
	return root
}

// unknownCommand is the root's argument check: any word there is a
// command that does not exist.
func unknownCommand(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
		return usagef("unknown command %q; did you mean %q?", args[0], s[0])
	}
	var names []string
	for _, c := range cmd.Commands() {
		if c.IsAvailableCommand() && c.Name() != "help" && c.Name() != "completion" {
			names = append(names, c.Name())
		}
	}
	return usagef("unknown command %q; the commands are %s", args[0], strings.Join(names, ", "))
}

// flagError turns pflag's errors into one-line usage errors that name the
// flag and say what it takes.
func flagError(cmd *cobra.Command, err error) error {
	var (
		unknown  *pflag.NotExistError
		invalid  *pflag.InvalidValueError
		required *pflag.ValueRequiredError
	)
	switch {
	case errors.As(err, &unknown):
		name := unknown.GetSpecifiedName()
		if unknown.GetSpecifiedShortnames() != "" {
			return usagef("unknown flag -%s", name[:1])
		}
		if s := closestFlag(cmd, name); s != "" {
			return usagef("unknown flag --%s; did you mean --%s?", name, s)
		}
		return usagef("unknown flag --%s", name)
	case errors.As(err, &invalid):
		f := invalid.GetFlag()
		return usagef("--%s %q: %s", f.Name, invalid.GetValue(), accepts(f, errors.Unwrap(invalid)))
	case errors.As(err, &required):
		f := required.GetFlag()
		if e, ok := f.Value.(enumFlag); ok {
			return usagef("--%s needs a value: %s", f.Name, oneOf(e.allowedValues()))
		}
		return usagef("--%s needs a value", f.Name)
	}
	return usageError(err)
}

// accepts says what a flag takes, after its value was refused with
// cause: the flag types of this package say it themselves.
func accepts(f *pflag.Flag, cause error) string {
	switch f.Value.(type) {
	case *enumValue, *enumSliceValue, *numberValue:
		return cause.Error()
	}
	switch f.Value.Type() {
	case "float64", "float32":
		return "must be a number"
	case "int", "int64", "int32", "uint", "uint64":
		return "must be a whole number"
	case "duration":
		return "must be a duration such as 30s, 2m or 1h"
	case "bool":
		return "must be true or false"
	}
	if cause == nil {
		return "invalid value"
	}
	return cause.Error()
}

// usageArgs makes an argument check's error a usage error that names the
// command and shows its usage line.
func usageArgs(check cobra.PositionalArgs) cobra.PositionalArgs {
	if check == nil {
		return nil
	}
	return func(cmd *cobra.Command, args []string) error {
		err := check(cmd, args)
		var ee *exitError
		if err == nil || errors.As(err, &ee) {
			return err
		}
		return usagef("%s: %v (usage: %s)", cmd.Name(), err, cmd.UseLine())
	}
}

// noArgs is the argument check of a command that takes none.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef("%s takes no arguments, got %q", cmd.Name(), args[0])
	}
	return nil
}

// exactArgs is the argument check of a command that takes n.
func exactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return usagef("%s takes %d arguments, got %d (usage: %s)", cmd.Name(), n, len(args), cmd.UseLine())
		}
		return nil
	}
}

// minArgs is the argument check of a command that takes n or more.
func minArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < n {
			return usagef("%s takes at least %d argument, got %d (usage: %s)", cmd.Name(), n, len(args), cmd.UseLine())
		}
		return nil
	}
}
