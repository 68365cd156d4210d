package readability

import "strings"

// countArabic adds an Arabic word's OSMAN counts. OSMAN counts syllables
// from the diacritics, as its authors published it: a short vowel
// (fatha, damma, kasra) is a short syllable, or a long one before alef,
// waw or yeh; tanween and shadda are stress syllables; long and stress
// syllables count twice. Text without diacritics (most text) cannot be
// read that way, and OSMAN's own tool adds them with a diacritizer
// first; here a letter without a diacritic is read as carrying a short
// vowel, except a long vowel letter, which lengthens the one before and
// makes it a long syllable. This is an approximation, documented as
// such.
func (l *Lang) countArabic(c *Counts, w string) {
	rs := []rune(w)
	short, long, stress := 0, 0, 0
	marked := false
	for _, r := range rs {
		if isTashkeel(r) {
			marked = true
			break
		}
	}
	if marked {
		for i, r := range rs {
			switch r {
			case 'َ', 'ُ', 'ِ':
				if i+1 < len(rs) && (rs[i+1] == 'ا' || rs[i+1] == 'و' || rs[i+1] == 'ي') {
					long++
				} else {
					short++
				}
			case 'ً', 'ٌ', 'ٍ', 'ّ':
				stress++
			}
		}
	} else {
		letters := []rune(stripTashkeel(w))
		for i, r := range letters {
			if !isArabicLetter(r) || isLongVowel(r) && i > 0 {
				continue
			}
			if i+1 < len(letters) && isLongVowel(letters[i+1]) {
				long++
			} else if i+1 < len(letters) { // the last letter carries no vowel in pause
				short++
			}
		}
		if short+long == 0 {
			short = 1
		}
	}
	n := short + 2*long + 2*stress
	c.Syllables += n
	letters := letterCount(stripTashkeel(w))
	if letters > 5 {
		c.Long5++
	}
	if n > 5 {
		c.Hard++
		if strings.ContainsAny(w, "ئءؤذظ") || strings.HasSuffix(w, "وا") || strings.HasSuffix(w, "ون") {
			c.Faseeh++
		}
	}
}

func isTashkeel(r rune) bool {
	return r >= 0x064B && r <= 0x0652 || r == 0x0653 || r == 0x0657 || r == 0x0658
}

func stripTashkeel(s string) string {
	return strings.Map(func(r rune) rune {
		if isTashkeel(r) {
			return -1
		}
		return r
	}, s)
}

func isArabicLetter(r rune) bool { return r >= 0x0621 && r <= 0x064A }

func isLongVowel(r rune) bool { return r == 'ا' || r == 'و' || r == 'ي' }
