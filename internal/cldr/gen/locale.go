package main

import (
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// units are the CLDR units the checks compare, by their CLDR ID.
var units = []string{
	"mass-microgram", "mass-milligram", "mass-gram", "mass-kilogram",
	"volume-milliliter", "volume-liter", "volume-teaspoon", "volume-tablespoon",
	"temperature-celsius", "temperature-fahrenheit",
	"duration-second", "duration-minute", "duration-hour", "duration-day", "duration-week", "duration-month", "duration-year",
	"length-millimeter", "length-centimeter", "length-meter", "length-kilometer", "length-inch",
	"pressure-millimeter-ofhg", "concentr-percent", "concentr-milligram-ofglucose-per-deciliter", "concentr-millimole-per-liter",
	"energy-kilocalorie",
}

// periods are the units whose per-unit pattern names a frequency's
// period: "{0} per day", "{0} kwa siku".
var periods = map[string]bool{"duration-hour": true, "duration-day": true, "duration-week": true, "duration-month": true}

// localeData is what the checks need from main/<locale>.xml.
type localeData struct {
	months    [13][]string
	dateOrder string   // "mdy", "dmy" or "ymd", from the short date format
	dateWords []string // the literal words of date formats: "de", "ngày", "年"
	units     map[string]*unitNames
	mags      map[[2]string]int64 // {word, "b" or "a"} → magnitude
	dec, grp  string
}

type unitNames struct {
	before, after map[string]bool // names written before or after the number
	one, two      map[string]bool // whole words for one and two of the unit (duals)
	per           map[string]bool // per-unit phrases: "per day"
}

func newUnitNames() *unitNames {
	return &unitNames{before: map[string]bool{}, after: map[string]bool{}, one: map[string]bool{}, two: map[string]bool{}, per: map[string]bool{}}
}

func readLocale(doc *node) *localeData {
	ld := &localeData{units: map[string]*unitNames{}, mags: map[[2]string]int64{}}
	if cal := doc.first("ldml/dates/calendars/calendar[type=gregorian]"); cal != nil {
		ld.readCalendar(cal)
	}
	ld.readUnits(doc)
	for _, l := range doc.all("ldml/numbers/decimalFormats[numberSystem=latn]/decimalFormatLength") {
		long := l.attr["type"] == "long"
		for _, p := range l.all("decimalFormat/pattern") {
			addMagnitude(ld, p.attr["type"], p.text, long)
		}
	}
	if s := doc.first("ldml/numbers/symbols[numberSystem=latn]"); s != nil {
		if d := s.first("decimal"); d != nil {
			ld.dec = d.text
		}
		if g := s.first("group"); g != nil {
			ld.grp = g.text
		}
	}
	return ld
}

// readCalendar reads the month names (wide and abbreviated, format and
// stand-alone), the short date order and the date formats' words.
func (ld *localeData) readCalendar(cal *node) {
	seen := [13]map[string]bool{}
	for _, ctx := range cal.all("months/monthContext") {
		for _, w := range ctx.all("monthWidth") {
			if w.attr["type"] == "narrow" {
				continue
			}
			for _, m := range w.all("month") {
				n, err := strconv.Atoi(m.attr["type"])
				name := cleanSpelling(m.text)
				if err != nil || n < 1 || n > 12 || name == "" {
					continue
				}
				if seen[n] == nil {
					seen[n] = map[string]bool{}
				}
				if !seen[n][name] {
					seen[n][name] = true
					ld.months[n] = append(ld.months[n], name)
				}
			}
		}
	}
	for n := range ld.months {
		sort.Strings(ld.months[n])
	}
	words := map[string]bool{}
	for _, l := range cal.all("dateFormats/dateFormatLength") {
		p := cal.first("dateFormats/dateFormatLength[type=" + l.attr["type"] + "]/dateFormat/pattern")
		if p == nil {
			continue
		}
		if l.attr["type"] == "short" {
			ld.dateOrder = fieldOrder(p.text)
		}
		for _, w := range patternLiterals(p.text) {
			words[w] = true
		}
	}
	ld.dateWords = sortedKeys(words)
}

// readUnits reads the long and short names of the units the checks
// compare; narrow ones ("m", "d", "″") are too terse to tell apart.
func (ld *localeData) readUnits(doc *node) {
	for _, ul := range doc.all("ldml/units/unitLength") {
		if ul.attr["type"] == "narrow" {
			continue
		}
		for _, u := range ul.all("unit") {
			id := u.attr["type"]
			if !contains(units, id) {
				continue
			}
			un := ld.units[id]
			if un == nil {
				un = newUnitNames()
				ld.units[id] = un
			}
			for _, p := range u.all("unitPattern") {
				addPattern(un, p.text, p.attr["count"])
			}
			if per := u.first("perUnitPattern"); per != nil && periods[id] {
				if w := strings.TrimSpace(cleanSpelling(strings.Replace(per.text, "{0}", "", 1))); w != "" && !strings.HasPrefix(w, "/") {
					un.per[w] = true
				}
			}
		}
	}
	dropShared(ld.units)
}

// addPattern reads a unit pattern: "{0} mg", "siku {0}", or a whole word
// for one or two of the unit (Arabic "يومان", Hebrew "יומיים").
func addPattern(un *unitNames, pat, count string) {
	pat = strings.ReplaceAll(pat, "{0}", "\x00")
	before, after, has := strings.Cut(pat, "\x00")
	if !has {
		w := cleanSpelling(pat)
		switch count {
		case "one":
			un.one[w] = true
		case "two":
			un.two[w] = true
		}
		return
	}
	before, after = cleanSpelling(before), cleanSpelling(after)
	switch {
	case after != "" && before != "":
		// "每分升{0}毫克": words on both sides say too little alone
	case after != "":
		un.after[after] = true
	case before != "":
		un.before[before] = true
	}
}

// addMagnitude reads a compact decimal pattern: "0 million" for 10^6,
// "00万" for 10^5 (10 × 10^4), "milioni 0" before the number.
func addMagnitude(ld *localeData, typ, pat string, long bool) {
	pat, _, _ = strings.Cut(pat, ";") // the negative pattern says no more
	base, err := strconv.ParseInt(typ, 10, 64)
	if err != nil || pat == "0" {
		return
	}
	zeros := strings.Count(pat, "0")
	if zeros == 0 {
		return
	}
	mag := base
	for k := 1; k < zeros; k++ {
		mag /= 10
	}
	i := strings.Index(pat, "0")
	j := strings.LastIndex(pat, "0")
	before, after := cleanSpelling(strings.ReplaceAll(pat[:i], "'", "")), cleanSpelling(strings.ReplaceAll(pat[j+1:], "'", ""))
	word, pos := after, "a"
	if after == "" {
		word, pos = before, "b"
	}
	letters := 0
	for _, r := range word {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	// Short forms such as "K" and "M" are also units and words.
	if word == "" || !long && letters <= 2 || letters == 0 {
		return
	}
	if old, ok := ld.mags[[2]string{word, pos}]; !ok || mag < old {
		ld.mags[[2]string{word, pos}] = mag
	}
}

// fieldOrder is the order of year, month and day in a date pattern.
func fieldOrder(p string) string {
	var out []byte
	for _, c := range stripQuoted(p) {
		var f byte
		switch c {
		case 'y', 'Y', 'u':
			f = 'y'
		case 'M', 'L':
			f = 'm'
		case 'd':
			f = 'd'
		}
		if f != 0 && !strings.ContainsRune(string(out), rune(f)) {
			out = append(out, f)
		}
	}
	return string(out)
}

func stripQuoted(p string) string {
	var b strings.Builder
	in := false
	for _, c := range p {
		if c == '\'' {
			in = !in
			continue
		}
		if !in {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// patternLiterals are the words a date pattern writes around its fields:
// quoted text and letters that are not pattern letters.
func patternLiterals(p string) []string {
	var out []string
	var cur strings.Builder
	flush := func() {
		if w := cleanSpelling(cur.String()); w != "" {
			out = append(out, strings.Fields(w)...)
		}
		cur.Reset()
	}
	in := false
	for _, c := range p {
		switch {
		case c == '\'':
			if in {
				flush()
			}
			in = !in
		case in:
			cur.WriteRune(c)
		case c < 0x80 && unicode.IsLetter(c):
			flush()
		case unicode.IsLetter(c) || unicode.Is(unicode.Mn, c) || unicode.Is(unicode.Mc, c) || c == '.':
			cur.WriteRune(c)
		default:
			flush()
		}
	}
	flush()
	var clean []string
	for _, w := range out {
		if strings.ContainsFunc(w, unicode.IsLetter) {
			clean = append(clean, w)
		}
	}
	return clean
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func sortedKeys(m map[string]bool) []string {
	return slices.Sorted(maps.Keys(m))
}

// dropShared removes from compound units (mg/dL) the names that a simple
// unit also has, and drops the names two simple units share: a name must
// say one unit.
func dropShared(us map[string]*unitNames) {
	owners := map[string]map[string]bool{}
	for id, un := range us {
		if strings.Contains(id, "-per-") {
			continue
		}
		for _, m := range []map[string]bool{un.before, un.after} {
			for w := range m {
				if owners[w] == nil {
					owners[w] = map[string]bool{}
				}
				owners[w][id] = true
			}
		}
	}
	for id, un := range us {
		for _, m := range []map[string]bool{un.before, un.after} {
			for w := range m {
				if len(owners[w]) > 1 && !strings.Contains(id, "-per-") {
					delete(m, w)
				}
			}
		}
	}
	simple := map[string]bool{}
	for id, un := range us {
		if !strings.Contains(id, "-per-") {
			for _, m := range []map[string]bool{un.before, un.after} {
				for w := range m {
					simple[w] = true
				}
			}
		}
	}
	for id, un := range us {
		if strings.Contains(id, "-per-") {
			for _, m := range []map[string]bool{un.before, un.after} {
				for w := range m {
					if simple[w] {
						delete(m, w)
					}
				}
			}
		}
	}
}
