package qa

import "strings"

// unit is a unit class and its magnitude within the class: mg and g are
// both "mass", 1e-3 and 1. Magnitude 0 means "not said" (a bare
// "degrees", "twice" without a period) and matches any magnitude.
type unit struct {
	class string
	mag   float64
}

func (u unit) String() string {
	for name, v := range unitNames {
		if v == u {
			return name
		}
	}
	return u.class
}

// unitNames names units in messages.
var unitNames = map[string]unit{
	"µg": {"mass", 1e-6}, "mg": {"mass", 1e-3}, "g": {"mass", 1}, "kg": {"mass", 1e3},
	"ml": {"volume", 1e-3}, "l": {"volume", 1},
	"°C": {"temperature", 1}, "°F": {"temperature", 2}, "degrees": {"temperature", 0},
	"IU": {"iu", 1}, "%": {"percent", 1},
	"seconds": {"time", 1}, "minutes": {"time", 60}, "hours": {"time", 3600}, "days": {"time", 86400},
	"weeks": {"time", 604800}, "months": {"time", 2629800}, "years": {"time", 31557600},
	"times": {"frequency", 0}, "times per hour": {"frequency", 1.0 / 24}, "times a day": {"frequency", 1},
	"times a week": {"frequency", 7}, "times a month": {"frequency", 30},
	"mmHg": {"pressure", 1}, "doses": {"dose", 1}, "spoons": {"spoon", 1},
	"tablets": {"tablet", 1}, "capsules": {"capsule", 1}, "drops": {"drop", 1}, "sachets": {"sachet", 1},
	"mm": {"length", 1e-3}, "cm": {"length", 1e-2}, "m": {"length", 1}, "km": {"length", 1e3}, "inches": {"length", 0.0254},
}

// unitWords maps the lower-case unit names of en, es, fr, ru and ar to
// units. The names do not clash across these languages, so one table
// serves them all.
var unitWords = func() map[string]unit {
	m := map[string]unit{}
	add := func(u unit, names string) {
		for _, n := range strings.Fields(names) {
			m[n] = u
		}
	}
	add(unit{"mass", 1e-6}, "mcg µg μg ug microgram micrograms microgramo microgramos microgramme microgrammes мкг микрограмм микрограмма микрограммов ميكروغرام مكغ")
	add(unit{"mass", 1e-3}, "mg milligram milligrams miligramo miligramos milligramme milligrammes мг миллиграмм миллиграмма миллиграммов ملغ ملغم مغ ملجم مجم ميليغرام ملليغرام ملغرام")
	add(unit{"mass", 1}, "g gr gram grams gramo gramos gramme grammes г грамм грамма граммов غ غرام غرامات جم جرام")
	add(unit{"mass", 1e3}, "kg kilo kilos kilogram kilograms kilogramo kilogramos kilogramme kilogrammes кг килограмм килограмма килограммов كغ كجم كيلوغرام كيلوغرامات كيلو")
	add(unit{"volume", 1e-3}, "ml milliliter milliliters millilitre millilitres mililitro mililitros мл миллилитр миллилитра миллилитров مل ملل مللتر ميليلتر مليلتر")
	add(unit{"volume", 1}, "l liter liters litre litres litro litros л литр литра литров لتر لترات ليتر")
	add(unit{"temperature", 0}, "degree degrees grado grados degré degrés градус градуса градусов درجة درجات")
	add(unit{"iu", 1}, "iu ui ме")
	add(unit{"percent", 1}, "percent porcentaje pourcent процент процента процентов بالمئة بالمائة")
	add(unit{"time", 1}, "second seconds sec secs segundo segundos seconde secondes секунда секунды секунд секунду ثانية ثوان ثواني")
	add(unit{"time", 60}, "minute minutes min mins minuto minutos минута минуты минут минуту мин دقيقة دقائق")
	add(unit{"time", 3600}, "hour hours h hr hrs hora horas heure heures час часа часов ч ساعة ساعات")
	add(unit{"time", 86400}, "day days día días dia dias jour jours journée journées день дня дней сутки суток يوم أيام")
	add(unit{"time", 604800}, "week weeks semana semanas semaine semaines неделя недели недель неделю أسبوع أسابيع")
	add(unit{"time", 2629800}, "month months mes meses mois месяц месяца месяцев شهر أشهر شهور")
	add(unit{"time", 31557600}, "year years año años an ans année années год года лет سنة سنوات عام أعوام")
	add(unit{"frequency", 0}, "times time veces vez fois раз раза مرات مرة")
	add(unit{"tablet", 1}, "tablet tablets pill pills comprimido comprimidos pastilla pastillas tableta tabletas comprimé comprimés таблетка таблетки таблеток таблетку قرص أقراص حبة حبات")
	add(unit{"capsule", 1}, "capsule capsules cápsula cápsulas gélule gélules капсула капсулы капсул капсулу كبسولة كبسولات")
	add(unit{"drop", 1}, "drop drops gota gotas goutte gouttes капля капли капель каплю قطرة قطرات")
	add(unit{"sachet", 1}, "sachet sachets packet packets sobre sobres пакетик пакетика пакетиков пакет пакета كيس أكياس ظرف")
	add(unit{"pressure", 1}, "mmhg")
	add(unit{"dose", 1}, "dose doses dosis доза дозы доз جرعة جرعات")
	add(unit{"spoon", 1}, "spoon spoons spoonful cuchara cucharas cucharada cucharadas cuillère cuillères cuillerée ложка ложки ложку ملعقة ملاعق")
	add(unit{"length", 1e-3}, "mm мм مم")
	add(unit{"length", 1e-2}, "cm см سم")
	add(unit{"length", 1}, "m м")
	add(unit{"length", 1e3}, "km км كم")
	add(unit{"length", 0.0254}, "inch inches pulgada pulgadas pouce pouces дюйм дюйма дюймов بوصة إنش")
	return m
}()

