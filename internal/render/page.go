package render

import (
	"bytes"
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

// Text is a piece of text on a page with the language attributes it
// needs there: Lang and Dir are empty when it is in the page's language,
// else they name the language it is in, which a template must put on the
// element that holds it so that screen readers switch voice.
type Text struct {
	Text string
	Lang string
	Dir  string
}

// run is the name the body code knows Text by.
type run = Text

// Alternate is the same page in another published locale.
type Alternate struct {
	Lang, Name, Dir, Href string
	Current               bool
}

// Section is a section heading of the article, for its table of
// contents: ID is the id of its h2 in Body.
type Section struct {
	ID string
	run
}

// Article is an entry of the index page.
type Article struct {
	Href string
	// Hreflang is the language of the page Href leads to when it is not
	// the index's: the locale does not publish the article.
	Hreflang string
	run
}

// FallbackInfo says how much of a page is shown in another language.
type FallbackInfo struct {
	// Sections counts the blocks shown in another language.
	Sections int
	// Languages are the names of those languages, in the page's
	// language.
	Languages []string
	// Whole is true when nothing of the page is in its own language.
	Whole bool
}

// PageData is what a page template gets: healthloc's own template and a
// project's (page_template, index_template in [site]) alike. Every string
// in it is text, escaped by html/template wherever the template puts it;
// Body and Blocks are the sanitized article.
type PageData struct {
	// Lang and Dir are the page's locale and direction ("ltr", "rtl").
	Lang, Dir string
	// Path is the page's path in the bundle ("care/fever.html").
	Path string
	// Title is the <title>: the article's title, or "Articles" on the
	// index page.
	Title Text
	// Heading is the article's h1 when the body has none of its own;
	// HasH1 is true when the body has one.
	Heading *Text
	HasH1   bool
	// Description is the front matter's description, if any.
	Description *Text
	// Body is the article's HTML, sanitized; Blocks is the same, one
	// top-level element at a time.
	Body   template.HTML
	Blocks []template.HTML
	// TOC lists the sections (the h2 headings) of the article.
	TOC []Section
	// Notices are the fallback notices, whole sentences in one language
	// each.
	Notices []Text
	// Fallback is what the notices say, as data.
	Fallback FallbackInfo
	// Alternates lists the page in every published locale, the page's
	// own marked Current; XDefault is the source-language page.
	Alternates []Alternate
	XDefault   string
	// Home leads to the locale's index page.
	Home string
	// Index is true on the index page, whose Articles list the bundle's
	// articles by their titles.
	Index    bool
	Articles []Article
	// UI is the page text by name (SkipToContent, Articles,
	// OtherLanguages, Contents, FallbackPartial, FallbackWhole), each in
	// the locale's language or, where it has no translation, wholly in
	// the language it fell back to, with that language in Lang.
	UI map[string]Text
}

// pageDraft is a page being prepared: its data without the body.
type pageDraft struct {
	PageData
	blocks []block
	segs   []content.Segment
	loc    language.Tag
}

// newPage prepares the page of d in loc, and its entry on the index.
func (bd *Bundler) newPage(p *project.Project, d *project.Doc, res []project.Resolution, blocks []block) (*pageDraft, Article) {
	loc := bd.loc
	rel := pagePath(d)
	pg := &pageDraft{PageData: PageData{
		Lang: loc.String(), Dir: locale.Direction(loc), Path: rel,
		Title: Text{Text: title(d, res)}, UI: bd.chrome,
	}, blocks: blocks, segs: d.Segments, loc: loc}
	dir := path.Dir(rel)
	pg.Home = relWithin(dir, "index.html")
	pg.Alternates, pg.XDefault = bd.alternates(dir, d.Path, rel)
	for i, s := range d.Segments {
		switch s.Kind {
		case content.KindTitle:
			pg.Heading = &Text{Text: plainText(res[i].Text)}
			pg.Heading.Lang, pg.Heading.Dir = attrPair(res[i].From, loc)
			pg.Title.Lang, pg.Title.Dir = pg.Heading.Lang, pg.Heading.Dir
		case content.KindDescription:
			pg.Description = &Text{Text: plainText(res[i].Text)}
			pg.Description.Lang, pg.Description.Dir = attrPair(res[i].From, loc)
		}
	}
	pg.Notices, pg.Fallback = fallbackNotices(bd.chrome, loc, blocks)
	// The index names the article as title() does, with its language.
	return pg, newArticle(rel, pg.Title.Text, d, res, loc)
}

// pagePath is where a document's page lands in the bundle.
func pagePath(d *project.Doc) string { return pagePathOf(d.Path) }

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

// alternates lists page rel (docPath's page; "" for the index) in every
// published locale, in the order given, from a page in folder dir of the
// bundle; x-default is the source-language page.
func (bd *Bundler) alternates(dir, docPath, rel string) ([]Alternate, string) {
	all := bd.opts.Locales
	if len(all) == 0 {
		all = []language.Tag{bd.loc}
	}
	var out []Alternate
	for _, t := range all {
		if docPath != "" && !bd.opts.Site.Published(t, docPath) {
			continue
		}
		out = append(out, Alternate{
			Lang: t.String(), Name: locale.Name(t), Dir: locale.Direction(t),
			Href: bd.opts.Site.alternateURL(t, dir, docPath, rel), Current: t == bd.loc,
		})
	}
	return out, bd.opts.Site.alternateURL(bd.source, dir, docPath, rel)
}

// chromeFor resolves the page text of loc: each message in the locale's
// language along its fallback chain, or wholly in the language it falls
// back to, marked with it. pt holds the page-text document.
func chromeFor(pt *project.Project, loc language.Tag, opts Options) (map[string]Text, []Fallback) {
	out := map[string]Text{}
	var fbs []Fallback
	d := pt.UIDoc()
	if d == nil {
		text, lang := ui.SourceText(pt.Config.Source())
		for _, m := range ui.Chrome() {
			t := Text{Text: text[m.Name]}
			t.Lang, t.Dir = attrPair(lang, loc)
			out[m.Name] = t
		}
		return out, nil
	}
	for i, m := range ui.Chrome() {
		id := project.UIID(m.Name)
		r := resolve(pt, loc, d, id, opts)
		from := r.From
		if from == pt.Config.Source() {
			from = pt.UISourceLanguage()
		}
		t := Text{Text: r.Text}
		t.Lang, t.Dir = attrPair(from, loc)
		out[m.Name] = t
		if !r.Own && loc != pt.Config.Source() {
			fbs = append(fbs, Fallback{Document: d.Path, ID: id, Kind: string(project.UIKind), Line: d.Segments[i].Line,
				From: r.From.String(), Reason: reasonOf(r, opts)})
		}
	}
	return out, fbs
}

// fallbackNotices says how much of the page is shown in another language:
// one notice per such language, each a whole sentence of the page text in
// one language. Sections from a parent locale of the same language (es on
// an es-MX page) do not count.
func fallbackNotices(chrome map[string]Text, loc language.Tag, blocks []block) ([]Text, FallbackInfo) {
	counts := map[language.Tag]int{}
	seen := map[int]bool{}
	own := 0
	for _, bl := range blocks {
		if bl.seg.Start >= 0 && seen[bl.seg.Start] {
			continue
		}
		seen[bl.seg.Start] = true
		if len(langAttrs(bl.from, loc)) == 0 {
			own++
			continue
		}
		counts[bl.from]++
	}
	var langs []language.Tag
	for t := range counts {
		langs = append(langs, t)
	}
	sort.Slice(langs, func(i, j int) bool { return langs[i].String() < langs[j].String() })
	info := FallbackInfo{Whole: own == 0 && len(langs) > 0}
	msg := "FallbackPartial"
	if info.Whole {
		msg = "FallbackWhole"
	}
	var out []Text
	for _, t := range langs {
		info.Sections += counts[t]
		info.Languages = append(info.Languages, languageName(loc, t))
		n := chrome[msg]
		// The notice's language is the page's, or the one it fell back
		// to: the language name is in that language too.
		in := loc
		if n.Lang != "" {
			in = language.Make(n.Lang)
		}
		n.Text = strings.ReplaceAll(n.Text, ui.LanguagePlaceholder, languageName(in, t))
		out = append(out, n)
	}
	return out, info
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
func (pg *pageDraft) render(tmpl *template.Template, body string, links func(string) (string, string)) ([]byte, error) {
	out, toc, heading, hasH1, err := finishBody(body, pg.Dir, pg.Heading == nil, links)
	if err != nil {
		return nil, err
	}
	if heading != nil {
		pg.Heading = heading
	}
	pg.HasH1 = hasH1
	pg.TOC = toc
	for _, blk := range out {
		pg.Blocks = append(pg.Blocks, template.HTML(blk)) // sanitized by markdownHTML or escaped by textHTML, re-serialized by finishBody
	}
	pg.Body = template.HTML(strings.Join(out, ""))
	return execute(tmpl, &pg.PageData)
}

// execute runs a page template; an error names the template file and
// the line.
func execute(tmpl *template.Template, data *PageData) ([]byte, error) {
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, data); err != nil {
		return nil, templateError(err)
	}
	return buf.Bytes(), nil
}

// index is index.html, the list of the bundle's articles.
func (bd *Bundler) index(articles []Article) (plan.File, error) {
	loc := bd.loc
	title := bd.chrome["Articles"]
	pg := PageData{Lang: loc.String(), Dir: locale.Direction(loc), Path: "index.html", Title: title, Home: "index.html",
		UI: bd.chrome, Index: true, Articles: articles}
	pg.Alternates, pg.XDefault = bd.alternates(".", "", "index.html")
	if pg.Articles == nil {
		pg.Articles = []Article{}
	}
	data, err := execute(bd.opts.Templates.index(), &pg)
	if err != nil {
		return plan.File{}, fmt.Errorf("index.html: %w", err)
	}
	return plan.File{Path: "index.html", Data: data}, nil
}

// newArticle is the index entry of a document, named as title() names it
// and marked with the language that title is in.
func newArticle(href, title string, d *project.Doc, res []project.Resolution, loc language.Tag) Article {
	a := Article{Href: href, run: run{Text: title}}
	for _, kind := range []content.Kind{content.KindTitle, content.KindHeading} {
		if i := slices.IndexFunc(d.Segments, func(s content.Segment) bool { return s.Kind == kind }); i >= 0 {
			a.Lang, a.Dir = attrPair(res[i].From, loc)
			break
		}
	}
	return a
}
