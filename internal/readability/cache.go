package readability

import (
	"sync"
	"sync/atomic"

	"github.com/healthloc/healthloc/internal/readability/hyph"
)

// Syllable counts repeat: a document's words are mostly words seen
// before. Each language keeps the counts it has made, up to
// maxCachedWords words, shared by every goroutine; past that, counts
// are made again each time, so memory stays bounded whatever the text.
const maxCachedWords = 1 << 18

type wordCache struct {
	m sync.Map // word → int
	n atomic.Int64
}

var (
	cachesMu sync.Mutex
	caches   = map[string]*wordCache{}
)

func cacheFor(lang string) *wordCache {
	cachesMu.Lock()
	defer cachesMu.Unlock()
	c, ok := caches[lang]
	if !ok {
		c = &wordCache{}
		caches[lang] = c
	}
	return c
}

// cachedSyllables is syllables(p, lang, word), remembered.
func cachedSyllables(c *wordCache, p hyph.Set, lang, word string) int {
	if v, ok := c.m.Load(word); ok {
		return v.(int)
	}
	n := syllables(p, lang, word)
	if c.n.Load() < maxCachedWords {
		if _, loaded := c.m.LoadOrStore(word, n); !loaded {
			c.n.Add(1)
		}
	}
	return n
}
