package render

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/healthloc/healthloc/internal/cache"
	"github.com/healthloc/healthloc/internal/plan"
)

// sha256Of hashes parts, each length-prefixed.
func sha256Of(parts ...[]byte) [32]byte {
	h := sha256.New()
	for _, p := range parts {
		fmt.Fprintf(h, "%d:", len(p))
		h.Write(p)
	}
	return [32]byte(h.Sum(nil))
}

// finish writes the i-th bundle's index page, assets and manifest, and
// removes the files its last bundle had and this one has not; a bundle
// where nothing changed is left as it is.
func (r *runner) finish(i int) error {
	loc, bd, rec := r.rep.Published[i], r.bds[i], r.prevLocale(i)
	assets, clean, err := r.assets(i, rec)
	if err != nil {
		return err
	}
	r.rep.Rendered += len(bd.parts)
	r.rep.Reused += len(r.docs) - len(bd.parts)
	if r.untouched(i, rec, assets) {
		r.rep.Unchanged += len(rec.Files)
		r.rep.Documents = append(r.rep.Documents, r.coverageOf(i))
		kept := *rec
		kept.Outputs = keep(r.outs[i], rec.Files)
		kept.kept = true
		r.next.Locales[loc.String()] = &kept
		return nil
	}
	var old []byte
	cached := func(d string) (*docPart, bool) {
		pr, ok := rec.Pages[d]
		if !ok {
			return nil, false
		}
		if old == nil {
			if old, err = os.ReadFile(filepath.Join(r.job.Out, loc.String(), "manifest.json")); err != nil {
				return nil, false
			}
		}
		return cachedPart(pr, old)
	}
	files, ranges, err := bd.finish(r.docs, cached, assets, clean)
	if err != nil {
		return err
	}
	all := r.bundleFiles(i, files, clean)
	if err := r.stage(loc, files, r.removed(i, rec, all)); err != nil {
		return err
	}
	r.rep.Documents = append(r.rep.Documents, r.coverageOf(i))
	if r.next != nil {
		r.record(i, rec, files, all, ranges)
	}
	return nil
}

// cachedPart is the part of a page taken from the last run: its manifest
// entries are copied from the last manifest, old.
func cachedPart(pr PageRecord, old []byte) (*docPart, bool) {
	fb, rd := pr.Ranges.Fb, pr.Ranges.Rd
	if fb[1] > len(old) || rd[1] > len(old) || fb[0] > fb[1] || rd[0] > rd[1] {
		return nil, false
	}
	return &docPart{cov: pr.Coverage, fb: old[fb[0]:fb[1]], rd: old[rd[0]:rd[1]], art: pr.Article.article(),
		sums: pr.Sums, hasIndex: pr.HasIndex}, true
}

// assets reads the content's assets for the i-th bundle, all but those
// whose source and copy are as the last run left them (clean, with
// their sums).
func (r *runner) assets(i int, rec *LocaleRecord) ([]plan.File, []FileSum, error) {
	var read []string
	var clean []FileSum
	for _, a := range r.p.Assets {
		if rec != nil {
			sum, ok := rec.Assets[a]
			if st := r.in.content[a]; ok && !st.Other && st.Sum == sum && sameOutputs(r.outs[i], rec.Outputs, []string{a}) {
				clean = append(clean, FileSum{Path: a, SHA256: hex.EncodeToString(sum[:])})
				continue
			}
		}
		read = append(read, a)
	}
	files, err := readAssets(read, r.job.Assets)
	return files, clean, err
}

// untouched reports whether the i-th bundle is as the last run left it:
// no page to render, the same documents, assets, global hash, index page
// and manifest.
func (r *runner) untouched(i int, rec *LocaleRecord, assets []plan.File) bool {
	if rec == nil || len(r.bds[i].parts) > 0 || len(assets) > 0 || rec.Global != r.gsum[i] ||
		len(rec.Pages) != len(r.docs) || len(rec.Assets) != len(r.p.Assets) {
		return false
	}
	return sameOutputs(r.outs[i], rec.Outputs, rec.Files)
}

