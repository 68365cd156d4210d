package memory

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path"
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/exchange"
)

// Index is one locale's memory, ready to answer: exact matches by the
// normalized source text (a hash key per unit), and fuzzy ones through
// the words the units share, indexed on first use.
type Index struct {
	files []*File
	units []entry
	// raw holds the units whose codes are all known, by their source as
	// the project writes it; protected the others, by their source with
	// placeholders, which a segment's protected text matches.
	raw, protected map[catalog.NormKey]int32
	once           sync.Once
	postings       map[string][]int32
	plain          []string
}

// entry is a unit and the memory it came from.
type entry struct {
	Unit
	file int32
}

// Load reads loc's memories from the work area of the project in fsys;
// nil when loc has none.
func Load(fsys fs.FS, workRoot string, loc language.Tag) (*Index, error) {
	dir := path.Join(path.Clean(workRoot), loc.String(), Dir)
	files, _, err := readDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, nil
	}
	return NewIndex(files), nil
}

// readDir parses the memory files in folder dir (hidden ones left out),
// in the order of their names, with their paths; none when dir does not
// exist.
func readDir(fsys fs.FS, dir string) (files []*File, paths []string, err error) {
	entries, err := fs.ReadDir(fsys, dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", dir, err)
	}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".toml") || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		name := dir + "/" + e.Name()
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, nil, err
		}
		f, err := Parse(name, data)
		if err != nil {
			return nil, nil, err
		}
		files = append(files, f)
		paths = append(paths, name)
	}
	return files, paths, nil
}

// NewIndex indexes memory files. Where two units translate the same
// source, the one of the most recent memory (by its header's date, then
// by name) answers an exact lookup.
func NewIndex(files []*File) *Index {
	files = slices.Clone(files)
	slices.SortFunc(files, func(a, b *File) int {
		return cmp.Or(cmp.Compare(b.Date, a.Date), cmp.Compare(a.Name, b.Name))
	})
	ix := &Index{files: files, raw: map[catalog.NormKey]int32{}, protected: map[catalog.NormKey]int32{}}
	for fi, f := range files {
		for _, u := range f.Units {
			k := int32(len(ix.units))
			ix.units = append(ix.units, entry{u, int32(fi)})
			if raw, ok := u.raw(u.Source); ok {
				if _, dup := ix.raw[catalog.KeyOf(raw)]; !dup {
					ix.raw[catalog.KeyOf(raw)] = k
				}
			} else if _, dup := ix.protected[catalog.KeyOf(u.Source)]; !dup {
				ix.protected[catalog.KeyOf(u.Source)] = k
			}
		}
	}
	return ix
}

// Len is the number of units.
func (ix *Index) Len() int { return len(ix.units) }

// raw is s, a text of u, with its codes restored, when they are all
// known.
func (u Unit) raw(s string) (string, bool) {
	if len(u.Codes) == 0 {
		return s, true
	}
	if !known(u.Codes) {
		return "", false
	}
	return restore(s, u.Codes)
}

// restore is exchange.Restore without a regular expression: extract
// restores every unit of a memory once.
func restore(s string, codes []string) (string, bool) {
	if strings.IndexByte(s, '<') < 0 {
		return s, true
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			b.WriteString(s)
			return b.String(), true
		}
		j := i + 1
		n := 0
		for j < len(s) && s[j] >= '0' && s[j] <= '9' && j-i < 6 {
			n = n*10 + int(s[j]-'0')
			j++
		}
		if j == i+1 || !strings.HasPrefix(s[j:], "/>") {
			b.WriteString(s[:i+1])
			s = s[i+1:]
			continue
		}
		if n < 1 || n > len(codes) {
			return "", false
		}
		b.WriteString(s[:i])
		b.WriteString(codes[n-1])
		s = s[j+2:]
	}
}

// origin is the candidate origin of entry k.
func (ix *Index) origin(k int32) string { return OriginPrefix + ix.files[ix.units[k].file].Name }

// Exact is the memory's translation of a source text (key is its
// catalog.KeyOf), restored to the text's own markup, and the origin to
// record; ok is false when the memory has none.
func (ix *Index) Exact(source string, key catalog.NormKey) (text, origin string, ok bool) {
	k, text, ok := ix.exact(source, key)
	if !ok {
		return "", "", false
	}
	return text, ix.origin(k), true
}

