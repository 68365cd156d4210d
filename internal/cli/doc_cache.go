package cli

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash/fnv"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/healthloc/healthloc/internal/cache"
	"github.com/healthloc/healthloc/internal/config"
	"github.com/healthloc/healthloc/internal/content"
	"github.com/healthloc/healthloc/internal/project"
)

// status and check keep what they find in each document in the cache
// folder, under a key made of the bytes of everything it depends on: the
// document, its catalogs and work files in every locale (a locale falls
// back to its parents'), and, for every document, the review files, the
// rest of the work area, the configuration, the options and the program.
// After an edit only the documents whose key changed are read; files are
// known unchanged by their size and time (see cache.Sum), so nothing
// else is read either.

const docCacheVersion = 1

// docCache is a command's cache as stored: a head file with the trees
// and the orphans, and the documents in docShards files by a hash of
// their path, so that an edit rewrites one. Every entry stands on its
// own key: a shard left from another run is as good as a fresh one.
type docCache[T any] struct {
	Scope    string
	Recorded int64
	// Content, Catalogs and Work are the files under the content root,
	// the catalog root and the work area when it was recorded.
	Content, Catalogs, Work cache.Tree
	// Docs are the documents' values by path (as Documents lists them),
	// stored apart; Orphans those of the slugs whose document is gone.
	Docs    map[string]docEntry[T]
	Orphans map[string]docEntry[T]
}

// docShards is how many files hold a command's documents.
const docShards = 32

// shardOf is the shard of the document at path.
func shardOf(path string) int {
	h := fnv.New32a()
	h.Write([]byte(path))
	return int(h.Sum32() % docShards)
}

// docShard is one shard as stored.
type docShard[T any] struct {
	Scope string
	Docs  map[string]docEntry[T]
}

// docEntry is what a command found in one document, with what else it
// learned parsing it.
type docEntry[T any] struct {
	Key      [32]byte
	Value    T
	Warnings []string
	Pinned   []string
}

// perDoc is a run of a command over the documents with the cache.
type perDoc[T any] struct {
	name       string
	last, next docCache[T]
	keys       docKeys
}

// openDocCache walks the project for the command name, whose options
// and locales are in scope; ok is false when the cache cannot be used.
func openDocCache[T any](g *globalOptions, cfg *config.Config, p *project.Project, name, scope string) (*perDoc[T], bool) {
	scope, ok := g.cacheScope(cfg, scope)
	if !ok {
		return nil, false
	}
	c := &perDoc[T]{name: name, next: docCache[T]{Scope: scope,
		Recorded: time.Now().UnixNano(), Docs: map[string]docEntry[T]{}, Orphans: map[string]docEntry[T]{}}}
	if !cache.ReadGob(cfg.Dir, name, docCacheVersion, &c.last) || c.last.Scope != c.next.Scope {
		c.last = docCache[T]{}
	}
	c.last.Docs = map[string]docEntry[T]{}
	for i := range docShards {
		var sh docShard[T]
		if cache.ReadGob(cfg.Dir, fmt.Sprintf("%s-%02d", name, i), docCacheVersion, &sh) && sh.Scope == c.next.Scope {
			maps.Copy(c.last.Docs, sh.Docs)
		}
	}
	if err := c.next.walk(g, cfg, &c.last); err != nil {
		return nil, false
	}
	c.keys = c.next.keys(p.Documents())
	return c, !c.keys.clash
}

// values gives every document's value, in order: the cached one when its
// key matches, else compute's, on windows of the documents to redo. ok
// is false when two documents pin the same ID, which only a reading of
// everything reports.
func (c *perDoc[T]) values(ctx context.Context, g *globalOptions, p *project.Project, compute func(w *project.Project, d *project.Doc) T) (vals []T, ok bool, err error) {
	vals = make([]T, len(c.keys.docs))
	at := map[string]int{}
	for i, k := range c.keys.docs {
		if e, hit := c.last.Docs[k.path]; hit && e.Key == k.key {
			vals[i] = e.Value
			c.next.Docs[k.path] = e
			g.notes = append(g.notes, e.Warnings...)
		} else {
			at[k.path] = i
		}
	}
	fewFindings(p, len(at))
	err = p.WindowsOf(func(path string) bool { _, redo := at[path]; return redo }, func(w *project.Project) error {
		if err := stopped(ctx); err != nil {
			return err
		}
		for _, d := range w.Docs {
			i := at[d.Path]
			vals[i] = compute(w, d)
			c.next.Docs[d.Path] = docEntry[T]{Key: c.keys.docs[i].key, Value: vals[i], Warnings: p.DocWarnings(d), Pinned: d.Pinned()}
		}
		return nil
	})
	if err != nil {
		return nil, false, err
	}
	seen := map[string]bool{}
	for _, e := range c.next.Docs {
		for _, id := range e.Pinned {
			if seen[id] {
				return nil, false, nil
			}
			seen[id] = true
		}
	}
	return vals, true, nil
}