// coverageOf is every document's coverage in the i-th bundle, rendered
// now or recorded.
func (r *runner) coverageOf(i int) []DocCoverage {
	out := make([]DocCoverage, len(r.docs))
	rec := r.prevLocale(i)
	for j, d := range r.docs {
		if part, ok := r.bds[i].parts[d]; ok {
			out[j] = part.cov
		} else if rec != nil {
			out[j] = rec.Pages[d].Coverage
		}
	}
	return out
}

// bundleFiles lists every file of the i-th bundle: the files to write,
// the pages taken from the last run and the clean assets.
func (r *runner) bundleFiles(i int, files []plan.File, clean []FileSum) []string {
	var all []string
	for _, f := range files {
		all = append(all, f.Path)
	}
	rec := r.prevLocale(i)
	for _, d := range r.docs {
		if part, ok := r.bds[i].parts[d]; ok {
			all = append(all, sumPaths(part.sums)...)
		} else if rec != nil {
			pr := rec.Pages[d]
			all = append(all, sumPaths(pr.Sums)...)
			r.rep.Unchanged += len(pr.Sums)
		}
	}
	all = append(all, sumPaths(clean)...)
	r.rep.Unchanged += len(clean)
	slices.Sort(all)
	return all
}

// removed lists the files the last bundle had and this one, all, has
// not: from the index, else from the manifest in the folder.
func (r *runner) removed(i int, rec *LocaleRecord, all []string) []string {
	var before []string
	if rec != nil {
		before = rec.Files
	} else {
		data, err := os.ReadFile(filepath.Join(r.job.Out, r.rep.Published[i].String(), "manifest.json"))
		var m struct{ Files []FileSum }
		if err != nil || json.Unmarshal(data, &m) != nil {
			return nil
		}
		before = append(sumPaths(m.Files), "manifest.json")
	}
	var gone []string
	for _, f := range before {
		if _, found := slices.BinarySearch(all, f); !found && filepath.IsLocal(filepath.FromSlash(f)) {
			gone = append(gone, f)
		}
	}
	return gone
}

// record notes the i-th bundle in the next index; its outputs are
// recorded once written (see Index.Record).
func (r *runner) record(i int, rec *LocaleRecord, files []plan.File, all []string, ranges []docRanges) {
	loc := r.rep.Published[i]
	lr := &LocaleRecord{Global: r.gsum[i], Pages: map[string]PageRecord{}, Assets: map[string][32]byte{}, Files: all,
		seen: r.outs[i]}
	for _, f := range files {
		lr.staged = append(lr.staged, f.Path)
	}
	for j, d := range r.docs {
		var pr PageRecord
		if part, ok := r.bds[i].parts[d]; ok {
			lr.staged = append(lr.staged, sumPaths(part.sums)...)
			ck := r.contentKey(loc, d)
			pr = PageRecord{Content: ck, Page: pageKey(ck, r.gsum[i]), Coverage: part.cov, Article: recordOf(part.art),
				Sums: part.sums, HasIndex: part.hasIndex}
		} else {
			pr = rec.Pages[d]
		}
		pr.Ranges = ranges[j]
		lr.Pages[d] = pr
	}
	for _, a := range r.p.Assets {
		lr.Assets[a] = r.in.content[a].Sum
	}
	r.next.Locales[loc.String()] = lr
}

// keep is the entries of t for files.
func keep(t cache.Tree, files []string) cache.Tree {
	out := make(cache.Tree, len(files))
	for _, f := range files {
		if st, ok := t[f]; ok {
			out[f] = st
		}
	}
	return out
}

// Record notes the sizes and times of the bundles' files once the plan
// is written, so that the next run can tell a file someone changed: the
// files it staged are looked at again, the others are as it found them.
func (ix *Index) Record() error {
	for loc, lr := range ix.Locales {
		if lr.Outputs != nil {
			continue
		}
		lr.Outputs = keep(lr.seen, lr.Files)
		again := lr.staged
		if lr.seen == nil {
			again = lr.Files
		}
		for _, f := range again {
			info, err := os.Lstat(filepath.Join(ix.Out, loc, filepath.FromSlash(f)))
			if err != nil {
				delete(lr.Outputs, f)
				continue
			}
			lr.Outputs[f] = cache.FileStat{Size: info.Size(), ModTime: info.ModTime().UnixNano(), Other: !info.Mode().IsRegular()}
		}
		lr.seen, lr.staged = nil, nil
	}
	return nil
}
