package render

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/cache"
	"github.com/healthloc/healthloc/internal/content"
	"github.com/healthloc/healthloc/internal/plan"
	"github.com/healthloc/healthloc/internal/project"
)

// Job is one run of render over a lean project (see project.Windows):
// the locales to render, where, and what the last run into the same
// folder left.
type Job struct {
	// Options are the bundles' options; Run sets Locales, Site and
	// PageText.
	Options
	// Targets are the target locales asked for.
	Targets []language.Tag
	// MinCoverage skips a locale whose published word coverage is below
	// it, in percent.
	MinCoverage float64
	// Out is the output folder; each bundle goes to Out/<locale>.
	Out string
	// Assets reads the content folder's files that are not documents.
	Assets fs.FS
	// Install, when set, is called on every window read (the
	// pseudo-locale).
	Install func(*project.Project)
	// Key is what else every page depends on: the configuration file's
	// bytes, the program, the charset given on the command line.
	Key string
	// Cache fingerprints the inputs and returns an Index in the report;
	// Prev is the index of the last run into Out, if any: every page
	// whose inputs and files are as Prev recorded is taken from it
	// instead of being rendered. Without Cache every page is rendered.
	Cache bool
	Prev  *Index
	// Context, when set, stops the run between windows.
	Context context.Context
	// Findings, when set, is the cache of the checks that hold
	// translations; Run bypasses it when only a few pages, and few of
	// all, are rendered.
	Findings *cache.Findings
}

// fewPages is how many documents to render that Run checks without the
// findings cache: reading and writing its file would cost more.
const fewPages = 64

// SkippedLocale is a locale left out by Job.MinCoverage.
type SkippedLocale struct {
	Locale  language.Tag
	Percent float64
}

// Report is what a run did.
type Report struct {
	// Published are the locales rendered, the source first.
	Published []language.Tag
	Skipped   []SkippedLocale
	// Documents are, for each published locale, every document's
	// coverage, in path order.
	Documents [][]DocCoverage
	// Warnings are the warnings of documents that were not read again.
	Warnings []string
	// Rendered and Reused count pages (a document in a locale); Unchanged
	// counts the bundle files taken from the last run, never staged.
	Rendered, Reused, Unchanged int
	// Index is the index to save once the plan is written (see
	// Index.Record); nil without Job.Cache.
	Index *Index
}

// runner is one Run in progress.
type runner struct {
	p    *project.Project
	job  Job
	emit func(plan.Plan) error
	rep  *Report
	// in are the fingerprinted inputs, next the index being built; both
	// nil without the cache. prev is Job.Prev when it can be trusted.
	in         *inputs
	next, prev *Index
	// docs are the documents' paths, the page text left out.
	docs   []string
	global map[string][]byte
	// covs holds, by locale and path, the coverages the coverage pass
	// found.
	covs map[string]map[string]DocCoverage
	bds  []*Bundler
	// gsum is each bundle's global hash; dirty its pages to render; outs
	// the files its folder holds now.
	gsum  [][32]byte
	dirty []map[string]bool
	outs  []cache.Tree
	// full reads every document and catalog (project.Windows).
	full bool
}

// Run renders the bundles of a job, handing emit each part of the plan
// as it is ready (files under Job.Out, then what to remove), so that
// only a window's pages are in memory. It decides which locales are
// published, which pages are (page_min_coverage in [site]), and which
// pages need rendering; it writes nothing. After an error the report
// holds only the warnings found so far.
func Run(p *project.Project, job Job, emit func(plan.Plan) error) (*Report, error) {
	r := &runner{p: p, job: job, emit: emit, rep: &Report{}, global: map[string][]byte{}, covs: map[string]map[string]DocCoverage{}}
	steps := []func() error{r.start, r.publishable, r.prepare, r.render, r.unique}
	for _, step := range steps {
		if err := step(); err != nil {
			return r.rep, err
		}
	}
	for i := range r.bds {
		if err := r.finish(i); err != nil {
			return r.rep, err
		}
	}
	if r.prev != nil {
		// the bundles of the locales not rendered this time stay as
		// they are, and so do their records
		for loc, rec := range r.prev.Locales {
			if _, ok := r.next.Locales[loc]; !ok {
				rec.kept = true
				r.next.Locales[loc] = rec
			}
		}
	}
	if r.next != nil {
		r.next.changed = r.prev == nil || r.in.read > 0 || !r.in.same || len(r.next.Docs) != len(r.prev.Docs) ||
			len(r.next.Locales) != len(r.prev.Locales)
		for _, lr := range r.next.Locales {
			r.next.changed = r.next.changed || !lr.kept
		}
	}
	r.rep.Index = r.next
	return r.rep, nil
}

