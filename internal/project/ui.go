package project

import (
	"fmt"
	"io/fs"
	"path"
	"slices"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/content"
	"github.com/healthloc/healthloc/internal/ui"
	"github.com/healthloc/healthloc/internal/workarea"
)

// The page text ("Skip to content", "Contents", the fallback notices) is
// a document of every project, made from healthloc's own text rather than
// read from the content folder, so that extract, export, import, status,
// check and review treat it as they treat an article: its catalogs are
// <catalog_root>/<locale>/_ui.<locale>.toml. Its path has no extension,
// so it is no content file's; a content file whose slug is "_ui" would
// share its catalog and is refused.
const (
	// UIPath is the page-text document's Path.
	UIPath = "_ui"
	// UISlug is its slug, and so its catalogs' name.
	UISlug = "_ui"
	// UIKind is the kind (and so the catalog description) of its
	// messages.
	UIKind content.Kind = "page text"
)

// UIID is the message ID of the page text named name (see ui.Chrome).
func UIID(name string) string { return UISlug + "." + name }

// IsUI reports whether d is the page-text document.
func (d *Doc) IsUI() bool { return d.Path == UIPath }

// UIDoc returns the page-text document of a Project loaded whole, or of
// the window that holds it; nil otherwise.
func (p *Project) UIDoc() *Doc {
	for _, d := range p.Docs {
		if d.IsUI() {
			return d
		}
	}
	return nil
}

// withUI adds the page-text document to a sorted list of content files,
// last, so that the content keeps its order.
func withUI(files []string) []string { return append(files, UIPath) }

// uiDocument builds the page-text document: one segment per message, in
// the source locale's language when healthloc has its text, else in
// English. A segment's heading path tells the translator where the text
// appears.
func (p *Project) uiDocument() *content.Document {
	text, _ := ui.SourceText(p.Config.Source())
	doc := &content.Document{Path: UIPath, Slug: UISlug, Format: content.FormatText}
	for i, m := range ui.Chrome() {
		doc.Segments = append(doc.Segments, content.Segment{
			Kind: UIKind, Text: text[m.Name], Line: i + 1, Syntax: content.SyntaxText,
			Headings: []string{m.Help}, ID: UIID(m.Name), Words: content.CountWords(text[m.Name]),
		})
	}
	return doc
}

// UISourceLanguage is the language the page-text document is written in:
// the source locale's, or English when healthloc has no text in it.
func (p *Project) UISourceLanguage() language.Tag {
	_, t := ui.SourceText(p.Config.Source())
	if base, _ := t.Base(); base == baseOf(p.Config.Source()) {
		return p.Config.Source()
	}
	return t
}

func baseOf(t language.Tag) language.Base {
	b, _ := t.Base()
	return b
}

// shippedUI is healthloc's reviewed page-text catalog for a target
// locale that has none of its own and inherits none from a parent, or
// nil: the translations of the
// current page-text source, so that they read as translated (and, being
// healthloc's, as reviewed; see shippedReviewed).
func (p *Project) shippedUI(loc string) *catalog.Catalog {
	tag, err := language.Parse(loc)
	if err != nil || tag == p.Config.Source() {
		return nil
	}
	texts, lang, ok := ui.Shipped(tag)
	if !ok {
		return nil
	}
	// A parent locale of the project that gets the same text gives it
	// to this one along the fallback chain (es to es-MX): no copy.
	for _, parent := range p.Chain(tag)[1:] {
		if parent == p.Config.Source() {
			break
		}
		if _, pl, ok := ui.Shipped(parent); ok && pl == lang && slices.Contains(p.Config.Targets(), parent) {
			return nil
		}
	}
	src := p.uiDocument()
	c := &catalog.Catalog{Locale: loc, Messages: map[string]catalog.Message{}}
	for i, m := range ui.Chrome() {
		seg := src.Segments[i]
		if t := texts[m.Name]; t != "" {
			c.Messages[seg.ID] = catalog.Message{ID: seg.ID, Description: string(UIKind), Other: t, Hash: catalog.Hash(string(UIKind), seg.Text)}
		}
	}
	return c
}

// addShippedUI gives each target locale whose page-text catalog is not
// on disk healthloc's own, when healthloc has one for its language.
func (p *Project) addShippedUI() {
	for _, t := range p.Config.Targets() {
		loc := t.String()
		if p.Catalogs[loc][UISlug] != nil {
			continue
		}
		if c := p.shippedUI(loc); c != nil {
			if p.Catalogs[loc] == nil {
				p.Catalogs[loc] = map[string]*catalog.Catalog{}
			}
			p.Catalogs[loc][UISlug] = c
		}
	}
}

// shippedReviewed reports whether text is healthloc's own reviewed
// translation of page-text message id in loc: such a translation counts
// as reviewed without a review record.
func shippedReviewed(loc language.Tag, id, text string) bool {
	texts, _, ok := ui.Shipped(loc)
	if !ok {
		return false
	}
	for _, m := range ui.Chrome() {
		if UIID(m.Name) == id {
			return texts[m.Name] == text
		}
	}
	return false
}

// exists reports whether name is a file in fsys.
func exists(fsys fs.FS, name string) bool {
	_, err := fs.Stat(fsys, name)
	return err == nil
}

// uiSlugError is the error for a content file whose slug is the page
// text's.
func uiSlugError(contentRoot, docPath string) error {
	return fmt.Errorf("%s/%s: the slug %q is reserved for healthloc's page text (catalogs %s.<locale>.toml): rename the file",
		path.Clean(contentRoot), docPath, UISlug, UISlug)
}

// PageText returns the page-text document with its catalogs in every
// locale and the reviews, for a command that needs the page text before
// it reads any window (render shows it on every page): on a lean Project
// a window holding that document alone, on a Project loaded whole p
// itself.
func (p *Project) PageText() (*Project, error) {
	if !p.lean {
		return p, nil
	}
	w := p.newWindow()
	var want []catalogFile
	for _, loc := range p.locales() {
		if _, ok := p.Workflow[loc]; !ok {
			st, err := p.readState(loc)
			if err != nil {
				return nil, err
			}
			p.Workflow[loc] = st
		}
		// the page text's served catalog and work file, as for a document
		var ref docRef
		if dir, ok := p.localeDirs[loc]; ok {
			if name := path.Join(dir, UISlug+"."+loc+".toml"); exists(p.fsys, name) {
				ref.served = name
			}
		}
		if dir, ok := p.workDirs[loc]; ok {
			if name := path.Join(dir, workarea.DocsDir, UISlug+".toml"); exists(p.fsys, name) {
				ref.work = name
			}
		}
		if ref != (docRef{}) {
			want = append(want, catalogFile{loc, UISlug, ref})
		}
	}
	d, err := p.parseFile(UIPath, "")
	if err != nil {
		return nil, err
	}
	w.Docs = []*Doc{d}
	if err := w.readCatalogs(want); err != nil {
		return nil, err
	}
	w.addShippedUI()
	return w, nil
}
