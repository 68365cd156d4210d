package memory

import (
	"errors"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/healthloc/healthloc/internal/plan"
	"github.com/healthloc/healthloc/internal/project"
)

// Info is one memory file of a project.
type Info struct {
	Origin
	Locale string `json:"locale"`
	Units  int    `json:"units"`
	Path   string `json:"path"`
}

// List reads every memory in the work area workRoot of the project
// folder fsys, by name and locale.
func List(fsys fs.FS, workRoot string) ([]Info, error) {
	root := path.Clean(workRoot)
	dirs, err := fs.ReadDir(fsys, root)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []Info
	for _, d := range dirs {
		if !d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			continue
		}
		infos, err := listLocale(fsys, root+"/"+d.Name()+"/"+Dir, d.Name())
		if err != nil {
			return nil, err
		}
		out = append(out, infos...)
	}
	slices.SortFunc(out, func(a, b Info) int {
		if c := strings.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return strings.Compare(a.Locale, b.Locale)
	})
	return out, nil
}

// listLocale reads the memories of one locale, in folder dir.
func listLocale(fsys fs.FS, dir, loc string) ([]Info, error) {
	files, paths, err := readDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	out := make([]Info, len(files))
	for i, m := range files {
		out[i] = Info{Origin: m.Origin, Locale: loc, Units: len(m.Units), Path: paths[i]}
	}
	return out, nil
}

// Added is what adding one file to the memory gave.
type Added struct {
	File    string            `json:"file"`
	Name    string            `json:"name"`
	Format  string            `json:"format"`
	Tool    string            `json:"tool,omitempty"`
	Date    string            `json:"date,omitempty"`
	Units   map[string]int    `json:"units"`
	Matched map[string]string `json:"matched,omitempty"`
	Skipped []Skip            `json:"skipped"`
}

// PlanAdd is the plan that adds the files read, each a memory, to the
// work area workRoot: one file per locale. A memory added again replaces
// the one of that name among have, the project's memories.
func PlanAdd(workRoot string, reads []*Read, have []Info) (plan.Plan, []Added) {
	var pl plan.Plan
	var reports []Added
	for _, r := range reads {
		rep := Added{File: r.Origin.File, Name: r.Origin.Name, Format: r.Origin.Format, Tool: r.Origin.Tool,
			Date: r.Origin.Date, Units: map[string]int{}, Matched: r.Matched, Skipped: r.Skipped}
		for loc, f := range r.Files {
			pl.Add(Path(workRoot, loc, r.Origin.Name), f.Marshal())
			rep.Units[loc] = len(f.Units)
		}
		for _, m := range have {
			if m.Name == r.Origin.Name && r.Files[m.Locale] == nil {
				pl.Remove = append(pl.Remove, Path(workRoot, m.Locale, m.Name))
			}
		}
		if rep.Skipped == nil {
			rep.Skipped = []Skip{}
		}
		reports = append(reports, rep)
	}
	return pl, reports
}

// DropCandidates is the plan that removes from the work area of p,
// loaded whole, the candidates that the memories names proposed and no
// reviewer approved yet, rejected ones included; and how many it drops
// of each memory.
func DropCandidates(p *project.Project, names []string) (plan.Plan, map[string]int) {
	var pl plan.Plan
	dropped := map[string]int{}
	for _, loc := range p.Config.Targets() {
		st := p.WorkflowState(loc).Clone()
		slugs := map[string]bool{}
		for id, c := range st.Candidates {
			for _, n := range names {
				if c.Origin == OriginPrefix+n {
					delete(st.Candidates, id)
					slugs[c.Slug] = true
					dropped[n]++
				}
			}
		}
		if len(slugs) > 0 {
			part := p.PlanWrite(loc, slices.Sorted(maps.Keys(slugs)), nil, st)
			pl.Files, pl.Remove, pl.Then = append(pl.Files, part.Files...), append(pl.Remove, part.Remove...), append(pl.Then, part.Then...)
		}
	}
	return pl, dropped
}
