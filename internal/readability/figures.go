package readability

import (
	"math"
	"strconv"

	"golang.org/x/text/language"
)

// Fixed is a figure rounded to one decimal. Its text and JSON forms
// always show the decimal ("65.0"), so that reports are byte for byte
// the same from run to run and line up in columns.
type Fixed float64

func fixed(v float64) Fixed {
	v = math.Round(v*10) / 10
	if v == 0 {
		v = 0 // no "-0.0"
	}
	return Fixed(v)
}

func (f Fixed) String() string { return strconv.FormatFloat(float64(fixed(float64(f))), 'f', 1, 64) }

// MarshalJSON writes the number with its one decimal.
func (f Fixed) MarshalJSON() ([]byte, error) { return []byte(f.String()), nil }

// Figure is the value of one formula.
type Figure struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Kind  string `json:"kind"`
	Value Fixed  `json:"value"`
}

// Figures are what reports show of one document in one locale: the
// language's own formulas, sentence and word length, and the sentences
// over the limit.
type Figures struct {
	Locale string `json:"locale"`
	// Units are "words", or "characters" for scripts written without
	// spaces.
	Units     string `json:"units"`
	Sentences int    `json:"sentences"`
	// Words are counted in Units.
	Words int `json:"words"`
	// Scores are the language's formulas (grades and ease scores), none
	// for a language measured by statistics only.
	Scores []Figure `json:"scores"`
	// SentenceLength is Units per sentence.
	SentenceLength Fixed `json:"sentence_length"`
	// WordLength is letters per word; absent when Units are characters.
	WordLength *Fixed `json:"word_length,omitempty"`
	// LongSentences are the sentences over SentenceLimit in the text
	// written in the locale (or inherited from a parent locale), as
	// check's long-sentence finding counts them; text that fell back to
	// the source is left out.
	LongSentences int `json:"long_sentences"`
	SentenceLimit int `json:"sentence_limit"`
	// FallbackWords are the words of blocks published in another
	// locale's text (a parent's or the source's).
	FallbackWords int `json:"fallback_words"`

	counts Counts
	lang   *Lang
	tag    language.Tag
}

// Ease is the language's ease score (its first formula), if it has one.
func (f Figures) Ease() (Figure, bool) {
	if len(f.Scores) > 0 && f.Scores[0].Kind == KindEase {
		return f.Scores[0], true
	}
	return Figure{}, false
}

// FiguresOf sums up the measure of a document for reports, with the
// sentence limit of r (the defaults when r is nil).
func (r *Rules) FiguresOf(m Doc) Figures {
	if r == nil {
		r = &Rules{}
	}
	limit := r.MaxSentence(m.tag, m.lang)
	long := 0
	for _, s := range m.Sentences {
		from := m.Blocks[s.Block].From
		if (from != m.src || m.tag == m.src) && s.Length > limit {
			long++
		}
	}
	f := figures(m.tag, m.lang, m.Counts)
	f.LongSentences, f.SentenceLimit, f.FallbackWords = long, limit, m.FallbackWords
	return f
}

func figures(loc language.Tag, l *Lang, c Counts) Figures {
	f := Figures{Locale: loc.String(), Units: l.Units(), Sentences: c.Sentences, Words: c.Words,
		Scores: []Figure{}, counts: c, lang: l, tag: loc}
	if c.Words == 0 {
		return f
	}
	for _, s := range l.scores(c) {
		if s.Kind != KindStatistic {
			f.Scores = append(f.Scores, Figure{ID: s.ID, Name: s.Name, Kind: s.Kind, Value: fixed(s.Value)})
		}
	}
	f.SentenceLength = fixed(perSentence(c))
	if !l.Chars {
		wl := fixed(perWord(c.Letters, c))
		f.WordLength = &wl
	}
	return f
}

// Total sums up the figures of several documents in one locale: the
// formulas computed again on the added counts, as if the documents were
// one text. fs must come from FiguresOf, all in the same locale.
func Total(fs []Figures) Figures {
	if len(fs) == 0 {
		return Figures{Scores: []Figure{}}
	}
	var c Counts
	long, fallback := 0, 0
	for _, f := range fs {
		c.add(f.counts)
		long += f.LongSentences
		fallback += f.FallbackWords
	}
	t := figures(fs[0].tag, fs[0].lang, c)
	t.LongSentences, t.SentenceLimit, t.FallbackWords = long, fs[0].SentenceLimit, fallback
	return t
}
