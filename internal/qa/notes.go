package qa

import (
	"fmt"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/cldr"
	"github.com/healthloc/healthloc/internal/pseudo"
)

// LocaleNotes says what the checks cannot read in a locale, one line each
// naming the locale: a locale CLDR has no data for, or no spell-out
// rules for (Bengali and Urdu in CLDR 41), has its number words unread,
// and number words of the source count as optional there. Callers print
// each once per run.
func LocaleNotes(loc language.Tag) []string {
	if pseudo.Is(loc) {
		return nil
	}
	l := cldr.For(loc)
	switch {
	case l == nil:
		return []string{fmt.Sprintf("%s: CLDR %s has no data for this locale: its number words, month names and unit names are not read, and number words in the source are not required in its translations", loc, cldr.Version)}
	case !l.HasNumberWords():
		return []string{fmt.Sprintf("%s: CLDR %s has no number words for this locale: numbers written as words in its translations are not read, and number words in the source are not required there", loc, cldr.Version)}
	}
	return nil
}
