package render

import (
	"crypto/sha256"
	_ "embed"
	"errors"
	"fmt"
	"html/template"
	"regexp"
	"strings"
	texttemplate "text/template"
)

//go:embed page.tmpl
var pageTmplText string

// defaultTemplate lays out article and index pages: self-contained (inline
// CSS, no scripts, no external requests), logical CSS properties so that
// right-to-left pages mirror.
var defaultTemplate = template.Must(template.New("page.tmpl").Funcs(templateFuncs).Parse(pageTmplText))

// templateFuncs are the functions a page template may call besides
// html/template's own. None of them turns text into trusted HTML, so a
// translation is escaped whatever the template does with it.
var templateFuncs = template.FuncMap{
	// attrs writes the lang and dir attributes a Text needs, as a
	// trusted attribute list: both values come from healthloc (a BCP 47
	// tag, "ltr" or "rtl"), never from a translation.
	"attrs": func(t Text) template.HTMLAttr {
		var b strings.Builder
		if t.Lang != "" {
			b.WriteString(` lang="` + template.HTMLEscapeString(t.Lang) + `"`)
		}
		if t.Dir == "ltr" || t.Dir == "rtl" {
			b.WriteString(` dir="` + t.Dir + `"`)
		}
		return template.HTMLAttr(b.String())
	},
}

// Templates are the page templates a bundle is laid out with.
type Templates struct {
	page, idx *template.Template
	// sum hashes the templates' names and sources.
	sum [32]byte
}

// templatesSum is the hash of t's sources; healthloc's own have none.
func (t *Templates) templatesSum() []byte {
	if t == nil {
		return nil
	}
	return t.sum[:]
}

// ParseTemplates reads a project's own page template and, if given, its
// index template (html/template; see PageData for their data). name is
// each file's path, which errors name with the line. Without an index
// template, the page template lays out the index too (with .Index set);
// without a page template, healthloc's own lays out both.
func ParseTemplates(pageName string, pageSrc []byte, indexName string, indexSrc []byte) (*Templates, error) {
	t := &Templates{sum: sha256.Sum256([]byte(fmt.Sprintf("%q %q %q %q", pageName, pageSrc, indexName, indexSrc)))}
	var err error
	if pageName != "" {
		if t.page, err = parseTemplate(pageName, pageSrc); err != nil {
			return nil, err
		}
	}
	if indexName != "" {
		if t.idx, err = parseTemplate(indexName, indexSrc); err != nil {
			return nil, err
		}
	}
	// Executing once on sample data finds what parsing cannot (a field
	// that does not exist, a misused function), naming file and line,
	// before any page is rendered.
	for _, tm := range []*template.Template{t.page, t.idx} {
		if tm == nil {
			continue
		}
		if _, err := execute(tm, samplePage()); err != nil {
			return nil, err
		}
	}
	return t, nil
}

func parseTemplate(name string, src []byte) (*template.Template, error) {
	tm, err := template.New(name).Funcs(templateFuncs).Parse(string(src))
	if err != nil {
		return nil, templateError(err)
	}
	return tm, nil
}

func (t *Templates) article() *template.Template {
	if t == nil || t.page == nil {
		return defaultTemplate
	}
	return t.page
}

func (t *Templates) index() *template.Template {
	switch {
	case t != nil && t.idx != nil:
		return t.idx
	case t != nil && t.page != nil:
		return t.page
	}
	return defaultTemplate
}

// templateErrRe matches html/template's and text/template's way of
// naming a place: "template: NAME:LINE:COL: " or "html/template:NAME:LINE:COL: ".
var templateErrRe = regexp.MustCompile(`^(?:html/)?template: ?(.+?):(\d+)(?::(\d+))?: (.*)$`)

// templateError rewrites a template error to start with the file and
// the line, as every healthloc error does.
func templateError(err error) error {
	msg := err.Error()
	var ee texttemplate.ExecError
	if errors.As(err, &ee) {
		msg = ee.Err.Error()
	}
	if m := templateErrRe.FindStringSubmatch(msg); m != nil {
		where := m[1] + ":" + m[2]
		if m[3] != "" {
			where += ":" + m[3]
		}
		return fmt.Errorf("%s: %s", where, m[4])
	}
	return err
}

// samplePage is data with every field set, for the dry run of a
// project's template.
func samplePage() *PageData {
	t := Text{Text: "Sample", Lang: "en", Dir: "ltr"}
	ui := map[string]Text{}
	for _, k := range []string{"SkipToContent", "Articles", "OtherLanguages", "Contents", "FallbackPartial", "FallbackWhole"} {
		ui[k] = t
	}
	return &PageData{
		Lang: "es", Dir: "ltr", Path: "a/b.html", Title: t, Heading: &t, Description: &t,
		Body: "<p>Sample</p>", Blocks: []template.HTML{"<p>Sample</p>"},
		TOC: []Section{{ID: "section-1", run: t}}, Notices: []Text{t},
		Fallback:   FallbackInfo{Sections: 1, Languages: []string{"inglés"}},
		Alternates: []Alternate{{Lang: "es", Name: "español", Dir: "ltr", Href: "b.html", Current: true}},
		XDefault:   "../../en/a/b.html", Home: "../index.html",
		Articles: []Article{{Href: "a/b.html", run: t}}, UI: ui,
	}
}
