package locale

import (
	"strings"
	"testing"

	"golang.org/x/text/language"
)

func TestMatchTarget(t *testing.T) {
	tags := func(s string) []language.Tag {
		var out []language.Tag
		for _, f := range strings.Fields(s) {
			out = append(out, language.MustParse(f))
		}
		return out
	}
	tests := []struct {
		lang, targets string
		want          string // "" when no single match
		close         string
	}{
		{"fr", "es fr ar", "fr", "fr"},
		{"fr-FR", "es fr ar", "fr", "fr"},
		{"es-ES", "es fr es-MX", "", "es es-MX"},
		{"fr-FR", "fr-CA fr", "", "fr-CA fr"},
		{"zh-CN", "zh-Hans zh-Hant", "zh-Hans", "zh-Hans zh-Hant"},
		{"zh-TW", "zh-Hans zh-Hant", "zh-Hant", "zh-Hant zh-Hans"},
		{"zh-TW", "zh-Hans", "", "zh-Hans"},
		{"ar-SA", "ar es", "ar", "ar"},
		{"de-DE", "es fr", "", ""},
		{"sr-Latn", "sr", "", "sr"},
		{"no", "nb", "nb", "nb"},
		{"en-US", "es fr", "", ""},
	}
	for _, tt := range tests {
		m := MatchTarget(language.MustParse(tt.lang), tags(tt.targets))
		got := ""
		if m.Found() {
			got = m.Locale.String()
		}
		var close []string
		for _, c := range m.Close {
			close = append(close, c.String())
		}
		if got != tt.want || strings.Join(close, " ") != tt.close {
			t.Errorf("MatchTarget(%s, %s) = %q, close %q; want %q, close %q", tt.lang, tt.targets, got, close, tt.want, tt.close)
		}
	}
}
