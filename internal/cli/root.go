package cli

import (
	"os"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/healthloc/healthloc/internal/config"
	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/rootfs"
)

// globalOptions are the flags every command takes.
type globalOptions struct {
	Dir      string
	Encoding string
	Quiet    bool
}

// AddFlags registers the global flags.
func (o *globalOptions) AddFlags(f *pflag.FlagSet) {
	f.StringVarP(&o.Dir, "dir", "C", ".", "project `directory` holding healthloc.toml")
	f.StringVar(&o.Encoding, "encoding", "", "charset of content that is not UTF-8 (windows-1252, latin1)")
	f.BoolVarP(&o.Quiet, "quiet", "q", false, "print no progress or summary on stderr")
}

// panicHook, when a test sets it, is called by every command once the
// project is loaded, to inject a panic.
var panicHook func(*project.Project)

// load reads the configuration and the whole project.
func (o *globalOptions) load() (*project.Project, error) {
	cfg, err := config.Load(o.Dir)
	if err != nil {
		return nil, err
	}
	return o.loadWith(cfg, "", nil)
}

// open lists the project for a command that reads it a window of
// documents at a time (project.Windows); bar, when set, shows the
// documents read.
func (o *globalOptions) open(bar *progress) (*project.Project, error) {
	cfg, err := config.Load(o.Dir)
	if err != nil {
		return nil, err
	}
	return o.loadWith(cfg, "", nil, func(lo *project.LoadOptions) {
		lo.Lean = true
		if bar != nil {
			lo.Progress = bar.set
		}
	})
}

// loadWith reads the project, with a progress bar on a terminal when io
// is given.
func (o *globalOptions) loadWith(cfg *config.Config, what string, io *IO, tune ...func(*project.LoadOptions)) (*project.Project, error) {
	// An os.Root refuses any path, ".." or symbolic link, that leads out
	// of the project, so a link in the content cannot publish a file
	// from elsewhere.
	root, err := os.OpenRoot(o.Dir)
	if err != nil {
		return nil, err
	}
	opts := project.LoadOptions{Encoding: o.Encoding}
	for _, f := range tune {
		f(&opts)
	}
	if io != nil {
		bar := newProgress(io, o.Quiet, what)
		defer bar.finish()
		opts.Progress = bar.set
	}
	p, err := project.LoadWith(rootfs.New(root), cfg, opts)
	if err == nil && panicHook != nil {
		panicHook(p)
	}
	return p, err
}

func newRootCmd(io *IO) *cobra.Command {
	g := &globalOptions{}
	root := &cobra.Command{
		Use:   "healthloc",
		Short: "Localize health-education content",
		Long: `healthloc pulls the translatable text out of health articles into go-i18n
message catalogs, reports each locale's coverage, checks translations and
renders a localized bundle for every locale.

` + exitCodesHelp,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(io.Out)
	root.SetErr(io.ErrOut)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError(err) })
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
		newReviewCmd(io, g),
	)
	for _, c := range root.Commands() {
		if c.Long == "" {
			c.Long = c.Short + ".\n\n" + exitCodesHelp
		}
	}
	return root
}
