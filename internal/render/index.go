package render

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"hash"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/cache"
	"github.com/healthloc/healthloc/internal/content"
	"github.com/healthloc/healthloc/internal/locale"
	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/workers"
)

// Index is render's record of its last run into one output folder, kept
// in the cache folder (see cache.ReadGob): what every page was made from,
// as hashes of its inputs, and what it added to its bundle, so that the
// next run renders only the pages whose inputs changed and copies the
// others' entries into the manifest. It is never needed: without it every
// page is rendered, and the bundles are the same bytes.
type Index struct {
	// Out is the output folder, absolute, and Key the job's key (see
	// Job): an index of another folder or key is not trusted.
	Out, Key string
	// Recorded is when the inputs were fingerprinted (Unix nanoseconds):
	// a file changed around then is read again (see cache.Sum).
	Recorded int64
	// Content, Catalogs and Work are the files under content_root,
	// catalog_root and work_root, with their sums.
	Content, Catalogs, Work cache.Tree
	// Others is, by locale, the hash of its catalog and work-area files
	// that are no document's.
	Others map[string][32]byte
	// Docs holds what a document gives whatever the locale, by path.
	Docs map[string]DocRecord
	// Locales holds each bundle's record, by locale.
	Locales map[string]*LocaleRecord
	// changed is set when the index differs from the last run's in more
	// than when it was made (see Changed).
	changed bool
}

// Changed reports whether the index says anything the last run's did
// not: when not, there is no need to save it.
func (ix *Index) Changed() bool { return ix.changed }

// IndexVersion is the format of Index; a change makes old files ignored.
const IndexVersion = 1

// DocRecord is what the index keeps of a document: the sum of its
// source, its front-matter fields for the site (permalinks) and the
// warnings parsing it gave, already naming the file.
type DocRecord struct {
	Sum      [32]byte
	Fields   []content.Field
	Warnings []string
	// Pinned are the message IDs pinned in it, each with where
	// ("content/a.md:3"), so that one pinned twice is found even when
	// only one of the documents is read again.
	Pinned [][2]string
}

// LocaleRecord is what the index keeps of one locale's bundle.
type LocaleRecord struct {
	// Global is the hash of what every page of the bundle depends on;
	// Other that of the locale's catalog and work-area files that are no
	// document's (reviews, accepted findings, catalogs whose document is
	// gone).
	Global, Other [32]byte
	Pages         map[string]PageRecord
	// Assets are the sums of the assets copied, by path.
	Assets map[string][32]byte
	// Files are every file of the bundle, and Outputs their sizes and
	// times as the run left them.
	Files   []string
	Outputs cache.Tree
	// seen is the folder as this run found it, staged the files it
	// wrote there; Record needs them.
	seen   cache.Tree
	staged []string
	// kept marks a record taken over unchanged from the last run.
	kept bool
}

// PageRecord is one document in one bundle: the hashes of its inputs
// (Content: source, catalogs along the chain, the locales' other files;
// Page: Content and the bundle's Global) and what it added to the bundle.
type PageRecord struct {
	Content, Page [32]byte
	Coverage      DocCoverage
	Article       ArticleRecord
	Sums          []FileSum
	// Ranges are where its entries lie in the manifest.
	Ranges   docRanges
	HasIndex bool
}

// ArticleRecord is an Article as the index keeps it.
type ArticleRecord struct {
	Href, Hreflang, Text, Lang, Dir string
}

func recordOf(a Article) ArticleRecord {
	return ArticleRecord{Href: a.Href, Hreflang: a.Hreflang, Text: a.Text, Lang: a.Lang, Dir: a.Dir}
}

func (a ArticleRecord) article() Article {
	return Article{Href: a.Href, Hreflang: a.Hreflang, run: run{Text: a.Text, Lang: a.Lang, Dir: a.Dir}}
}

// inputs are the fingerprinted files of a project and the hashes keys
// are made of.
type inputs struct {
	content, catalogs, work cache.Tree
	// catDir and workDir are each locale's folder in each tree.
	catDir, workDir map[string]string
	// other is, by locale, the hash of its files that are no document's.
	other map[string][32]byte
	// read counts the files read to be summed; same is set when every
	// tree has as many files as the last run's.
	read int
	same bool
}

