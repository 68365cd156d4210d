package catalog

import (
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
			s.place(c, prev, src.Msgs[r.msg].Message, r)
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

// place gives receiver r, whose source message is sm, its translation,
// as Merge's place does.
func (s *streamer) place(c *Catalog, prev map[string]string, sm Message, r *receiver) {
	var msg Message
	var from string
	upToDate := false
	switch r.how {
	case filledMoved, filledCarried:
		e := s.left[r.from]
		msg, from, upToDate = e.msg, e.from, r.how == filledMoved && e.current
	case filledExact:
		msg, upToDate = Message{Other: s.donors[r.from].used.other}, true
	case filledFuzzy:
		d := s.donors[r.from].used
		msg, from = Message{Hash: d.hash, Other: d.other}, d.from
	}
	msg, p := placed(msg, from, sm, upToDate)
	if p != "" {
		prev[sm.ID] = p
	}
	c.Messages[sm.ID] = msg
}
