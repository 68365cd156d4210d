package cli

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
	"golang.org/x/net/html"
)

// mdLinkDestRe finds the destinations of Markdown inline links and
// reference definitions, and of href attributes in raw HTML.
var mdLinkDestRe = regexp.MustCompile(`\]\(\s*<?([^)\s>]+)|(?m)^ {0,3}\[[^\]\n]+\]:[ \t]*<?([^\s<>]+)|href="([^"]*)"`)

// cmdSiteLinks is the script command "sitelinks DIR [URL-PREFIX]": every
// link between pages of the bundle in DIR (the links of each HTML page's
// <main>, and of each Markdown file) must lead to a file of that bundle,
// or, when URL-PREFIX is given, be a URL that starts with it. Links with
// a scheme (https:, tel:, mailto:) are not between pages. It prints how
// many links it followed.
func cmdSiteLinks(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 1 || len(args) > 2 {
		ts.Fatalf("usage: sitelinks DIR [URL-PREFIX]")
	}
	root := ts.MkAbs(args[0])
	prefix := ""
	if len(args) == 2 {
		prefix = args[1]
	}
	var bad []string
	n := 0
	check := func(file, href string) {
		p := href
		if i := strings.IndexAny(p, "?#"); i >= 0 {
			p = p[:i]
		}
		if p == "" || regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`).MatchString(p) {
			return // a fragment, or another site, phone or mail address
		}
		n++
		rel, _ := filepath.Rel(root, file)
		if prefix != "" {
			if !strings.HasPrefix(p, prefix) {
				bad = append(bad, rel+": "+href+" does not start with "+prefix)
			}
			return
		}
		if strings.HasPrefix(p, "/") {
			bad = append(bad, rel+": "+href+" leads out of the bundle")
			return
		}
		target := path.Join(path.Dir(filepath.ToSlash(rel)), p)
		if strings.HasPrefix(target, "../") || target == ".." {
			bad = append(bad, rel+": "+href+" leads out of the bundle")
			return
		}
		if info, err := os.Stat(filepath.Join(root, filepath.FromSlash(target))); err != nil || info.IsDir() {
			bad = append(bad, rel+": "+href+" leads to no page of the bundle")
		}
	}
	err := filepath.WalkDir(root, func(file string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		switch filepath.Ext(file) {
		case ".md":
			for _, m := range mdLinkDestRe.FindAllSubmatch(data, -1) {
				check(file, string(bytes.Join(m[1:], nil)))
			}
		case ".html":
			doc, err := html.Parse(bytes.NewReader(data))
			if err != nil {
				return err
			}
			var walk func(*html.Node, bool)
			walk = func(n *html.Node, inMain bool) {
				if n.Type == html.ElementNode {
					inMain = inMain || n.Data == "main"
					if n.Data == "a" && inMain {
						for _, a := range n.Attr {
							if a.Key == "href" {
								check(file, a.Val)
							}
						}
					}
				}
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					walk(c, inMain)
				}
			}
			walk(doc, false)
		}
		return nil
	})
	if err != nil {
		ts.Fatalf("%v", err)
	}
	if neg {
		if len(bad) == 0 {
			ts.Fatalf("every link of %s reaches a page", args[0])
		}
		return
	}
	if len(bad) > 0 {
		ts.Fatalf("%d links do not reach a page:\n%s", len(bad), strings.Join(bad, "\n"))
	}
	ts.Logf("followed %d links", n)
	if n == 0 {
		ts.Fatalf("%s has no link between pages", args[0])
	}
}
