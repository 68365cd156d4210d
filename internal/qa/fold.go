package qa

import (
	"strings"
	"unicode"
)

// ignorable marks a rune that matching skips: vowel signs and marks that
// writers add or leave out (Arabic harakat, Hebrew points, the Devanagari
// nukta), zero-width joiners and bidi marks.
const ignorable = rune(0)

// foldRune is how names and text compare: lower case, with letter
// variants one script writes two ways made one (Persian and Arabic yeh
// and kaf, alef with hamza, candrabindu and anusvara).
func foldRune(c rune) rune {
	switch {
	case c < 0x80:
		if 'A' <= c && c <= 'Z' {
			return c + 'a' - 'A'
		}
		return c
	case c >= 0x064B && c <= 0x065F, c == 0x0670, c == 0x0640, // harakat, superscript alef, tatweel
		c >= 0x0591 && c <= 0x05C7 && c != 0x05BE && c != 0x05C0 && c != 0x05C3 && c != 0x05C6, // Hebrew points
		c == 0x093C, c == 0x09BC, // nukta
		c == 0x200B, c == 0x200C, c == 0x200D, c == 0x200E, c == 0x200F, c == 0x061C, c == 0x00AD:
		return ignorable
	}
	switch c {
	case 'أ', 'إ', 'آ', 'ٱ':
		return 'ا'
	case 'ی', 'ى', 'ې':
		return 'ي'
	case 'ک':
		return 'ك'
	case 'ۀ':
		return 'ه'
	case 0x0901:
		return 0x0902
	case 0x0981:
		return 0x0982
	case 'ё', 'Ё':
		return 'е'
	case 'µ':
		return 'μ'
	case '\u00a0', '\u202f', '\u2009', '\t':
		return ' '
	}
	return unicode.ToLower(c)
}

// foldString folds a name for lookups, dropping what matching skips.
func foldString(s string) string {
	var b strings.Builder
	for _, c := range s {
		if f := foldRune(c); f != ignorable {
			b.WriteRune(f)
		}
	}
	return b.String()
}

// foldWide maps full-width ASCII (１２３, ％, ｍｇ) to ASCII, so that it
// reads as digits, signs and units.
func foldWide(c rune) rune {
	if c >= 0xFF01 && c <= 0xFF5E {
		return c - 0xFF01 + 0x21
	}
	if c == 0x3000 {
		return ' '
	}
	return c
}
