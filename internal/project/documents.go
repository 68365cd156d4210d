package project

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync/atomic"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/config"
	"github.com/healthloc/healthloc/internal/content"
	"github.com/healthloc/healthloc/internal/workers"
)

// listContent lists the documents under the content root, sorted, and
// notes the other files as Assets.
func (p *Project) listContent() ([]string, error) {
	root := path.Clean(p.Config.ContentRoot)
	info, err := fs.Stat(p.fsys, root)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: content root does not exist (content_root in %s)", root, config.FileName)
		}
		return nil, fmt.Errorf("%s: %w", root, err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("%s: content root is not a directory", root)
	}
	files, assets, err := WalkContent(p.fsys, root)
	if err != nil {
		return nil, err
	}
	p.Assets = append(p.Assets, assets...)
	sort.Strings(p.Assets)
	return withUI(files), nil
}

// WalkContent lists the files under root, relative to it, as extract
// sees them: hidden files and folders left out, documents apart from the
// other files (assets), each sorted.
func WalkContent(fsys fs.FS, root string) (docs, assets []string, err error) {
	err = fs.WalkDir(fsys, root, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if name != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		rel := strings.TrimPrefix(name, root+"/")
		if IsDocument(rel) {
			docs = append(docs, rel)
		} else {
			assets = append(assets, rel)
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	sort.Strings(docs)
	sort.Strings(assets)
	return docs, assets, nil
}

// parseFile reads and parses the document name, relative to the content
// root.
func (p *Project) parseFile(name, encoding string) (*Doc, error) {
	if name == UIPath {
		return p.newDoc(p.uiDocument()), nil
	}
	root := path.Clean(p.Config.ContentRoot)
	raw, err := p.readLimited(root + "/" + name)
	if err != nil {
		return nil, err
	}
	opts := content.Options{
		FrontMatterKeys: p.Config.FrontMatterKeys,
		MaxBytes:        p.Config.Limits.MaxFileBytes,
		MaxDepth:        p.Config.Limits.MaxDepth,
		Encoding:        encoding,
		FrontMatter:     p.Config.FrontMatterFor(name),
	}
	if opts.Encoding == "" {
		opts.Encoding = p.Config.EncodingFor(name)
	}
	doc, err := content.Parse(name, raw, opts)
	if err != nil {
		// content names the file relative to the root; say where the
		// root is so the message names the file as the user sees it
		return nil, fmt.Errorf("%s/%w", root, err)
	}
	d := p.newDoc(doc)
	for _, w := range p.DocWarnings(d) {
		p.notes.add(w)
	}
	return d, nil
}

// DocWarnings are the warnings parsing d gave, each naming its file as
// the user sees it.
func (p *Project) DocWarnings(d *Doc) []string {
	root := path.Clean(p.Config.ContentRoot)
	out := make([]string, len(d.Warnings))
	for i, w := range d.Warnings {
		out[i] = root + "/" + w
	}
	return out
}

// Pinned are the message IDs d pins (healthloc:id), which no other
// document may pin.
func (d *Doc) Pinned() []string {
	var out []string
	for i, seg := range d.Segments {
		if seg.ID != "" {
			out = append(out, d.IDs[i])
		}
	}
	return out
}

// loadContent parses the documents files on all cores, keeping them in
// path order.
func (p *Project) loadContent(files []string, encoding string) error {
	p.Docs = make([]*Doc, len(files))
	var done atomic.Int64
	err := workers.Map(len(files), 0, func(i int) error {
		var err error
		if p.Docs[i], err = p.parseFile(files[i], encoding); err != nil {
			return err
		}
		if p.progress != nil {
			p.progress(int(done.Add(1)), len(files))
		}
		return nil
	})
	if err != nil {
		return err
	}
	var u uniqueness
	for _, d := range p.Docs {
		if err := u.check(p.Config.ContentRoot, d); err != nil {
			return err
		}
	}
	return nil
}

// uniqueness checks, a document at a time, that no two documents share a
// slug and no message ID is pinned twice.
type uniqueness struct {
	slugs, pinned map[string]string
}

func (u *uniqueness) check(contentRoot string, d *Doc) error {
	if u.slugs == nil {
		u.slugs, u.pinned = map[string]string{}, map[string]string{}
	}
	root := path.Clean(contentRoot)
	// One slug is one catalog file and one page in a bundle.
	if prev, dup := u.slugs[d.Slug]; dup {
		if d.IsUI() || prev == UIPath {
			return uiSlugError(contentRoot, cmpOr(prev, d.Path))
		}
		return fmt.Errorf("%s/%s: same slug %q as %s/%s, and so the same catalog: rename one", root, d.Path, d.Slug, root, prev)
	}
	u.slugs[d.Slug] = d.Path
	for i, seg := range d.Segments {
		if seg.ID == "" {
			continue
		}
		where := fmt.Sprintf("%s/%s:%d", root, d.Path, seg.Line)
		if prev, dup := u.pinned[d.IDs[i]]; dup {
			return fmt.Errorf("%s: message ID %q is already pinned at %s", where, d.IDs[i], prev)
		}
		u.pinned[d.IDs[i]] = where
	}
	return nil
}

// newDoc numbers the segments of a parsed document and builds its source
// catalog.
func (p *Project) newDoc(doc *content.Document) *Doc {
	d := &Doc{Document: doc, Source: &catalog.Catalog{Locale: p.Config.Source().String(), Messages: map[string]catalog.Message{}},
		Words: map[string]int{}, IDs: make([]string, len(doc.Segments))}
	for i, seg := range doc.Segments {
		id := seg.ID
		if id == "" {
			id = catalog.MessageID(doc.Slug, seg.Text)
		}
		d.IDs[i] = id
		if _, ok := d.Source.Messages[id]; ok {
			continue // the same text twice in one document is one message
		}
		d.Words[id] = seg.Words
		desc := string(seg.Kind)
		d.Source.Messages[id] = catalog.Message{ID: id, Description: desc, Other: seg.Text, Hash: catalog.Hash(desc, seg.Text)}
	}
	return d
}

// IsDocument reports whether a content file is an article healthloc
// translates, judged by its extension.
func IsDocument(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".md", ".markdown", ".txt", ".html", ".htm":
		return true
	}
	return false
}

// cmpOr is the first of a and b that is not the page-text document's path.
func cmpOr(a, b string) string {
	if a == UIPath {
		return b
	}
	return a
}
