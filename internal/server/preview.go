package server

import (
	"bytes"
	"context"
	"io"
	"mime"
	"net/http"
	"os"
	"path"
	"strings"
	"sync"

	"golang.org/x/net/html"
	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/render"
	"github.com/healthloc/healthloc/internal/workarea"
)

// preview is one locale's rendered bundle, by path in the bundle.
type preview struct {
	once  sync.Once
	files map[string][]byte
	err   error
}

// Candidate text is wrapped in these private-use characters before
// rendering, so that the rendered page can show it marked; they never
// occur in content, and are removed wherever they cannot become a mark.
const (
	markOpen  = '\uE000'
	markClose = '\uE001'
)

// preview serves the bundle of a locale exactly as "healthloc render"
// builds it, or, with candidates, the same with every candidate
// translation in place and marked.
func (s *Server) preview(candidates bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		snap, err := s.store.snapshot(r.Context())
		if err != nil {
			s.fail(w, r, http.StatusInternalServerError, err.Error())
			return
		}
		loc, ok := s.localeParam(w, r, snap, r.PathValue("loc"))
		if !ok {
			return
		}
		name := r.PathValue("file")
		if name == "" {
			name = "index.html"
		}
		files, err := s.bundle(r.Context(), snap, loc, candidates)
		if err != nil {
			s.logf("preview %s: %v", loc, err)
			s.fail(w, r, http.StatusInternalServerError, "the preview could not be rendered: "+err.Error())
			return
		}
		data, ok := files[name]
		if !ok {
			s.fail(w, r, http.StatusNotFound, "the bundle of "+loc.String()+" has no file "+name)
			return
		}
		ctype := mime.TypeByExtension(path.Ext(name))
		if ctype == "" || strings.HasPrefix(ctype, "text/markdown") {
			ctype = "text/plain; charset=utf-8"
		}
		h := w.Header()
		h.Set("Content-Type", ctype)
		h.Set("Content-Security-Policy", previewCSP)
		h.Set("X-Frame-Options", "SAMEORIGIN")
		_, _ = w.Write(data)
	}
}

// bundle renders loc's bundle once per snapshot.
func (s *Server) bundle(ctx context.Context, snap *snapshot, loc language.Tag, candidates bool) (map[string][]byte, error) {
	key := loc.String()
	if candidates {
		key += "+candidates"
	}
	snap.mu.Lock()
	pv := snap.previews[key]
	if pv == nil {
		pv = &preview{}
		snap.previews[key] = pv
	}
	snap.mu.Unlock()
	pv.once.Do(func() { pv.files, pv.err = s.render(ctx, snap, loc, candidates) })
	return pv.files, pv.err
}

// render builds loc's bundle with the options "healthloc render" uses by
// default: the project's own templates and site, the published locales
// in the language switcher.
func (s *Server) render(ctx context.Context, snap *snapshot, loc language.Tag, candidates bool) (map[string][]byte, error) {
	p := snap.p
	if candidates {
		// a project of our own, read afresh, to change
		var err error
		if p, err = s.store.load(ctx); err != nil {
			return nil, err
		}
		withCandidates(p, loc)
	}
	croot, err := os.OpenRoot(p.Config.Abs(p.Config.ContentRoot))
	if err != nil {
		return nil, err
	}
	defer croot.Close()
	proot, err := os.OpenRoot(p.Config.Dir)
	if err != nil {
		return nil, err
	}
	defer proot.Close()
	tmpl, err := render.LoadTemplates(proot.FS(), p.Config.Site)
	if err != nil {
		return nil, err
	}
	opts := render.Options{RequireReviewed: p.Config.RequireReviewed, Site: render.SiteOf(p), Templates: tmpl,
		Locales: append([]language.Tag{p.Config.Source()}, p.Config.Targets()...)}
	b, err := render.Render(p, loc, croot.FS(), opts)
	if err != nil {
		return nil, err
	}
	files := make(map[string][]byte, len(b.Files))
	for _, f := range b.Files {
		data := f.Data
		if candidates {
			data = markCandidates(f.Path, data)
		}
		files[path.Clean(f.Path)] = data
	}
	return files, nil
}

