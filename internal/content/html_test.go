package content

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestParseHTMLSegments(t *testing.T) {
	tests := []struct {
		name string
		raw  string
		want []seg
	}{
		{
			name: "title and meta description",
			raw:  "<html><head><title>\n  Fever &amp; you\n</title><META NAME=Description content='Cool &quot;down&quot;'></head></html>",
			want: []seg{
				{kind: KindTitle, text: "Fever & you", src: "Fever &amp; you"},
				{kind: KindDescription, text: `Cool "down"`, src: "Cool &quot;down&quot;"},
			},
		},
		{
			name: "headings paragraphs and div with inline content only",
			raw:  "<h1>One</h1><h2>Two</h2><h3>Three</h3><h4>Four</h4><h5>Five</h5><h6>Six</h6><p>Para</p><div>Inline <em>only</em></div>",
			want: []seg{
				{kind: KindHeading, text: "One"}, {kind: KindHeading, text: "Two"}, {kind: KindHeading, text: "Three"},
				{kind: KindHeading, text: "Four"}, {kind: KindHeading, text: "Five"}, {kind: KindHeading, text: "Six"},
				{kind: KindParagraph, text: "Para"},
				{kind: KindParagraph, text: "Inline <1>only</1>", src: "Inline <em>only</em>"},
			},
		},
		{
			name: "lists, description lists, quote",
			raw:  "<ul><li>a</li><li>b<ol><li>c</li></ol></li></ul><dl><dt>Term</dt><dd>Def</dd></dl><blockquote><p>Said</p>Bare</blockquote>",
			want: []seg{
				{kind: KindListItem, text: "a"}, {kind: KindListItem, text: "b"}, {kind: KindListItem, text: "c"},
				{kind: KindListItem, text: "Term"}, {kind: KindListItem, text: "Def"},
				{kind: KindQuote, text: "Said"}, {kind: KindQuote, text: "Bare"},
			},
		},
		{
			name: "table caption cells and figure",
			raw:  "<table><caption>Doses</caption><tr><th>Age</th><td>5 ml</td></tr></table><figure><img src=x alt=Packet><figcaption>ORS</figcaption></figure>",
			want: []seg{
				{kind: KindCaption, text: "Doses"}, {kind: KindTableCell, text: "Age"}, {kind: KindTableCell, text: "5 ml"},
				{kind: KindAltText, text: "Packet"}, {kind: KindCaption, text: "ORS"},
			},
		},
		{
			name: "attributes",
			raw: `<nav aria-label="Main"><a href="/" title="Home page"><img src="l.png" alt="Logo" title=""></a></nav><input placeholder="Search" aria-label=' Find  it '>` +
				`<iframe title="Map of clinics" src="/map"></iframe><img alt="Not this" translate="no">`,
			want: []seg{
				{kind: KindAttribute, text: "Main"},
				{kind: KindAttribute, text: "Home page"},
				{kind: KindAltText, text: "Logo"},
				{kind: KindAttribute, text: "Search"},
				{kind: KindAttribute, text: "Find it", src: " Find  it "},
				{kind: KindAttribute, text: "Map of clinics"},
			},
		},
		{
			name: "nested inline tags, void tags and attributes in a run",
			raw:  "<p>Take <strong>two <em>small</em></strong> tablets<br/>with <abbr title=\"World Health Organization\">WHO</abbr> <img src=p.png alt=pill> advice.</p>",
			want: []seg{{
				kind: KindParagraph,
				text: `Take <1>two <2>small</2></1> tablets<3/>with <4 title="World Health Organization">WHO</4> <5 alt="pill"/> advice.`,
				src:  `Take <strong>two <em>small</em></strong> tablets<br/>with <abbr title="World Health Organization">WHO</abbr> <img src=p.png alt=pill> advice.`,
			}},
		},
		{
			name: "white space collapses, entities decode, lookalikes stay escaped",
			raw:  "<p>\n  Up to 38&nbsp;°C &mdash; not\n\t&lt;40 or &lt;1&gt; or &amp;amp; or AT&amp;T\n</p>",
			want: []seg{{kind: KindParagraph, text: "Up to 38\u00a0°C — not <40 or &lt;1> or &amp;amp; or AT&T",
				src: "Up to 38&nbsp;°C &mdash; not\n\t&lt;40 or &lt;1&gt; or &amp;amp; or AT&amp;T"}},
		},
		{
			name: "skipped elements",
			raw: "<script>var p = '<p>x</p>';</script><style>p{}</style><pre>pre</pre><template><p>t</p></template>" +
				"<p>Run <code>rm</code> now</p><svg><title>icon</title><text>svg</text></svg><textarea>ta</textarea><noscript><p>js</p></noscript>",
			want: []seg{{kind: KindParagraph, text: "Run <1/> now", src: "Run <code>rm</code> now"}},
		},
		{
			name: "translate=no and notranslate",
			raw: `<p translate="no">Brand</p><div class="x notranslate"><p>Kept</p><img alt="no"></div>` +
				`<p>Use <span translate=NO>Panadol</span> or <b class="notranslate">Calpol</b>.</p><p class="notranslated">Yes</p>`,
			want: []seg{
				{kind: KindParagraph, text: "Use <1/> or <2/>.", src: `Use <span translate=NO>Panadol</span> or <b class="notranslate">Calpol</b>.`},
				{kind: KindParagraph, text: "Yes"},
			},
		},
		{
			name: "unclosed tags",
			raw:  "<ul><li>One<li>Two <b>bold\n</ul><p>First<p>Second <i>it\n<table><tr><td>A<td>B</table>",
			want: []seg{
				{kind: KindListItem, text: "One"},
				{kind: KindListItem, text: "Two <1>bold</1>", src: "Two <b>bold"},
				{kind: KindParagraph, text: "First"},
				{kind: KindParagraph, text: "Second <1>it</1>", src: "Second <i>it"},
				{kind: KindTableCell, text: "A"}, {kind: KindTableCell, text: "B"},
			},
		},
		{
			name: "stray end tags",
			raw:  "<div>Before</p>after</span></div></p><p>Last</p></b>",
			want: []seg{
				{kind: KindParagraph, text: "Before"},
				{kind: KindParagraph, text: "after"},
				{kind: KindParagraph, text: "Last"},
			},
		},
		{
			name: "block link and comments",
			raw:  "<a href=/x><div>Card</div></a><p><!-- c -->Text <!-- mid --> here<!-- end --></p>",
			want: []seg{
				{kind: KindParagraph, text: "Card"},
				{kind: KindParagraph, text: "Text <1/> here", src: "Text <!-- mid --> here"},
			},
		},
		{
			name: "mixed text and blocks in one container",
			raw:  "<section>Intro <b>text</b><p>Para</p>Outro</section>",
			want: []seg{
				{kind: KindParagraph, text: "Intro <1>text</1>", src: "Intro <b>text</b>"},
				{kind: KindParagraph, text: "Para"},
				{kind: KindParagraph, text: "Outro"},
			},
		},
		{
			name: "empty and blank content",
			raw:  "<p></p><p> \n </p><li><br></li><td>&nbsp;</td><img alt=''>",
			want: []seg{{kind: KindTableCell, text: "\u00a0", src: "&nbsp;"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse("page.html", []byte(tt.raw), Options{})
			if err != nil {
				t.Fatal(err)
			}
			var got []seg
			for _, s := range doc.Segments {
				g := seg{kind: s.Kind, text: s.Text, src: tt.raw[s.Start:s.End]}
				if g.src == g.text {
					g.src = ""
				}
				got = append(got, g)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d segments, want %d:\n got  %+v\n want %+v", len(got), len(tt.want), got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("segment %d:\n got  %+v\n want %+v", i, got[i], tt.want[i])
				}
			}
			assertNoOverlap(t, doc)
			out, _, err := Localize(doc, func(_ int, s Segment) (string, bool) { return s.Text, true })
			if err != nil || string(out) != tt.raw {
				t.Errorf("identity round trip: %q, %v", out, err)
			}
		})
	}
}

