package l10n

import (
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/config"
	"github.com/healthloc/healthloc/internal/content"
	"github.com/healthloc/healthloc/internal/project"
)

// readContent parses the articles under root for the order of their
// segments, and checks that the source catalogs hold exactly their
// current text: otherwise extract has not run since the content changed,
// and the catalogs do not say which translations are current.
func (c *Catalogs) readContent(fsys fs.FS, root string, cfg *config.Config) error {
	names, _, err := project.WalkContent(fsys, root)
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, rel := range names {
		d, err := parseContent(fsys, root, rel, cfg)
		if err != nil {
			return err
		}
		dd := &doc{}
		for _, s := range d.Segments {
			id := s.ID
			if id == "" {
				id = catalog.MessageID(d.Slug, s.Text)
			}
			src := c.sources[id]
			if src == nil || src.slug != d.Slug || src.text != s.Text || src.hash != catalog.Hash(string(s.Kind), s.Text) {
				return fmt.Errorf("%s/%s:%d: this %s is not in the source catalog %s as it is now: run healthloc extract",
					root, rel, s.Line, s.Kind, catalogName(c, d.Slug))
			}
			src.format = d.Format
			seen[id] = true
			dd.segs = append(dd.segs, seg{id: id, line: s.Line})
		}
		c.docs[d.Slug] = dd
		c.slugs = append(c.slugs, d.Slug)
	}
	for _, id := range slices.Sorted(maps.Keys(c.sources)) {
		// healthloc's page text ("Contents", the fallback notice) is a
		// catalog of its own, not content
		if s := c.sources[id]; !seen[id] && s.slug != project.UISlug {
			return fmt.Errorf("%s: message %q is not in the content under %s as it is now: run healthloc extract", s.file, id, root)
		}
	}
	slices.Sort(c.slugs)
	return nil
}

// parseContent parses one article with the project's settings.
func parseContent(fsys fs.FS, root, rel string, cfg *config.Config) (*content.Document, error) {
	raw, err := fs.ReadFile(fsys, path.Join(root, rel))
	if err != nil {
		return nil, err
	}
	d, err := content.Parse(rel, raw, content.Options{
		FrontMatterKeys: cfg.FrontMatterKeys,
		Encoding:        cfg.EncodingFor(rel),
		MaxBytes:        cfg.Limits.MaxFileBytes,
		MaxDepth:        cfg.Limits.MaxDepth,
	})
	if err != nil {
		// content names the file relative to the root
		return nil, fmt.Errorf("%s/%w", root, err)
	}
	return d, nil
}

// catalogName names the source catalog of slug, for messages.
func catalogName(c *Catalogs, slug string) string {
	for _, s := range c.sources {
		if s.slug == slug {
			return s.file
		}
	}
	return "of " + slug + " (there is none)"
}
