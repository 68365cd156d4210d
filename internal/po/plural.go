package po

import (
	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/locale"
)

// pluralForms are gettext's Plural-Forms expressions for languages whose
// rule is not one of the two common shapes PluralForms derives.
var pluralForms = map[string]string{
	"fr": "nplurals=2; plural=(n > 1);",
	"pt": "nplurals=2; plural=(n > 1);",
	"ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);",
	"ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<12 || n%100>14) ? 1 : 2);",
	"uk": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<12 || n%100>14) ? 1 : 2);",
	"pl": "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
	"cs": "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;",
	"sk": "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;",
	"ro": "nplurals=3; plural=(n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2);",
	"lt": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && (n%100<10 || n%100>=20) ? 1 : 2);",
	"he": "nplurals=2; plural=(n != 1);",
	"hi": "nplurals=2; plural=(n > 1);",
	"fa": "nplurals=2; plural=(n > 1);",
	"am": "nplurals=2; plural=(n > 1);",
}

// PluralForms returns the gettext Plural-Forms header value of a locale:
// from the table above, else from the forms go-i18n uses (one form:
// no plural; one and other: n != 1). healthloc messages have no plural
// forms yet, so the header only has to be valid and, where known, right.
func PluralForms(t language.Tag) string {
	base, _ := t.Base()
	if pf, ok := pluralForms[base.String()]; ok {
		return pf
	}
	if forms := locale.PluralForms(t); len(forms) == 1 {
		return "nplurals=1; plural=0;"
	}
	return "nplurals=2; plural=(n != 1);"
}
