package readability

import "math"

// The formulas, as their authors published them, on Counts. Each is
// tested against a worked example published with it (formulas_test.go).

func perSentence(c Counts) float64 { return float64(c.Words) / float64(max(c.Sentences, 1)) }
func perWord(n int, c Counts) float64 {
	return float64(n) / float64(max(c.Words, 1))
}

// fleschEase: Flesch (1948), English.
func fleschEase(c Counts) float64 {
	return 206.835 - 1.015*perSentence(c) - 84.6*perWord(c.Syllables, c)
}

// fleschKincaid: Kincaid, Fishburne, Rogers and Chissom (1975), US
// school grade.
func fleschKincaid(c Counts) float64 {
	return 0.39*perSentence(c) + 11.8*perWord(c.Syllables, c) - 15.59
}

// smog: McLaughlin (1969), the regression form, scaled to 30 sentences.
func smog(c Counts) float64 {
	return 1.0430*math.Sqrt(float64(c.Poly)*30/float64(max(c.Sentences, 1))) + 3.1291
}

// fernandezHuerta: Fernández Huerta (1959), Spanish, in the corrected
// form (syllables per word × 60, words per sentence × 1.02).
func fernandezHuerta(c Counts) float64 {
	return 206.84 - 60*perWord(c.Syllables, c) - 1.02*perSentence(c)
}

// szigrisztPazos: Szigriszt Pazos (1993), Spanish perspicuity, read on
// the INFLESZ scale (Barrio Cantalejo, 2008).
func szigrisztPazos(c Counts) float64 {
	return 206.835 - 62.3*perWord(c.Syllables, c) - perSentence(c)
}

// kandelMoles: Kandel and Moles (1958), French.
func kandelMoles(c Counts) float64 {
	return 207 - 1.015*perSentence(c) - 73.6*perWord(c.Syllables, c)
}

// amstad: Amstad (1978), German.
func amstad(c Counts) float64 {
	return 180 - perSentence(c) - 58.5*perWord(c.Syllables, c)
}

// wienerSachtext: the first Wiener Sachtextformel, Bamberger and
// Vanecek (1984), German school grade.
func wienerSachtext(c Counts) float64 {
	ms := 100 * perWord(c.Poly, c)
	iw := 100 * perWord(c.Long, c)
	es := 100 * perWord(c.Mono, c)
	return 0.1935*ms + 0.1672*perSentence(c) + 0.1297*iw - 0.0327*es - 0.875
}

// gulpease: Lucisano and Piemontese (1988), Italian, on letters.
func gulpease(c Counts) float64 {
	return 89 + (300*float64(c.Sentences)-10*float64(c.Letters))/float64(max(c.Words, 1))
}

// martins: Martins, Ghiraldelo, Nunes and Oliveira (1996), the Flesch
// adaptation for Portuguese.
func martins(c Counts) float64 {
	return 248.835 - 1.015*perSentence(c) - 84.6*perWord(c.Syllables, c)
}

// oborneva: Oborneva (2006), the Flesch adaptation for Russian.
func oborneva(c Counts) float64 {
	return 206.835 - 1.3*perSentence(c) - 60.1*perWord(c.Syllables, c)
}

// osman: El-Haj and Rayson (2016), Arabic.
func osman(c Counts) float64 {
	return 200.791 - 1.015*perSentence(c) -
		24.181*(perWord(c.Hard, c)+perWord(c.Syllables, c)+perWord(c.Faseeh, c)+perWord(c.Long5, c))
}
