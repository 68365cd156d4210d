package cli

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/healthloc/healthloc/internal/cache"
	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/config"
	"github.com/healthloc/healthloc/internal/content"
	"github.com/healthloc/healthloc/internal/plan"
	"github.com/healthloc/healthloc/internal/project"
)

// extract's index in the cache folder: what the last extract read and
// left, so that the next one can tell what changed without reading the
// project, and re-read only that (see project.ExtractSubset).
const (
	extractIndexName    = "extract-index"
	extractIndexVersion = 1
)

// extractIndex is the index as stored.
type extractIndex struct {
	// Scope fingerprints the program, the configuration and the options:
	// an index of another scope is ignored.
	Scope string
	// Content are the content files as the last extract read them, and
	// Recorded when (Unix nanoseconds), for cache.Sum.
	Content  cache.Tree
	Recorded int64
	// Outputs are the files under the catalog root and the work area as
	// it left them (see cache.Stat): any other change to them since, by
	// hand or by another command, makes the next extract read everything.
	Outputs [2]cache.Tree
	// Docs are the documents by slug, and Donors each target locale's
	// donor counts.
	Docs   map[string]project.DocInfo
	Donors map[string]catalog.DonorCounts
}

// extractState is a run's view of the index: the one stored (last, nil
// when there is none to trust) and what the run found on disk.
type extractState struct {
	cfg     *config.Config
	last    *extractIndex
	scope   string
	started int64
	content cache.Tree
	outputs [2]cache.Tree
	// racy tells that the last run wrote files so recently before it
	// recorded them that their bytes had to be compared (see
	// cache.Tree.SumRacy).
	racy bool
}

// openExtractIndex reads the index and looks at the project; nil with
// --no-cache or when the project cannot be looked at (the run then reads
// everything and records nothing).
func openExtractIndex(cfg *config.Config, g *globalOptions, o *extractOptions) *extractState {
	if g.NoCache {
		return nil
	}
	scope, ok := g.cacheScope(cfg, fmt.Sprintf("threshold=%g memory=%t prune=%t", o.Threshold, !o.NoMemory, o.Prune))
	if !ok {
		return nil
	}
	s := &extractState{cfg: cfg, started: time.Now().UnixNano(), scope: scope}
	var err error
	if s.content, err = cache.Walk(cfg.Abs(cfg.ContentRoot)); err != nil {
		return nil
	}
	var last extractIndex
	if cache.ReadGob(cfg.Dir, extractIndexName, extractIndexVersion, &last) && last.Scope == s.scope {
		s.last = &last
	}
	var prev cache.Tree
	var recorded int64
	if s.last != nil {
		prev, recorded = s.last.Content, s.last.Recorded
	}
	if _, err := cache.Sum(cfg.Abs(cfg.ContentRoot), s.content, prev, recorded); err != nil {
		return nil
	}
	for i, root := range s.roots() {
		if s.outputs[i], err = cache.Stat(root); err != nil {
			return nil
		}
		if s.last == nil {
			continue
		}
		same, racy := s.last.Outputs[i].Unchanged(root, s.outputs[i])
		s.racy = s.racy || racy
		if !same {
			s.last = nil // catalogs changed since: nothing recorded holds
		}
	}
	return s
}

// roots are the folders extract writes.
func (s *extractState) roots() [2]string {
	return [2]string{s.cfg.Abs(s.cfg.CatalogRoot), s.cfg.Abs(s.cfg.WorkRoot)}
}

// changed lists the documents added, edited or removed since the last
// extract; ok is false when that cannot be told (no index, or a content
// file the cache does not trust).
func (s *extractState) changed() (paths []string, ok bool) {
	if s == nil || s.last == nil {
		return nil, false
	}
	for rel, st := range s.content {
		if st.Other {
			return nil, false
		}
		if old, had := s.last.Content[rel]; project.IsDocument(rel) && (!had || old.Sum != st.Sum) {
			paths = append(paths, rel)
		}
	}
	for rel := range s.last.Content {
		if _, has := s.content[rel]; !has && project.IsDocument(rel) {
			paths = append(paths, rel)
		}
	}
	slices.Sort(paths)
	return paths, true
}

// subset is what an incremental extract reads after the documents at
// changed paths changed: them and every document not settled. ok is false
// when the whole project is better read: the subset is most of it, or a
// new document takes a slug the index knows from another file.
func (s *extractState) subset(changed []string) (project.Subset, bool) {
	var sub project.Subset
	slugs := map[string]bool{project.UISlug: true} // the page text is always read
	for _, rel := range changed {
		slug := content.SlugOf(rel)
		if d, ok := s.last.Docs[slug]; ok && d.Path != rel {
			if _, still := s.content[d.Path]; still {
				return sub, false
			}
		}
		slugs[slug] = true
		if _, exists := s.content[rel]; exists {
			sub.Files = append(sub.Files, rel)
		}
	}
	for slug, d := range s.last.Docs {
		if !d.Settled && !slugs[slug] {
			slugs[slug] = true
			if slug != project.UISlug && d.Path != "" {
				sub.Files = append(sub.Files, d.Path)
			}
		}
	}
	if len(slugs) > max(64, len(s.last.Docs)/2) {
		return sub, false
	}
	sub.Slugs = slices.Sorted(maps.Keys(slugs))
	return sub, true
}