// fingerprint walks the project's content, catalogs and work area and
// sums every file, reading only those that changed since prev.
func fingerprint(p *project.Project, prev *Index, targets []language.Tag) (*inputs, int64, error) {
	cfg := p.Config
	now := time.Now().UnixNano()
	in := &inputs{catDir: map[string]string{}, workDir: map[string]string{}, other: map[string][32]byte{}}
	var old Index
	if prev != nil {
		old = *prev
	}
	// only the folders of the locales along the targets' chains matter,
	// the source's not: its text comes from the content
	chains := map[string]bool{}
	for _, t := range targets {
		for _, c := range p.Chain(t) {
			chains[c.String()] = c != cfg.Source()
		}
	}
	keep := func(dir string) bool {
		tag, err := locale.Parse(dir)
		return err != nil || chains[tag.String()]
	}
	trees := []struct {
		root string
		keep func(string) bool
		tree *cache.Tree
		prev cache.Tree
	}{{cfg.ContentRoot, nil, &in.content, old.Content}, {cfg.CatalogRoot, keep, &in.catalogs, old.Catalogs},
		{cfg.WorkRoot, keep, &in.work, old.Work}}
	// the three walks wait on the disk more than on a core
	read := make([]int, len(trees))
	err := workers.Map(len(trees), len(trees), func(i int) error {
		t := trees[i]
		root := cfg.Abs(t.root)
		tree, err := cache.WalkSome(root, t.keep)
		if err != nil {
			return err
		}
		*t.tree = tree
		read[i], err = cache.Sum(root, tree, t.prev, old.Recorded)
		return err
	})
	if err != nil {
		return nil, 0, err
	}
	in.read = read[0] + read[1] + read[2]
	in.same = len(in.content) == len(old.Content) && len(in.catalogs) == len(old.Catalogs) && len(in.work) == len(old.Work)
	slugs := map[string]bool{}
	for _, d := range p.Documents() {
		slugs[slugOf(d)] = true
	}
	in.others(slugs)
	return in, now, nil
}

// slugOf is a document's slug: its path without the extension.
func slugOf(docPath string) string {
	if docPath == project.UIPath {
		return project.UISlug
	}
	return strings.TrimSuffix(docPath, path.Ext(docPath))
}

// others finds each locale's folders and hashes, by locale, the files of
// its folders that belong to no document of slugs.
func (in *inputs) others(slugs map[string]bool) {
	hs := map[string]hash.Hash{}
	add := func(tree cache.Tree, dirs map[string]string, docFile func(dir, rest string) (string, bool)) {
		for _, rel := range slices.Sorted(mapsKeys(tree)) {
			dir, rest, ok := strings.Cut(rel, "/")
			if !ok {
				continue
			}
			tag, err := locale.Parse(dir)
			if err != nil {
				continue // the project refuses it when it reads
			}
			loc := tag.String()
			dirs[loc] = dir
			if slug, ok := docFile(dir, rest); ok && slugs[slug] {
				continue
			}
			if hs[loc] == nil {
				hs[loc] = sha256.New()
			}
			st := tree[rel]
			fmt.Fprintf(hs[loc], "%s %x %t\n", rel, st.Sum, st.Other)
		}
	}
	add(in.catalogs, in.catDir, func(dir, rest string) (string, bool) {
		return strings.CutSuffix(rest, "."+dir+".toml")
	})
	add(in.work, in.workDir, func(_, rest string) (string, bool) {
		if s, ok := strings.CutPrefix(rest, "docs/"); ok {
			return strings.CutSuffix(s, ".toml")
		}
		return "", false
	})
	for loc, h := range hs {
		in.other[loc] = [32]byte(h.Sum(nil))
	}
}

func mapsKeys(t cache.Tree) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range t {
			if !yield(k) {
				return
			}
		}
	}
}

// file writes the sum of a file of tree to h, or that it is missing.
func file(h hash.Hash, tree cache.Tree, rel string) {
	st, ok := tree[rel]
	switch {
	case !ok:
		h.Write([]byte("-\n"))
	case st.Other:
		// never trusted: a new key every run renders the page again,
		// and reading it reports the link
		fmt.Fprintf(h, "link %d\n", time.Now().UnixNano())
	default:
		fmt.Fprintf(h, "%x\n", st.Sum)
	}
}

// contentKey hashes what a page's text depends on in loc: the source of
// docPath and, along loc's chain, its catalog and work file and the
// locale's other files, with global (configuration, program, options).
func (in *inputs) contentKey(global []byte, chain []language.Tag, source language.Tag, docPath string) [32]byte {
	h := sha256.New()
	h.Write(global)
	fmt.Fprintf(h, "\n%s\n", docPath)
	file(h, in.content, docPath)
	slug := slugOf(docPath)
	for _, t := range chain {
		if t == source {
			break
		}
		loc := t.String()
		fmt.Fprintf(h, "%s\n", loc)
		if dir, ok := in.catDir[loc]; ok {
			file(h, in.catalogs, dir+"/"+slug+"."+dir+".toml")
		}
		if dir, ok := in.workDir[loc]; ok {
			file(h, in.work, dir+"/docs/"+slug+".toml")
		}
		o := in.other[loc]
		h.Write(o[:])
	}
	return [32]byte(h.Sum(nil))
}

// pageKey is a page's key: its content key and its bundle's global hash.
func pageKey(content, global [32]byte) [32]byte {
	return sha256.Sum256(append(content[:], global[:]...))
}

// chromeSum hashes the bundler's page text and what else every page of
// its bundle shows: the manifest's head.
func (bd *Bundler) chromeSum() []byte {
	b, _ := json.Marshal(struct {
		Chrome map[string]Text
		Fbs    []Fallback
		Head   Manifest
	}{bd.chrome, bd.chromeFbs, bd.head})
	s := sha256.Sum256(b)
	return s[:]
}

// IndexName is the cache file of the index for output folder out.
func IndexName(out string) string {
	if abs, err := filepath.Abs(out); err == nil {
		out = abs
	}
	s := sha256.Sum256([]byte(out))
	return fmt.Sprintf("render-%x", s[:8])
}
