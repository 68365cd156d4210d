package render

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"
	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/project/projecttest"
)

// xssArticle has a segment of every kind, so that each payload is tried
// as a title, heading, paragraph, list item, quote, table cell, alt text
// and link text.
const xssArticle = `---
title: Title
description: Description
---
# Heading

Paragraph with [a link](https://example.org/).

- Item one
- Item two

> Quote text.

| Cell A | Cell B |
|---|---|
| Cell C | Cell D |

![Alt text](img.png)
`

// xssPayloads reads testdata/xss.txt.
func xssPayloads(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile("testdata/xss.txt")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for l := range strings.Lines(string(data)) {
		l = strings.TrimSuffix(l, "\n")
		if l == "" || strings.HasPrefix(l, "# ") {
			continue
		}
		out = append(out, strings.ReplaceAll(l, `\n`, "\n"))
	}
	return out
}

// loadPlanted loads a project whose es catalogs translate every segment
// as payload.
func loadPlanted(t *testing.T, payload string) *project.Project {
	t.Helper()
	const conf = "locales = [\"es\"]\n"
	fsys := fstest.MapFS{
		"content/xss.md":    {Data: []byte(xssArticle)},
		"content/plain.txt": {Data: []byte("Heading\n\nA plain paragraph.\n")},
		"content/img.png":   {Data: []byte("png")},
		"locales/es/.keep":  {Data: nil},
	}
	p := projecttest.Load(t, conf, fsys)
	for _, d := range p.Docs {
		c := &catalog.Catalog{Locale: "es", Messages: map[string]catalog.Message{}}
		for id, m := range d.Source.Messages {
			c.Messages[id] = catalog.Message{ID: id, Description: m.Description, Hash: m.Hash, Other: payload}
		}
		fsys["locales/es/"+d.Slug+".es.toml"] = &fstest.MapFile{Data: catalog.Marshal(c)}
	}
	return projecttest.Load(t, conf, fsys)
}

// TestXSS plants every payload as the translation of every segment and
// checks the HTML pages with a real HTML parser: no script element, no
// other element that runs or embeds code, no event-handler attribute and
// no URL with a scheme other than http, https, mailto, tel, sms and geo
// (data: only for an image).
func TestXSS(t *testing.T) {
	payloads := xssPayloads(t)
	if len(payloads) < 50 {
		t.Fatalf("only %d payloads, want at least 50", len(payloads))
	}
	for _, payload := range payloads {
		p := loadPlanted(t, payload)
		b, err := Render(p, language.Spanish, fstest.MapFS{"img.png": {Data: []byte("png")}}, Options{})
		if err != nil {
			t.Fatalf("%q: %v", payload, err)
		}
		pages := 0
		for _, f := range b.Files {
			if !strings.HasSuffix(f.Path, ".html") {
				continue
			}
			pages++
			for _, problem := range unsafeHTML(t, f.Data) {
				t.Errorf("payload %q: %s: %s", payload, f.Path, problem)
			}
		}
		if pages != 3 { // two articles and the index
			t.Fatalf("payload %q: %d HTML pages, want 3", payload, pages)
		}
		if !planted(b, payload) {
			t.Errorf("payload %q: was not published as a translation", payload)
		}
	}
}

// planted reports whether every segment of the bundle came from es, that
// is, the payload really was rendered everywhere.
func planted(b *Bundle, payload string) bool {
	for _, d := range b.Manifest.Documents {
		if d.LocalizedMsgs != d.Messages {
			return false
		}
	}
	return len(b.Manifest.Fallbacks) == 0
}

// dangerousElements run code, embed other documents, submit data or
// change how the page loads. The page template's own <meta> and <style>
// are in <head>; the body may have none of them.
var dangerousElements = map[string]bool{
	"script": true, "iframe": true, "frame": true, "frameset": true, "object": true, "embed": true,
	"applet": true, "svg": true, "math": true, "form": true, "input": true, "button": true,
	"textarea": true, "select": true, "base": true, "meta": true, "link": true, "style": true,
	"template": true, "noscript": true, "xmp": true, "plaintext": true,
}

