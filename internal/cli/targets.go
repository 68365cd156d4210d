package cli

import (
	"fmt"
	stdio "io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/config"
	"github.com/healthloc/healthloc/internal/content"
	"github.com/healthloc/healthloc/internal/exchange"
	"github.com/healthloc/healthloc/internal/locale"
	"github.com/healthloc/healthloc/internal/project"
	"github.com/healthloc/healthloc/internal/pseudo"
)

// Resolving what a command line names: --locale values (target locales,
// close matches, the pseudo-locale), --doc values and message IDs, and
// the documents and files given as arguments. Shared by every command;
// the other shared helpers are in helpers.go.

// targetLocales parses --locale values, which must be target locales of
// the project (or, with pseudoOK, the pseudo-locale), in the order given;
// none means every target. Every command agrees on this, so that status
// never reports at 0% a locale that export refuses.
func targetLocales(p *project.Project, names []string, pseudoOK bool) ([]language.Tag, error) {
	targets := p.Config.Targets()
	return resolveLocales(names, p.Config.Source(), targets, func(n string, t language.Tag) (language.Tag, error) {
		if slices.Contains(targets, t) || (pseudoOK && t == pseudo.Tag) {
			return t, nil
		}
		return t, usagef("--locale %s: not a target locale of this project; %s", n, targetList(targets))
	})
}

// resolveLocales parses --locale values, in the order given, each once;
// the source locale is refused, and pick says which locale another value
// means. None means every target.
func resolveLocales(names []string, source language.Tag, targets []language.Tag,
	pick func(name string, t language.Tag) (language.Tag, error)) ([]language.Tag, error) {
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
		if t, err = pick(n, t); err != nil {
			return nil, err
		}
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out, nil
}

// targetList names the target locales for an error message.
func targetList(targets []language.Tag) string {
	if len(targets) == 0 {
		return "it has none (locales in healthloc.toml)"
	}
	return "the targets are " + localeList(targets) + " (locales in healthloc.toml)"
}

// openTargets opens the project a window at a time (see open) and
// resolves --locale values, which may name the pseudo-locale: withPseudo
// says that they do.
func (g *globalOptions) openTargets(bar *progress, names []string) (p *project.Project, locs []language.Tag, withPseudoLocale bool, err error) {
	if p, err = g.open(bar); err != nil {
		return nil, nil, false, err
	}
	names, withPseudoLocale = withPseudo(names)
	if locs, err = targetLocales(p, names, true); err != nil {
		return nil, nil, false, err
	}
	return p, locs, withPseudoLocale, nil
}

// withPseudo resolves the pseudo-locale's alias, and tells whether the
// pseudo-locale is asked for: its catalogs are then made for each window
// of the project (pseudo.Install).
func withPseudo(names []string) ([]string, bool) {
	out := make([]string, len(names))
	asked := false
	for i, n := range names {
		if n == pseudo.Alias {
			n = pseudo.Tag.String()
		}
		asked = asked || n == pseudo.Tag.String()
		out[i] = n
	}
	return out, asked
}

func localeList(locs []language.Tag) string {
	s := ""
	for i, l := range locs {
		if i > 0 {
			s += ", "
		}
		s += l.String()
	}
	return s
}

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
	return resolveLocales(names, source, targets, func(n string, t language.Tag) (language.Tag, error) {
		m := locale.MatchTarget(t, targets)
		switch {
		case !m.Found() && len(m.Close) == 0:
			return t, usagef("--locale %s: not a target locale of this project; %s", n, targetList(targets))
		case !m.Found():
			return t, usagef("--locale %s: %s", n, exchange.NoTarget(t, m, targets))
		case !m.Exact:
			fmt.Fprintf(w, "--locale %s: the project's locale is %s\n", n, m.Locale)
		}
		return m.Locale, nil
	})
}

// matchConfigLocale is the target a --locale means, as matchLocales
// has it, for a command that needs only the configuration.
func matchConfigLocale(io *IO, g *globalOptions, cfg *config.Config, name string) (language.Tag, error) {
	t, err := locale.Parse(name)
	if err != nil {
		return language.Und, usagef("--locale: %w", err)
	}
	locs, err := matchTargets(noteWriter(io, g.Quiet), cfg.Source(), cfg.Targets(), []string{t.String()})
	if err != nil {
		return language.Und, err
	}
	return locs[0], nil
}

// pickDocs resolves --doc values to documents; nil means all.
func pickDocs(p *project.Project, names []string) (map[string]bool, error) {
	if len(names) == 0 {
		return nil, nil
	}
	out := map[string]bool{}
	for _, n := range names {
		found := false
		for _, doc := range p.Documents() {
			if doc == n || content.SlugOf(doc) == n || path.Join(p.Config.ContentRoot, doc) == path.Clean(n) {
				out[doc] = true
				found = true
			}
		}
		if !found {
			return nil, usageError(fmt.Errorf("--doc %q: no such document under %s", n, p.Config.ContentRoot))
		}
	}
	return out, nil
}

// docOf is the document holding message id.
func docOf(p *project.Project, id string) *project.Doc {
	for _, d := range p.Docs {
		if _, ok := d.Source.Messages[id]; ok {
			return d
		}
	}
	return nil
}

// sortedIDs are the message IDs of a document, sorted.
func sortedIDs(d *project.Doc) []string {
	ids := make([]string, 0, len(d.Source.Messages))
	for id := range d.Source.Messages {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// projectPath is a file named on the command line: relative to the
// working directory, or else to the project directory (-C).
func projectPath(p *project.Project, name string) string {
	if _, err := os.Stat(name); err == nil || filepath.IsAbs(name) {
		return name
	}
	if alt := p.Config.Abs(name); alt != name {
		if _, err := os.Stat(alt); err == nil {
			return alt
		}
	}
	return name
}

// findDoc finds the project document of a path given on the command
// line: relative to the working directory, to the project directory
// (-C), or to the content root.
func findDoc(p *project.Project, name string) (*project.Doc, error) {
	root, err := filepath.Abs(p.Config.Abs(p.Config.ContentRoot))
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(name)
	if err != nil {
		return nil, err
	}
	candidates := []string{filepath.ToSlash(filepath.Clean(name))}
	for _, a := range []string{abs, p.Config.Abs(name)} {
		if rel, err := filepath.Rel(root, a); err == nil {
			candidates = append(candidates, filepath.ToSlash(rel))
		}
	}
	for _, c := range candidates {
		for _, d := range p.Docs {
			if d.Path == c {
				return d, nil
			}
		}
	}
	return nil, fmt.Errorf("%s: not a document under the content root %s", name, p.Config.ContentRoot)
}
