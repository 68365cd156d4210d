package l10n

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/config"
	"github.com/healthloc/healthloc/internal/content"
	"github.com/healthloc/healthloc/internal/locale"
)

// unmarshalers are the formats go-i18n loads, keyed as go-i18n looks them
// up: by the exact extension, so "yml" needs its own entry.
var unmarshalers = map[string]i18n.UnmarshalFunc{
	"toml": toml.Unmarshal,
	"json": json.Unmarshal,
	"yaml": yaml.Unmarshal,
	"yml":  yaml.Unmarshal,
}

// file is one message file under the catalog root.
type file struct {
	name string // as named in the fs.FS
	tag  language.Tag
	slug string
	msgs []*i18n.Message
}

// sourceMsg is a message of the source catalogs.
type sourceMsg struct {
	id, kind, text, hash string
	file, slug           string
	// intact reports that the hash is the hash of the text: a source
	// catalog edited by hand vouches for no translation.
	intact bool
	format content.Format
}

// doc is a document's segments, in the order Document returns them.
type doc struct{ segs []seg }

type seg struct {
	id   string
	line int
}

// Load reads the catalogs under opts.Root in fsys: every file go-i18n can
// load (.toml, .json, .yaml, .yml), hidden ones included, each in the
// folder of the locale its name ends with (<root>/<locale>/<slug>.<locale>.toml).
// A file whose name holds no valid locale tag, which go-i18n would load
// silently as "und", is an error naming the file; so is a file outside
// its locale's folder, one go-i18n cannot parse, or a message ID found
// twice in one locale. Translations that do not match the current source
// are left out and listed by Refused (see the package documentation).
func Load(fsys fs.FS, opts Options) (*Catalogs, error) {
	src, err := locale.Parse(cmp.Or(opts.Source, "en"))
	if err != nil {
		return nil, fmt.Errorf("source locale: %w", err)
	}
	cfg := opts.cfg
	if cfg == nil {
		// healthloc's defaults, for parsing the content
		if cfg, err = config.Parse(config.FileName, nil); err != nil {
			return nil, err
		}
	}
	files, err := readCatalogs(fsys, path.Clean(cmp.Or(opts.Root, ".")))
	if err != nil {
		return nil, err
	}
	c := &Catalogs{source: src, sources: map[string]*sourceMsg{}, docs: map[string]*doc{}}
	if err := c.indexSources(files); err != nil {
		return nil, err
	}
	verified, err := c.verify(files)
	if err != nil {
		return nil, err
	}
	if opts.Content != "" {
		err = c.readContent(fsys, path.Clean(opts.Content), cfg)
	} else {
		c.docsFromSources()
	}
	if err != nil {
		return nil, err
	}
	if err := c.fillBundle(verified); err != nil {
		return nil, err
	}
	c.setLocales(files, opts.cfg)
	return c, nil
}

// readCatalogs walks root as an app walking the catalogs would, with no
// special cases, and parses every file go-i18n can load.
func readCatalogs(fsys fs.FS, root string) ([]*file, error) {
	var files []*file
	err := fs.WalkDir(fsys, root, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		ext := strings.TrimPrefix(path.Ext(name), ".")
		if _, ok := unmarshalers[ext]; !ok {
			if _, ok := unmarshalers[strings.ToLower(ext)]; ok {
				return fmt.Errorf("%s: go-i18n loads only lower-case extensions: rename it to .%s", name, strings.ToLower(ext))
			}
			return nil // not a message file
		}
		f, err := readCatalog(fsys, root, name, ext)
		if err != nil {
			return err
		}
		files = append(files, f)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return files, nil
}

// readCatalog parses one message file and checks the locale in its name.
func readCatalog(fsys fs.FS, root, name, ext string) (*file, error) {
	rel := name
	if root != "." {
		rel = strings.TrimPrefix(name, root+"/")
	}
	folder, inFolder, ok := strings.Cut(rel, "/")
	if !ok {
		return nil, fmt.Errorf("%s: a catalog belongs in the folder of its locale (%s/<locale>/<slug>.<locale>.%s)", name, root, ext)
	}
	// go-i18n takes the tag from between the last two dots of the base
	// name, or from the whole base name before the extension.
	stem := strings.TrimSuffix(path.Base(inFolder), "."+ext)
	slug, tagText, found := cutLast(stem, ".")
	if !found {
		slug, tagText = "", stem
	}
	if dir := path.Dir(inFolder); dir != "." && slug != "" {
		slug = dir + "/" + slug
	}
	tag, err := locale.Parse(tagText)
	if err != nil {
		return nil, fmt.Errorf("%s: the file name holds no valid locale (go-i18n would load it as \"und\"): %w", name, err)
	}
	folderTag, err := locale.Parse(folder)
	if err != nil || folderTag != tag {
		return nil, fmt.Errorf("%s: a %s catalog in folder %q: it belongs in %s/%s/", name, tag, folder, root, tag)
	}
	if slug == "" {
		return nil, fmt.Errorf("%s: the file name has no document slug (<slug>.%s.%s)", name, tag, ext)
	}
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	mf, err := i18n.ParseMessageFileBytes(data, name, unmarshalers)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if mf.Tag != tag {
		// Both come from the same name; a difference would be a change
		// in go-i18n's reading of it.
		return nil, fmt.Errorf("%s: go-i18n reads the locale as %s, not %s", name, mf.Tag, tag)
	}
	return &file{name: name, tag: tag, slug: slug, msgs: mf.Messages}, nil
}

// cutLast is strings.Cut at the last sep.
func cutLast(s, sep string) (before, after string, found bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}

// indexSources indexes the messages of the source catalogs.
func (c *Catalogs) indexSources(files []*file) error {
	for _, f := range files {
		if f.tag != c.source {
			continue
		}
		for _, m := range f.msgs {
			if m.Other == "" {
				continue // no text: not a message of the content
			}
			if prev := c.sources[m.ID]; prev != nil {
				return fmt.Errorf("%s: message %q is in %s too: an ID belongs to one document", f.name, m.ID, prev.file)
			}
			c.sources[m.ID] = &sourceMsg{
				id: m.ID, kind: m.Description, text: m.Other, hash: m.Hash,
				file: f.name, slug: f.slug,
				intact: m.Hash == catalog.Hash(m.Description, m.Other),
				format: content.FormatMarkdown,
			}
		}
	}
	return nil
}

// verify sorts the translations into the ones served, by locale, and the
// ones refused.
func (c *Catalogs) verify(files []*file) (map[language.Tag][]*i18n.Message, error) {
	verified := map[language.Tag][]*i18n.Message{}
	seen := map[language.Tag]map[string]string{}
	for _, f := range files {
		if f.tag == c.source {
			continue
		}
		if seen[f.tag] == nil {
			seen[f.tag] = map[string]string{}
		}
		for _, m := range f.msgs {
			if prev, dup := seen[f.tag][m.ID]; dup {
				return nil, fmt.Errorf("%s: message %q is in %s too: an ID belongs to one catalog per locale", f.name, m.ID, prev)
			}
			seen[f.tag][m.ID] = f.name
			if m.Other == "" {
				continue // not translated
			}
			if reason := c.refusal(m); reason != "" {
				c.refused = append(c.refused, Refusal{File: f.name, Locale: f.tag, ID: m.ID, Reason: reason})
				continue
			}
			verified[f.tag] = append(verified[f.tag], m)
		}
	}
	slices.SortFunc(c.refused, func(a, b Refusal) int { return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.ID, b.ID)) })
	return verified, nil
}

