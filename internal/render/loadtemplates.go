package render

import (
	"fmt"
	"io/fs"
	"path"

	"github.com/healthloc/healthloc/internal/config"
)

// LoadTemplates reads and parses the page and index templates that
// [site] names (nil when it names none), from fsys rooted at the project
// folder; an os.Root's FS there follows no link out of the project.
func LoadTemplates(fsys fs.FS, site config.Site) (*Templates, error) {
	if site.PageTemplate == "" && site.IndexTemplate == "" {
		return nil, nil
	}
	read := func(name string) ([]byte, error) {
		if name == "" {
			return nil, nil
		}
		data, err := fs.ReadFile(fsys, path.Clean(name))
		if err != nil {
			return nil, fmt.Errorf("%s: %w (page_template or index_template in [site])", name, err)
		}
		return data, nil
	}
	page, err := read(site.PageTemplate)
	if err != nil {
		return nil, err
	}
	index, err := read(site.IndexTemplate)
	if err != nil {
		return nil, err
	}
	return ParseTemplates(site.PageTemplate, page, site.IndexTemplate, index)
}
