package cli

import (
	"context"
	"crypto/sha256"
	"debug/elf"
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
	return command(&cobra.Command{
		Use:   "extract",
		Short: "Pull translatable segments from the content into the catalogs",
		Args:  noArgs,
	}, o, func(ctx context.Context, _ []string) error { return runExtract(ctx, io, g, o) })
}

func runExtract(ctx context.Context, io *IO, g *globalOptions, o *extractOptions) error {
	cfg, unlock, err := g.locked(ctx, o.LockTimeout)
	if err != nil {
		return err
	}
	defer unlock()
	// The index of the last run tells what changed since: nothing, or a
	// few documents, which are then all that is read.
	ix := openExtractIndex(cfg, g, o)
	if ix.upToDate(io, g) {
		if !g.Quiet {
			fmt.Fprintln(io.Out, "nothing changed since the last extract; catalogs are up to date")
		}
		return nil
	}
	mem := memory.Store{FS: os.DirFS(cfg.Dir), WorkRoot: cfg.WorkRoot}
	opts := project.ExtractOptions{Threshold: o.Threshold, NoMemory: o.NoMemory, Prune: o.Prune, Memory: mem}
	if done, err := ix.tryIncremental(ctx, io, g, opts); done || err != nil {
		return err
	}
	// A lean load only lists the files: the documents are parsed while
	// ExtractTo runs, so the bar lives as long.
	bar := newProgress(io, g.Quiet, "extract")
	defer bar.finish()
	// The spilled sources go beside the cache, on the project's disk:
	// the system's temporary folder may be memory. The spill makes the
	// folder, and falls back to the temporary folder when it cannot.
	spill := filepath.Join(cfg.Dir, cache.Dir)
	p, err := g.loadWith(cfg, func(lo *project.LoadOptions) { lo.Lean, lo.Progress, lo.SpillDir = true, bar.set, spill })
	if err != nil {
		return err
	}
	// Each part of the plan (a batch of source catalogs, then a batch of
	// a locale's catalogs) goes to temporary files as soon as it is
	// ready, so only a batch is in memory at once; nothing is renamed
	// until every part is written.
	st := plan.Stager{Context: ctx}
	rep, err := p.ExtractTo(opts, func(part plan.Plan) error { return stageCatalogs(g, p, &st, part) })
	res, err := st.Settle(err)
	if err != nil {
		return err
	}
	ix.save(io, g, res, p.DocIndex(), p.DonorCounts())
	if !g.Quiet {
		writeExtractSummary(io, cfg, rep, res)
	}
	return nil
}

// writeExtractSummary says what extract did: the files, then per locale
// what happened to its translations.
func writeExtractSummary(io *IO, cfg *config.Config, rep project.ExtractReport, res plan.Result) {
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
}

// programHash identifies this build, so that a new version of healthloc
// never trusts what an older one recorded: the Go build ID the linker
// puts in an ELF binary (it hashes the binary's content), read without
// reading the binary, else the sha256 of the binary.
var programHash = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err != nil {
		return "unknown"
	}
	if f, err := elf.Open(exe); err == nil {
		defer f.Close()
		if s := f.Section(".note.go.buildid"); s != nil {
			if id, err := s.Data(); err == nil && len(id) > 16 {
				return "go build ID " + hex.EncodeToString(id)
			}
		}
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
