package catxml

import (
	"encoding/xml"
	"fmt"
	"strings"
	"testing"
)

func TestEscape(t *testing.T) {
	for _, c := range []struct{ in, text, attr string }{
		{"a < b & c > d", "a &lt; b &amp; c &gt; d", "a &lt; b &amp; c &gt; d"},
		{"say \"hi\"", "say \"hi\"", "say &quot;hi&quot;"},
		{"a\tb\nc\rd", "a\tb\nc&#xD;d", "a&#x9;b&#xA;c&#xD;d"},
		{"nul\x00\uFFFE", "nul\uFFFD\uFFFD", "nul\uFFFD\uFFFD"},
	} {
		if got := Text(c.in); got != c.text {
			t.Errorf("Text(%q) = %q, want %q", c.in, got, c.text)
		}
		if got := Attr(c.in); got != c.attr {
			t.Errorf("Attr(%q) = %q, want %q", c.in, got, c.attr)
		}
	}
}

func TestInline(t *testing.T) {
	ph := func(n int) string { return fmt.Sprintf("<ph id=\"%d\"/>", n) }
	for _, c := range []struct {
		in    string
		codes []string
		want  string
	}{
		{"a <1/> & <2/>", nil, "a &lt;1/&gt; &amp; &lt;2/&gt;"},
		{"a <1/> & <2/>", []string{"**"}, `a <ph id="1"/> &amp; &lt;2/&gt;`},
		{"<2/>x<1/>", []string{"*", "_"}, `<ph id="2"/>x<ph id="1"/>`},
	} {
		if got := Inline(c.in, c.codes, ph); got != c.want {
			t.Errorf("Inline(%q, %q) = %q, want %q", c.in, c.codes, got, c.want)
		}
	}
}

func TestNative(t *testing.T) {
	d := xml.NewDecoder(strings.NewReader(`<bpt i="1">&lt;b<sub>note</sub>&gt;</bpt><next/>`))
	if _, err := d.Token(); err != nil {
		t.Fatal(err)
	}
	native, sub, err := Native(d)
	if native != "<b>" || !sub || err != nil {
		t.Errorf("Native = %q, %v, %v; want \"<b>\", true, nil", native, sub, err)
	}
	tok, _ := d.Token()
	if e, ok := tok.(xml.StartElement); !ok || e.Name.Local != "next" {
		t.Errorf("Native did not consume its element: next token %v", tok)
	}
}

func TestError(t *testing.T) {
	d := xml.NewDecoder(strings.NewReader("<a>\n<b></a>"))
	d.Strict = true
	var err error
	for err == nil {
		_, err = d.Token()
	}
	if got, want := Error("f.xlf", d, err).Error(), "f.xlf:2: element <b> closed by </a>"; got != want {
		t.Errorf("syntax error = %q, want %q", got, want)
	}
	named := fmt.Errorf("f.xlf:7: bad unit")
	if got := Error("f.xlf", d, named); got != named {
		t.Errorf("an error naming the file was rewritten: %v", got)
	}
	if got, want := Error("f.xlf", d, fmt.Errorf("no root")).Error(), "f.xlf:2: no root"; got != want {
		t.Errorf("other error = %q, want %q", got, want)
	}
}
