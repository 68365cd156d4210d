package cli

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/healthloc/healthloc/internal/cache"
	"github.com/healthloc/healthloc/internal/config"
	"github.com/healthloc/healthloc/internal/memory"
	"github.com/healthloc/healthloc/internal/plan"
	"github.com/healthloc/healthloc/internal/project"
)

type extractOptions struct {
	Threshold   float64
	NoMemory    bool
	Prune       bool
	LockTimeout time.Duration
}

func (o *extractOptions) AddFlags(f *pflag.FlagSet) {
	fractionVar(f, &o.Threshold, "threshold", 0.5, "word similarity (above 0, at most 1) an edited segment needs to keep its old translation as stale")
	f.BoolVar(&o.NoMemory, "no-memory", false, "do not fill new segments from translations of the same or similar text elsewhere")
	f.BoolVar(&o.Prune, "prune", false, "remove obsolete entries (translations whose text is gone from the content)")
	f.DurationVar(&o.LockTimeout, "lock-timeout", defaultLockTimeout, "how long to wait for another run's lock on the catalogs")
}

func newExtractCmd(io *IO, g *globalOptions) *cobra.Command {
	o := &extractOptions{}
	cmd := &cobra.Command{
		Use:   "extract",
		Short: "Pull translatable segments from the content into the catalogs",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runExtract(cmd.Context(), io, g, o)
		},
	}
	o.AddFlags(cmd.Flags())
	return cmd
}

func runExtract(ctx context.Context, io *IO, g *globalOptions, o *extractOptions) error {
	unlock, err := g.lock(ctx, o.LockTimeout)
	if err != nil {
		return err
	}
	defer unlock()
	cfg, err := g.config()
	if err != nil {
		return err
	}
	// A run whose inputs and catalogs are exactly as the last run left
	// them has nothing to do.
	var key cache.Key
	useCache := !g.NoCache
	if useCache {
		key, err = extractKey(cfg, g, o)
		useCache = err == nil
		if last, ok := cache.Load(cfg.Dir, "extract"); useCache && ok && last == key {
			if !g.Quiet {
				fmt.Fprintln(io.Out, "nothing changed since the last extract; catalogs are up to date")
			}
			return nil
		}
	}
	// A lean load only lists the files: the documents are parsed while
	// ExtractTo runs, so the bar lives as long.
	bar := newProgress(io, g.Quiet, "extract")
	defer bar.finish()
	// The spilled sources go beside the cache, on the project's disk:
	// the system's temporary folder may be memory.
	spill := filepath.Join(cfg.Dir, cache.Dir)
	if os.MkdirAll(spill, 0o755) != nil {
		spill = ""
	}
	p, err := g.loadWith(cfg, "", nil, func(lo *project.LoadOptions) { lo.Lean, lo.Progress, lo.SpillDir = true, bar.set, spill })
	if err != nil {
		return err
	}
	// Each part of the plan (a batch of source catalogs, then a batch of
	// a locale's catalogs) goes to temporary files as soon as it is
	// ready, so only a batch is in memory at once; nothing is renamed
	// until every part is written.
	st := plan.Stager{Context: ctx}
	mem := memory.Store{FS: os.DirFS(cfg.Dir), WorkRoot: cfg.WorkRoot}
	rep, err := p.ExtractTo(project.ExtractOptions{Threshold: o.Threshold, NoMemory: o.NoMemory, Prune: o.Prune, Memory: mem},
		func(part plan.Plan) error { return stageCatalogs(g, p, &st, part) })
	res, err := st.Settle(err)
	if err != nil {
		return err
	}
	if useCache {
		if key.Outputs, err = cache.Outputs(cfg.Abs(cfg.CatalogRoot), cfg.Abs(cfg.WorkRoot)); err == nil {
			err = cache.Save(cfg.Dir, "extract", key)
		}
		if err != nil && !g.Quiet {
			fmt.Fprintf(io.ErrOut, "warning: cache not saved: %v\n", err)
		}
	}
	if g.Quiet {
		return nil
	}
	fmt.Fprintf(io.Out, "extracted %d messages from %d documents; %d files written, %d unchanged, %d removed\n",
		rep.Messages, rep.Documents, len(res.Written), len(res.Unchanged), len(res.Removed))
	if rep.Migrated {
		fmt.Fprintln(io.Out, migrationSummary(cfg, rep))
	}
	for _, l := range rep.Locales {
		var parts []string
		add := func(n int, what string) {
			if n > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", n, what))
			}
		}
		add(l.Moved, "moved with their text")
		add(l.Carried, "carried over as stale")
		add(l.MemoryExact, "filled from memory")
		add(l.MemoryFuzzy, "filled from memory as stale")
		add(l.FromMemory, "candidates from a translation memory, waiting for review")
		add(l.Obsolete, "obsolete")
		add(l.Pruned, "obsolete removed")
		if len(parts) > 0 {
			fmt.Fprintf(io.Out, "%s: %s\n", l.Locale, strings.Join(parts, ", "))
		}
	}
	return nil
}

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

// extractKey fingerprints what extract reads: the content, the
// configuration, the options and the program itself.
func extractKey(cfg *config.Config, g *globalOptions, o *extractOptions) (cache.Key, error) {
	conf, err := os.ReadFile(cfg.Path)
	if err != nil {
		return cache.Key{}, err
	}
	opts := fmt.Sprintf("threshold=%g memory=%t prune=%t encoding=%q", o.Threshold, !o.NoMemory, o.Prune, g.Encoding)
	in, err := cache.Inputs(cfg.Dir, cfg.ContentRoot, string(conf), opts, programHash())
	if err != nil {
		return cache.Key{}, err
	}
	out, err := cache.Outputs(cfg.Abs(cfg.CatalogRoot), cfg.Abs(cfg.WorkRoot))
	return cache.Key{Inputs: in, Outputs: out}, err
}

// programHash identifies this build, so that a new version of healthloc
// never trusts what an older one recorded.
var programHash = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err != nil {
		return "unknown"
	}
	data, err := os.ReadFile(exe)
	if err != nil {
		return "unknown"
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
})

// migrationSummary is the one line that says what the first extract of a
// project written before the work area moved out of its catalogs.
func migrationSummary(cfg *config.Config, rep project.ExtractReport) string {
	var parts []string
	for _, l := range rep.Locales {
		var what []string
		if l.MovedOut > 0 {
			what = append(what, plural(l.MovedOut, "translation"))
		}
		if l.MovedReviews > 0 {
			what = append(what, plural(l.MovedReviews, "review"))
		}
		if len(what) > 0 {
			parts = append(parts, l.Locale+" "+strings.Join(what, " and "))
		}
	}
	moved := "nothing needed to move"
	if len(parts) > 0 {
		moved = strings.Join(parts, ", ")
	}
	return fmt.Sprintf("migrated to the work area %s/ (%s); %s/ now holds only what render publishes",
		cfg.WorkRoot, moved, cfg.CatalogRoot)
}

// plural is n and the noun, with an s unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
