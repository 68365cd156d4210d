package catalog

import (
	"maps"
	"slices"
	"strings"

	"github.com/healthloc/healthloc/internal/workers"
)

// emit reads every slug once more and hands over its merged catalog.
func (s *streamer) emit() (map[string]string, error) {
	previous := map[string]string{}
	type out struct {
		cat  *Catalog
		had  bool
		prev map[string]string
		src  *SourceDoc
	}
	res := make([]out, streamBatch)
	var docs []Emitted
	flush := func() error {
		if len(docs) == 0 {
			return nil
		}
		err := s.in.Emit(docs)
		docs = nil
		return err
	}
	err := workers.Batched(len(s.in.Slugs), streamBatch, func(i int) error {
		src, tgt, err := s.read(i)
		if err != nil {
			return err
		}
		c, prev := s.merged(i, src, tgt)
		res[i%streamBatch] = out{c, tgt != nil, prev, src}
		return nil
	}, func(i int) error {
		o := res[i%streamBatch]
		res[i%streamBatch] = out{}
		for id, text := range o.prev {
			previous[id] = text
		}
		if o.cat != nil || o.had {
			docs = append(docs, Emitted{Slug: i, Cat: o.cat, Previous: o.prev, Source: o.src})
		}
		if len(docs) >= streamBatch {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	return previous, err
}

// merged is slug i's catalog after the merge, nil when it has no
// entries, and the previous source texts of its stale and obsolete
// translations.
func (s *streamer) merged(i int, src *SourceDoc, tgt *Catalog) (*Catalog, map[string]string) {
	c := &Catalog{Messages: map[string]Message{}}
	prev := map[string]string{}
	if tgt != nil {
		c.Locale = tgt.Locale
		for id, msg := range tgt.Messages {
			j, live := src.find(id)
			if !live {
				continue // left: placed elsewhere, or obsolete
			}
			from, _, _ := s.sourceOf(id, msg, src)
			msg, p := kept(msg, from, src.Msgs[j].Message)
			c.Messages[id] = msg
			if p != "" {
				prev[id] = strings.Clone(p) // kept past the source's batch
			}
		}
	}
	for ri := s.recvAt[i]; ri < s.recvAt[i+1]; ri++ {
		if r := &s.recv[ri]; r.how != unfilled {
			sm := src.Msgs[r.msg].Message
			msg, p := s.give(r, sm)
			if p != "" {
				prev[sm.ID] = p
			}
			c.Messages[sm.ID] = msg
		}
	}
	for _, e := range s.obsolete[int32(i)] {
		c.Messages[e.id] = e.msg
		if e.from != "" {
			prev[e.id] = e.from
		}
	}
	// previous texts only matter while a translation is stale or obsolete
	for id := range prev {
		if j, live := src.find(id); live && c.Messages[id].Hash == src.Msgs[j].Hash {
			delete(prev, id)
		}
	}
	if len(c.Messages) == 0 {
		c = nil
	}
	return c, prev
}

// fetchDonors reads the translation and source of every donor used.
func (s *streamer) fetchDonors() error {
	bySlug := map[int32][]int32{}
	for k := range s.mem.donors {
		if d := &s.mem.donors[k]; d.used != nil {
			bySlug[d.at.slug] = append(bySlug[d.at.slug], int32(k))
		}
	}
	slugs := slices.Sorted(maps.Keys(bySlug))
	return workers.Batched(len(slugs), streamBatch, func(j int) error {
		src, tgt, err := s.read(int(slugs[j]))
		if err != nil {
			return err
		}
		for _, k := range bySlug[slugs[j]] {
			d := &s.mem.donors[k]
			m := src.Msgs[d.at.msg]
			d.used.from, d.used.hash = strings.Clone(m.Other), strings.Clone(m.Hash)
			if d.entry != nil {
				d.used.other = d.entry.msg.Other
			} else if tgt != nil {
				d.used.other = tgt.Messages[m.ID].Other
			}
		}
		return nil
	}, func(int) error { return nil })
}
