package catalog

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"sort"
	"unsafe"
)

// SourceDoc is what a streaming merge knows of one slug's source: its
// current messages and what its old source catalog held beyond them. It
// is compact enough to spill to disk and read back once per locale.
type SourceDoc struct {
	// Msgs are the current source messages, sorted by ID.
	Msgs []SourceMsg
	// Old are the messages of the old source catalog that are not
	// exactly a current message (ID, hash, description and text).
	Old []Message
	// words are each message's tokens until a Vocab numbers them.
	words [][]string
}

// SourceMsg is a current source message with what the merge derives
// from its text.
type SourceMsg struct {
	Message
	// InOld tells that the old source catalog held exactly this message.
	InOld bool
	// Norm identifies the normalized text: equal for texts that
	// Normalize makes equal.
	Norm NormKey
	// Toks are the text's tokens, numbered by the stream's Vocab.
	Toks []int32
}

// NormKey is a 128-bit hash of a Normalize'd text.
type NormKey [16]byte

// normKey hashes Normalize(text).
func normKey(text string) NormKey {
	sum := sha256.Sum256([]byte(Normalize(text)))
	return NormKey(sum[:16])
}

// NewSourceDoc builds a slug's SourceDoc from its current source catalog
// and its old one, either of which may be nil. Its tokens are words until
// Vocab.Number numbers them; it may run on any goroutine.
func NewSourceDoc(current, old *Catalog) *SourceDoc {
	d := &SourceDoc{}
	if current != nil {
		ids := sortedIDs(current)
		d.Msgs = make([]SourceMsg, len(ids))
		d.words = make([][]string, len(ids))
		for i, id := range ids {
			m := current.Messages[id]
			d.Msgs[i] = SourceMsg{Message: m, Norm: normKey(m.Other)}
			if old != nil {
				o, ok := old.Messages[id]
				d.Msgs[i].InOld = ok && o == m
			}
			d.words[i] = tokens(m.Other)
		}
	}
	if old != nil {
		for _, id := range sortedIDs(old) {
			if i, ok := d.find(id); ok && d.Msgs[i].InOld {
				continue
			}
			d.Old = append(d.Old, old.Messages[id])
		}
	}
	return d
}

// Current is the current source message id, if the slug has it.
func (d *SourceDoc) Current(id string) (Message, bool) {
	if d == nil {
		return Message{}, false
	}
	i, ok := d.find(id)
	if !ok {
		return Message{}, false
	}
	return d.Msgs[i].Message, true
}

// find is the index of id in Msgs.
func (d *SourceDoc) find(id string) (int, bool) {
	i := sort.Search(len(d.Msgs), func(i int) bool { return d.Msgs[i].ID >= id })
	return i, i < len(d.Msgs) && d.Msgs[i].ID == id
}

// old is the old source catalog's message id, if it had one.
func (d *SourceDoc) old(id string) (Message, bool) {
	if i, ok := d.find(id); ok && d.Msgs[i].InOld {
		return d.Msgs[i].Message, true
	}
	i := sort.Search(len(d.Old), func(i int) bool { return d.Old[i].ID >= id })
	if i < len(d.Old) && d.Old[i].ID == id {
		return d.Old[i], true
	}
	return Message{}, false
}

// Vocab numbers the words of a project's source texts, so that a
// streaming merge compares and indexes numbers, not strings. Its numbers
// are only ever compared for equality, so the order words arrive in does
// not change any result.
type Vocab struct{ ids vocab }

// NewVocab returns an empty Vocab.
func NewVocab() *Vocab { return &Vocab{ids: vocab{}} }

// Number numbers d's words, adding new ones to v. It must not run
// concurrently with another call on v.
func (v *Vocab) Number(d *SourceDoc) {
	for i, ws := range d.words {
		d.Msgs[i].Toks = v.ids.intern(ws, true)
	}
	d.words = nil
}

// Len is the number of words in v.
func (v *Vocab) Len() int { return len(v.ids) }

