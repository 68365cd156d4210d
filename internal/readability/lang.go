package readability

import (
	"math"
	"slices"
	"sort"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/readability/hyph"
)

// Measure is one readability formula or statistic.
type Measure struct {
	// ID names it in configuration (min_<id>, max_<id>) and JSON.
	ID string `json:"id"`
	// Name is how reports name it.
	Name string `json:"name"`
	// Kind is "ease" (0–100, higher is easier), "grade" (school years,
	// lower is easier) or "statistic" (no grade: plain counts).
	Kind string `json:"kind"`
	fn   func(Counts) float64
}

// The kinds of measure.
const (
	KindEase      = "ease"
	KindGrade     = "grade"
	KindStatistic = "statistic"
)

var (
	mFlesch   = Measure{"flesch", "Flesch Reading Ease", KindEase, fleschEase}
	mFK       = Measure{"fk_grade", "Flesch–Kincaid grade", KindGrade, fleschKincaid}
	mSMOG     = Measure{"smog", "SMOG grade", KindGrade, smog}
	mFH       = Measure{"fernandez_huerta", "Fernández Huerta", KindEase, fernandezHuerta}
	mINFLESZ  = Measure{"inflesz", "Szigriszt-Pazos (INFLESZ)", KindEase, szigrisztPazos}
	mKM       = Measure{"kandel_moles", "Kandel–Moles", KindEase, kandelMoles}
	mAmstad   = Measure{"amstad", "Amstad", KindEase, amstad}
	mWSTF     = Measure{"wstf", "Wiener Sachtextformel", KindGrade, wienerSachtext}
	mGulpease = Measure{"gulpease", "Gulpease", KindEase, gulpease}
	mMartins  = Measure{"martins", "Flesch (Martins, Portuguese)", KindEase, martins}
	mOborneva = Measure{"oborneva", "Flesch (Oborneva, Russian)", KindEase, oborneva}
	mOSMAN    = Measure{"osman", "OSMAN", KindEase, osman}
	mWPS      = Measure{"words_per_sentence", "words per sentence", KindStatistic, perSentence}
	mCPS      = Measure{"chars_per_sentence", "characters per sentence", KindStatistic, perSentence}
	mLPW      = Measure{"letters_per_word", "letters per word", KindStatistic, func(c Counts) float64 { return perWord(c.Letters, c) }}
)

// Lang is how one language is measured.
type Lang struct {
	// Base is the base language subtag ("es" for es-MX).
	Base string
	// Measures are the formulas of the language, the first being its
	// ease score (compared between source and translation), or plain
	// statistics.
	Measures []Measure
	// Syllables reports that the formulas need syllables.
	Syllables bool
	// Chars measures in characters: scripts written without spaces.
	Chars bool
	// MaxSentence is the default length limit of a sentence, in Units.
	MaxSentence int
	hyph        hyph.Set
	cache       *wordCache
}

// Units names what Lang counts: "words" or "characters".
func (l *Lang) Units() string {
	if l.Chars {
		return "characters"
	}
	return "words"
}

// Graded reports that the language has readability formulas, not only
// statistics.
func (l *Lang) Graded() bool { return l.Measures[0].Kind != KindStatistic }

// DefaultMaxSentence is the default sentence length limit in words.
const DefaultMaxSentence = 25

// charLimits are the default sentence limits, in characters, of scripts
// written without spaces: about as much to read as 25 English words.
var charLimits = map[string]int{"zh": 40, "yue": 40, "ja": 60, "th": 100, "lo": 100, "km": 100, "my": 100, "bo": 100}

// LangOf is how texts in tag are measured.
func LangOf(tag language.Tag) *Lang {
	b, _ := tag.Base()
	base := b.String()
	l := &Lang{Base: base, MaxSentence: DefaultMaxSentence}
	switch base {
	case "en":
		l.Measures = []Measure{mFlesch, mFK, mSMOG}
	case "es":
		l.Measures = []Measure{mINFLESZ, mFH}
	case "fr":
		l.Measures = []Measure{mKM}
	case "de":
		l.Measures = []Measure{mAmstad, mWSTF}
	case "it":
		l.Measures = []Measure{mGulpease}
	case "pt":
		l.Measures = []Measure{mMartins}
	case "ru":
		l.Measures = []Measure{mOborneva}
	case "ar":
		l.Measures = []Measure{mOSMAN}
	default:
		if n, ok := charLimits[base]; ok {
			l.Chars, l.MaxSentence = true, n
			l.Measures = []Measure{mCPS}
		} else {
			l.Measures = []Measure{mWPS, mLPW}
		}
	}
	if l.Graded() && base != "it" && base != "ar" {
		l.Syllables = true
		l.hyph = hyph.For(base)
		l.cache = cacheFor(base)
	}
	return l
}

// Score is the value of one measure.
type Score struct {
	Measure
	Value float64 `json:"value"`
}

// Result is the measure of one text.
type Result struct {
	Counts    Counts     `json:"counts"`
	Units     string     `json:"units"`
	Scores    []Score    `json:"scores"`
	Sentences []Sentence `json:"-"`
}

// Analyze measures blocks of plain text (Markdown already stripped) in
// the language of lang.
func (l *Lang) Analyze(blocks []string) Result {
	r := Result{Units: l.Units()}
	for i, b := range blocks {
		for _, s := range l.sentencesOf(b, i) {
			r.Sentences = append(r.Sentences, s)
			r.Counts.add(s.Counts)
		}
	}
	r.Scores = l.scores(r.Counts)
	return r
}

func (l *Lang) scores(c Counts) []Score {
	out := make([]Score, len(l.Measures))
	for i, m := range l.Measures {
		v := 0.0
		if c.Words > 0 {
			v = m.fn(c)
		}
		out[i] = Score{Measure: m, Value: round1(v)}
	}
	return out
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }

// Score returns the score of measure id, if the result has it.
func (r Result) Score(id string) (Score, bool) {
	for _, s := range r.Scores {
		if s.ID == id {
			return s, true
		}
	}
	return Score{}, false
}

// Worst returns up to n sentences, hardest first by measure m computed
// on each sentence alone (longest first for statistics), ties in text
// order.
func (l *Lang) Worst(r Result, m Measure, n int) []Sentence {
	type ranked struct {
		s Sentence
		v float64
		i int
	}
	var rs []ranked
	for i, s := range r.Sentences {
		v := float64(s.Length)
		if m.Kind != KindStatistic {
			v = m.fn(s.Counts)
			if m.Kind == KindEase {
				v = -v
			}
		}
		rs = append(rs, ranked{s, v, i})
	}
	sort.SliceStable(rs, func(a, b int) bool { return rs[a].v > rs[b].v })
	var out []Sentence
	for _, x := range rs[:min(n, len(rs))] {
		out = append(out, x.s)
	}
	return out
}

// MeasureByID finds one of the language's measures.
func (l *Lang) MeasureByID(id string) (Measure, bool) {
	i := slices.IndexFunc(l.Measures, func(m Measure) bool { return m.ID == id })
	if i < 0 {
		return Measure{}, false
	}
	return l.Measures[i], true
}
