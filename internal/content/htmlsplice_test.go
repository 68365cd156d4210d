package content

import "testing"

// localizeHTML parses raw and localizes it with the translations given
// by segment text.
func localizeHTML(t *testing.T, raw string, tr map[string]string) string {
	t.Helper()
	doc, err := Parse("page.html", []byte(raw), Options{})
	if err != nil {
		t.Fatal(err)
	}
	out, _, err := Localize(doc, func(_ int, s Segment) (string, bool) {
		v, ok := tr[s.Text]
		return v, ok
	})
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestLocalizeHTML(t *testing.T) {
	tests := []struct {
		name string
		raw  string
		tr   map[string]string
		want string
	}{
		{
			name: "tags restored with their attributes, moved and reordered",
			raw:  `<p>Read <a href="/a?x=1&amp;y=2" class=l>this <b>now</b></a>.</p>`,
			tr:   map[string]string{"Read <1>this <2>now</2></1>.": "<2>Ahora</2> <1>lea esto</1>."},
			want: `<p><b>Ahora</b> <a href="/a?x=1&amp;y=2" class=l>lea esto</a>.</p>`,
		},
		{
			name: "raw HTML in a translation is escaped",
			raw:  `<p>Hello</p>`,
			tr:   map[string]string{"Hello": `<script>alert(1)</script><img src=x onerror=alert(2)> & "q" &amp; &#8217;`},
			want: `<p>&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; &amp; "q" &amp; &#8217;</p>`,
		},
		{
			name: "unknown, unpaired and wrong-form tags are left out",
			raw:  `<p>A <b>b</b> c<br>d</p>`,
			tr:   map[string]string{"A <1>b</1> c<2/>d": "<1>x <3>y</3> <2>z</2> </1><1/> <1>open"},
			want: `<p><b>x y z </b> open</p>`,
		},
		{
			name: "close pops tags left open",
			raw:  `<p><a href=/>A <b>B</b></a></p>`,
			tr:   map[string]string{"<1>A <2>B</2></1>": "<1>a <2>b</1>"},
			want: `<p><a href=/>a b</a></p>`,
		},
		{
			name: "void element kept whole, protected content untouched",
			raw:  `<p>Run <code>a &lt; b</code> then <span translate="no">Brand</span>.</p>`,
			tr:   map[string]string{"Run <1/> then <2/>.": "<2/> después de <1/>; <2>no</2>"},
			want: `<p><span translate="no">Brand</span> después de <code>a &lt; b</code>; no</p>`,
		},
		{
			name: "translatable attribute on a numbered tag",
			raw:  `<p><abbr title="World Health Organization" class=a>WHO</abbr> and <img src=x alt=pill></p>`,
			tr:   map[string]string{`<1 title="World Health Organization">WHO</1> and <2 alt="pill"/>`: `<1 title="Organización &quot;Mundial&quot;" onclick="x">OMS</1> y <2 alt="pastilla azul" src="evil"/> <1 title="<b>">x</1>`},
			want: `<p><abbr title="Organización &#34;Mundial&#34;" class=a>OMS</abbr> y <img src=x alt="pastilla azul"> &lt;1 title="&lt;b&gt;"&gt;x</p>`,
		},
		{
			name: "attribute with quotes, unquoted and multi-line",
			raw:  `<img alt="Pill" title='Tip'><input placeholder=Search>`,
			tr:   map[string]string{"Pill": `Píldora "azul" <x>`, "Tip": "Con\nsejo 'a'", "Search": "Buscar aquí"},
			want: `<img alt="Píldora &#34;azul&#34; &lt;x&gt;" title='Con sejo &#39;a&#39;'><input placeholder="Buscar aquí">`,
		},
		{
			name: "title text is escaped, lookalikes read back",
			raw:  "<title>A &amp; B</title><p>x &lt;1&gt; y</p>",
			tr:   map[string]string{"A & B": "A & B </title><script>", "x &lt;1> y": "x &lt;1> z"},
			want: "<title>A &amp; B &lt;/title&gt;&lt;script&gt;</title><p>x &lt;1&gt; z</p>",
		},
		{
			name: "CRLF document",
			raw:  "<p>\r\nOne\r\ntwo\r\n</p>\r\n",
			tr:   map[string]string{"One two": "Uno\ndos"},
			want: "<p>\r\nUno\r\ndos\r\n</p>\r\n",
		},
		{
			name: "tags left out leave no white space at the ends",
			raw:  `<p>0</p><p>1</p>`,
			tr:   map[string]string{"0": "<0 <0>", "1": "<9> \t<1/>y <9>"},
			want: `<p>&lt;0</p><p>y</p>`,
		},
		{
			name: "a comment moved to an end is left out",
			raw:  `<p>a<!--c-->b</p>`,
			tr:   map[string]string{"a<1/>b": "<1/> x <1/>"},
			want: `<p>x</p>`,
		},
		{
			name: "a comment comes back once",
			raw:  `<p>a<!-- healthloc:id x -->b</p><p>c</p>`,
			tr:   map[string]string{"a<1/>b": "x<1/>y<1/>z"},
			want: `<p>x<!-- healthloc:id x -->yz</p><p>c</p>`,
		},
		{
			name: "tags without text keep the source",
			raw:  `<p>a<b>b</b><code>c</code></p><p>d<!--e-->f</p>`,
			tr:   map[string]string{"a<1>b</1><2/>": "<1> </1> <2/>", "d<1/>f": "<1/>"},
			want: `<p>a<b>b</b><code>c</code></p><p>d<!--e-->f</p>`,
		},
		{
			name: "blank translation keeps the source",
			raw:  `<p>Keep</p><img alt=A>`,
			tr:   map[string]string{"Keep": " \n", "A": ""},
			want: `<p>Keep</p><img alt=A>`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := localizeHTML(t, tt.raw, tt.tr); got != tt.want {
				t.Errorf("got\n %s\nwant\n %s", got, tt.want)
			}
		})
	}
}

func TestSetAttrs(t *testing.T) {
	attrs := [][2]string{{"lang", "es"}, {"dir", "rtl"}}
	tests := []struct{ in, want string }{
		{`x<html>y`, `x<html lang="es" dir="rtl">y`},
		{`x<html lang="en-US" class=a>y`, `x<html dir="rtl" lang="es" class=a>y`},
		{`x<html LANG=en dir='ltr'>y`, `x<html LANG="es" dir="rtl">y`},
		{`x<p lang data-x="<b>">y`, `x<p dir="rtl" lang="es" data-x="<b>">y`},
		{`x<br/>y`, `x<br lang="es" dir="rtl"/>y`},
		{`x</p>y`, `x</p>y`},
		{`xhtml`, `xhtml`},
	}
	for _, tt := range tests {
		if got := string(SetAttrs([]byte(tt.in), 1, attrs)); got != tt.want {
			t.Errorf("SetAttrs(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := string(SetAttrs([]byte("<p>"), 0, [][2]string{{"lang", `a"b`}})); got != `<p lang="a&#34;b">` {
		t.Errorf("value not escaped: %q", got)
	}
}
