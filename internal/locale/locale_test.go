package locale

import (
	"bytes"
	"errors"
	"go/format"
	"os"
	"os/exec"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/language"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		wantErr string
	}{
		{in: "es-MX", want: "es-MX"},
		{in: "es-419", want: "es-419"},
		{in: "ES-mx", want: "es-MX"},
		{in: "zh-Hant-TW", want: "zh-Hant-TW"},
		{in: "ar", want: "ar"},
		{in: "", wantErr: `bad locale tag "": empty tag`},
		{in: "und", wantErr: `bad locale tag "und": "und" (undetermined) is not a locale`},
		{in: "en_XX", wantErr: `bad locale tag "en_XX": subtags must be separated by "-"`},
		{in: "en_US", wantErr: `bad locale tag "en_US": subtags must be separated by "-"`},
		{in: "xx", wantErr: `bad locale tag "xx": language: subtag "xx" is well-formed but unknown`},
		{in: "en-", wantErr: `bad locale tag "en-": `},
		{in: "x-foo", wantErr: `bad locale tag "x-foo": no language subtag`},
		{in: "español", wantErr: `bad locale tag "español": `},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := Parse(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) {
					t.Fatalf("Parse(%q) error = %v, want prefix %q", tt.in, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			if got.String() != tt.want {
				t.Errorf("Parse(%q) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseWrapsValueError(t *testing.T) {
	_, err := Parse("xx")
	var ve language.ValueError
	if !errors.As(err, &ve) {
		t.Fatalf("Parse(xx) error %v does not wrap language.ValueError", err)
	}
}

func TestChain(t *testing.T) {
	tests := []struct {
		tag, source string
		want        string
	}{
		{"es-MX", "en", "es-MX es-419 es en"},
		{"pt-BR", "en", "pt-BR pt en"},
		{"zh-Hant-TW", "en", "zh-Hant-TW zh-Hant en"},
		{"sr-Latn", "en", "sr-Latn en"},
		{"fr", "en", "fr en"},
		{"en-GB", "en", "en-GB en-001 en"},
		{"en", "en", "en"},
		{"es-MX", "es", "es-MX es-419 es"},
		{"es", "es-419", "es es-419"},
	}
	for _, tt := range tests {
		t.Run(tt.tag+"/"+tt.source, func(t *testing.T) {
			var got []string
			for _, c := range Chain(language.MustParse(tt.tag), language.MustParse(tt.source)) {
				got = append(got, c.String())
			}
			if strings.Join(got, " ") != tt.want {
				t.Errorf("Chain(%s, %s) = %v, want %s", tt.tag, tt.source, got, tt.want)
			}
		})
	}
}

// byTag is a table of tags and what a function of the tag gives for each.
type byTag []struct{ tag, want string }

// check runs f, named name in errors, on each tag as a subtest.
func (tests byTag) check(t *testing.T, name string, f func(language.Tag) string) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.tag, func(t *testing.T) {
			if got := f(language.MustParse(tt.tag)); got != tt.want {
				t.Errorf("%s(%s) = %q, want %q", name, tt.tag, got, tt.want)
			}
		})
	}
}

func TestDirection(t *testing.T) {
	byTag{
		{"en", "ltr"},
		{"es-MX", "ltr"},
		{"ar", "rtl"},
		{"ar-EG", "rtl"},
		{"fa", "rtl"},
		{"ur", "rtl"},
		{"ckb", "rtl"},
		{"he", "rtl"},
		{"iw", "rtl"}, // legacy code for Hebrew
		{"yi", "rtl"},
		{"syr", "rtl"},
		{"dv", "rtl"},
		{"nqo", "rtl"},
		{"pa-Arab", "rtl"},
		{"pa", "ltr"},
		{"az-Latn", "ltr"},
		{"ja", "ltr"},
		{"zh-Hant-TW", "ltr"},
	}.check(t, "Direction", Direction)
}

func TestName(t *testing.T) {
	byTag{
		{"es-MX", "español (México)"},
		{"es-419", "español (Latinoamérica)"},
		{"es", "español"},
		{"ar", "العربية"},
		{"ar-EG", "العربية (مصر)"},
		{"fr", "français"},
		{"fr-CA", "français (Canada)"},
		{"en", "English"},
		{"pt-BR", "português (Brasil)"},
		{"zh-Hant-TW", "中文（繁體，台灣）"},
		{"zh-Hans", "中文（简体）"},
		{"zh-Hant", "中文（繁體）"},
		{"zh-Hans-CN", "中文（简体，中国）"},
		{"zh", "中文"},
		{"ko", "한국어"},
		{"ko-KR", "한국어(대한민국)"},
		{"ja-JP", "日本語 (日本)"},
		{"vi", "Tiếng Việt"},
		{"sr-Latn", "srpski (latinica)"},
		{"en-XX", "English"}, // private-use region has no name
		{"nqo", "nqo"},       // no display data at all
		{"dv", "dv"},
	}.check(t, "Name", Name)
}

func TestPluralForms(t *testing.T) {
	tests := []struct {
		tag  string
		want []string
	}{
		{"en", []string{"one", "other"}},
		{"en-GB", []string{"one", "other"}},
		{"ar", []string{"zero", "one", "two", "few", "many", "other"}},
		{"ru", []string{"one", "few", "many", "other"}},
		{"pl", []string{"one", "few", "many", "other"}},
		{"cy", []string{"zero", "one", "two", "few", "many", "other"}},
		{"ja", []string{"other"}},
		{"zh-Hant-TW", []string{"other"}},
		// go-i18n v2.7.0 uses CLDR 42+, where French, Spanish and
		// Portuguese have "many" for millions (1000000, 1e6).
		{"fr", []string{"one", "many", "other"}},
		{"es-MX", []string{"one", "many", "other"}},
		{"pt-BR", []string{"one", "many", "other"}},
		{"sr-Latn", []string{"one", "few", "other"}},
		{"tlh", nil}, // go-i18n has no rule: it cannot load catalogs for it
	}
	for _, tt := range tests {
		t.Run(tt.tag, func(t *testing.T) {
			got := PluralForms(language.MustParse(tt.tag))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("PluralForms(%s) = %#v, want %#v", tt.tag, got, tt.want)
			}
		})
	}
}

func TestPluralFormsCopy(t *testing.T) {
	en := language.English
	PluralForms(en)[0] = "changed"
	if got := PluralForms(en); got[0] != "one" {
		t.Fatalf("cached result was modified: %v", got)
	}
}

// TestCLDRNamesCurrent regenerates names_cldr.go from Debian's CLDR data,
// when it is installed, and fails if the file in the tree differs.
func TestCLDRNamesCurrent(t *testing.T) {
	if _, err := os.Stat("/usr/share/unicode/cldr/common/main/zh.xml"); err != nil {
		t.Skip("unicode-cldr-core is not installed")
	}
	out, err := exec.Command("go", "run", "gennames.go").Output()
	if err != nil {
		t.Fatal(err)
	}
	formatted, err := format.Source(out)
	if err != nil {
		t.Fatal(err)
	}
	have, err := os.ReadFile("names_cldr.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(formatted, have) {
		t.Error("names_cldr.go is not what gennames.go makes from the installed CLDR: run go generate ./internal/locale")
	}
}