func TestParseHTMLContext(t *testing.T) {
	raw := "<title>T</title><h1>Main <i>topic</i></h1><p>a</p><h3>Sub</h3><p>b</p><h2>Next</h2><p title=x>c</p>"
	doc, err := Parse("doc.htm", []byte(raw), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Format != FormatHTML || doc.Slug != "doc" {
		t.Errorf("format %q slug %q", doc.Format, doc.Slug)
	}
	want := []struct {
		headings string
		words    int
	}{
		{"", 1}, {"", 2}, {"Main topic", 1}, {"Main topic", 1}, {"Main topic/Sub", 1}, {"Main topic", 1}, {"Main topic/Next", 1}, {"Main topic/Next", 1},
	}
	if len(doc.Segments) != len(want) {
		t.Fatalf("got %d segments, want %d", len(doc.Segments), len(want))
	}
	for i, s := range doc.Segments {
		if h := strings.Join(s.Headings, "/"); h != want[i].headings || s.Words != want[i].words {
			t.Errorf("segment %d %q: headings %q words %d, want %q %d", i, s.Text, h, s.Words, want[i].headings, want[i].words)
		}
		if s.Line != 1 {
			t.Errorf("segment %d: line %d", i, s.Line)
		}
	}
}

func TestHTMLLangTargets(t *testing.T) {
	raw := "<!DOCTYPE html><title>T</title><p>Whole</p><div>Part<p>x</p></div><img alt=A title=B><p>y</p><a title=C>c</a>Body text"
	doc, err := Parse("p.html", []byte(raw), Options{})
	if err != nil {
		t.Fatal(err)
	}
	tag := func(s string) int { return strings.Index(raw, s) }
	want := []int{tag("<title>"), tag("<p>Whole"), -1, tag("<p>x"), tag("<img"), tag("<img"), tag("<p>y"), -1}
	if len(doc.Segments) != len(want) {
		t.Fatalf("got %d segments, want %d", len(doc.Segments), len(want))
	}
	for i := range want {
		if got := doc.LangTarget(i); got != want[i] {
			t.Errorf("segment %d %q: LangTarget %d, want %d", i, doc.Segments[i].Text, got, want[i])
		}
	}
	if at, ok := doc.HTMLRoot(); ok || at != len("<!DOCTYPE html>") {
		t.Errorf("HTMLRoot = %d, %v", at, ok)
	}
	md, _ := Parse("a.md", []byte("# x\n"), Options{})
	if md.LangTarget(0) != -1 {
		t.Errorf("Markdown LangTarget")
	}
}

func TestParseHTMLIDMarkers(t *testing.T) {
	raw := "<h1>T</h1>\n<!-- healthloc:id dose -->\n<div><p>Take <b>1</b> tablet</p></div><p><!--healthloc:id after-->x</p>"
	doc, err := Parse("m.html", []byte(raw), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, s := range doc.Segments {
		ids = append(ids, s.ID)
	}
	if got := strings.Join(ids, ","); got != ",dose,after" {
		t.Errorf("IDs %q", got)
	}
	for _, bad := range []struct{ raw, err string }{
		{"<p>a</p><!-- healthloc:id x -->", `m.html:1: healthloc:id "x" is not followed by a translatable block`},
		{"<!-- healthloc:id x -->\n<!-- healthloc:id y --><p>a</p>", `m.html:2: healthloc:id "y" is not followed by a translatable block`},
		{"<!-- healthloc:id x --><p>a</p><!-- healthloc:id x --><p>b</p>", `m.html:1: healthloc:id "x" is used twice`},
		{"<!-- healthloc:ID -x --><p>a</p>", `m.html:1: malformed ID marker`},
	} {
		if _, err := Parse("m.html", []byte(bad.raw), Options{}); err == nil || !strings.HasPrefix(err.Error(), bad.err) {
			t.Errorf("%q: error %v, want %s", bad.raw, err, bad.err)
		}
	}
}

// TestScanAttrsAgreesWithTokenizer checks that the attribute offsets
// healthloc edits are the attributes browsers and x/net/html see.
func TestScanAttrsAgreesWithTokenizer(t *testing.T) {
	tags := []string{
		`<a href="/x?a=1&amp;b=2" title='It"s' data-x=y>`,
		`<img src=a.png alt=Sun/>`,
		`<img alt = " spaced " ALT="dup" title>`,
		`<p =a b=c/ d=e f="g"h='i'>`,
		`<input placeholder=Search	aria-label="Find it"/>`,
		`<div class="a
b" lang=en>`,
		`<x a=>`,
		`<br/>`,
	}
	for _, tag := range tags {
		z := html.NewTokenizer(strings.NewReader(tag))
		z.Next()
		var want []string
		for more := true; more; {
			var k, v []byte
			k, v, more = z.TagAttr()
			if k != nil {
				want = append(want, fmt.Sprintf("%s=%q", k, v))
			}
		}
		raw := []byte(tag)
		var got []string
		for _, a := range scanAttrs(raw) {
			v := ""
			if a.valStart >= 0 {
				v = html.UnescapeString(string(bytes.ReplaceAll(raw[a.valStart:a.valEnd], []byte("\r"), nil)))
			}
			got = append(got, fmt.Sprintf("%s=%q", a.name, v))
		}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%q:\n got  %v\n want %v", tag, got, want)
		}
	}
}

func BenchmarkParseHTML(b *testing.B) {
	raw, err := os.ReadFile("../../content/heat-illness.html")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		if _, err := Parse("heat-illness.html", raw, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLocalizeHTML(b *testing.B) {
	raw, err := os.ReadFile("../../content/heat-illness.html")
	if err != nil {
		b.Fatal(err)
	}
	doc, err := Parse("heat-illness.html", raw, Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		if _, _, err := Localize(doc, func(_ int, s Segment) (string, bool) { return "«" + s.Text + "»", true }); err != nil {
			b.Fatal(err)
		}
	}
}