// start fingerprints the inputs, learns the site and reads the page text.
func (r *runner) start() error {
	p, job := r.p, &r.job
	for _, d := range p.Documents() {
		if d != project.UIPath {
			r.docs = append(r.docs, d)
		}
	}
	if job.Cache {
		in, now, err := fingerprint(p, job.Prev, job.Targets)
		if err != nil {
			return err
		}
		r.in = in
		r.next = &Index{Out: job.Out, Key: job.Key, Recorded: now, Content: in.content, Catalogs: in.catalogs, Work: in.work,
			Others: in.other, Docs: map[string]DocRecord{}, Locales: map[string]*LocaleRecord{}}
		if prev := job.Prev; prev != nil && prev.Key == job.Key && prev.Out == job.Out && prev.Docs != nil && prev.Locales != nil {
			r.prev = prev
		}
	}
	// Two documents with one slug are refused when every document is
	// read, and so is a catalog whose document is gone.
	r.full = r.prev == nil || !sameOthers(r.in.other, r.prev.Others) || !uniqueSlugs(r.docs)
	job.Site = siteFrom(p, r.fields())
	pt, err := p.PageText()
	if err != nil {
		return err
	}
	if job.Install != nil {
		job.Install(pt)
	}
	job.PageText = pt
	return nil
}

// uniqueSlugs reports whether no two documents share a slug, none the
// page text's.
func uniqueSlugs(docs []string) bool {
	seen := map[string]bool{project.UISlug: true}
	for _, d := range docs {
		if seen[slugOf(d)] {
			return false
		}
		seen[slugOf(d)] = true
	}
	return true
}

// sameOthers reports whether no locale's other files changed: a catalog
// whose document is gone, which only a full read looks at.
func sameOthers(a, b map[string][32]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// fields are the documents' front-matter fields the site needs, from the
// index for the documents whose source did not change.
func (r *runner) fields() map[string][]content.Field {
	keys := r.p.Config.Site.PermalinkKeys
	if r.in == nil {
		return r.p.FrontMatter(keys)
	}
	out := map[string][]content.Field{}
	read := map[string]bool{}
	for _, d := range r.docs {
		sum := r.in.content[d].Sum
		if rec, ok := r.prev.doc(d); ok && rec.Sum == sum && !r.in.content[d].Other {
			out[d] = rec.Fields
			r.next.Docs[d] = rec
			r.rep.Warnings = append(r.rep.Warnings, rec.Warnings...)
			continue
		}
		read[d] = true
	}
	if len(read) > 0 {
		for d, f := range r.p.FrontMatterOf(keys, func(d string) bool { return read[d] }) {
			out[d] = f
		}
	}
	for d := range read {
		r.next.Docs[d] = DocRecord{Sum: r.in.content[d].Sum, Fields: out[d]}
	}
	return out
}

// doc is the record of document d, if ix is not nil.
func (ix *Index) doc(d string) (DocRecord, bool) {
	if ix == nil {
		return DocRecord{}, false
	}
	rec, ok := ix.Docs[d]
	return rec, ok
}

// globalOf hashes what every page of loc depends on besides its own
// inputs and its bundle: the job's key and options.
func (r *runner) globalOf(loc language.Tag) []byte {
	if g, ok := r.global[loc.String()]; ok {
		return g
	}
	s := sha256.Sum256([]byte(fmt.Sprintf("%d %q %s stale=%t reviewed=%t", IndexVersion, r.job.Key, loc, r.job.UseStale, r.job.RequireReviewed)))
	r.global[loc.String()] = s[:]
	return s[:]
}

// contentKey is the content key of document d in loc.
func (r *runner) contentKey(loc language.Tag, d string) [32]byte {
	return r.in.contentKey(r.globalOf(loc), r.p.Chain(loc), r.p.Config.Source(), d)
}

// windows reads the documents need keeps (all, on a full read) a window
// at a time, stopping when the job's context is done.
func (r *runner) windows(need func(string) bool, fn func(w *project.Project) error) error {
	each := func(w *project.Project) error {
		if ctx := r.job.Context; ctx != nil {
			if err := context.Cause(ctx); err != nil {
				return err
			}
		}
		if r.job.Install != nil {
			r.job.Install(w)
		}
		return fn(w)
	}
	if r.full {
		return r.p.Windows(each)
	}
	return r.p.WindowsOf(need, each)
}

// stage hands emit the files of loc's bundle, and the removals, under
// its folder, whatever a document's slug holds.
func (r *runner) stage(loc language.Tag, files []plan.File, remove []string) error {
	dir := filepath.Join(r.job.Out, loc.String())
	var pl plan.Plan
	for _, f := range files {
		f.Path = filepath.Join(dir, filepath.FromSlash(path.Clean(f.Path)))
		pl.Files = append(pl.Files, f)
	}
	for _, f := range remove {
		pl.Remove = append(pl.Remove, filepath.Join(dir, filepath.FromSlash(path.Clean(f))))
	}
	if len(pl.Files) == 0 && len(pl.Remove) == 0 {
		return nil
	}
	if err := plan.Within(dir, pl); err != nil {
		return err
	}
	return r.emit(pl)
}
