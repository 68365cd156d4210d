package cli

import (
	"bytes"
	"context"
	"fmt"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/qa"
	"github.com/healthloc/healthloc/internal/readability"
)

// docFindings are what check finds in one document: by locale, and in
// plain language. For the text format, the findings are kept as the
// text check prints, so that a run copies them out rather than decoding
// them; for json, as findings.
type docFindings struct {
	ByLocale [][]qa.Finding
	Plain    []qa.Finding
	Text     [][]byte // by locale, then plain language last
	N        qa.Counts
}

// checked is what checkFromDocs hands back: the findings, or their text.
type checked struct {
	findings []qa.Finding
	text     []byte
	n        qa.Counts
}

// checkFromDocs is checkWindows with what check found in each document
// cached for the documents whose inputs did not change (see docCache);
// ok is false when it cannot answer for the whole project, which
// checkWindows then does.
func checkFromDocs(ctx context.Context, g *globalOptions, p *project.Project, locs []language.Tag, plain *readability.Rules,
	allLocales, asText bool) (out checked, ok bool, err error) {
	c, ok := openDocCache[docFindings](g, p.Config, p, "check-docs", fmt.Sprintf("%q all=%t text=%t", locs, allLocales, asText))
	if !ok {
		return out, false, nil
	}
	rules := qa.RulesOf(p.Config)
	found, ok, err := c.values(ctx, g, p, func(w *project.Project, d *project.Doc) docFindings {
		one := map[string]bool{d.Path: true}
		f := docFindings{ByLocale: make([][]qa.Finding, len(locs))}
		for i, loc := range locs {
			f.ByLocale[i] = qa.Check(w, rules, loc, one)
			f.N.Add(qa.CountOf(f.ByLocale[i]))
		}
		f.Plain = readability.Check(w, plain, locs, one, allLocales)
		f.N.Add(qa.CountOf(f.Plain))
		if asText {
			for _, fs := range append(f.ByLocale, f.Plain) {
				var b bytes.Buffer
				writeCheckText(&b, p, fs) // a bytes.Buffer takes every write
				f.Text = append(f.Text, b.Bytes())
			}
			f.ByLocale, f.Plain = nil, nil
		}
		return f
	})
	if !ok || err != nil {
		return out, false, err
	}
	c.save(g, p.Config)
	// by locale, then document and line; readability's last
	out.findings = []qa.Finding{}
	size := 0
	for _, f := range found {
		out.n.Add(f.N)
		for _, t := range f.Text {
			size += len(t)
		}
	}
	out.text = make([]byte, 0, size)
	for i := range len(locs) + 1 {
		for _, f := range found {
			switch {
			case asText:
				out.text = append(out.text, f.Text[i]...)
			case i < len(locs):
				out.findings = append(out.findings, f.ByLocale[i]...)
			default:
				out.findings = append(out.findings, f.Plain...)
			}
		}
	}
	return out, true, nil
}
