package align

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/healthloc/healthloc/internal/content"
)

// Level is how sure CheckLanguage is that a document is not in its
// locale's language.
type Level int

// The levels, mildest first.
const (
	// OK: the document is written as the locale is.
	OK Level = iota
	// Unsure: the document may not be in the locale's language; worth a
	// warning, not a refusal.
	Unsure
	// Wrong: the document is in another script or language.
	Wrong
)

// Verdict is CheckLanguage's answer.
type Verdict struct {
	Level Level
	// Message says what was found, for Unsure and Wrong: "written in
	// Hangul script (98% of its letters); es is written in Latin script".
	Message string
}

// scriptNames are the Unicode scripts a locale's ISO 15924 script is
// written in.
var scriptNames = map[string][]string{
	"Latn": {"Latin"}, "Cyrl": {"Cyrillic"}, "Grek": {"Greek"}, "Arab": {"Arabic"}, "Hebr": {"Hebrew"},
	"Hans": {"Han"}, "Hant": {"Han"}, "Hani": {"Han"}, "Jpan": {"Han", "Hiragana", "Katakana"},
	"Kore": {"Hangul", "Han"}, "Hang": {"Hangul"}, "Deva": {"Devanagari"}, "Beng": {"Bengali"},
	"Guru": {"Gurmukhi"}, "Gujr": {"Gujarati"}, "Orya": {"Oriya"}, "Taml": {"Tamil"}, "Telu": {"Telugu"},
	"Knda": {"Kannada"}, "Mlym": {"Malayalam"}, "Sinh": {"Sinhala"}, "Thai": {"Thai"}, "Laoo": {"Lao"},
	"Khmr": {"Khmer"}, "Mymr": {"Myanmar"}, "Tibt": {"Tibetan"}, "Geor": {"Georgian"}, "Armn": {"Armenian"},
	"Ethi": {"Ethiopic"}, "Thaa": {"Thaana"}, "Syrc": {"Syriac"}, "Nkoo": {"Nko"}, "Cher": {"Cherokee"},
	"Mong": {"Mongolian"}, "Tfng": {"Tifinagh"}, "Cans": {"Canadian_Aboriginal"}, "Vaii": {"Vai"}, "Adlm": {"Adlam"},
}

// common are the scripts tried first, in this order; a letter in none of
// them is looked up in every script Unicode knows.
var common = []string{"Latin", "Han", "Cyrillic", "Arabic", "Hangul", "Hiragana", "Katakana", "Greek", "Hebrew",
	"Devanagari", "Thai", "Bengali", "Ethiopic", "Georgian", "Armenian", "Tamil"}

// Thresholds of the script check: a document is in its locale's script
// when at least scriptOK of its letters are; in another when fewer than
// scriptWrong are and it has at least minLetters letters.
const (
	scriptOK    = 0.6
	scriptWrong = 0.2
	minLetters  = 20
)

// CheckLanguage tells whether the translated segments are written in
// loc's script and, for the languages it knows the common words of, in
// loc's language rather than another (English, most often: the source
// itself).
func CheckLanguage(loc language.Tag, segs []content.Segment) Verdict {
	var text strings.Builder
	for _, s := range segs {
		_, p := anchorsOf(s, nil)
		text.WriteString(p)
		text.WriteByte('\n')
	}
	return checkText(loc, text.String())
}

func checkText(loc language.Tag, text string) Verdict {
	sc, conf := loc.Script()
	want := scriptNames[sc.String()]
	if conf == language.No || want == nil {
		return Verdict{Unsure, fmt.Sprintf("cannot check the script of %s text", loc)}
	}
	counts := map[string]int{}
	total := 0
	for _, r := range text {
		if !unicode.IsLetter(r) {
			continue
		}
		total++
		counts[scriptOf(r)]++
	}
	if total == 0 {
		return Verdict{Unsure, "no text to check the language of"}
	}
	in := 0
	for _, w := range want {
		in += counts[w]
	}
	wantName := strings.Join(want, " and ")
	share := float64(in) / float64(total)
	switch {
	case share >= scriptOK:
		return checkWords(loc, text)
	case share < scriptWrong && total >= minLetters:
		top := dominant(counts)
		return Verdict{Wrong, fmt.Sprintf("written in %s script (%d%% of its letters); %s is written in %s script",
			top, counts[top]*100/total, loc, wantName)}
	}
	return Verdict{Unsure, fmt.Sprintf("only %d%% of its letters are in %s script, which %s is written in", in*100/total, wantName, loc)}
}