// orphans gives the value of every slug whose document is gone, sorted
// by slug: the cached one when its key matches, else compute's, on one
// window of those to redo.
func (c *perDoc[T]) orphans(p *project.Project, compute func(w *project.Project, slug string) T) ([]T, error) {
	var redo []string
	slugs := sortedKeys(c.keys.orphans)
	for _, slug := range slugs {
		if e, hit := c.last.Orphans[slug]; hit && e.Key == c.keys.orphans[slug] {
			c.next.Orphans[slug] = e
		} else {
			redo = append(redo, slug)
		}
	}
	if len(redo) > 0 {
		err := p.OrphanWindow(redo, func(w *project.Project) error {
			for _, slug := range redo {
				c.next.Orphans[slug] = docEntry[T]{Key: c.keys.orphans[slug], Value: compute(w, slug)}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	out := make([]T, len(slugs))
	for i, slug := range slugs {
		out[i] = c.next.Orphans[slug].Value
	}
	return out, nil
}

// save writes back what changed: the head, and the shards whose
// documents changed; a failure is a warning.
func (c *perDoc[T]) save(g *globalOptions, cfg *config.Config) {
	var shards [docShards]docShard[T]
	var dirty [docShards]bool
	for i := range shards {
		shards[i] = docShard[T]{Scope: c.next.Scope, Docs: map[string]docEntry[T]{}}
	}
	for path, e := range c.next.Docs {
		i := shardOf(path)
		shards[i].Docs[path] = e
		if old, ok := c.last.Docs[path]; !ok || old.Key != e.Key {
			dirty[i] = true
		}
	}
	for path := range c.last.Docs {
		if _, ok := c.next.Docs[path]; !ok {
			dirty[shardOf(path)] = true
		}
	}
	head := c.next
	head.Docs = nil
	err := cache.WriteGob(cfg.Dir, c.name, docCacheVersion, head)
	for i := range shards {
		if dirty[i] && err == nil {
			err = cache.WriteGob(cfg.Dir, fmt.Sprintf("%s-%02d", c.name, i), docCacheVersion, shards[i])
		}
	}
	if err != nil && !g.Quiet {
		g.notes = append(g.notes, fmt.Sprintf("cache not saved: %v", err))
	}
}

// walk lists the project's files, summing those that changed since last.
func (s *docCache[T]) walk(g *globalOptions, cfg *config.Config, last *docCache[T]) error {
	trees, err := g.projectTrees(cfg)
	if err != nil {
		return err
	}
	prev := [3]cache.Tree{last.Content, last.Catalogs, last.Work}
	for i, root := range []string{cfg.ContentRoot, cfg.CatalogRoot, cfg.WorkRoot} {
		for _, st := range trees[i] {
			if st.Other {
				return fmt.Errorf("a symbolic link: not cached")
			}
		}
		if _, err := cache.Sum(cfg.Abs(root), trees[i], prev[i], last.Recorded); err != nil {
			return err
		}
	}
	s.Content, s.Catalogs, s.Work = trees[0], trees[1], trees[2]
	return nil
}

// docKey is a document's key.
type docKey struct {
	path string
	key  [32]byte
}

// docKeys are the keys of the documents, in order, and of the slugs
// with files but no document.
type docKeys struct {
	docs    []docKey
	orphans map[string][32]byte
	// clash tells that two documents have the same slug, which only a
	// reading of everything reports.
	clash bool
}

// keys makes every document's key and every orphan slug's.
func (s *docCache[T]) keys(paths []string) docKeys {
	bySlug := map[string][]string{} // slug → "kind locale sum" lines
	salt := sha256.New()
	fmt.Fprintf(salt, "%q\n", s.Scope)
	for _, t := range []struct {
		kind string
		tree cache.Tree
	}{{"served", s.Catalogs}, {"work", s.Work}} {
		for _, rel := range sortedKeys(t.tree) {
			sum := t.tree[rel].Sum
			line := t.kind + " " + rel + " " + hex.EncodeToString(sum[:])
			if slug, ok := slugOfFile(t.kind, rel); ok {
				bySlug[slug] = append(bySlug[slug], line)
			} else {
				io.WriteString(salt, line+"\n") // reviews, memories: every document reads them
			}
		}
	}
	base := salt.Sum(nil)
	key := func(doc string, slug string) [32]byte {
		h := sha256.New()
		h.Write(base)
		fmt.Fprintf(h, "doc %s %x\n", doc, s.Content[doc].Sum)
		for _, line := range bySlug[slug] {
			io.WriteString(h, line+"\n")
		}
		var k [32]byte
		h.Sum(k[:0])
		return k
	}
	out := docKeys{orphans: map[string][32]byte{}}
	owned := map[string]bool{}
	for _, path := range paths {
		slug := content.SlugOf(path)
		if path == project.UIPath {
			slug = project.UISlug
		}
		out.clash = out.clash || owned[slug]
		owned[slug] = true
		out.docs = append(out.docs, docKey{path, key(path, slug)})
	}
	for slug := range bySlug {
		if !owned[slug] {
			out.orphans[slug] = key("", slug)
		}
	}
	return out
}

// slugOfFile is the slug whose catalog (served) or work file (work) the
// file rel is, relative to its root.
func slugOfFile(kind, rel string) (string, bool) {
	dir, name, ok := strings.Cut(rel, "/")
	if !ok {
		return "", false
	}
	if kind == "served" {
		return strings.CutSuffix(name, "."+dir+".toml")
	}
	name, ok = strings.CutPrefix(name, "docs/")
	if !ok {
		return "", false
	}
	return strings.CutSuffix(name, ".toml")
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