// urlAttrs hold URLs a browser follows or loads.
var urlAttrs = map[string]bool{
	"href": true, "src": true, "action": true, "formaction": true, "data": true, "poster": true,
	"background": true, "cite": true, "longdesc": true, "srcset": true, "xlink:href": true,
	"codebase": true, "manifest": true, "ping": true, "lowsrc": true, "dynsrc": true,
}

// unsafeHTML lists what is unsafe in a rendered page.
func unsafeHTML(t *testing.T, page []byte) []string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatalf("page does not parse: %v", err)
	}
	var problems []string
	var walk func(n *html.Node, inBody bool)
	walk = func(n *html.Node, inBody bool) {
		if n.Type == html.ElementNode {
			if n.Data == "body" {
				inBody = true
			}
			if n.Data == "script" || (inBody && dangerousElements[n.Data]) {
				problems = append(problems, "element <"+n.Data+">")
			}
			for _, a := range n.Attr {
				key := strings.ToLower(a.Key)
				if a.Namespace != "" {
					key = a.Namespace + ":" + key
				}
				if strings.HasPrefix(key, "on") {
					problems = append(problems, "event handler "+key+"="+a.Val)
				}
				if key == "style" || key == "srcdoc" || key == "formaction" {
					problems = append(problems, "attribute "+key+"="+a.Val)
				}
				// the page's empty data: favicon stops browsers asking
				// for /favicon.ico; it holds nothing to run
				if n.Data == "link" && key == "href" && a.Val == "data:," {
					continue
				}
				if urlAttrs[key] && !safeURL(a.Val, n.Data == "img" && key == "src") {
					problems = append(problems, "URL "+key+"="+a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inBody)
		}
	}
	walk(doc, false)
	return problems
}

// safeURL reports whether a URL is relative or uses http, https, mailto,
// tel, sms or geo (or, for an image's src, is a data: PNG, GIF, JPEG or
// WebP), read the way a browser reads it: whitespace and control
// characters around it and tabs and line breaks inside it ignored, the
// scheme case-insensitive. It is written apart from render.SafeURL, so
// that a mistake there is not repeated here.
func safeURL(u string, image bool) bool {
	u = strings.TrimFunc(u, func(r rune) bool { return r <= ' ' })
	u = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(u)
	i := strings.IndexAny(u, ":/?#")
	if i < 0 || u[i] != ':' {
		return true // no scheme: relative
	}
	switch strings.ToLower(u[:i]) {
	case "http", "https", "mailto", "tel", "sms", "geo":
		return true
	case "data":
		l := strings.ToLower(u)
		return image && (strings.HasPrefix(l, "data:image/png") || strings.HasPrefix(l, "data:image/gif") ||
			strings.HasPrefix(l, "data:image/jpeg") || strings.HasPrefix(l, "data:image/webp"))
	}
	return false
}

func TestSafeURL(t *testing.T) {
	for u, want := range map[string]bool{
		"https://a.example/": true, "HTTP://a": true, "mailto:x@y": true, "tel:+1": true,
		"sms:+18885550100?body=hi": true, "geo:37.78,-122.4": true, "TEL:+1-888": true,
		"img.png": true, "/abs": true, "#frag": true, "?q=a:b": true, "a/b:c": true,
		"javascript:alert(1)": false, " JavaScript:x": false, "java\tscript:x": false,
		"\x01javascript:x": false, "data:text/html,x": false, "vbscript:x": false,
		"data:image/png;base64,AAAA": false, // not on a link
		"file:///etc/passwd":         false,
	} {
		if got := safeURL(u, false); got != want {
			t.Errorf("safeURL(%q) = %v, want %v", u, got, want)
		}
		if got := SafeURL(u, false); got != want {
			t.Errorf("SafeURL(%q) = %v, want %v", u, got, want)
		}
	}
	for u, want := range map[string]bool{
		"data:image/png;base64,AAAA": true, "DATA:image/gif;base64,AAAA": true,
		"data:image/svg+xml,<svg onload=alert(1)>": false, "data:text/html,x": false,
	} {
		if got := safeURL(u, true); got != want {
			t.Errorf("safeURL(%q, image) = %v, want %v", u, got, want)
		}
		if got := SafeURL(u, true); got != want {
			t.Errorf("SafeURL(%q, image) = %v, want %v", u, got, want)
		}
	}
}

// TestUnsafeHTMLCatches proves the checker itself: each of these pages
// must be flagged, or TestXSS would pass for the wrong reason.
func TestUnsafeHTMLCatches(t *testing.T) {
	for _, page := range []string{
		`<p><script>alert(1)</script></p>`,
		`<p><img src=x onerror=alert(1)></p>`,
		`<p><a href=" JaVaScRiPt:alert(1)">x</a></p>`,
		`<p><a href="data:text/html,x">x</a></p>`,
		`<p><a href="data:image/png;base64,AAAA">x</a></p>`,
		`<p><a href="vbscript:msgbox(1)">x</a></p>`,
		`<p><svg><a xlink:href="javascript:alert(1)">x</a></svg></p>`,
		`<p><iframe srcdoc="x"></iframe></p>`,
		`<p style="background:url(javascript:alert(1))">x</p>`,
	} {
		if len(unsafeHTML(t, []byte(page))) == 0 {
			t.Errorf("unsafeHTML(%q) found nothing", page)
		}
	}
	if got := unsafeHTML(t, []byte(`<html><head><meta charset="utf-8"><style>p{}</style></head><body><p lang="en"><a href="https://a/">x</a><img src="img.png" alt="y"></p></body></html>`)); len(got) != 0 {
		t.Errorf("unsafeHTML flags a safe page: %q", got)
	}
}

// TestAltTextKept checks that the sanitizer keeps alt and title text with
// punctuation, which bluemonday's UGC policy drops by default.
func TestAltTextKept(t *testing.T) {
	for _, alt := range []string{"Dosis: 5 mg, dos veces al día?", "جرعة: ٥ ملغ؛ مرتين", "Taille « 1 » & <2>"} {
		p := loadPlanted(t, alt)
		b, err := Render(p, language.Spanish, fstest.MapFS{"img.png": {Data: []byte("png")}}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var page []byte
		for _, f := range b.Files {
			if f.Path == "xss.html" {
				page = f.Data
			}
		}
		doc, err := html.Parse(bytes.NewReader(page))
		if err != nil {
			t.Fatal(err)
		}
		var alts []string
		var walk func(n *html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode && n.Data == "img" {
				for _, a := range n.Attr {
					if a.Key == "alt" {
						alts = append(alts, a.Val)
					}
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
		if len(alts) != 1 || alts[0] != alt {
			t.Errorf("alt text %q rendered as %q", alt, alts)
		}
	}
}

// FuzzXSS plants fuzzed translations, seeded with the payload corpus, and
// checks the pages as TestXSS does.
func FuzzXSS(f *testing.F) {
	data, err := os.ReadFile("testdata/xss.txt")
	if err != nil {
		f.Fatal(err)
	}
	for l := range strings.Lines(string(data)) {
		if !strings.HasPrefix(l, "# ") {
			f.Add(strings.ReplaceAll(strings.TrimSuffix(l, "\n"), `\n`, "\n"))
		}
	}
	assets := fstest.MapFS{"img.png": {Data: []byte("png")}}
	f.Fuzz(func(t *testing.T, payload string) {
		b, err := Render(loadPlanted(t, payload), language.Spanish, assets, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, file := range b.Files {
			if strings.HasSuffix(file.Path, ".html") {
				if problems := unsafeHTML(t, file.Data); len(problems) > 0 {
					t.Fatalf("payload %q: %s: %q", payload, file.Path, problems)
				}
			}
		}
	})
}

// TestMarkdownHTML checks the exported renderer a Go app shows catalog
// text with: Markdown and the kept links come out, every payload is
// harmless.
func TestMarkdownHTML(t *testing.T) {
	if got := MarkdownHTML("Call [the hotline](tel:+18885550100) or <a href=\"sms:+18885550100\">text</a> *now*."); got !=
		`<p>Call <a href="tel:+18885550100">the hotline</a> or <a href="sms:+18885550100">text</a> <em>now</em>.</p>`+"\n" {
		t.Errorf("MarkdownHTML = %q", got)
	}
	for _, payload := range xssPayloads(t) {
		page := "<!DOCTYPE html><html><body>" + MarkdownHTML(payload) + "</body></html>"
		for _, problem := range unsafeHTML(t, []byte(page)) {
			t.Errorf("payload %q: %s", payload, problem)
		}
	}
}