func (ix *Index) exact(source string, key catalog.NormKey) (int32, string, bool) {
	if ix == nil {
		return 0, "", false
	}
	if k, hit := ix.raw[key]; hit {
		if t, ok := ix.units[k].raw(ix.units[k].Target); ok {
			return k, t, true
		}
	}
	if len(ix.protected) == 0 {
		return 0, "", false
	}
	prot, codes := protect(source)
	k, hit := ix.protected[catalog.KeyOf(prot)]
	if !hit || len(ix.units[k].Codes) != len(codes) {
		return 0, "", false
	}
	t, err := exchange.Restore(ix.units[k].Target, codes)
	if err != nil {
		return 0, "", false
	}
	return k, t, true
}

// protect is a segment's text with placeholders, as an export writes it:
// the numbered tags of an HTML segment, or Markdown's markup.
func protect(s string) (string, []string) {
	if exchange.HasNumberedTags(s) {
		return exchange.ProtectTags(s)
	}
	return exchange.Protect(s, true)
}

// Match is a suggestion from the memory for a source text.
type Match struct {
	// Source and Target are the memory's texts, their codes restored
	// where the memory knows them ("<n/>" placeholders else).
	Source string `json:"source"`
	Target string `json:"target"`
	// Origin names the memory ("memory: agency-2019.tmx"); Tool and
	// Date are what its file's header says.
	Origin string `json:"origin"`
	Tool   string `json:"tool,omitempty"`
	Date   string `json:"date,omitempty"`
	// Score is the similarity of the two sources, in percent (100: the
	// same text).
	Score int `json:"score"`
}

// The rule for a fuzzy match, as extract's own memory has it: at least
// minWords words on both sides, and a similarity of threshold or more.
const (
	threshold = 0.7
	minWords  = 4
	// maxPosting is how many units a word may index before it is too
	// common to find candidates by.
	maxPosting = 2000
)

// Suggest returns up to n matches for a source text, best first: the
// exact one, then those whose words are at least 70% alike (2·LCS over
// both word counts, with 4 words or more on both sides).
func (ix *Index) Suggest(source string, n int) []Match {
	if ix == nil || n <= 0 {
		return nil
	}
	ix.once.Do(ix.build)
	var out []Match
	seen := map[string]bool{}
	if k, t, ok := ix.exact(source, catalog.KeyOf(source)); ok {
		file := ix.files[ix.units[k].file]
		out = append(out, Match{Source: source, Target: t, Origin: ix.origin(k), Tool: file.Tool, Date: file.Date, Score: 100})
		seen[t] = true
	}
	q := plainText(source)
	words := catalog.Tokens(q)
	if len(words) < minWords {
		return out
	}
	uniq := slices.Compact(slices.Sorted(slices.Values(words)))
	slices.SortFunc(uniq, func(a, b string) int { return cmp.Compare(len(ix.postings[a]), len(ix.postings[b])) })
	// a unit as alike as the threshold shares enough words with the text
	// to hold one of its rarest
	need := int(math.Ceil(threshold * float64(len(uniq)) / (2 - threshold)))
	cands := map[int32]bool{}
	for _, w := range uniq[:max(1, len(uniq)-need+1)] {
		if len(ix.postings[w]) > maxPosting {
			continue
		}
		for _, k := range ix.postings[w] {
			cands[k] = true
		}
	}
	type scored struct {
		k     int32
		score float64
	}
	var found []scored
	for k := range cands {
		if len(catalog.Tokens(ix.plain[k])) < minWords {
			continue
		}
		if s := catalog.Similarity(q, ix.plain[k]); s >= threshold {
			found = append(found, scored{k, s})
		}
	}
	slices.SortFunc(found, func(a, b scored) int { return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.k, b.k)) })
	for _, f := range found {
		if len(out) == n {
			break
		}
		u := ix.units[f.k]
		src, ok := u.raw(u.Source)
		if !ok {
			src = u.Source
		}
		t, ok := u.raw(u.Target)
		if !ok {
			t = u.Target
		}
		if seen[t] {
			continue
		}
		seen[t] = true
		file := ix.files[u.file]
		out = append(out, Match{Source: src, Target: t, Origin: ix.origin(f.k), Tool: file.Tool, Date: file.Date, Score: min(99, int(f.score*100))})
	}
	return out
}

// build indexes every unit by the words of its source.
func (ix *Index) build() {
	ix.postings = map[string][]int32{}
	ix.plain = make([]string, len(ix.units))
	for k, u := range ix.units {
		ix.plain[k] = plainText(u.Source)
		words := slices.Compact(slices.Sorted(slices.Values(catalog.Tokens(ix.plain[k]))))
		for _, w := range words {
			ix.postings[w] = append(ix.postings[w], int32(k))
		}
	}
}

// plainText is a text without its markup: what a reader sees, which is
// what fuzzy matching compares.
func plainText(s string) string {
	if !tokenRe.MatchString(s) {
		s, _ = protect(s)
	}
	return tokenRe.ReplaceAllString(s, " ")
}
