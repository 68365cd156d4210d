package cli

import (
	"context"
	"encoding/json"
	"fmt"
	stdio "io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/healthloc/healthloc/internal/config"
	"github.com/healthloc/healthloc/internal/plan"
	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/qa"
	"github.com/healthloc/healthloc/internal/rootfs"
)

// The helpers every command shares: loading the configuration and the
// project, the catalog lock, writing a plan of catalog files, the cobra
// command, and printing. Resolving the --locale and --doc flags and the
// paths named on the command line is in targets.go.

// config loads healthloc.toml once, and refuses a symbolic link in the
// catalog root before any command reads or writes there (see
// plan.CheckLinks).
func (o *globalOptions) config() (*config.Config, error) {
	if o.cfg == nil && o.cfgErr == nil {
		o.cfg, o.cfgErr = config.Load(o.Dir)
		if o.cfgErr == nil {
			o.cfgErr = plan.CheckLinks(o.cfg.Dir, o.cfg.CatalogRoot)
			if o.cfgErr == nil {
				// the work area is written like the catalogs: the same rule
				o.cfgErr = plan.CheckLinks(o.cfg.Dir, o.cfg.WorkRoot)
			}
		}
	}
	return o.cfg, o.cfgErr
}

// load reads the configuration and the whole project.
func (o *globalOptions) load() (*project.Project, error) {
	cfg, err := o.config()
	if err != nil {
		return nil, err
	}
	return o.loadWith(cfg)
}

// open lists the project for a command that reads it a window of
// documents at a time (project.Windows); bar, when set, shows the
// documents read.
func (o *globalOptions) open(bar *progress) (*project.Project, error) {
	cfg, err := o.config()
	if err != nil {
		return nil, err
	}
	return o.loadWith(cfg, func(lo *project.LoadOptions) {
		lo.Lean = true
		if bar != nil {
			lo.Progress = bar.set
		}
	})
}

// loadWith reads the project with the load options tune sets.
func (o *globalOptions) loadWith(cfg *config.Config, tune ...func(*project.LoadOptions)) (*project.Project, error) {
	// An os.Root refuses any path, ".." or symbolic link, that leads out
	// of the project, so a link in the content cannot publish a file
	// from elsewhere.
	root, err := os.OpenRoot(o.Dir)
	if err != nil {
		return nil, err
	}
	opts := project.LoadOptions{Encoding: o.Encoding, Context: o.ctx}
	for _, f := range tune {
		f(&opts)
	}
	p, err := project.LoadWith(rootfs.New(root), cfg, opts)
	if p != nil {
		o.opened = append(o.opened, p)
		// a translation with a check error no reviewer accepted is held
		// back by every command: never served, never published
		p.SetGate(qa.Gate(qa.RulesOf(cfg)))
		p.SetFindings(o.findingsCache(cfg))
	}
	if err == nil && panicHook != nil {
		panicHook(p)
	}
	return p, err
}

// locked loads the configuration and takes the project's catalog lock,
// as every command that writes catalogs does, waiting timeout at most.
func (g *globalOptions) locked(ctx context.Context, timeout time.Duration) (*config.Config, func() error, error) {
	unlock, err := g.lock(ctx, timeout)
	if err != nil {
		return nil, nil, err
	}
	cfg, err := g.config()
	if err != nil {
		unlock()
		return nil, nil, err
	}
	return cfg, unlock, nil
}

// loadLocked takes the catalog lock, then reads the whole project: the
// start of every command that changes catalogs but extract.
func (g *globalOptions) loadLocked(ctx context.Context) (*project.Project, func() error, error) {
	cfg, unlock, err := g.locked(ctx, defaultLockTimeout)
	if err != nil {
		return nil, nil, err
	}
	p, err := g.loadWith(cfg)
	if err != nil {
		unlock()
		return nil, nil, err
	}
	return p, unlock, nil
}