// withCandidates makes every candidate of loc its translation, wrapped
// in the marks, and approved for the preview where the project publishes
// only reviewed text.
func withCandidates(p *project.Project, loc language.Tag) {
	wf := p.Workflow[loc.String()]
	if wf == nil {
		wf = workarea.New()
		p.Workflow[loc.String()] = wf
	}
	if p.Catalogs[loc.String()] == nil {
		p.Catalogs[loc.String()] = map[string]*catalog.Catalog{}
	}
	for _, d := range p.Docs {
		for _, id := range d.IDs {
			st, text := p.Lookup(loc, d, id)
			if st != project.Candidate {
				continue
			}
			c := p.Catalogs[loc.String()][d.Slug]
			if c == nil {
				c = &catalog.Catalog{Locale: loc.String(), Messages: map[string]catalog.Message{}}
				p.Catalogs[loc.String()][d.Slug] = c
			}
			src := d.Source.Messages[id]
			marked := string(markOpen) + text + string(markClose)
			c.Messages[id] = catalog.Message{ID: id, Description: src.Description, Hash: src.Hash, Other: marked}
			wf.Reviews[id] = workarea.Review{Reviewer: "preview", SourceHash: src.Hash, TranslationHash: project.TextHash(marked)}
		}
	}
}

// candidateStyle marks candidates on a preview page; its colours keep a
// contrast above 7:1 in light and dark schemes.
const candidateStyle = `<style>mark.healthloc-candidate{background:#fff1a8;color:#1b1b1b;outline:2px dashed #7a4d00;outline-offset:1px}` +
	`@media (prefers-color-scheme:dark){mark.healthloc-candidate{background:#4a3b00;color:#fff8d6;outline-color:#f5c542}}` +
	`.healthloc-candidate-note{padding:.5rem 1rem;background:#1b1b1b;color:#fff;font:1rem/1.4 system-ui,sans-serif}.healthloc-candidate-note p{margin:0}</style>`

const candidateNote = `<section class="healthloc-candidate-note" lang="en" dir="ltr" aria-label="Preview with candidates"><p>Preview with candidates: ` +
	`<mark class="healthloc-candidate">marked text</mark> is a candidate translation waiting for review; it is not published.</p></section>`

// markCandidates turns the marks in a rendered file into <mark> elements
// where they are in the text of an HTML page's body, and removes them
// everywhere else (attributes, the title, Markdown, the manifest).
func markCandidates(name string, data []byte) []byte {
	strip := func(b []byte) []byte {
		b = bytes.ReplaceAll(b, []byte(string(markOpen)), nil)
		return bytes.ReplaceAll(b, []byte(string(markClose)), nil)
	}
	if path.Ext(name) != ".html" {
		return strip(data)
	}
	var out bytes.Buffer
	z := html.NewTokenizer(bytes.NewReader(data))
	raw := "" // inside an element whose text is not markup (title, style, script)
	inBody := false
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				return strip(data)
			}
			return out.Bytes()
		}
		tok := bytes.Clone(z.Raw()) // TagName lower-cases the buffer
		name, _ := z.TagName()
		switch tt {
		case html.StartTagToken:
			switch string(name) {
			case "title", "style", "script", "textarea":
				raw = string(name)
			case "body":
				inBody = true
				out.Write(strip(tok))
				out.WriteString(candidateNote)
				continue
			}
		case html.EndTagToken:
			if string(name) == raw {
				raw = ""
			}
			if string(name) == "head" {
				out.WriteString(candidateStyle)
			}
		case html.TextToken:
			if raw == "" && inBody {
				tok = bytes.ReplaceAll(tok, []byte(string(markOpen)), []byte(`<mark class="healthloc-candidate">`))
				tok = bytes.ReplaceAll(tok, []byte(string(markClose)), []byte(`</mark>`))
				out.Write(tok)
				continue
			}
		}
		out.Write(strip(tok))
	}
}
