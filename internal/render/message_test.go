package render

import (
	"testing"

	"github.com/healthloc/healthloc/internal/content"
)

func TestMessageHTML(t *testing.T) {
	md, txt, htm := content.FormatMarkdown, content.FormatText, content.FormatHTML
	for _, tc := range []struct {
		format     content.Format
		text, want string
	}{
		{md, "Take **500 mg** every [6 hours](https://who.int).", `Take <strong>500 mg</strong> every <a href="https://who.int">6 hours</a>.`},
		{md, "1. not a list", "1. not a list"},
		{md, "# not a heading", "# not a heading"},
		{md, "a <script>alert(1)</script> b", "a alert(1) b"},
		{md, "see [x](javascript:alert%281%29)", "see x"},
		{md, "call [112](tel:112)", `call <a href="tel:112">112</a>`},
		{md, "{{.Name}}", "{{.Name}}"},
		{md, "![ORS packet](ors.svg)", `<img src="ors.svg" alt="ORS packet">`},
		{md, "para\n\npara", "para\npara"},
		{md, "  ", ""},
		{txt, "*not* <b>markup</b>\nline two", "*not* &lt;b&gt;markup&lt;/b&gt;<br>\nline two"},
		{htm, "Call <1><2>112</2></1> & <script>x</script>", "Call 112 &amp; &lt;script&gt;x&lt;/script&gt;"},
	} {
		got, err := MessageHTML(tc.text, tc.format)
		if err != nil || got != tc.want {
			t.Errorf("MessageHTML(%q, %s) = %q, %v; want %q", tc.text, tc.format, got, err, tc.want)
		}
	}
}

// TestMessageHTMLXSS runs the XSS payload corpus through MessageHTML in
// every format: no script, event handler or script-capable URL survives.
func TestMessageHTMLXSS(t *testing.T) {
	for _, payload := range xssPayloads(t) {
		for _, f := range []content.Format{content.FormatMarkdown, content.FormatText, content.FormatHTML} {
			got, err := MessageHTML(payload, f)
			if err != nil {
				t.Fatalf("MessageHTML(%q, %s): %v", payload, f, err)
			}
			if bad := unsafeHTML(t, []byte("<!DOCTYPE html><html><body><p>"+got+"</p></body></html>")); len(bad) > 0 {
				t.Errorf("MessageHTML(%q, %s) = %q: %q", payload, f, got, bad)
			}
		}
	}
}
