package cli

import (
	"context"
	"encoding/json"
	"fmt"
	stdio "io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"time"

	"golang.org/x/text/language"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/healthloc/healthloc/internal/config"
	"github.com/healthloc/healthloc/internal/content"
	"github.com/healthloc/healthloc/internal/exchange"
	"github.com/healthloc/healthloc/internal/locale"
	"github.com/healthloc/healthloc/internal/plan"
	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/pseudo"
	"github.com/healthloc/healthloc/internal/qa"
	"github.com/healthloc/healthloc/internal/rootfs"
)

// The helpers every command shares: loading the configuration and the
// project, the catalog lock, the --locale and --doc flags, writing a
// plan of catalog files, and printing.

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

// targetLocales parses --locale values, which must be target locales of
// the project (or, with pseudoOK, the pseudo-locale), in the order given;
// none means every target. Every command agrees on this, so that status
// never reports at 0% a locale that export refuses.
func targetLocales(p *project.Project, names []string, pseudoOK bool) ([]language.Tag, error) {
	targets := p.Config.Targets()
	if len(names) == 0 {
		return targets, nil
	}
	var out []language.Tag
	for _, n := range names {
		t, err := locale.Parse(n)
		if err != nil {
			return nil, usagef("--locale: %w", err)
		}
		switch {
		case slices.Contains(out, t):
			continue
		case slices.Contains(targets, t), pseudoOK && t == pseudo.Tag:
		case t == p.Config.Source():
			return nil, usagef("--locale %s: that is the source locale; %s", n, targetList(targets))
		default:
			return nil, usagef("--locale %s: not a target locale of this project; %s", n, targetList(targets))
		}
		out = append(out, t)
	}
	return out, nil
}

// targetList names the target locales for an error message.
func targetList(targets []language.Tag) string {
	if len(targets) == 0 {
		return "it has none (locales in healthloc.toml)"
	}
	return "the targets are " + localeList(targets) + " (locales in healthloc.toml)"
}

// openTargets opens the project a window at a time (see open) and
// resolves --locale values, which may name the pseudo-locale: withPseudo
// says that they do.
func (g *globalOptions) openTargets(bar *progress, names []string) (p *project.Project, locs []language.Tag, withPseudoLocale bool, err error) {
	if p, err = g.open(bar); err != nil {
		return nil, nil, false, err
	}
	names, withPseudoLocale = withPseudo(names)
	if locs, err = targetLocales(p, names, true); err != nil {
		return nil, nil, false, err
	}
	return p, locs, withPseudoLocale, nil
}

// withPseudo resolves the pseudo-locale's alias, and tells whether the
// pseudo-locale is asked for: its catalogs are then made for each window
// of the project (pseudo.Install).
func withPseudo(names []string) ([]string, bool) {
	out := make([]string, len(names))
	asked := false
	for i, n := range names {
		if n == pseudo.Alias {
			n = pseudo.Tag.String()
		}
		asked = asked || n == pseudo.Tag.String()
		out[i] = n
	}
	return out, asked
}

func localeList(locs []language.Tag) string {
	s := ""
	for i, l := range locs {
		if i > 0 {
			s += ", "
		}
		s += l.String()
	}
	return s
}

// matchLocales is targetLocales for the commands that meet translators'
// language codes (export, import, align): a --locale that is no target
// but close to exactly one (fr-FR for fr, zh-CN for zh-Hans) means that
// one, and w is told so in one line; one close to several, or to none, is
// a usage error that lists the close ones.
func matchLocales(w stdio.Writer, p *project.Project, names []string) ([]language.Tag, error) {
	return matchTargets(w, p.Config.Source(), p.Config.Targets(), names)
}

// matchTargets is matchLocales given the source and target locales.
func matchTargets(w stdio.Writer, source language.Tag, targets []language.Tag, names []string) ([]language.Tag, error) {
	if len(names) == 0 {
		return targets, nil
	}
	var out []language.Tag
	for _, n := range names {
		t, err := locale.Parse(n)
		if err != nil {
			return nil, usagef("--locale: %w", err)
		}
		if t == source {
			return nil, usagef("--locale %s: that is the source locale; %s", n, targetList(targets))
		}
		m := locale.MatchTarget(t, targets)
		switch {
		case !m.Found() && len(m.Close) == 0:
			return nil, usagef("--locale %s: not a target locale of this project; %s", n, targetList(targets))
		case !m.Found():
			return nil, usagef("--locale %s: %s", n, exchange.NoTarget(t, m, targets))
		case !m.Exact:
			fmt.Fprintf(w, "--locale %s: the project's locale is %s\n", n, m.Locale)
		}
		if !slices.Contains(out, m.Locale) {
			out = append(out, m.Locale)
		}
	}
	return out, nil
}

// matchConfigLocale is the target a --locale means, as matchLocales
// has it, for a command that needs only the configuration.
func matchConfigLocale(io *IO, g *globalOptions, cfg *config.Config, name string) (language.Tag, error) {
	t, err := locale.Parse(name)
	if err != nil {
		return language.Und, usagef("--locale: %w", err)
	}
	note := io.ErrOut
	if g.Quiet {
		note = stdio.Discard
	}
	locs, err := matchTargets(note, cfg.Source(), cfg.Targets(), []string{t.String()})
	if err != nil {
		return language.Und, err
	}
	return locs[0], nil
}

// pickDocs resolves --doc values to documents; nil means all.
func pickDocs(p *project.Project, names []string) (map[string]bool, error) {
	if len(names) == 0 {
		return nil, nil
	}
	out := map[string]bool{}
	for _, n := range names {
		found := false
		for _, doc := range p.Documents() {
			if doc == n || content.SlugOf(doc) == n || path.Join(p.Config.ContentRoot, doc) == path.Clean(n) {
				out[doc] = true
				found = true
			}
		}
		if !found {
			return nil, usageError(fmt.Errorf("--doc %q: no such document under %s", n, p.Config.ContentRoot))
		}
	}
	return out, nil
}

// docOf is the document holding message id.
func docOf(p *project.Project, id string) *project.Doc {
	for _, d := range p.Docs {
		if _, ok := d.Source.Messages[id]; ok {
			return d
		}
	}
	return nil
}

func sortedIDs(d *project.Doc) []string {
	ids := make([]string, 0, len(d.Source.Messages))
	for id := range d.Source.Messages {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// projectPath is a file named on the command line: relative to the
// working directory, or else to the project directory (-C).
func projectPath(p *project.Project, name string) string {
	if _, err := os.Stat(name); err == nil || filepath.IsAbs(name) {
		return name
	}
	if alt := p.Config.Abs(name); alt != name {
		if _, err := os.Stat(alt); err == nil {
			return alt
		}
	}
	return name
}

// findDoc finds the project document of a path given on the command
// line: relative to the working directory, to the project directory
// (-C), or to the content root.
func findDoc(p *project.Project, name string) (*project.Doc, error) {
	root, err := filepath.Abs(p.Config.Abs(p.Config.ContentRoot))
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(name)
	if err != nil {
		return nil, err
	}
	candidates := []string{filepath.ToSlash(filepath.Clean(name))}
	for _, a := range []string{abs, p.Config.Abs(name)} {
		if rel, err := filepath.Rel(root, a); err == nil {
			candidates = append(candidates, filepath.ToSlash(rel))
		}
	}
	for _, c := range candidates {
		for _, d := range p.Docs {
			if d.Path == c {
				return d, nil
			}
		}
	}
	return nil, fmt.Errorf("%s: not a document under the content root %s", name, p.Config.ContentRoot)
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
