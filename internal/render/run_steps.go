package render

import (
	"fmt"
	"path"
	"path/filepath"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/cache"
	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/workers"
)

// publishable decides the locales published and, below
// page_min_coverage in [site], the pages a locale does not publish: only
// the locales that reach Job.MinCoverage are published, and the language
// switcher links only those. Both take a pass over the documents whose
// coverage the index does not know.
func (r *runner) publishable() error {
	job, src := &r.job, r.p.Config.Source()
	pageMin := r.p.Config.Site.PageMinCoverage
	published := job.Targets
	if job.MinCoverage > 0 || pageMin > 0 {
		if err := r.coverages(); err != nil {
			return err
		}
		published = nil
		for _, loc := range job.Targets {
			var c WordCount
			for _, d := range r.docs {
				cov := r.covs[loc.String()][d]
				c.Total += cov.Words
				c.Localized += cov.LocalizedWrds
				if pageMin > 0 && cov.PercentWords < pageMin {
					job.Site.Skip(loc, d)
				}
			}
			if pct := c.Percent(); pct < job.MinCoverage {
				r.rep.Skipped = append(r.rep.Skipped, SkippedLocale{Locale: loc, Percent: pct})
				continue
			}
			published = append(published, loc)
		}
	}
	// The source-language bundle goes with them: it is where x-default
	// and the links to pages a locale does not publish lead.
	r.rep.Published = append([]language.Tag{src}, published...)
	job.Locales = r.rep.Published
	return nil
}

// coverages finds every document's coverage in every target locale, from
// the index where its content key is the one recorded.
func (r *runner) coverages() error {
	need := map[string]bool{}
	for _, loc := range r.job.Targets {
		m := map[string]DocCoverage{}
		r.covs[loc.String()] = m
		var rec *LocaleRecord
		if r.prev != nil {
			rec = r.prev.Locales[loc.String()]
		}
		for _, d := range r.docs {
			if rec != nil {
				if pr, ok := rec.Pages[d]; ok && pr.Content == r.contentKey(loc, d) {
					cov := pr.Coverage
					cov.Skipped = false
					m[d] = cov
					continue
				}
			}
			need[d] = true
		}
	}
	if len(need) == 0 {
		return nil
	}
	return r.windows(func(d string) bool { return need[d] }, func(w *project.Project) error {
		for _, loc := range r.job.Targets {
			for _, c := range Coverages(w, loc, r.job.Options) {
				r.covs[loc.String()][c.Path] = c
			}
		}
		return nil
	})
}

// prepare starts every published locale's bundle and decides which of
// its pages to render: those whose key or files are not the ones the
// index recorded.
func (r *runner) prepare() error {
	job := &r.job
	var siteSum []byte
	if r.in != nil {
		siteSum = job.Site.sum(r.docs)
	}
	var names []string
	for _, loc := range r.rep.Published {
		names = append(names, loc.String())
	}
	for _, loc := range r.rep.Published {
		bd, err := NewBundler(r.p, loc, job.Options)
		if err != nil {
			return err
		}
		dirty := map[string]bool{}
		bd.want = func(d string) bool { return dirty[d] }
		r.bds, r.dirty = append(r.bds, bd), append(r.dirty, dirty)
		r.gsum = append(r.gsum, sha256Of(r.globalOf(loc), bd.chromeSum(), job.Templates.templatesSum(), siteSum, []byte(fmt.Sprint(names))))
	}
	// the bundles' folders as they are now, walked at once
	r.outs = make([]cache.Tree, len(r.bds))
	err := workers.Map(len(r.bds), len(r.bds), func(i int) error {
		if r.prevLocale(i) == nil {
			return nil
		}
		var err error
		r.outs[i], err = cache.Walk(filepath.Join(r.job.Out, r.rep.Published[i].String()))
		return err
	})
	if err != nil {
		return err
	}
	for i := range r.bds {
		r.pick(i)
	}
	return nil
}

// pick marks the pages of the i-th bundle to render.
func (r *runner) pick(i int) {
	loc, dirty := r.rep.Published[i], r.dirty[i]
	rec := r.prevLocale(i)
	if rec != nil && !sameOutputs(r.outs[i], rec.Outputs, []string{"manifest.json"}) {
		rec = nil // the manifest the pages' entries are copied from changed
	}
	for _, d := range r.docs {
		if rec != nil {
			pr, ok := rec.Pages[d]
			if ok && pr.Page == pageKey(r.contentKey(loc, d), r.gsum[i]) && sameOutputs(r.outs[i], rec.Outputs, sumPaths(pr.Sums)) {
				continue
			}
		}
		dirty[d] = true
	}
}

// prevLocale is the last run's record of the i-th bundle, if trusted.
func (r *runner) prevLocale(i int) *LocaleRecord {
	if r.prev == nil {
		return nil
	}
	return r.prev.Locales[r.rep.Published[i].String()]
}

// sameOutputs reports whether files are in now as they were in then.
func sameOutputs(now, then cache.Tree, files []string) bool {
	for _, f := range files {
		a, ok := now[f]
		b, ok2 := then[f]
		if !ok || !ok2 || a.Size != b.Size || a.ModTime != b.ModTime || a.Other {
			return false
		}
	}
	return true
}

func sumPaths(sums []FileSum) []string {
	out := make([]string, len(sums))
	for i, s := range sums {
		out[i] = s.Path
	}
	return out
}

// unique refuses, as reading every document would, one message ID
// pinned twice, when only some documents were read.
func (r *runner) unique() error {
	if r.next == nil || r.full {
		return nil // every document was read, and checked
	}
	pinned := map[string]string{}
	for _, d := range r.docs {
		for _, pin := range r.next.Docs[d].Pinned {
			if prev, dup := pinned[pin[0]]; dup {
				return fmt.Errorf("%s: message ID %q is already pinned at %s", pin[1], pin[0], prev)
			}
			pinned[pin[0]] = pin[1]
		}
	}
	return nil
}

// render renders the pages picked, a window of documents at a time.
func (r *runner) render() error {
	need := map[string]bool{}
	for _, dirty := range r.dirty {
		for d := range dirty {
			need[d] = true
		}
	}
	if len(need) == 0 {
		return nil
	}
	if len(need) <= fewPages && 2*len(need) < len(r.docs) {
		r.job.Findings.Bypass()
	}
	root := path.Clean(r.p.Config.ContentRoot)
	return r.windows(func(d string) bool { return need[d] }, func(w *project.Project) error {
		if r.next != nil {
			for _, d := range w.Docs {
				if rec, ok := r.next.Docs[d.Path]; ok && need[d.Path] {
					rec.Warnings, rec.Pinned = nil, nil
					for _, warn := range d.Warnings {
						rec.Warnings = append(rec.Warnings, root+"/"+warn)
					}
					for i, seg := range d.Segments {
						if seg.ID != "" {
							rec.Pinned = append(rec.Pinned, [2]string{d.IDs[i], fmt.Sprintf("%s/%s:%d", root, d.Path, seg.Line)})
						}
					}
					r.next.Docs[d.Path] = rec
				}
			}
		}
		for i, loc := range r.rep.Published {
			files, err := r.bds[i].Add(w)
			if err != nil {
				return err
			}
			if err := r.stage(loc, files, nil); err != nil {
				return err
			}
		}
		return nil
	})
}
