package cli

import (
	"context"
	"fmt"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/status"
)

// statusFromDocs computes the report from each document's coverage,
// cached for the documents whose inputs did not change (see docCache);
// ok is false when it cannot answer for the whole project, which the
// caller's reading of everything then does.
func statusFromDocs(ctx context.Context, g *globalOptions, p *project.Project, locs []language.Tag, byDoc bool) (rep status.Report, ok bool, err error) {
	c, ok := openDocCache[[]status.Tally](g, p.Config, p, "status-docs", fmt.Sprintf("%q", locs))
	if !ok {
		return rep, false, nil
	}
	tallies, ok, err := c.values(ctx, g, p, func(w *project.Project, d *project.Doc) []status.Tally {
		return status.TallyDoc(w, locs, d)
	})
	if !ok || err != nil {
		return rep, false, err
	}
	orphans, err := c.orphans(p, func(w *project.Project, slug string) []status.Tally {
		out := make([]status.Tally, len(locs))
		for i, loc := range locs {
			if cat := w.Catalog(loc, slug); cat != nil {
				out[i].Obsolete = len(cat.Messages)
			}
		}
		return out
	})
	if err != nil {
		return rep, false, err
	}
	c.save(g, p.Config)
	docs := make([]status.DocTallies, len(tallies))
	for i, t := range tallies {
		docs[i] = status.DocTallies{Path: c.keys.docs[i].path, Tallies: t}
	}
	orphaned := make([]int, len(locs))
	for _, o := range orphans {
		for i := range orphaned {
			orphaned[i] += o[i].Obsolete
		}
	}
	return status.Assemble(p, locs, byDoc, docs, orphaned), true, nil
}
