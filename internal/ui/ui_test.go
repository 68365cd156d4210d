package ui

import (
	"path"
	"reflect"
	"sort"
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
	want := []string{"ar", "en", "es", "fr", "ru"}
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

func TestFallbackNotice(t *testing.T) {
	tests := []struct {
		tag   string
		count int
		lang  string
		want  string
	}{
		{"en", 1, "English", "1 section of this page is not yet translated and is shown in English."},
		{"en", 2, "English", "2 sections of this page are not yet translated and are shown in English."},
		{"en", 1200, "English", "1,200 sections of this page are not yet translated and are shown in English."},
		{"es-MX", 2, "inglés", "2 secciones de esta página aún no están traducidas y se muestran en inglés."},
		{"es", 1, "inglés", "1 sección de esta página aún no está traducida y se muestra en inglés."},
		{"fr", 3, "anglais", "3 sections de cette page ne sont pas encore traduites et s’affichent en anglais."},
		{"ar", 1, "الإنجليزية", "قسم واحد من هذه الصفحة لم يُترجم بعد ويُعرض باللغة الإنجليزية."},
		{"ar", 2, "الإنجليزية", "قسمان من هذه الصفحة لم يُترجما بعد ويُعرضان باللغة الإنجليزية."},
		{"ar-EG", 3, "الإنجليزية", "3 أقسام من هذه الصفحة لم تُترجم بعد وتُعرض باللغة الإنجليزية."},
		{"ru", 1, "английский", "1 раздел этой страницы ещё не переведён и показан в оригинале (английский)."},
		{"ru", 3, "английский", "3 раздела этой страницы ещё не переведены и показаны в оригинале (английский)."},
		{"ru", 5, "английский", "5 разделов этой страницы ещё не переведены и показаны в оригинале (английский)."},
		{"ru", 21, "английский", "21 раздел этой страницы ещё не переведён и показан в оригинале (английский)."},
		{"de", 2, "Englisch", "2 sections of this page are not yet translated and are shown in Englisch."},
	}
	for _, tt := range tests {
		got := For(language.MustParse(tt.tag)).N("FallbackNotice", tt.count, map[string]any{"Language": tt.lang})
		if got != tt.want {
			t.Errorf("%s %d: got %q, want %q", tt.tag, tt.count, got, tt.want)
		}
	}
}

func TestText(t *testing.T) {
	tests := []struct{ tag, id, want string }{
		{"en", "Contents", "Contents"},
		{"es-MX", "OtherLanguages", "Otros idiomas"},
		{"fr-CA", "Contents", "Sommaire"},
		{"ar", "Contents", "المحتويات"},
		{"ja", "Contents", "Contents"},
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
