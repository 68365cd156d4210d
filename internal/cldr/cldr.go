// Package cldr holds what the translation checks need from the Unicode
// Common Locale Data Repository, generated from the XML that Debian's
// unicode-cldr-core package installs: number words (from the spell-out
// rules), ordinal markers, month names and date orders, unit names,
// compact-number magnitudes ("million", "万", "crore") and decimal
// separators, for every language CLDR has data for.
//
// The tables are plain text, one string per locale, decoded the first
// time a locale is asked for: nothing is built at program start.
package cldr

//go:generate go run ./gen -cldr /usr/share/unicode/cldr/common -out tables.go

import (
	"sort"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/text/language"
)

// Word is a number word and its value.
type Word struct {
	Text  string
	Value int64
}

// Affix is what turns a number into an ordinal: the prefix "第" of 第3
// and 第三, the suffix "th" of 4th.
type Affix struct{ Prefix, Suffix string }

// Unit is one name of a unit in a locale.
type Unit struct {
	// ID is the CLDR unit ID: "volume-milliliter", "duration-day".
	ID   string
	Name string
	// Form says how the name is used: 'a' after a number ("5 ml"), 'b'
	// before one (Swahili "siku 3"), '2' a word for two of the unit
	// (Arabic "يومان", Hebrew "יומיים"), '1' a word for one, 'p' a
	// phrase for "per" the unit ("per day", "kwa siku").
	Form byte
}

// Magnitude is a word that scales the number it follows or precedes:
// "million", "万", "lakh"; Swahili writes "milioni 200".
type Magnitude struct {
	Word   string
	Value  int64
	Before bool
}

// Locale is one locale's data. Every text is in lower case and NFC, with
// zero-width spaces, soft hyphens and bidi marks removed.
type Locale struct {
	// ID is the CLDR locale ID: "zh", "zh_Hant", "sr_Latn".
	ID string
	// Cardinals are whole number words: the numbers to 100 and the
	// words the reader cannot compose from shorter ones.
	Cardinals []Word
	// Multipliers multiply the words before them ("hundred", "万"), or
	// after them when Postfix (Swahili "mia mbili" is 200).
	Multipliers []Word
	Postfix     bool
	// Connectors join the words of a number: "and", "y", "na", "و".
	Connectors []string
	// Ordinals are ordinal words the affixes do not make.
	Ordinals []Word
	// DigitOrdinals make ordinals of digits (1st, 第3, 3ኛ); WordOrdinals
	// of cardinal words (sixth, 第三, thứ ba).
	DigitOrdinals, WordOrdinals []Affix
	// Months holds the names of months 1 to 12: wide and abbreviated, in
	// format and stand-alone forms. Some hold the month's digits: "9月",
	// "tháng 9".
	Months [13][]string
	// DateOrder is the order of year, month and day in the short date
	// format: "mdy", "dmy" or "ymd".
	DateOrder string
	// DateWords are the words date formats write between the fields:
	// "de", "ngày", "年".
	DateWords []string
	Units     []Unit
	// Magnitudes come from the compact number formats.
	Magnitudes []Magnitude
	// Decimal and Group are the separators of numbers in Latin digits.
	Decimal, Group string
}

// HasNumberWords reports whether CLDR spells out numbers in the locale.
func (l *Locale) HasNumberWords() bool { return len(l.Cardinals) > 0 }

var (
	decoded [len(ids)]*Locale
	once    [len(ids)]sync.Once
)

// Lookup returns the data of a CLDR locale ID, or nil.
func Lookup(id string) *Locale {
	i := sort.SearchStrings(ids[:], id)
	if i >= len(ids) || ids[i] != id {
		return nil
	}
	once[i].Do(func() { decoded[i] = decode(id, data[i]) })
	return decoded[i]
}

// For returns the data for a language tag, or nil: the language in its
// script (zh-TW reads zh_Hant), else the language when the script is its
// usual one.
func For(tag language.Tag) *Locale {
	base, _ := tag.Base()
	script, _ := tag.Script()
	if l := Lookup(base.String() + "_" + script.String()); l != nil {
		return l
	}
	if usual, _ := language.Make(base.String()).Script(); usual != script {
		return nil
	}
	return Lookup(base.String())
}

// IDs lists the locales with data.
func IDs() []string { return append([]string(nil), ids[:]...) }

// decode reads a locale's records: lines of tab-separated fields whose
// first field names the record, lists separated by "|".
func decode(id, rec string) *Locale {
	l := &Locale{ID: id}
	for _, line := range strings.Split(rec, "\n") {
		f := strings.Split(line, "\t")
		switch f[0] {
		case "c", "x", "o":
			v, _ := strconv.ParseInt(f[1], 10, 64)
			var ws []Word
			for _, w := range strings.Split(f[2], "|") {
				ws = append(ws, Word{w, v})
			}
			switch f[0] {
			case "c":
				l.Cardinals = append(l.Cardinals, ws...)
			case "x":
				l.Multipliers = append(l.Multipliers, ws...)
			default:
				l.Ordinals = append(l.Ordinals, ws...)
			}
		case "j":
			l.Connectors = strings.Split(f[1], "|")
		case "p":
			l.Postfix = true
		case "a":
			l.DigitOrdinals = append(l.DigitOrdinals, Affix{f[1], f[2]})
		case "b":
			l.WordOrdinals = append(l.WordOrdinals, Affix{f[1], f[2]})
		case "m":
			m, _ := strconv.Atoi(f[1])
			l.Months[m] = strings.Split(f[2], "|")
		case "d":
			l.DateOrder = f[1]
		case "w":
			l.DateWords = strings.Split(f[1], "|")
		case "u":
			for _, n := range strings.Split(f[3], "|") {
				l.Units = append(l.Units, Unit{ID: f[1], Name: n, Form: f[2][0]})
			}
		case "k":
			v, _ := strconv.ParseInt(f[1], 10, 64)
			for _, w := range strings.Split(f[3], "|") {
				l.Magnitudes = append(l.Magnitudes, Magnitude{Word: w, Value: v, Before: f[2] == "b"})
			}
		case "s":
			l.Decimal, l.Group = f[1], f[2]
		}
	}
	return l
}
