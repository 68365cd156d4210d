package ui

import (
	"path"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/locale"
)

func loadFiles(t *testing.T) map[string]*i18n.MessageFile {
	t.Helper()
	b := i18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	entries, err := files.ReadDir("locales")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*i18n.MessageFile{}
	for _, e := range entries {
		data, err := files.ReadFile(path.Join("locales", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		mf, err := b.ParseMessageFileBytes(data, e.Name())
		if err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
		out[mf.Tag.String()] = mf
	}
	return out
}

func forms(m *i18n.Message) []string {
	var f []string
	for _, p := range []struct {
		name, text string
	}{{"zero", m.Zero}, {"one", m.One}, {"two", m.Two}, {"few", m.Few}, {"many", m.Many}, {"other", m.Other}} {
		if p.text != "" {
			f = append(f, p.name)
		}
	}
	return f
}

func TestLanguages(t *testing.T) {
	var got []string
	for _, l := range Languages() {
		got = append(got, l.String())
	}
	sort.Strings(got)
	want := []string{"ar", "de", "en", "es", "fr", "ja", "ko", "pt", "ru", "vi", "zh-Hans", "zh-Hant"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Languages() = %v, want %v", got, want)
	}
}

// TestCatalogsComplete checks that every language has every message of the
// English catalog, and that each plural message has exactly the CLDR forms
// go-i18n requires for that language: no fewer (a missing form renders
// "other" and errors), no more (an extra form is dead text).
func TestCatalogsComplete(t *testing.T) {
	mfs := loadFiles(t)
	en := mfs["en"]
	if en == nil {
		t.Fatal("no English catalog")
	}
	for tag, mf := range mfs {
		byID := map[string]*i18n.Message{}
		for _, m := range mf.Messages {
			byID[m.ID] = m
		}
		required := locale.PluralForms(mf.Tag)
		if len(required) == 0 {
			t.Errorf("%s: go-i18n has no plural rule", tag)
		}
		for _, src := range en.Messages {
			m, ok := byID[src.ID]
			if !ok {
				t.Errorf("%s: message %s missing", tag, src.ID)
				continue
			}
			plural := src.One != ""
			if !plural {
				if got := forms(m); !reflect.DeepEqual(got, []string{"other"}) {
					t.Errorf("%s: %s is not plural in English but has forms %v", tag, src.ID, got)
				}
				continue
			}
			if got := forms(m); !reflect.DeepEqual(got, required) {
				t.Errorf("%s: %s has plural forms %v, CLDR requires %v", tag, src.ID, got, required)
			}
		}
		for id := range byID {
			found := false
			for _, src := range en.Messages {
				found = found || src.ID == id
			}
			if !found {
				t.Errorf("%s: message %s is not in the English catalog", tag, id)
			}
		}
	}
}

// TestShipped checks which embedded catalog serves a locale's page text:
// the same language and script, never a neighbour's.
func TestShipped(t *testing.T) {
	for tag, want := range map[string]string{
		"es": "es", "es-MX": "es", "zh-Hans": "zh-Hans", "zh": "zh-Hans", "zh-CN": "zh-Hans",
		"zh-TW": "zh-Hant", "zh-Hant-HK": "zh-Hant", "ko": "ko", "vi": "vi", "ar-EG": "ar",
		"sr-Latn": "", "he": "", "pt-BR": "pt",
	} {
		m, got, ok := Shipped(language.MustParse(tag))
		if want == "" {
			if ok {
				t.Errorf("Shipped(%s) = %s, want none", tag, got)
			}
			continue
		}
		if !ok || got.String() != want {
			t.Errorf("Shipped(%s) = %s, %v; want %s", tag, got, ok, want)
			continue
		}
		for _, c := range Chrome() {
			if m[c.Name] == "" {
				t.Errorf("Shipped(%s) has no %s", tag, c.Name)
			}
		}
	}
}

// TestChromePlaceholders checks that every shipped fallback notice names
// the language exactly once, with the placeholder that render replaces.
func TestChromePlaceholders(t *testing.T) {
	for _, tag := range Languages() {
		m, _, _ := Shipped(tag)
		for _, name := range []string{"FallbackPartial", "FallbackWhole"} {
			if n := strings.Count(m[name], LanguagePlaceholder); n != 1 {
				t.Errorf("%s %s: %d placeholders %s, want 1", tag, name, n, LanguagePlaceholder)
			}
		}
		for _, name := range []string{"SkipToContent", "Articles", "OtherLanguages", "Contents"} {
			if strings.Contains(m[name], "{") {
				t.Errorf("%s %s: %q has a placeholder", tag, name, m[name])
			}
		}
	}
	src, lang := SourceText(language.MustParse("he"))
	if lang != language.English || src["Contents"] != "Contents" {
		t.Errorf("SourceText(he) = %v, %s; want English", src, lang)
	}
	if src, lang := SourceText(language.MustParse("es-MX")); lang.String() != "es" || src["Contents"] != "Contenido" {
		t.Errorf("SourceText(es-MX) = %v, %s; want es", src, lang)
	}
}

func TestText(t *testing.T) {
	tests := []struct{ tag, id, want string }{
		{"en", "Contents", "Contents"},
		{"es-MX", "OtherLanguages", "Otros idiomas"},
		{"fr-CA", "Contents", "Sommaire"},
		{"ar", "Contents", "المحتويات"},
		{"ja", "Contents", "目次"},
		{"he", "Contents", "Contents"},
		{"zh-TW", "Contents", "目錄"},
	}
	for _, tt := range tests {
		if got := For(language.MustParse(tt.tag)).T(tt.id); got != tt.want {
			t.Errorf("%s %s = %q, want %q", tt.tag, tt.id, got, tt.want)
		}
	}
}

func TestPercent(t *testing.T) {
	tests := []struct {
		tag  string
		p    float64
		want string
	}{
		{"en", 45.1, "45.1%"},
		{"en", 100, "100.0%"},
		{"fr", 45.1, "45,1\u00a0%"},
		{"es-MX", 0, "0.0\u00a0%"},
	}
	for _, tt := range tests {
		if got := For(language.MustParse(tt.tag)).Percent(tt.p); got != tt.want {
			t.Errorf("%s: Percent(%g) = %q, want %q", tt.tag, tt.p, got, tt.want)
		}
	}
}

func TestNumber(t *testing.T) {
	tests := []struct{ tag, want string }{
		{"en", "12,345"},
		{"es", "12.345"},
		{"fr", "12\u00a0345"},
	}
	for _, tt := range tests {
		if got := For(language.MustParse(tt.tag)).Number(12345); got != tt.want {
			t.Errorf("%s: Number(12345) = %q, want %q", tt.tag, got, tt.want)
		}
	}
}
