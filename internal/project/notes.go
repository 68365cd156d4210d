package project

import (
	"slices"
	"sync"
)

// notes is a set of warnings, added to from several goroutines: a
// document parsed twice (render reads the project twice) warns once.
type notes struct {
	mu  sync.Mutex
	set map[string]bool
}

func (n *notes) add(w string) {
	if n == nil {
		return
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.set == nil {
		n.set = map[string]bool{}
	}
	n.set[w] = true
}

// Warnings are the warnings about the files read so far, each naming its
// file, sorted; the caller decides how to show them.
func (p *Project) Warnings() []string {
	if p.notes == nil {
		return nil
	}
	p.notes.mu.Lock()
	defer p.notes.mu.Unlock()
	out := make([]string, 0, len(p.notes.set))
	for w := range p.notes.set {
		out = append(out, w)
	}
	slices.Sort(out)
	return out
}
