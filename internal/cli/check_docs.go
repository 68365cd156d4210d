package cli

import (
	"context"
	"fmt"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/qa"
	"github.com/healthloc/healthloc/internal/readability"
)

// docFindings are what check finds in one document: by locale, and in
// plain language.
type docFindings struct {
	ByLocale [][]qa.Finding
	Plain    []qa.Finding
}

// checkFromDocs is checkWindows with what check found in each document
// cached for the documents whose inputs did not change (see docCache);
// ok is false when it cannot answer for the whole project, which
// checkWindows then does.
func checkFromDocs(ctx context.Context, g *globalOptions, p *project.Project, locs []language.Tag, plain *readability.Rules, allLocales bool) ([]qa.Finding, bool, error) {
	c, ok := openDocCache[docFindings](g, p.Config, p, "check-docs", fmt.Sprintf("%q all=%t", locs, allLocales))
	if !ok {
		return nil, false, nil
	}
	rules := qa.RulesOf(p.Config)
	found, ok, err := c.values(ctx, g, p, func(w *project.Project, d *project.Doc) docFindings {
		one := map[string]bool{d.Path: true}
		f := docFindings{ByLocale: make([][]qa.Finding, len(locs))}
		for i, loc := range locs {
			f.ByLocale[i] = qa.Check(w, rules, loc, one)
		}
		f.Plain = readability.Check(w, plain, locs, one, allLocales)
		return f
	})
	if !ok || err != nil {
		return nil, false, err
	}
	c.save(g, p.Config)
	// by locale, then document and line; readability's last
	out := []qa.Finding{}
	for i := range locs {
		for _, f := range found {
			out = append(out, f.ByLocale[i]...)
		}
	}
	for _, f := range found {
		out = append(out, f.Plain...)
	}
	return out, true, nil
}
