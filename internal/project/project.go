// Package project loads a healthloc project (configuration, content and
// catalogs) into memory and answers questions about translation state.
// It reads through an fs.FS and never writes.
package project

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/config"
	"github.com/healthloc/healthloc/internal/content"
	"github.com/healthloc/healthloc/internal/locale"
	"github.com/healthloc/healthloc/internal/workers"
	"github.com/healthloc/healthloc/internal/workflow"
)

// Project is everything healthloc knows about a project at one moment.
type Project struct {
	Config *config.Config
	// Docs are the source documents, sorted by path, and last the page
	// text (see UIPath).
	Docs []*Doc
	// Assets are content files that are not documents (images), sorted,
	// relative to the content root.
	Assets []string
	// Catalogs holds the catalogs on disk: locale → slug → catalog. The
	// source locale's entry is what was on disk before this run.
	Catalogs map[string]map[string]*catalog.Catalog
	// Workflow holds each locale's sidecar state (reviews, previous
	// sources), empty when the locale has no sidecar file.
	Workflow map[string]*workflow.State
	fsys     fs.FS
	// progress, when set, is told how many documents are parsed.
	progress func(done, total int)
	// localeDirs maps each locale with a catalog folder to the folder, so
	// that a locale not held in Catalogs can be read when needed.
	localeDirs map[string]string
	// lean is LoadOptions.Lean; files are then the documents to parse,
	// relative to the content root, with encoding.
	lean     bool
	files    []string
	encoding string
	window   int
	spillDir string
}

// Doc is a parsed document with the message ID of each segment.
type Doc struct {
	*content.Document
	// IDs[i] is the message ID of Segments[i].
	IDs []string
	// Source is the source-locale catalog built fresh from the content.
	Source *catalog.Catalog
	// Words is the source word count of each message.
	Words map[string]int
}

// Load reads the project described by cfg from fsys, which is rooted at
// the project directory. encoding, when set, overrides the configured
// charsets (encoding and [[encodings]]) for every content file.
func Load(fsys fs.FS, cfg *config.Config, encoding string) (*Project, error) {
	return LoadWith(fsys, cfg, LoadOptions{Encoding: encoding})
}

// LoadOptions tunes LoadWith.
type LoadOptions struct {
	// Encoding overrides the configured charset of the content.
	Encoding string
	// Progress is called as documents are parsed, from several
	// goroutines; done counts up to total.
	Progress func(done, total int)
	// Lean defers all reading to ExtractTo, which streams: it lists the
	// documents and the catalog folders, and reads no document, catalog
	// or sidecar. Docs and Catalogs stay empty; only ExtractTo may be
	// used on a lean Project, once.
	Lean bool
	// Window is how many documents Windows reads at a time; 0 means
	// 1,024.
	Window int
	// SpillDir is the folder where a lean extract keeps its temporary
	// record of the sources, on disk (the system's temporary folder,
	// which may be memory, when empty).
	SpillDir string
}

// LoadWith is Load with options.
func LoadWith(fsys fs.FS, cfg *config.Config, o LoadOptions) (*Project, error) {
	encoding := o.Encoding
	p := &Project{Config: cfg, fsys: fsys, Catalogs: map[string]map[string]*catalog.Catalog{}, Workflow: map[string]*workflow.State{},
		progress: o.Progress, localeDirs: map[string]string{}, lean: o.Lean, window: cmp.Or(o.Window, windowDocs), spillDir: o.SpillDir}
	files, err := p.listContent()
	if err != nil {
		return nil, err
	}
	if o.Lean {
		p.files, p.encoding = files, encoding
	} else if err := p.loadContent(files, encoding); err != nil {
		return nil, err
	}
	if err := p.loadCatalogs(o.Lean); err != nil {
		return nil, err
	}
	if !o.Lean {
		p.addShippedUI()
	}
	return p, nil
}

// loadCatalogs reads every locale's sidecar and catalogs; with lean, it
// only notes where each locale's folder is.
func (p *Project) loadCatalogs(lean bool) error {
	root := path.Clean(p.Config.CatalogRoot)
	entries, err := fs.ReadDir(p.fsys, root)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s: %w", root, err)
	}
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		dir := root + "/" + e.Name()
		tag, err := locale.Parse(e.Name())
		if err != nil {
			return fmt.Errorf("%s: %w", dir, err)
		}
		loc := tag.String()
		p.localeDirs[loc] = dir
		if lean {
			continue
		}
		if err := p.loadSidecar(loc, dir); err != nil {
			return err
		}
		byslug, err := p.readLocale(dir)
		if err != nil {
			return err
		}
		p.Catalogs[loc] = byslug
	}
	return nil
}

// loadSidecar reads loc's sidecar, in folder dir, into Workflow.
func (p *Project) loadSidecar(loc, dir string) error {
	wf, err := p.readSidecar(dir)
	if err == nil && wf != nil {
		p.Workflow[loc] = wf
	}
	return err
}

