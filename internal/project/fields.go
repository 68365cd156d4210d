package project

import (
	"path"
	"strings"

	"github.com/healthloc/healthloc/internal/content"
)

// FrontMatter returns, for every Markdown document, the top-level string
// values of its front matter under keys (see content.FrontMatterFields),
// by the document's path. It reads only what it needs: on a lean Project
// each file once, without parsing its body; a file it cannot read or
// decode is left out, since reading the documents reports that error.
func (p *Project) FrontMatter(keys []string) map[string][]content.Field {
	return p.FrontMatterOf(keys, nil)
}

// FrontMatterOf is FrontMatter of the documents whose path only keeps
// (all when only is nil).
func (p *Project) FrontMatterOf(keys []string, only func(docPath string) bool) map[string][]content.Field {
	out := map[string][]content.Field{}
	if len(keys) == 0 {
		return out
	}
	if !p.lean {
		for _, d := range p.Docs {
			if d.Format == content.FormatMarkdown && (only == nil || only(d.Path)) {
				if f := content.FrontMatterFields(d.Src, keys); len(f) > 0 {
					out[d.Path] = f
				}
			}
		}
		return out
	}
	root := path.Clean(p.Config.ContentRoot)
	for _, name := range p.files {
		ext := strings.ToLower(path.Ext(name))
		if ext != ".md" && ext != ".markdown" || only != nil && !only(name) {
			continue
		}
		raw, err := p.readLimited(root + "/" + name)
		if err != nil {
			continue
		}
		enc := p.encoding
		if enc == "" {
			enc = p.Config.EncodingFor(name)
		}
		src, _, err := content.Decode(name, raw, enc)
		if err != nil {
			continue
		}
		if f := content.FrontMatterFields(src, keys); len(f) > 0 {
			out[name] = f
		}
	}
	return out
}
