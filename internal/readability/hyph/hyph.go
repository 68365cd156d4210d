// Package hyph finds the hyphenation points of words with Liang's
// patterns, in the format of LibreOffice's hyphenation dictionaries
// (hyph_*.dic, as Debian's hyphen-* packages ship them). readability
// counts syllables with it: a word has one syllable more than it has
// points, when the patterns are applied with a minimum of one letter on
// either side of a point.
//
// The patterns of the languages that need syllables are generated from
// the Debian packages into data/ (go generate; see gen/) and embedded,
// with their licences beside them.
package hyph

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"embed"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"unicode"
)

//go:generate go run ./gen -src /usr/share/hyphen -doc /usr/share/doc -out data

//go:embed data/*.dic.gz
var data embed.FS

// Patterns are the hyphenation patterns of one language. A dictionary
// may have two levels (NEXTLEVEL): the first finds the boundaries of
// compounds, the second hyphenates each part.
type Patterns struct {
	levels []*level
}

type level struct {
	// pats maps the letters of a pattern, '.' marking a word edge, to
	// its values: one more than its letters.
	pats   map[string][]byte
	maxLen int // longest pattern, in runes
}

// Parse reads a dictionary in UTF-8: an optional charset line, options
// (LEFTHYPHENMIN and the like, which counting ignores), comments (% or
// #), and one pattern per line. A non-standard pattern's replacement
// ("c1k/k=k,1,2") is dropped: only its break position counts.
func Parse(r io.Reader) (*Patterns, error) {
	p := &Patterns{levels: []*level{newLevel()}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if i := strings.IndexAny(s, " \t"); i >= 0 {
			s = s[:i]
		}
		switch {
		case s == "" || s[0] == '%' || s[0] == '#':
			continue
		case line == 1 && isCharset(s):
			continue
		case s == "NEXTLEVEL":
			p.levels = append(p.levels, newLevel())
			continue
		case isOption(s):
			continue
		}
		if i := strings.IndexByte(s, '/'); i >= 0 {
			s = s[:i]
		}
		if err := p.levels[len(p.levels)-1].add(s); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	// A first level with no patterns (a file that starts with NEXTLEVEL)
	// adds nothing.
	if len(p.levels) > 1 && len(p.levels[0].pats) == 0 {
		p.levels = p.levels[1:]
	}
	return p, nil
}

func newLevel() *level { return &level{pats: map[string][]byte{}} }

func isCharset(s string) bool {
	return strings.HasPrefix(s, "UTF-8") || strings.HasPrefix(s, "ISO8859") || strings.HasPrefix(s, "KOI8") ||
		strings.HasPrefix(s, "microsoft-cp")
}

// isOption reports an option line such as LEFTHYPHENMIN 2: upper-case
// ASCII letters only.
func isOption(s string) bool {
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r == '_') {
			return false
		}
	}
	return true
}

// add stores one pattern such as ".ad4der" or "2'2".
func (l *level) add(s string) error {
	var letters []rune
	var vals []byte
	pending := byte(0)
	for _, r := range s {
		if r >= '0' && r <= '9' {
			pending = byte(r - '0')
			continue
		}
		vals = append(vals, pending)
		pending = 0
		letters = append(letters, unicode.ToLower(r))
	}
	vals = append(vals, pending)
	if len(letters) == 0 {
		return fmt.Errorf("pattern %q has no letters", s)
	}
	key := string(letters)
	if old, ok := l.pats[key]; ok { // the same letters twice: keep the higher values
		for i := range old {
			vals[i] = max(vals[i], old[i])
		}
	}
	l.pats[key] = vals
	l.maxLen = max(l.maxLen, len(letters))
	return nil
}

// Points returns the positions, in runes from the start of word, where
// the patterns allow a break with at least one letter on each side. The
// word is matched in lower case.
func (p *Patterns) Points(word string) []int {
	w := []rune(strings.ToLower(word))
	if len(w) < 2 {
		return nil
	}
	cuts := []int{0, len(w)}
	for _, l := range p.levels {
		var next []int
		for k := 0; k+1 < len(cuts); k++ {
			a, b := cuts[k], cuts[k+1]
			next = append(next, a)
			for _, pt := range l.points(w[a:b]) {
				next = append(next, a+pt)
			}
		}
		next = append(next, len(w))
		cuts = next
	}
	return cuts[1 : len(cuts)-1]
}

// points applies one level to a word (or a part of a compound).
func (l *level) points(w []rune) []int {
	if len(w) < 2 {
		return nil
	}
	s := make([]rune, 0, len(w)+2)
	s = append(s, '.')
	s = append(s, w...)
	s = append(s, '.')
	vals := make([]byte, len(s)+1)
	var key strings.Builder
	for i := range s {
		key.Reset()
		for j := i; j < len(s) && j-i < l.maxLen; j++ {
			key.WriteRune(s[j])
			v, ok := l.pats[key.String()]
			if !ok {
				continue
			}
			for k, x := range v {
				if x > vals[i+k] {
					vals[i+k] = x
				}
			}
		}
	}
	// vals[k] is the value before s[k]; a break between w[i-1] and w[i]
	// is before s[i+1].
	var out []int
	for i := 1; i < len(w); i++ {
		if vals[i+1]%2 == 1 {
			out = append(out, i)
		}
	}
	return out
}

// Languages are the base language subtags with embedded patterns.
func Languages() []string {
	entries, _ := data.ReadDir("data")
	var out []string
	for _, e := range entries {
		if name, ok := strings.CutSuffix(e.Name(), ".dic.gz"); ok && !strings.Contains(name, ".") {
			out = append(out, name)
		}
	}
	return out
}

// Set is the dictionaries of one language; its points are the union of
// theirs.
type Set []*Patterns

// Points is the union of the points of every dictionary, sorted.
func (s Set) Points(word string) []int {
	if len(s) == 1 {
		return s[0].Points(word)
	}
	seen := map[int]bool{}
	for _, p := range s {
		for _, pt := range p.Points(word) {
			seen[pt] = true
		}
	}
	out := make([]int, 0, len(seen))
	for pt := range seen {
		out = append(out, pt)
	}
	slices.Sort(out)
	return out
}

var (
	mu     sync.Mutex
	loaded = map[string]Set{}
)

// For returns the embedded dictionaries of a base language ("en", "es"),
// or nil when there are none. They are parsed once, on first use.
func For(lang string) Set {
	mu.Lock()
	defer mu.Unlock()
	if s, ok := loaded[lang]; ok {
		return s
	}
	var s Set
	entries, _ := data.ReadDir("data")
	for _, e := range entries {
		name, _ := strings.CutSuffix(e.Name(), ".dic.gz")
		if name == lang || strings.HasPrefix(name, lang+".") {
			if p, err := load(e.Name()); err == nil {
				s = append(s, p)
			}
		}
	}
	loaded[lang] = s
	return s
}

func load(file string) (*Patterns, error) {
	raw, err := data.ReadFile("data/" + file)
	if err != nil {
		return nil, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	return Parse(zr)
}
