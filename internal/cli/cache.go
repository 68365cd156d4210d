package cli

import (
	"fmt"
	"maps"
	"os"

	"github.com/healthloc/healthloc/internal/cache"
	"github.com/healthloc/healthloc/internal/config"
)

// What a run keeps in the cache folder (.healthloc-cache, safe to
// delete) besides extract's key: the checks' answers, which every command
// that decides what is held consults (see qa.Gate), and the reports of
// status and check (see replay.go). --no-cache neither reads nor writes
// any of it.

// findingsName names the cache files of the checks' answers of every
// command, one per locale (findings-checks-es; render keeps the gate's
// own, render-findings-es, beside them).
const findingsName = "findings-checks"

// findingsCache is the run's cache of the checks' answers, loaded once;
// nil with --no-cache. Its keys are salted with the program and the
// configuration, from which the checks' rules come.
func (o *globalOptions) findingsCache(cfg *config.Config) *cache.Findings {
	if o.NoCache {
		return nil
	}
	if o.findings == nil {
		scope, ok := o.cacheScope(cfg, "")
		if !ok {
			return nil
		}
		// read at first use: a run that checks nothing pays nothing
		o.findings = cache.OpenFindings(cfg.Dir, findingsName, scope)
	}
	return o.findings
}

// cacheScope is what a cache is salted with: the program, the
// configuration (every rule comes from it) and the encoding flag, then
// extra, the command's own options; ok is false when the configuration
// cannot be read, and nothing is then cached.
func (o *globalOptions) cacheScope(cfg *config.Config, extra string) (string, bool) {
	conf, err := os.ReadFile(cfg.Path)
	if err != nil {
		return "", false
	}
	return fmt.Sprintf("%s\x00%s\x00encoding=%q\x00%s", programHash(), conf, o.Encoding, extra), true
}

// saveCaches writes back what the run added to the cache; a failure is
// a warning, never a failure of the run.
func (o *globalOptions) saveCaches() {
	if err := o.findings.Save(); err != nil && !o.Quiet {
		o.notes = append(o.notes, fmt.Sprintf("cache not saved: %v", err))
	}
}

// projectTrees are the files under the content root, the catalog root and
// the work area with their sizes and times (cache.Stat), walked once by a
// command that only reads them: replay and the per-document caches share
// the walk. The trees are the caller's to change.
func (o *globalOptions) projectTrees(cfg *config.Config) ([3]cache.Tree, error) {
	if o.trees == nil {
		var t [3]cache.Tree
		for i, root := range []string{cfg.ContentRoot, cfg.CatalogRoot, cfg.WorkRoot} {
			var err error
			if t[i], err = cache.Stat(cfg.Abs(root)); err != nil {
				return t, err
			}
		}
		o.trees = &t
	}
	var out [3]cache.Tree
	for i, t := range o.trees {
		out[i] = maps.Clone(t)
	}
	return out, nil
}