// readSidecar reads the sidecar file in a locale's folder; nil when
// there is none.
func (p *Project) readSidecar(dir string) (*workflow.State, error) {
	name := dir + "/" + workflow.FileName
	data, err := fs.ReadFile(p.fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return workflow.Parse(name, data)
}

// readLocale reads the catalogs in one locale's folder, on all cores,
// keyed by slug.
func (p *Project) readLocale(dir string) (map[string]*catalog.Catalog, error) {
	slugs, names, err := p.catalogFiles(dir)
	if err != nil {
		return nil, err
	}
	cats, err := p.readCatalogFiles(names)
	if err != nil {
		return nil, err
	}
	byslug := make(map[string]*catalog.Catalog, len(names))
	for i, slug := range slugs {
		byslug[slug] = cats[i]
	}
	return byslug, nil
}

// readCatalogFiles reads and parses catalog files on all cores; the
// first error in names' order is reported.
func (p *Project) readCatalogFiles(names []string) ([]*catalog.Catalog, error) {
	cats := make([]*catalog.Catalog, len(names))
	err := workers.Map(len(names), 0, func(i int) error {
		var err error
		cats[i], err = p.readCatalog(names[i])
		return err
	})
	return cats, err
}

// readCatalog reads and parses one catalog file.
func (p *Project) readCatalog(name string) (*catalog.Catalog, error) {
	data, err := p.readLimited(name)
	if err != nil {
		return nil, err
	}
	return catalog.Parse(name, data)
}

// catalogFiles lists the catalog files in one locale's folder, sorted by
// slug: names[i] is slugs[i]'s file.
func (p *Project) catalogFiles(dir string) (slugs, names []string, err error) {
	suffix := "." + path.Base(dir) + ".toml"
	err = fs.WalkDir(p.fsys, dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(name, ".toml") || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		if !strings.HasSuffix(name, suffix) {
			return fmt.Errorf("%s: catalog file name must end in %q", name, suffix)
		}
		names = append(names, name)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	slugs = make([]string, len(names))
	for i, name := range names {
		slugs[i] = strings.TrimSuffix(strings.TrimPrefix(name, dir+"/"), suffix)
	}
	// walk order is by path, and "a/b" and "a-b" sort differently as
	// paths and as slugs
	sort.Sort(byFirst{slugs, names})
	return slugs, names, nil
}

// byFirst sorts two parallel slices by the first.
type byFirst struct{ keys, vals []string }

func (b byFirst) Len() int           { return len(b.keys) }
func (b byFirst) Less(i, j int) bool { return b.keys[i] < b.keys[j] }
func (b byFirst) Swap(i, j int) {
	b.keys[i], b.keys[j] = b.keys[j], b.keys[i]
	b.vals[i], b.vals[j] = b.vals[j], b.vals[i]
}

// Catalog returns the on-disk catalog of a locale for a document slug, or
// nil.
func (p *Project) Catalog(loc language.Tag, slug string) *catalog.Catalog {
	return p.Catalogs[loc.String()][slug]
}

// CatalogPath is the project-relative path of a catalog file.
func (p *Project) CatalogPath(loc language.Tag, slug string) string {
	return catalog.FilePath(path.Clean(p.Config.CatalogRoot), loc.String(), slug)
}

// WorkflowState is loc's sidecar state; an empty one when there is none.
func (p *Project) WorkflowState(loc language.Tag) *workflow.State {
	s := p.workflowOf(loc)
	p.Workflow[loc.String()] = s
	return s
}

// workflowOf is loc's sidecar state, or an empty one; unlike
// WorkflowState it never changes the Project, so merges running at once
// may call it.
func (p *Project) workflowOf(loc language.Tag) *workflow.State {
	if s := p.Workflow[loc.String()]; s != nil {
		return s
	}
	return workflow.New()
}

// WorkflowPath is the project-relative path of loc's sidecar file.
func (p *Project) WorkflowPath(loc language.Tag) string {
	return path.Join(path.Clean(p.Config.CatalogRoot), loc.String(), workflow.FileName)
}

// readLimited reads a content or catalog file, refusing one larger than
// limits.max_file_bytes before reading it into memory.
func (p *Project) readLimited(name string) ([]byte, error) {
	max := cmp.Or(p.Config.Limits.MaxFileBytes, content.DefaultMaxBytes)
	// one open, then the size from the open file: each path lookup
	// through an os.Root opens every folder on the way
	f, err := p.fsys.Open(name)
	if err != nil {
		if info, lerr := fs.Lstat(p.fsys, name); lerr == nil && info.Mode()&fs.ModeSymlink != 0 {
			return nil, fmt.Errorf("%s: symbolic link that leads outside the project or nowhere: refused (%w)", name, err)
		}
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if info.Size() > int64(max) {
		return nil, fmt.Errorf("%s: %w: the file has %d bytes, the limit is %d (max_file_bytes in [limits])",
			name, content.ErrTooLarge, info.Size(), max)
	}
	if info.IsDir() {
		return nil, fmt.Errorf("%s: is a directory", name)
	}
	data := make([]byte, 0, info.Size()+1)
	for {
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if len(data) > max {
			return nil, fmt.Errorf("%s: %w: the file grew past the limit of %d bytes (max_file_bytes in [limits])",
				name, content.ErrTooLarge, max)
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
}