// clashes reports whether a message ID of the subset's documents is
// also one of a document outside it: only the whole merge handles an ID
// in two documents.
func (s *extractState) clashes(sub project.Subset, docs map[string]project.DocInfo) bool {
	in := map[string]bool{}
	for _, slug := range sub.Slugs {
		in[slug] = true
	}
	outside := map[uint64]bool{}
	for slug, d := range s.last.Docs {
		if !in[slug] {
			for _, h := range d.IDs {
				outside[h] = true
			}
		}
	}
	for _, d := range docs {
		for _, h := range d.IDs {
			if outside[h] {
				return true
			}
		}
	}
	return false
}

// tryIncremental extracts only what changed, when the index allows it.
// done is false when the whole project must be extracted; nothing is
// written then.
func (s *extractState) tryIncremental(ctx context.Context, io *IO, g *globalOptions, opts project.ExtractOptions) (done bool, err error) {
	changed, ok := s.changed()
	if !ok || len(changed) == 0 {
		return false, nil
	}
	sub, ok := s.subset(changed)
	if !ok {
		return false, nil
	}
	p, err := g.loadWith(s.cfg, func(lo *project.LoadOptions) { lo.Subset = &sub })
	if err != nil {
		return false, err
	}
	fewFindings(p, len(sub.Files))
	donors := map[string]catalog.DonorCounts{}
	for loc, c := range s.last.Donors {
		donors[loc] = maps.Clone(c)
	}
	pl, rep, ok := p.ExtractSubset(opts, donors)
	docs := p.DocIndex()
	if !ok || s.clashes(sub, docs) {
		return false, nil
	}
	st := plan.Stager{Context: ctx}
	res, err := st.Settle(stageCatalogs(g, p, &st, pl))
	if err != nil {
		return true, err
	}
	next := maps.Clone(s.last.Docs)
	for _, slug := range sub.Slugs {
		delete(next, slug)
	}
	maps.Copy(next, docs)
	s.save(io, g, res, next, donors)
	if incrementalHook != nil {
		incrementalHook()
	}
	if !g.Quiet {
		rep.Documents, rep.Messages = totals(next)
		writeExtractSummary(io, s.cfg, rep, res)
		fmt.Fprintf(io.Out, "incremental: read %d of %d documents (what changed and what is not fully translated); --no-cache reads all\n",
			len(sub.Files), rep.Documents)
	}
	return true, nil
}

// fewFindings turns the cache of the checks' answers off for a run that
// reads only docs documents, when checking them costs less than loading
// the answers of the whole project.
func fewFindings(p *project.Project, docs int) {
	if docs < 256 {
		p.SetFindings(nil)
	}
}

// incrementalHook, when a test sets it, is called after each extract
// that read only what changed.
var incrementalHook func()

// totals counts the documents (content only) and their messages.
func totals(docs map[string]project.DocInfo) (documents, messages int) {
	for slug, d := range docs {
		if slug != project.UISlug && d.Path != "" {
			documents++
			messages += d.Messages
		}
	}
	return documents, messages
}

// upToDate reports that nothing changed since the last extract. When
// that took comparing the bytes of files the last run wrote just before
// recording them, the index is recorded again, now that they are older.
func (s *extractState) upToDate(io *IO, g *globalOptions) bool {
	changed, ok := s.changed()
	if !ok || len(changed) > 0 {
		return false
	}
	if s.racy {
		s.save(io, g, plan.Result{}, s.last.Docs, s.last.Donors)
	}
	return true
}

// save records the index after a run; docs nil (a project whose
// documents share message IDs) records none, so that the next run reads
// everything. A failure only costs the next run its shortcut.
func (s *extractState) save(io *IO, g *globalOptions, res plan.Result, docs map[string]project.DocInfo, donors map[string]catalog.DonorCounts) {
	if s == nil {
		return
	}
	var err error
	ix := extractIndex{Scope: s.scope, Content: s.content, Recorded: s.started, Docs: docs, Donors: donors, Outputs: s.outputs}
	touched := slices.Concat(res.Written, res.Removed)
	at := time.Now().UnixNano()
	for i, root := range s.roots() {
		if err == nil {
			err = ix.Outputs[i].Restat(root, touched)
		}
		if err == nil {
			err = ix.Outputs[i].SumRacy(root, at)
		}
	}
	if err == nil {
		if docs == nil {
			ix = extractIndex{Scope: "none"}
		}
		err = cache.WriteGob(s.cfg.Dir, extractIndexName, extractIndexVersion, ix)
	}
	if err != nil && !g.Quiet {
		fmt.Fprintf(io.ErrOut, "warning: cache not saved: %v\n", err)
	}
}
