package locale

import (
	"strconv"
	"sync"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/nicksnyder/go-i18n/v2/i18n/template"
	"golang.org/x/text/language"
)

// cldrForms lists the CLDR plural forms in their conventional order.
var cldrForms = []string{"zero", "one", "two", "few", "many", "other"}

// pluralSamples are the numbers PluralForms feeds to go-i18n. go-i18n
// keeps its CLDR rules in an internal package, so the forms a locale
// uses can only be observed. The samples cover every integer class the
// rules test (0–1000 catches mod 10/100/1000 rules), millions for the
// French-style "many", decimals with one and two visible fraction digits
// (v, f, t operands) and compact exponents (the c operand).
var pluralSamples = func() []string {
	var s []string
	for i := 0; i <= 1000; i++ {
		s = append(s, strconv.Itoa(i))
	}
	s = append(s, "1000000", "2000000", "10000000", "1000001")
	for i := 0; i <= 21; i++ {
		n := strconv.Itoa(i)
		for _, frac := range []string{"0", "1", "2", "3", "5", "7", "00", "01", "02", "03", "10", "11", "12", "21", "22", "25", "50"} {
			s = append(s, n+"."+frac)
		}
	}
	s = append(s, "1e3", "1e6", "2e6", "1.5e6", "1e7", "3e6", "1.2e3")
	return s
}()

var pluralCache sync.Map // language.Tag → []string

// PluralForms returns the CLDR plural forms go-i18n uses for t, in the
// order zero, one, two, few, many, other: for example en → one, other and
// ar → all six. A translation of a plural message needs exactly these.
//
// The forms are found by probing a go-i18n Bundle with a message that has
// all six forms and collecting which ones come back over sample numbers
// (go-i18n's rule table is internal). PluralForms returns nil if go-i18n
// has no plural rule for t, which means go-i18n cannot load any message
// file for t.
func PluralForms(t language.Tag) []string {
	if v, ok := pluralCache.Load(t); ok {
		return clone(v.([]string))
	}
	forms := probePluralForms(t)
	pluralCache.Store(t, forms)
	return clone(forms)
}

func clone(s []string) []string {
	if s == nil {
		return nil
	}
	return append([]string(nil), s...)
}

func probePluralForms(t language.Tag) []string {
	b := i18n.NewBundle(t)
	msg := &i18n.Message{ID: "p", Zero: "zero", One: "one", Two: "two", Few: "few", Many: "many", Other: "other"}
	if err := b.AddMessages(t, msg); err != nil {
		return nil // no plural rule for t
	}
	loc := i18n.NewLocalizer(b, t.String())
	seen := map[string]bool{}
	for _, n := range pluralSamples {
		out, err := loc.Localize(&i18n.LocalizeConfig{
			MessageID:      "p",
			PluralCount:    n,
			TemplateParser: template.IdentityParser{},
		})
		if err == nil {
			seen[out] = true
		}
	}
	var forms []string
	for _, f := range cldrForms {
		if seen[f] {
			forms = append(forms, f)
		}
	}
	return forms
}