// unitPhrases are two-word unit names.
var unitPhrases = map[string]unit{
	"per cent": {"percent", 1}, "por ciento": {"percent", 1}, "pour cent": {"percent", 1},
	"في المئة": {"percent", 1}, "في المائة": {"percent", 1},
	"unidades internacionales": {"iu", 1}, "unités internationales": {"iu", 1}, "international units": {"iu", 1},
	"وحدة دولية": {"iu", 1},
	"mm hg":      {"pressure", 1}, "мм рт": {"pressure", 1}, "ملم زئبق": {"pressure", 1}, "مم زئبق": {"pressure", 1},
}

// unitSymbols are units written with symbols, longest first.
var unitSymbols = []struct {
	sym string
	u   unit
}{
	{"° C", unit{"temperature", 1}}, {"° F", unit{"temperature", 2}},
	{"°C", unit{"temperature", 1}}, {"°F", unit{"temperature", 2}},
	{"ºC", unit{"temperature", 1}}, {"ºF", unit{"temperature", 2}},
	{"°С", unit{"temperature", 1}}, // Cyrillic С
	{"℃", unit{"temperature", 1}}, {"℉", unit{"temperature", 2}},
	{"°", unit{"temperature", 0}},
	{"%", unit{"percent", 1}}, {"٪", unit{"percent", 1}},
	{"µg", unit{"mass", 1e-6}}, {"μg", unit{"mass", 1e-6}},
}

// temperatureScales refine a bare "degrees".
var temperatureScales = map[string]float64{
	"celsius": 1, "c": 1, "centigrados": 1, "centígrados": 1, "цельсия": 1, "مئوية": 1, "مئويه": 1,
	"fahrenheit": 2, "f": 2, "фаренгейта": 2, "فهرنهايت": 2,
}

// periods turn "times" into a frequency: "twice a day" is 2 per day.
var periods = func() map[string]float64 {
	m := map[string]float64{}
	add := func(days float64, names string) {
		for _, n := range strings.Fields(names) {
			m[n] = days
		}
	}
	add(1.0/24, "hour hourly hora heure час ساعة")
	add(1, "day daily días día diario diaria diariamente jour quotidien quotidienne quotidiennement jours день сутки ежедневно يوميا يومياً اليوم يوم")
	add(7, "week weekly semana semanal semanalmente semaine hebdomadaire неделю неделя еженедельно أسبوع الأسبوع أسبوعيا أسبوعياً")
	add(30, "month monthly mes mensual mensualmente mois mensuel mensuelle месяц ежемесячно شهر الشهر شهريا شهرياً")
	return m
}()

// unitAt reads a unit starting at rune k, after the spaces that follow a
// number, and returns it with the rune index after it and what it is: a
// unit (eUnit) or a counter (eCounter) that counts without a unit.
func (t *text) unitAt(k int) (unit, int, byte, bool) {
	for k < len(t.r) && (isSpace(t.r[k]) || t.r[k] == '-') && t.r[k] != '\n' {
		k++
	}
	if k >= len(t.r) {
		return unit{}, k, 0, false
	}
	// "the first 6 months" reads "les 6 premiers mois" in French.
	if isWordRune(t.r[k]) {
		if w, e := t.wordAt(k); orderWords[w] {
			if u, e2, kind, ok := t.unitAt(e); ok {
				return u, e2, kind, true
			}
		}
	}
	for _, s := range unitSymbols {
		if t.hasPrefixAt(k, s.sym) {
			return s.u, k + len([]rune(s.sym)), eUnit, true
		}
	}
	// the language's names, CLDR's and the counters, longest first
	var found entry
	end := -1
	t.lg.m.at(t, k, func(e entry, e2 int) bool {
		if e.kind != eUnit && e.kind != eCounter {
			return false
		}
		if !t.boundaryOK(k, e2) {
			var ok bool
			if e2, ok = t.afterSuffix(e2); !ok {
				return false
			}
		}
		found, end = e, e2
		return true
	})
	if end >= 0 {
		if found.kind == eCounter {
			return unit{}, end, eCounter, true
		}
		return t.temperatureScale(found.u, end)
	}
	if !isWordRune(t.r[k]) {
		return unit{}, k, 0, false
	}
	j := k
	for j < len(t.r) && isWordRune(t.r[j]) {
		j++
	}
	w := strings.ToLower(string(t.r[k:j]))
	if nw, nj := t.nextWord(j); nw != "" {
		if u, ok := unitPhrases[w+" "+nw]; ok {
			return u, nj, eUnit, true
		}
	}
	u, ok := t.lookupUnit(w)
	if !ok {
		return unit{}, k, 0, false
	}
	return t.temperatureScale(u, j)
}