// vocab maps words to numbers.
type vocab map[string]int32

// intern numbers words through the vocabulary. A word the vocabulary
// lacks is added when add is set, else numbered negatively, each distinct
// word differently, so it matches only itself.
func (v vocab) intern(words []string, add bool) []int32 {
	out := make([]int32, len(words))
	var extra map[string]int32
	for i, w := range words {
		id, ok := v[w]
		switch {
		case ok:
		case add:
			id = int32(len(v))
			v[w] = id
		default:
			if extra == nil {
				extra = map[string]int32{}
			}
			if id, ok = extra[w]; !ok {
				id = -1 - int32(len(extra))
				extra[w] = id
			}
		}
		out[i] = id
	}
	return out
}

// AppendBinary appends d, once numbered, in the form DecodeSourceDoc
// reads.
func (d *SourceDoc) AppendBinary(b []byte) []byte {
	b = binary.AppendUvarint(b, uint64(len(d.Msgs)))
	for _, m := range d.Msgs {
		b = appendMessage(b, m.Message)
		flag := byte(0)
		if m.InOld {
			flag = 1
		}
		b = append(b, flag)
		b = append(b, m.Norm[:]...)
		b = binary.AppendUvarint(b, uint64(len(m.Toks)))
		for _, t := range m.Toks {
			b = binary.AppendUvarint(b, uint64(t))
		}
	}
	b = binary.AppendUvarint(b, uint64(len(d.Old)))
	for _, m := range d.Old {
		b = appendMessage(b, m)
	}
	return b
}

func appendMessage(b []byte, m Message) []byte {
	for _, s := range [...]string{m.ID, m.Hash, m.Description, m.Other} {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	return b
}

var errShortSource = errors.New("source record cut short")

// DecodeSourceDoc reads what AppendBinary wrote. The SourceDoc's strings
// share b's memory, which must not change afterwards: a caller keeping
// a string longer than the SourceDoc should clone it, lest it keep all of
// b alive.
func DecodeSourceDoc(b []byte) (*SourceDoc, error) {
	r := reader{b: b}
	d := &SourceDoc{}
	n := r.uvarint()
	if n > uint64(len(b)) {
		return nil, errShortSource
	}
	d.Msgs = make([]SourceMsg, n)
	var toks []int32 // one array for the document's tokens
	for i := range d.Msgs {
		m := &d.Msgs[i]
		m.Message = r.message()
		m.InOld = r.bytes(1)[0] == 1
		copy(m.Norm[:], r.bytes(len(m.Norm)))
		nt := r.uvarint()
		if nt > uint64(len(r.b)) {
			return nil, errShortSource
		}
		if toks == nil {
			toks = make([]int32, 0, len(b)/4)
		}
		start := len(toks)
		for range nt {
			toks = append(toks, int32(r.uvarint()))
		}
		m.Toks = toks[start:len(toks):len(toks)]
	}
	n = r.uvarint()
	if n > uint64(len(b)) {
		return nil, errShortSource
	}
	d.Old = make([]Message, n)
	for i := range d.Old {
		d.Old[i] = r.message()
	}
	if r.short {
		return nil, errShortSource
	}
	return d, nil
}

// reader decodes AppendBinary's form; a read past the end sets short and
// returns zeros.
type reader struct {
	b     []byte
	short bool
}

var zeros [16]byte

func (r *reader) bytes(n int) []byte {
	if n > len(r.b) {
		r.short, r.b = true, nil
		return zeros[:n]
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *reader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.short, r.b = true, nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

// string returns the next string, sharing the record's memory.
func (r *reader) string() string {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.short, r.b = true, nil
		return ""
	}
	if n == 0 {
		return ""
	}
	return unsafe.String(&r.bytes(int(n))[0], n)
}

func (r *reader) message() Message {
	return Message{ID: r.string(), Hash: r.string(), Description: r.string(), Other: r.string()}
}