// refusal is why translation m must not be served, or "".
func (c *Catalogs) refusal(m *i18n.Message) string {
	src := c.sources[m.ID]
	switch {
	case src == nil:
		return "not in the source catalogs"
	case !src.intact:
		return "its source message was edited by hand: the source hash does not match the source text"
	case m.Hash == "":
		return "no hash: run healthloc extract to check it against the source"
	case m.Hash != src.hash:
		return "outdated: made for another version of the source text"
	}
	return ""
}

// docsFromSources makes the documents from the source catalogs alone:
// their segments sorted by ID.
func (c *Catalogs) docsFromSources() {
	for _, s := range c.sources {
		d := c.docs[s.slug]
		if d == nil {
			d = &doc{}
			c.docs[s.slug] = d
			c.slugs = append(c.slugs, s.slug)
		}
		d.segs = append(d.segs, seg{id: s.id})
	}
	for _, d := range c.docs {
		slices.SortFunc(d.segs, func(a, b seg) int { return cmp.Compare(a.id, b.id) })
	}
	slices.Sort(c.slugs)
}

// fillBundle makes the go-i18n Bundle of the source messages and the
// verified translations, and a Localizer for each of its locales.
func (c *Catalogs) fillBundle(verified map[language.Tag][]*i18n.Message) error {
	b := i18n.NewBundle(c.source)
	for ext, f := range unmarshalers {
		b.RegisterUnmarshalFunc(ext, f)
	}
	var src []*i18n.Message
	for _, s := range c.sources {
		src = append(src, &i18n.Message{ID: s.id, Description: s.kind, Hash: s.hash, Other: s.text})
	}
	slices.SortFunc(src, func(a, b *i18n.Message) int { return cmp.Compare(a.ID, b.ID) })
	if err := b.AddMessages(c.source, src...); err != nil {
		return err
	}
	tags := make([]language.Tag, 0, len(verified))
	for t := range verified {
		tags = append(tags, t)
	}
	slices.SortFunc(tags, func(a, b language.Tag) int { return cmp.Compare(a.String(), b.String()) })
	for _, t := range tags {
		if err := b.AddMessages(t, verified[t]...); err != nil {
			return fmt.Errorf("locale %s: %w", t, err)
		}
	}
	c.bundle = b
	c.localizers = map[language.Tag]*i18n.Localizer{}
	for _, t := range b.LanguageTags() {
		c.localizers[t] = i18n.NewLocalizer(b, t.String())
	}
	return nil
}

// setLocales lists the locales to serve: the source, the configured
// targets, then every locale with a catalog folder.
func (c *Catalogs) setLocales(files []*file, cfg *config.Config) {
	c.locales = []language.Tag{c.source}
	if cfg != nil {
		c.locales = append(c.locales, cfg.Targets()...)
	}
	var more []language.Tag
	for _, f := range files {
		if !slices.Contains(c.locales, f.tag) && !slices.Contains(more, f.tag) {
			more = append(more, f.tag)
		}
	}
	slices.SortFunc(more, func(a, b language.Tag) int { return cmp.Compare(a.String(), b.String()) })
	c.locales = append(c.locales, more...)
	c.matcher = language.NewMatcher(c.locales)
}
