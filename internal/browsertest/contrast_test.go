package browsertest

import (
	"context"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// lowContrast lists the visible text whose colour against its effective
// background is below WCAG AA: 4.5:1, or 3:1 for large text (24px, or
// 18.66px bold).
const lowContrast = `(() => {
	const parse = c => { const p = c.match(/rgba?\(([^)]+)\)/)[1].split(",").map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1] };
	const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4) }; return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]) };
	const bg = e => { for (; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor); if (c[3] > 0) return c } return [255, 255, 255, 1] };
	const bad = [];
	for (const e of document.querySelectorAll("body *")) {
		if (![...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
		const cs = getComputedStyle(e);
		if (cs.display === "none" || cs.visibility === "hidden" || e.getClientRects().length === 0) continue;
		const fg = parse(cs.color), b = bg(e), l1 = lum(fg), l2 = lum(b);
		const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
		const size = parseFloat(cs.fontSize), large = size >= 24 || (parseInt(cs.fontWeight) >= 700 && size >= 18.66);
		if (ratio < (large ? 3 : 4.5)) bad.push(e.tagName + "." + e.className + " " + ratio.toFixed(2) + ": " + cs.color + " on " + b.join(","));
	}
	return bad })()`

func emulateMedia(t *testing.T, ctx context.Context, media, scheme string) {
	t.Helper()
	p := emulation.SetEmulatedMediaParams{Media: media}
	if scheme != "" {
		p.Features = []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}
	}
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, p)
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
}

// TestContrast checks every piece of text on the article pages, the index
// and the dashboard, in the light and the dark colour scheme.
func TestContrast(t *testing.T) {
	base := serve(t, fixture(t))
	ctx := tab(t)
	pages := []string{"es-MX/fever.html", "ar/fever.html", "fr/fever.html", "es/index.html", "dashboard.html"}
	for _, scheme := range []string{"light", "dark"} {
		emulateMedia(t, ctx, "", scheme)
		for _, pg := range pages {
			navigate(t, ctx, base+"/"+pg)
			if bad := eval[[]string](t, ctx, lowContrast); len(bad) > 0 {
				t.Errorf("%s (%s): text below WCAG AA contrast: %v", pg, scheme, bad)
			}
		}
	}
}

// TestPrint checks the print styles: navigation is hidden, text is black,
// and external links show their address.
func TestPrint(t *testing.T) {
	base := serve(t, fixture(t))
	ctx := tab(t)
	emulateMedia(t, ctx, "print", "")
	navigate(t, ctx, base+"/es-MX/fever.html")
	got := eval[string](t, ctx, `[getComputedStyle(document.querySelector("header")).display,
		getComputedStyle(document.querySelector("nav.toc")).display,
		getComputedStyle(document.querySelector("article > p:not(.lead)")).color,
		getComputedStyle(document.querySelector('main a[href^="http"]'), "::after").content].join(" | ")`)
	if want := `none | none | rgb(0, 0, 0) | " (https://example.org/help)"`; got != want {
		t.Errorf("print styles: %s", got)
	}
}