// hasPrefixAt reports whether the runes from k spell s exactly.
func (t *text) hasPrefixAt(k int, s string) bool {
	for _, c := range s {
		if k >= len(t.r) || t.r[k] != c {
			return false
		}
		k++
	}
	return true
}

// afterSuffix matches a case ending of the language at rune k that ends
// the word: "দিনের" is "দিন" and "ের".
func (t *text) afterSuffix(k int) (int, bool) {
	for _, suf := range t.lg.suffixes {
		if end, ok := t.matchAt(k, []rune(foldString(suf))); ok && (end >= len(t.r) || !isWordRune(t.r[end])) {
			return end, true
		}
	}
	return k, false
}

// temperatureScale refines a bare "degrees" with the scale after it.
func (t *text) temperatureScale(u unit, j int) (unit, int, byte, bool) {
	if u.class == "temperature" && u.mag == 0 {
		if nw, nj := t.nextWord(j); nw != "" {
			if s, ok := temperatureScales[nw]; ok {
				return unit{"temperature", s}, nj, eUnit, true
			}
		}
	}
	return u, j, eUnit, true
}

// orderWords may stand between a number and its unit.
var orderWords = map[string]bool{
	"first": true, "last": true, "next": true, "premiers": true, "premières": true, "derniers": true, "dernières": true,
	"prochains": true, "prochaines": true, "primeros": true, "primeras": true, "últimos": true, "últimas": true,
	"siguientes": true, "próximos": true, "próximas": true, "первых": true, "последних": true, "следующих": true,
}

// period finds the period of a frequency whose number starts at rune i
// and whose unit ends at j: a few words ahead ("twice a day", "dos veces
// al día", "3 раза в день", "2 lần mỗi ngày") or just before it ("每天两次",
// "하루에 두 번", "1日2回", "दिन में दो बार").
func (t *text) period(i, j int) float64 {
	k := j
	for n := 0; n < 4; n++ {
		s := t.skipSpaces(k)
		if d, ok := t.periodAt(s); ok {
			return d
		}
		w, e := t.nextWord(k)
		if w == "" {
			break
		}
		if d, ok := periods[w]; ok {
			return d
		}
		if t.lang == "ar" {
			for _, v := range arabicNorm(w) {
				if d, ok := periods[v]; ok {
					return d
				}
			}
		}
		if _, isUnit := t.lookupUnit(w); isUnit {
			return 0
		}
		k = e
	}
	// before: the nearest period name ending within a few runes
	for s := i - 1; s >= max(0, i-12); s-- {
		if d, e, ok := t.periodEndingBy(s, i); ok && t.gapPlain(e, i) && !t.numberBefore(s) {
			return d
		}
	}
	return 0
}

// numberBefore reports a digit just before rune s (a space between):
// "4주" is a duration, not a period.
func (t *text) numberBefore(s int) bool {
	k := s
	for k > 0 && isSpace(t.r[k-1]) {
		k--
	}
	return k > 0 && isDigit(t.r[k-1])
}

// periodAt matches a period name at rune k.
func (t *text) periodAt(k int) (float64, bool) {
	d, ok := 0.0, false
	t.lg.m.at(t, k, func(e entry, end int) bool {
		if e.kind == ePeriod && t.boundaryOK(k, end) {
			d, ok = e.val, true
		}
		return ok
	})
	return d, ok
}

// periodEndingBy matches a period name at rune s that ends by i.
func (t *text) periodEndingBy(s, i int) (float64, int, bool) {
	d, e, ok := 0.0, 0, false
	t.lg.m.at(t, s, func(en entry, end int) bool {
		if en.kind == ePeriod && end <= i && (s == 0 || !isWordRune(t.r[s-1]) || t.lg.unspaced || t.lg.attach) {
			d, e, ok = en.val, end, true
		}
		return ok
	})
	return d, e, ok
}

// gapPlain reports whether [a, b) holds at most a short word or particle
// between a period and its frequency ("하루에 두 번", "วันละสอง").
func (t *text) gapPlain(a, b int) bool {
	return b-a <= 5 && !strings.ContainsAny(string(t.r[a:b]), ".;:!?。,，、")
}
