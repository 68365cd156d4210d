// Package project is a healthloc project in memory: its configuration,
// content documents, served catalogs and work area, read through an
// fs.FS, whole or lean (documents parsed when needed, a window of them at
// a time). It answers questions about translation state (Lookup, Resolve,
// the review gate that holds translations back), and it computes what
// the commands change: Extract merges every target locale's catalogs with
// the content (catalog.Merge, or catalog.StreamMerge for a lean project),
// ExtractSubset merges only the documents an edit touched (see
// incremental.go), and Split, PlanDoc, PlanReviews and PlanWrite divide a
// locale's translations between the served catalogs and the work area.
//
// It writes none of the project's files: every change comes back as a
// plan.Plan for the caller to apply. The one file it writes is scratch: a
// lean extract keeps its record of the sources in an unlinked temporary
// file (see spill).
package project

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/cache"
	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/config"
	"github.com/healthloc/healthloc/internal/content"
	"github.com/healthloc/healthloc/internal/workarea"
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
	// Workflow holds each locale's work-area state beyond translations:
	// reviews, accepted findings, previous sources and candidates.
	Workflow map[string]*workarea.State
	// workDocs holds, for a Project loaded whole, each document's work
	// file as read: locale → slug → file.
	workDocs map[string]map[string]*workarea.DocFile
	fsys     fs.FS
	// progress, when set, is told how many documents are parsed.
	progress func(done, total int)
	// localeDirs maps each locale with a catalog folder to the folder, so
	// that a locale not held in Catalogs can be read when needed; workDirs
	// does the same for the work area's folders.
	localeDirs map[string]string
	workDirs   map[string]string
	// legacy notes the locales with a sidecar of an older version in the
	// catalog folder, which the next write migrates; reviews those with a
	// review file in the work area.
	legacy, reviews map[string]bool
	// legacyReviews counts the review records read from old sidecars.
	legacyReviews map[string]int
	// gate holds translations with unaccepted check errors (see Gate);
	// syntax knows the syntax of documents a lean extract does not keep.
	gate *gate
	// findings remembers the checks' answers across runs (see
	// SetFindings); nil remembers nothing.
	findings *cache.Findings
	syntax   syntaxOf
	// moved counts, by locale, the translations a write moved out of
	// served catalogs of that layout; fromMemory the candidates an
	// extract took from the memory from outside.
	moved, fromMemory counts
	// served notes, for a Project loaded whole, the documents with a
	// served catalog on disk: locale → slug.
	served map[string]map[string]bool
	// lean is LoadOptions.Lean; files are then the documents to parse,
	// relative to the content root, with encoding.
	lean     bool
	files    []string
	encoding string
	window   int
	spillDir string
	// ctx, when set, stops every read once it is done.
	ctx context.Context
	// notes collects the warnings of the documents parsed, shared by
	// every window.
	notes *notes
	// subset, when set, is the part of the project loaded (see Subset);
	// index is what an extract learns of each document.
	subset *Subset
	index  docIndex
	donors donorCounts
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
	// record of the sources, on disk; it is created if need be. When it
	// is empty or cannot be created, the system's temporary folder (which
	// may be memory) is used.
	SpillDir string
	// Context, when set, stops the work once it is done (a signal):
	// every read of a content or catalog file then fails with its cause.
	Context context.Context
	// Subset, when set, loads only part of the project, whole (not
	// lean), for ExtractSubset.
	Subset *Subset
}

// LoadWith is Load with options.
func LoadWith(fsys fs.FS, cfg *config.Config, o LoadOptions) (*Project, error) {
	encoding := o.Encoding
	p := &Project{Config: cfg, fsys: fsys, Catalogs: map[string]map[string]*catalog.Catalog{}, Workflow: map[string]*workarea.State{},
		workDocs: map[string]map[string]*workarea.DocFile{}, progress: o.Progress, localeDirs: map[string]string{},
		workDirs: map[string]string{}, legacy: map[string]bool{}, reviews: map[string]bool{}, legacyReviews: map[string]int{},
		served: map[string]map[string]bool{}, lean: o.Lean, window: cmp.Or(o.Window, windowDocs), spillDir: o.SpillDir,
		ctx: o.Context, notes: &notes{}}
	var files []string
	var err error
	if o.Subset != nil {
		sub := *o.Subset
		sub.Slugs = slices.Compact(slices.Sorted(slices.Values(append(slices.Clone(sub.Slugs), UISlug))))
		p.subset = &sub
		files = withUI(slices.Sorted(slices.Values(sub.Files)))
	} else if files, err = p.listContent(); err != nil {
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

// loadCatalogs reads every locale's catalogs, work area and reviews;
// with lean, it only notes where each locale's folders are.
func (p *Project) loadCatalogs(lean bool) error {
	if err := p.listLocales(); err != nil {
		return err
	}
	if lean {
		return nil
	}
	for _, loc := range p.locales() {
		st, err := p.readState(loc)
		if err != nil {
			return err
		}
		slugs, refs, err := p.localeFiles(loc)
		if err != nil {
			return err
		}
		cats, docs, err := p.readDocs(loc, refs)
		if err != nil {
			return err
		}
		byslug := make(map[string]*catalog.Catalog, len(slugs))
		work := map[string]*workarea.DocFile{}
		p.served[loc] = map[string]bool{}
		for i, slug := range slugs {
			if refs[i].served != "" {
				p.served[loc][slug] = true
			}
			if cats[i] != nil {
				byslug[slug] = cats[i]
			}
			if docs[i] != nil {
				work[slug] = docs[i]
				absorb(st, slug, docs[i])
			}
		}
		p.Catalogs[loc], p.workDocs[loc], p.Workflow[loc] = byslug, work, st
	}
	return nil
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
	return p.tomlFiles(dir, "."+path.Base(dir)+".toml", false)
}

// tomlFiles lists the TOML files below dir but hidden ones, sorted by
// slug, a file's path below dir less suffix: names[i] is slugs[i]'s file.
// Every file must end in suffix. A missing dir has none when missingOK.
func (p *Project) tomlFiles(dir, suffix string, missingOK bool) (slugs, names []string, err error) {
	err = fs.WalkDir(p.fsys, dir, func(name string, d fs.DirEntry, err error) error {
		if missingOK && errors.Is(err, fs.ErrNotExist) && name == dir {
			return fs.SkipDir
		}
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
func (p *Project) WorkflowState(loc language.Tag) *workarea.State {
	s := p.workflowOf(loc)
	p.Workflow[loc.String()] = s
	return s
}

// workflowOf is loc's sidecar state, or an empty one; unlike
// WorkflowState it never changes the Project, so merges running at once
// may call it.
func (p *Project) workflowOf(loc language.Tag) *workarea.State {
	if s := p.Workflow[loc.String()]; s != nil {
		return s
	}
	return workarea.New()
}

// WorkDoc is a document's work file in loc as it was read, or nil.
func (p *Project) WorkDoc(loc language.Tag, slug string) *workarea.DocFile {
	return p.workDocs[loc.String()][slug]
}

// readLimited reads a content or catalog file, refusing one larger than
// limits.max_file_bytes before reading it into memory.
func (p *Project) readLimited(name string) ([]byte, error) {
	if p.ctx != nil {
		if err := context.Cause(p.ctx); err != nil {
			return nil, err
		}
	}
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
