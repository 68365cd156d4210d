package render

import (
	"fmt"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/content"
	"github.com/healthloc/healthloc/internal/plan"
	"github.com/healthloc/healthloc/internal/project"
)

// pageOut is what one document gives its locale's bundle: its files and
// its entries in the manifest and on the index page.
type pageOut struct {
	files []plan.File
	cov   DocCoverage
	fbs   []Fallback
	rds   []DocReadability
	art   Article
}

// renderDoc renders document d of window p in the bundler's locale.
func (bd *Bundler) renderDoc(p *project.Project, d *project.Doc) (*pageOut, error) {
	loc, opts := bd.loc, bd.opts
	res, cov := resolveDoc(p, loc, d, opts)
	out := &pageOut{cov: cov}
	if !opts.Site.Published(loc, d.Path) {
		// Not in this bundle: the index links where other pages' links
		// to it lead, in the source language.
		out.cov.Skipped = true
		href, lang := opts.Site.link(loc, "index.html", d.Path, "", true)
		out.art = Article{Href: href, Hreflang: lang, run: run{Text: sourceTitle(d)}}
		out.art.Lang, out.art.Dir = attrPair(p.Config.Source(), loc)
		return out, nil
	}
	out.fbs = fallbacksOf(p, loc, d, res, opts)
	out.rds = readabilityOf(p, loc, d, res, opts.Readability)
	localized, spans, err := content.Localize(d.Document, func(i int, _ content.Segment) (string, bool) {
		return res[i].Text, true
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", d.Path, err)
	}
	links := bd.linker(d.Path)
	if d.Format == content.FormatHTML {
		// The localized source is the page; the index still lists it.
		page := rewriteHTMLLinks(htmlDocument(d, localized, spans, res, loc), links(true))
		out.files = []plan.File{{Path: d.Path, Data: page}}
		out.art = newArticle(d.Path, title(d, res), d, res, loc)
		return out, nil
	}
	if err := bd.renderPage(out, p, d, res, localized, spans, links); err != nil {
		return nil, fmt.Errorf("%s: %w", d.Path, err)
	}
	return out, nil
}

// fallbacksOf lists the messages of d that loc does not provide itself.
func fallbacksOf(p *project.Project, loc language.Tag, d *project.Doc, res []project.Resolution, opts Options) []Fallback {
	var out []Fallback
	for i, id := range d.IDs {
		r := res[i]
		if r.Own {
			continue
		}
		fb := Fallback{
			Document: d.Path, ID: id, Kind: string(d.Segments[i].Kind), Line: d.Segments[i].Line,
			From: r.From.String(), Reason: reasonOf(r, opts),
		}
		if r.Reason == project.Held {
			_, text := p.Lookup(loc, d, id)
			fb.Checks = p.HeldBy(loc, d, id, text)
		}
		out = append(out, fb)
	}
	return out
}

// linker rewrites the links of the page at docPath to project pages (see
// Site.target): in its HTML page when html, else in its localized source.
func (bd *Bundler) linker(docPath string) func(html bool) func(string) (string, string) {
	site, loc := bd.opts.Site, bd.loc
	return func(html bool) func(string) (string, string) {
		if site == nil {
			return nil
		}
		return func(href string) (string, string) {
			to, rest, ok := site.target(href, docPath)
			if !ok {
				return href, ""
			}
			return site.link(loc, docPath, to, rest, html)
		}
	}
}

// renderPage renders a Markdown or plain-text document: its localized
// source and its HTML page.
func (bd *Bundler) renderPage(out *pageOut, p *project.Project, d *project.Doc, res []project.Resolution, localized []byte,
	spans []content.Span, links func(bool) func(string) (string, string)) error {
	loc := bd.loc
	body := localized
	if d.BOM {
		body = body[len(bom):]
	}
	blocks := make([]block, len(spans))
	bodyStart := d.BodyStart
	for i, s := range spans {
		seg := d.Segments[s.Segment]
		blocks[i] = block{seg: seg, start: s.Start - bomLen(d), end: s.End - bomLen(d), from: res[s.Segment].From}
		if seg.End <= d.BodyStart {
			bodyStart += (s.End - s.Start) - (seg.End - seg.Start)
		}
	}
	var html string
	var err error
	if d.Format == content.FormatText {
		html = textHTML(blocks, body, loc)
	} else {
		if html, err = markdownHTML(body, bodyStart, blocks, loc); err != nil {
			return err
		}
		body = rewriteMarkdownLinks(body, bodyStart, links(false))
		if fields := content.FrontMatterFields(body, p.Config.Site.LanguageKeys); len(fields) > 0 {
			body = content.ReplaceFields(body, fields, languageValues(fields, loc))
		}
		localized = body
		if d.BOM {
			localized = append([]byte(bom), body...)
		}
	}
	out.files = append(out.files, plan.File{Path: d.Path, Data: localized})
	page, art := bd.newPage(p, d, res, blocks)
	out.art = art
	data, err := page.render(bd.opts.Templates.article(), html, links(true))
	if err != nil {
		return err
	}
	out.files = append(out.files, plan.File{Path: pagePath(d), Data: data})
	return nil
}
