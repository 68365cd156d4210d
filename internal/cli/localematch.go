package cli

import (
	"fmt"
	stdio "io"
	"slices"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/exchange"
	"github.com/healthloc/healthloc/internal/locale"
	"github.com/healthloc/healthloc/internal/project"
)

// matchLocales is targetLocales for the commands that meet translators'
// language codes (export, import, align): a --locale that is no target
// but close to exactly one (fr-FR for fr, zh-CN for zh-Hans) means that
// one, and w is told so in one line; one close to several, or to none, is
// a usage error that lists the close ones.
func matchLocales(w stdio.Writer, p *project.Project, names []string) ([]language.Tag, error) {
	return matchTargets(w, p.Config.Source(), p.Config.Targets(), names)
}

// matchTargets is matchLocales given the source and target locales.
func matchTargets(w stdio.Writer, source language.Tag, targets []language.Tag, names []string) ([]language.Tag, error) {
	if len(names) == 0 {
		return targets, nil
	}
	var out []language.Tag
	for _, n := range names {
		t, err := locale.Parse(n)
		if err != nil {
			return nil, usagef("--locale: %w", err)
		}
		if t == source {
			return nil, usagef("--locale %s: that is the source locale; %s", n, targetList(targets))
		}
		m := locale.MatchTarget(t, targets)
		switch {
		case !m.Found() && len(m.Close) == 0:
			return nil, usagef("--locale %s: not a target locale of this project; %s", n, targetList(targets))
		case !m.Found():
			return nil, usagef("--locale %s: %s", n, exchange.NoTarget(t, m, targets))
		case !m.Exact:
			fmt.Fprintf(w, "--locale %s: the project's locale is %s\n", n, m.Locale)
		}
		if !slices.Contains(out, m.Locale) {
			out = append(out, m.Locale)
		}
	}
	return out, nil
}