// scriptOf is the Unicode script of a letter.
func scriptOf(r rune) string {
	for _, name := range common {
		if unicode.Is(unicode.Scripts[name], r) {
			return name
		}
	}
	for _, name := range slices.Sorted(maps.Keys(unicode.Scripts)) {
		if unicode.Is(unicode.Scripts[name], r) {
			return name
		}
	}
	return "Unknown"
}

// dominant is the script with the most letters; of two with as many,
// the first by name.
func dominant(counts map[string]int) string {
	top := ""
	for _, name := range slices.Sorted(maps.Keys(counts)) {
		if top == "" || counts[name] > counts[top] {
			top = name
		}
	}
	return top
}

// commonWords are frequent function words of the Latin-script languages
// the language check knows, chosen so that few are shared between them.
var commonWords = map[string][]string{
	"en": strings.Fields("the and of to is are with for you your this that it be have should from when or not can will if they at by on which what"),
	"es": strings.Fields("el los las del y con para por una su sus es está son cuando pero puede al hay usted muy más también como sin hasta desde entre si o"),
	"fr": strings.Fields("le les des du et est pour avec une dans pas sur vous votre vos ce cette sont plus au aux ou ne peut être qui mais très aussi chez"),
	"pt": strings.Fields("os da do das dos e é com uma não mais você em no na são quando mas pode ao seu sua também muito pelo pela até isso está ou"),
	"de": strings.Fields("der die das und ist mit für von zu den dem ein eine nicht sie auf im sich wenn oder bei auch werden kann sind ihr wie nach sollten"),
	"it": strings.Fields("il gli della dello degli che è per non più sono quando ma può alla nel nella dei delle anche molto questo questa essere hanno ogni tra fra o ed"),
	"nl": strings.Fields("het een en van is met voor niet dat die op te zijn je u uw als maar bij ook om aan worden kan naar dan wat er wordt heeft"),
}

var wordSets = func() map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for l, ws := range commonWords {
		out[l] = map[string]bool{}
		for _, w := range ws {
			out[l][w] = true
		}
	}
	return out
}()

// The word check: a document reads as another language when that
// language's common words number at least wordsWrong and wordsRatio times
// the locale's own (plus a few); it may when they number at least
// wordsUnsure and more than the locale's.
const (
	wordsWrong  = 8
	wordsUnsure = 5
	wordsRatio  = 3
)

// checkWords compares the common words of loc's language in text with
// those of the other languages it knows.
func checkWords(loc language.Tag, text string) Verdict {
	base, _ := loc.Base()
	own := base.String()
	if wordSets[own] == nil {
		return Verdict{Level: OK}
	}
	hits := map[string]int{}
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
		for l, set := range wordSets {
			if set[w] {
				hits[l]++
			}
		}
	}
	other := ""
	for _, l := range slices.Sorted(maps.Keys(wordSets)) {
		if l != own && (other == "" || hits[l] > hits[other]) {
			other = l
		}
	}
	name := func(l string) string { return englishName(language.Make(l)) }
	msg := fmt.Sprintf("reads as %s (%d common %s words, %d %s ones)", name(other), hits[other], name(other), hits[own], name(own))
	switch {
	case hits[other] >= wordsWrong && hits[other] >= wordsRatio*hits[own]+3:
		return Verdict{Wrong, msg}
	case hits[other] >= wordsUnsure && hits[other] > hits[own]:
		return Verdict{Unsure, "may be in another language: it " + msg}
	}
	return Verdict{Level: OK}
}

func englishName(t language.Tag) string { return display.English.Languages().Name(t) }
