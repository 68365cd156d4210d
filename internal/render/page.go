package render

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"path"
	"slices"
	"sort"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/healthloc/healthloc/internal/content"
	"github.com/healthloc/healthloc/internal/locale"
	"github.com/healthloc/healthloc/internal/plan"
	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/ui"
)

//go:embed page.tmpl
var pageTmplText string

// pageTemplate lays out article and index pages: self-contained (inline
// CSS, no scripts, no external requests), logical CSS properties so that
// right-to-left pages mirror.
var pageTemplate = template.Must(template.New("page").Parse(pageTmplText))

// run is a short text with the language attributes it needs on the page.
type run struct {
	Text string
	Lang string
	Dir  string
}

// alternate is the same page in another rendered locale.
type alternate struct {
	Lang, Name, Dir, Href string
	Current               bool
}

// tocEntry is a section heading of the article.
type tocEntry struct {
	ID string
	run
}

// article is an index entry.
type article struct {
	Href string
	run
}

type pageData struct {
	Lang, Dir string
	Title     string
	Body      string

	text        *ui.Text
	heading     *run // the h1, when the body has no heading of its own
	description *run
	alternates  []alternate
	xDefault    string
	notices     []string
	home        string // relative link to the locale's index.html
	articles    []article
}

// pagePath is where a document's page lands in the bundle.
func pagePath(d *project.Doc) string {
	return strings.TrimSuffix(d.Path, path.Ext(d.Path)) + ".html"
}

// newPage prepares the page of d in loc and records it for the index.
func (b *Bundle) newPage(p *project.Project, loc language.Tag, d *project.Doc, res []project.Resolution, blocks []block, opts Options) pageData {
	pg := pageData{
		Lang:  loc.String(),
		Dir:   locale.Direction(loc),
		Title: title(d, res),
		text:  ui.For(loc),
	}
	rel := pagePath(d)
	up := strings.Repeat("../", strings.Count(rel, "/"))
	pg.home = up + "index.html"
	pg.alternates, pg.xDefault = alternates(loc, opts.Locales, up+"../", rel)
	for i, s := range d.Segments {
		switch s.Kind {
		case content.KindTitle:
			pg.heading = &run{Text: plainText(res[i].Text)}
			pg.heading.Lang, pg.heading.Dir = attrPair(res[i].From, loc)
		case content.KindDescription:
			pg.description = &run{Text: plainText(res[i].Text)}
			pg.description.Lang, pg.description.Dir = attrPair(res[i].From, loc)
		}
	}
	pg.notices = fallbackNotices(pg.text, loc, blocks, d.Segments)
	// The index names the article as title() does, with its language.
	b.articles = append(b.articles, newArticle(rel, pg.Title, d, res, loc))
	return pg
}

// attrPair is langAttrs as the lang and dir values, empty when not needed.
func attrPair(from, loc language.Tag) (lang, dir string) {
	for _, a := range langAttrs(from, loc) {
		switch a[0] {
		case "lang":
			lang = a[1]
		case "dir":
			dir = a[1]
		}
	}
	return lang, dir
}

// alternates lists rel in every locale of all (loc itself when all is
// empty), in the order given; root leads from the page to the folder that
// holds the locale folders. x-default is the first locale.
func alternates(loc language.Tag, all []language.Tag, root, rel string) ([]alternate, string) {
	if len(all) == 0 {
		all = []language.Tag{loc}
	}
	var out []alternate
	for _, t := range all {
		out = append(out, alternate{
			Lang:    t.String(),
			Name:    locale.Name(t),
			Dir:     locale.Direction(t),
			Href:    root + t.String() + "/" + rel,
			Current: t == loc,
		})
	}
	return out, out[0].Href
}

// fallbackNotices says, in the page's language, how many sections are
// shown in another language: one notice per such language. Sections from
// a parent locale of the same language (es on an es-MX page) do not count.
func fallbackNotices(text *ui.Text, loc language.Tag, blocks []block, segs []content.Segment) []string {
	counts := map[language.Tag]int{}
	seen := map[int]bool{}
	for _, bl := range blocks {
		if len(langAttrs(bl.from, loc)) == 0 {
			continue
		}
		if bl.seg.Start >= 0 && seen[bl.seg.Start] {
			continue
		}
		seen[bl.seg.Start] = true
		counts[bl.from]++
	}
	var langs []language.Tag
	for t := range counts {
		langs = append(langs, t)
	}
	sort.Slice(langs, func(i, j int) bool { return langs[i].String() < langs[j].String() })
	var out []string
	for _, t := range langs {
		out = append(out, text.N("FallbackNotice", counts[t], map[string]any{"Language": languageName(loc, t)}))
	}
	return out
}

// languageName is the name of t's language in loc's language: "inglés" on
// a Spanish page.
func languageName(loc, t language.Tag) string {
	base, _ := t.Base()
	if n := display.Languages(loc); n != nil {
		if s := n.Name(base); s != "" {
			return s
		}
	}
	return locale.Name(t)
}

// render lays out the page around its sanitized body.
func (pg pageData) render() ([]byte, error) {
	body, toc, heading, hasH1, err := finishBody(pg.Body, pg.Dir, pg.heading == nil)
	if err != nil {
		return nil, err
	}
	if heading != nil {
		pg.heading = heading
	}
	var buf bytes.Buffer
	err = pageTemplate.Execute(&buf, map[string]any{
		"Lang": pg.Lang, "Dir": pg.Dir, "Title": pg.Title,
		"Heading": pg.heading, "Description": pg.description,
		"Body": template.HTML(body), // sanitized by markdownHTML or escaped by textHTML, re-serialized by finishBody
		"TOC":  toc, "HasH1": hasH1,
		"Alternates": pg.alternates, "XDefault": pg.xDefault,
		"Notices": pg.notices, "Home": pg.home,
		"T": pg.text.T, "Articles": pg.articles, "Index": pg.articles != nil,
	})
	return buf.Bytes(), err
}

// index is index.html, the list of the bundle's articles.
func (b *Bundle) index(loc language.Tag, opts Options) (plan.File, error) {
	x := ui.For(loc)
	pg := pageData{Lang: loc.String(), Dir: locale.Direction(loc), Title: x.T("Articles"), text: x, home: "index.html"}
	pg.alternates, pg.xDefault = alternates(loc, opts.Locales, "../", "index.html")
	pg.articles = b.articles
	if pg.articles == nil {
		pg.articles = []article{}
	}
	data, err := pg.render()
	if err != nil {
		return plan.File{}, fmt.Errorf("index.html: %w", err)
	}
	return plan.File{Path: "index.html", Data: data}, nil
}

// newArticle is the index entry of a document, named as title() names it
// and marked with the language that title is in.
func newArticle(href, title string, d *project.Doc, res []project.Resolution, loc language.Tag) article {
	a := article{Href: href, run: run{Text: title}}
	for _, kind := range []content.Kind{content.KindTitle, content.KindHeading} {
		if i := slices.IndexFunc(d.Segments, func(s content.Segment) bool { return s.Kind == kind }); i >= 0 {
			a.Lang, a.Dir = attrPair(res[i].From, loc)
			break
		}
	}
	return a
}
