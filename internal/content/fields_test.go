package content

import (
	"strings"
	"testing"
)

func TestFrontMatterFields(t *testing.T) {
	src := "---\ntitle: Hello\nlocale: en  # the source\nlang: \"en\"\nlanguage: 'English'\ndir: ltr\nanchored: &a en\nnested:\n  lang: en\ntags: [a, b]\n---\nBody lang: en\n"
	fields := FrontMatterFields([]byte(src), []string{"locale", "lang", "language", "dir", "anchored", "nested", "tags"})
	var got []string
	for _, f := range fields {
		got = append(got, f.Key+"="+f.Value+"@"+src[f.Start:f.End])
	}
	want := "locale=en@en|lang=en@\"en\"|language=English@'English'|dir=ltr@ltr"
	if strings.Join(got, "|") != want {
		t.Errorf("fields = %q, want %q", strings.Join(got, "|"), want)
	}
	out := string(ReplaceFields([]byte(src), fields, map[string]string{"locale": "es-MX", "lang": "es-MX", "language": "español", "dir": "rtl"}))
	wantOut := "---\ntitle: Hello\nlocale: es-MX  # the source\nlang: \"es-MX\"\nlanguage: 'español'\ndir: rtl\nanchored: &a en\nnested:\n  lang: en\ntags: [a, b]\n---\nBody lang: en\n"
	if out != wantOut {
		t.Errorf("ReplaceFields =\n%s\nwant\n%s", out, wantOut)
	}
	for _, bad := range []string{"no front matter\n", "---\n{locale: en}\n---\n", "---\nlocale: [\n---\n", "---\n- a\n---\n"} {
		if f := FrontMatterFields([]byte(bad), []string{"locale"}); f != nil {
			t.Errorf("FrontMatterFields(%q) = %v, want none", bad, f)
		}
	}
	// a value that needs quoting in plain style gets it
	plain := []byte("---\nlang: en\n---\n")
	if got := string(ReplaceFields(plain, FrontMatterFields(plain, []string{"lang"}), map[string]string{"lang": "no"})); got != "---\nlang: \"no\"\n---\n" {
		t.Errorf("ReplaceFields with a YAML 1.1 boolean = %q", got)
	}
}
