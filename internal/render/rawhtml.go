package render

import (
	"bytes"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"
)

// inlineHTML renders the inline raw HTML of Markdown, such as
// <a href="tel:+18885550100">, which goldmark without WithUnsafe drops:
// a source article's hotline link must reach the page. It never copies
// what was written: each tag is parsed alone and written anew, and only a
// tag and attribute on a short list, with a URL whose scheme is safe,
// comes out. Anything else is dropped as goldmark drops it. bluemonday
// then sanitizes the page as before, so a translation (untrusted) can
// add nothing that the sanitizer would not let through anyway.
type inlineHTML struct{}

// inlineTags are the inline elements kept, with the attributes each may
// keep besides lang and dir.
var inlineTags = map[string][]string{
	"a":      {"href", "title", "hreflang"},
	"abbr":   {"title"},
	"b":      nil,
	"bdi":    nil,
	"br":     nil,
	"em":     nil,
	"i":      nil,
	"small":  nil,
	"span":   nil,
	"strong": nil,
	"sub":    nil,
	"sup":    nil,
}

// safeSchemes are the URL schemes a link may use: the web, e-mail, and
// the phone, text message and map links a patient taps on a phone.
var safeSchemes = map[string]bool{"http": true, "https": true, "mailto": true, "tel": true, "sms": true, "geo": true}

func (inlineHTML) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindRawHTML, renderInlineHTML)
}

func renderInlineHTML(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.RawHTML)
	var raw bytes.Buffer
	for i := range n.Segments.Len() {
		s := n.Segments.At(i)
		raw.Write(s.Value(source))
	}
	if tag, ok := cleanTag(raw.Bytes()); ok {
		_, _ = w.WriteString(tag)
	} else {
		_, _ = w.WriteString("<!-- raw HTML omitted -->")
	}
	return ast.WalkSkipChildren, nil
}

// cleanTag rewrites one raw tag as a tag on the list, keeping only the
// allowed attributes; ok is false for anything else (comments, several
// tags, unknown elements).
func cleanTag(raw []byte) (string, bool) {
	z := html.NewTokenizer(bytes.NewReader(raw))
	tt := z.Next()
	tok := z.Token()
	if z.Next() != html.ErrorToken {
		return "", false // more than one token
	}
	allowed, ok := inlineTags[tok.Data]
	if !ok {
		return "", false
	}
	switch tt {
	case html.EndTagToken:
		if tok.Data == "br" {
			return "", false
		}
		return "</" + tok.Data + ">", true
	case html.StartTagToken, html.SelfClosingTagToken:
	default:
		return "", false
	}
	var b strings.Builder
	b.WriteString("<" + tok.Data)
	seen := map[string]bool{}
	for _, a := range tok.Attr {
		if a.Namespace != "" || seen[a.Key] {
			continue
		}
		if a.Key != "lang" && a.Key != "dir" && !slices.Contains(allowed, a.Key) {
			continue
		}
		if a.Key == "href" && !SafeURL(a.Val, false) {
			continue
		}
		seen[a.Key] = true
		b.WriteString(" " + a.Key + `="` + html.EscapeString(a.Val) + `"`)
	}
	b.WriteString(">")
	return b.String(), true
}

// SafeURL reports whether a link or image URL may appear on a page: a
// relative URL, or one whose scheme is http, https, mailto, tel, sms or
// geo; for an image also a data: URL of a PNG, GIF, JPEG or WebP image.
// javascript:, vbscript:, data: (other than those images), file: and
// every other scheme are refused, however they are cased or padded: a
// browser drops tabs and newlines anywhere in a URL and controls and
// spaces at its ends before it reads the scheme, and so does SafeURL.
func SafeURL(u string, image bool) bool {
	u = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, u)
	u = strings.TrimFunc(u, func(r rune) bool { return r <= ' ' })
	scheme, _, found := strings.Cut(u, ":")
	if !found || strings.ContainsAny(scheme, "/?#") {
		return true // relative
	}
	scheme = strings.ToLower(scheme)
	if scheme == "data" {
		if !image {
			return false
		}
		rest := strings.ToLower(u[len("data:"):])
		for _, t := range []string{"image/png", "image/gif", "image/jpeg", "image/webp"} {
			if strings.HasPrefix(rest, t+";") || strings.HasPrefix(rest, t+",") {
				return true
			}
		}
		return false
	}
	return safeSchemes[scheme]
}
