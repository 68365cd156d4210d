package project

import (
	"slices"
	"sync"

	"github.com/healthloc/healthloc/internal/catalog"
)

// Subset names the part of a project an incremental extract reads: some
// documents, with their catalogs and work files in every locale, and the
// page text. The rest of the project is taken to be as the last extract
// left it (see ExtractSubset).
type Subset struct {
	// Files are the documents to parse, relative to the content root.
	Files []string
	// Slugs are the slugs whose catalogs and work files are read: those
	// of Files and those of documents gone since the last extract.
	Slugs []string
}

// localeFilesOf lists the files of the subset's slugs in loc, by looking
// each one up rather than walking the locale's folders.
func (p *Project) localeFilesOf(loc string) (slugs []string, refs []docRef, err error) {
	for _, slug := range p.subset.Slugs {
		if ref := p.refOf(loc, slug); ref != (docRef{}) {
			slugs, refs = append(slugs, slug), append(refs, ref)
		}
	}
	return slugs, refs, nil
}

// DocInfo is what the extract index keeps of one document, to tell on
// the next run which documents an edit touches; or of a slug whose
// document is gone but whose obsolete translations are kept.
type DocInfo struct {
	// Path is the document's file, relative to the content root; empty
	// for a slug whose document is gone.
	Path string
	// IDs are the FNV-64a hashes of its message IDs, sorted.
	IDs []uint64
	// Messages counts its messages.
	Messages int
	// Settled tells that in every target locale the document translates
	// each of its messages and holds no other entry: nothing of it is
	// open to the merge's moves, carry-over or memory.
	Settled bool
}

// IDHash is the hash DocInfo keeps of a message ID.
func IDHash(id string) uint64 { return idHash(id) }

// docIndex gathers the DocInfo of the documents an extract handles.
type docIndex struct {
	mu   sync.Mutex
	docs map[string]DocInfo
	// settled counts, by slug, the target locales in which the document
	// was found settled.
	settled map[string]int
	// orphans are the slugs with entries but no document.
	orphans []string
	// whole tells that two documents share a message ID, which only the
	// merge of the whole project handles: there is no index to keep.
	whole bool
}

// noteDoc records a parsed document.
func (x *docIndex) noteDoc(d *Doc) {
	ids := make([]uint64, 0, len(d.Source.Messages))
	for id := range d.Source.Messages {
		ids = append(ids, idHash(id))
	}
	slices.Sort(ids)
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.docs == nil {
		x.docs = map[string]DocInfo{}
	}
	x.docs[d.Slug] = DocInfo{Path: d.Path, IDs: ids, Messages: len(d.Source.Messages)}
}

// noteOrphan records that slug, when it is no document's, keeps
// entries: obsolete translations, which later merges may move.
func (x *docIndex) noteOrphan(slug string, c *catalog.Catalog) {
	if c == nil || len(c.Messages) == 0 {
		return
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if _, ok := x.docs[slug]; !ok {
		x.orphans = append(x.orphans, slug)
	}
}

// noteSettled records that slug is settled in one locale when its merged
// catalog c holds exactly its n current messages (current tells), each
// translated.
func (x *docIndex) noteSettled(slug string, c *catalog.Catalog, n int, current func(id string) bool) {
	if c == nil || len(c.Messages) != n {
		return
	}
	for id, m := range c.Messages {
		if m.Other == "" || !current(id) {
			return
		}
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.settled == nil {
		x.settled = map[string]int{}
	}
	x.settled[slug]++
}

// DocIndex returns what the extract that ran on p learned of each
// document it parsed, by slug; nil when two documents share a message ID.
func (p *Project) DocIndex() map[string]DocInfo {
	x := &p.index
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.whole {
		return nil
	}
	targets := len(p.Config.Targets())
	out := make(map[string]DocInfo, len(x.docs))
	for slug, d := range x.docs {
		d.Settled = x.settled[slug] == targets
		out[slug] = d
	}
	for _, slug := range x.orphans {
		if _, ok := out[slug]; !ok {
			out[slug] = DocInfo{}
		}
	}
	return out
}