// lock takes the project's catalog lock, waiting until ctx is done at
// most; see plan.Lock.
func (g *globalOptions) lock(ctx context.Context, timeout time.Duration) (func() error, error) {
	cfg, err := g.config()
	if err != nil {
		return nil, err
	}
	return plan.LockContext(ctx, filepath.Join(cfg.Dir, lockName), timeout)
}

// defaultLockTimeout is how long a run waits for another's lock.
const defaultLockTimeout = 30 * time.Second

// lockName is the lock file beside healthloc.toml; creating it never
// creates a folder, so a failed run leaves nothing behind.
const lockName = ".healthloc.lock"

// applyCatalogs writes a plan of catalog files, after checking that none
// of them, whatever names went into it, lands outside the catalog root;
// once ctx is done it writes nothing.
func applyCatalogs(ctx context.Context, g *globalOptions, p *project.Project, pl plan.Plan) (plan.Result, error) {
	st := plan.Stager{Context: ctx}
	if err := stageCatalogs(g, p, &st, pl); err != nil {
		return plan.Result{}, err
	}
	return st.Commit()
}

// stageCatalogs checks a part of a plan of catalog files as
// applyCatalogs does and writes its temporary files.
func stageCatalogs(g *globalOptions, p *project.Project, st *plan.Stager, pl plan.Plan) error {
	pl = rooted(g.Dir, pl)
	roots := []string{p.Config.Abs(p.Config.CatalogRoot), p.Config.Abs(p.Config.WorkRoot)}
	if err := plan.WithinAny(roots, pl); err != nil {
		return err
	}
	return st.Add(pl)
}

// rooted makes a plan's project-relative paths relative to the process.
func rooted(dir string, pl plan.Plan) plan.Plan {
	out := plan.Plan{Files: make([]plan.File, len(pl.Files))}
	for i, f := range pl.Files {
		f.Path = filepath.Join(dir, filepath.FromSlash(f.Path))
		out.Files[i] = f
	}
	for _, r := range pl.Remove {
		out.Remove = append(out.Remove, filepath.Join(dir, filepath.FromSlash(r)))
	}
	for _, f := range pl.Then {
		f.Path = filepath.Join(dir, filepath.FromSlash(f.Path))
		out.Then = append(out.Then, f)
	}
	return out
}

// plural is n and the noun, with an s unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// writeJSON prints v as indented JSON, with a final newline.
func writeJSON(w stdio.Writer, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}

// noteWriter is where a command says which target a close --locale
// meant: stderr, unless quiet.
func noteWriter(io *IO, quiet bool) stdio.Writer {
	if quiet {
		return stdio.Discard
	}
	return io.ErrOut
}

// flagAdder is a command's options struct.
type flagAdder interface{ AddFlags(*pflag.FlagSet) }

// command completes cmd: o's flags, and run as what it does.
func command(cmd *cobra.Command, o flagAdder, run func(ctx context.Context, args []string) error) *cobra.Command {
	cmd.RunE = func(c *cobra.Command, args []string) error { return run(c.Context(), args) }
	o.AddFlags(cmd.Flags())
	return cmd
}

// shownPerReason is how many entries of one outcome and reason a text
// report lists; the rest are counted.
const shownPerReason = 3

// perReason lists a report's entries grouped by reason: the first
// shownPerReason of each, all of them when verbose.
type perReason[K comparable] struct {
	verbose bool
	n       map[K]int
	order   []K
}

// show counts an entry of reason k and tells whether to list it.
func (l *perReason[K]) show(k K) bool {
	if l.n == nil {
		l.n = map[K]int{}
	}
	if l.n[k] == 0 {
		l.order = append(l.order, k)
	}
	l.n[k]++
	return l.verbose || l.n[k] <= shownPerReason
}

// hidden calls f for each reason with entries not listed, in the order
// the reasons came, with how many.
func (l *perReason[K]) hidden(f func(k K, n int)) {
	for _, k := range l.order {
		if n := l.n[k] - shownPerReason; n > 0 && !l.verbose {
			f(k, n)
		}
	}
}
