package qa

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// The world corpus (testdata/world.txt): languages check was not tuned
// for, with every defect each sentence can carry.

// defMagnitude is a changed magnitude word: 2亿 → 2万, 20 crore → 20 lakh.
const defMagnitude = "magnitude"

var worldLocales = []string{"zh-Hans", "zh-Hant", "ko", "ja", "vi", "th", "hi", "bn", "sw", "fa", "ur", "am"}

var worldKinds = []string{defNumber, defUnit, defMagnitude, defNumberWord, defSwap, defLinkDrop, defURL, defEmphasis, defScript}

// worldUnitSwaps change a unit next to a number into another unit of the
// language, written in it.
var worldUnitSwaps = map[string][][2]string{
	"zh-Hans": {{"毫升", "毫克"}, {"小时", "分钟"}, {"天", "周"}, {"周", "个月"}, {"秒", "分钟"}, {"℃", "℉"}, {"°C", "°F"}, {"毫克", "微克"}, {"克", "千克"}},
	"zh-Hant": {{"毫升", "毫克"}, {"小時", "分鐘"}, {"天", "週"}, {"週", "個月"}, {"秒", "分鐘"}, {"°C", "°F"}, {"毫克", "微克"}, {"公克", "公斤"}},
	"ko":      {{"mL", "mg"}, {"시간", "분"}, {"일", "주"}, {"주", "개월"}, {"초", "분"}, {"°C", "°F"}, {"mg", "g"}, {"g", "kg"}},
	"ja":      {{"mL", "mg"}, {"時間", "分"}, {"日間", "週間"}, {"日", "週間"}, {"週間", "か月"}, {"秒", "分"}, {"℃", "℉"}, {"mg", "g"}, {"g", "kg"}},
	"vi":      {{"ml", "mg"}, {"giờ", "phút"}, {"ngày", "tuần"}, {"tuần", "tháng"}, {"giây", "phút"}, {"°C", "°F"}, {"mg", "g"}, {"g", "kg"}},
	"th":      {{"มล.", "มก."}, {"ชั่วโมง", "นาที"}, {"วัน", "สัปดาห์"}, {"สัปดาห์", "เดือน"}, {"วินาที", "นาที"}, {"องศาเซลเซียส", "องศาฟาเรนไฮต์"}, {"°C", "°F"}, {"มก.", "ก."}, {"กรัม", "กิโลกรัม"}},
	"hi":      {{"मिलीलीटर", "मिलीग्राम"}, {"घंटे", "मिनट"}, {"दिन", "सप्ताह"}, {"सप्ताह", "महीने"}, {"सेकंड", "मिनट"}, {"°C", "°F"}, {"mg", "g"}, {"g", "kg"}},
	"bn":      {{"মিলিলিটার", "মিলিগ্রাম"}, {"দিন", "সপ্তাহ"}, {"সপ্তাহ", "মাস"}, {"সেকেন্ড", "মিনিট"}, {"°C", "°F"}},
	"sw":      {{"mililita", "miligramu"}, {"saa", "dakika"}, {"siku", "wiki"}, {"wiki", "miezi"}, {"sekunde", "dakika"}, {"°C", "°F"}, {"mg", "g"}, {"gramu", "kilogramu"}},
	"fa":      {{"میلی\u200cلیتر", "میلی\u200cگرم"}, {"ساعت", "دقیقه"}, {"روز", "هفته"}, {"هفته", "ماه"}, {"ثانیه", "دقیقه"}, {"درجهٔ سلسیوس", "درجهٔ فارنهایت"}, {"میلی\u200cگرم", "گرم"}},
	"ur":      {{"ملی لیٹر", "ملی گرام"}, {"گھنٹے", "منٹ"}, {"دن", "ہفتے"}, {"سیکنڈ", "منٹ"}, {"°C", "°F"}, {"ملی گرام", "گرام"}},
	"am":      {{"ሚሊ ሊትር", "ሊትር"}, {"ሰዓት", "ደቂቃ"}, {"ቀናት", "ሳምንታት"}, {"ሰከንድ", "ደቂቃ"}, {"°C", "°F"}, {"mg", "g"}, {"ግራም", "ኪሎግራም"}},
}

var worldMagnitudeSwaps = map[string][][2]string{
	"zh-Hans": {{"亿", "万"}}, "zh-Hant": {{"億", "萬"}}, "ko": {{"억", "만"}}, "ja": {{"億", "万"}}, "vi": {{"triệu", "tỷ"}},
	"th": {{"ล้าน", "แสน"}}, "hi": {{"करोड़", "लाख"}}, "bn": {{"কোটি", "লাখ"}}, "sw": {{"milioni", "bilioni"}},
	"fa": {{"میلیون", "میلیارد"}}, "ur": {{"کروڑ", "لاکھ"}}, "am": {{"ሚሊዮን", "ቢሊዮን"}},
}

// worldWordSwaps change a number word into another. Bengali and Urdu have
// none: CLDR has no spell-out rules for them, so their number words are
// not read (check warns once per run).
var worldWordSwaps = map[string][][2]string{
	"zh-Hans": {{"两", "三"}, {"一", "三"}}, "zh-Hant": {{"兩", "三"}, {"一", "三"}}, "ko": {{"두", "세"}, {"한", "세"}},
	"ja": {{"一", "三"}}, "vi": {{"hai", "ba"}, {"một", "ba"}}, "th": {{"สอง", "สาม"}, {"หนึ่งเม็ด", "สามเม็ด"}},
	"hi": {{"दो", "तीन"}, {"एक", "तीन"}}, "sw": {{"mbili", "tatu"}}, "fa": {{"دو", "سه"}, {"یک", "سه"}},
	"am": {{"ሁለት", "ሦስት"}, {"አንድ", "ሦስት"}},
}

// nearNumber finds from as a word after a number (before it in
// Swahili, which writes "siku 3"), with at most one space between.
func nearNumber(loc string) func(s, from string) (int, bool) {
	return func(s, from string) (int, bool) { return near(s, from, loc) }
}

func near(s, from, loc string) (int, bool) {
	return findWhere(s, from, func(a, b int) bool {
		prev, _ := utf8.DecodeLastRuneInString(s[:a])
		next, _ := utf8.DecodeRuneInString(s[b:])
		numBefore, _ := utf8.DecodeLastRuneInString(strings.TrimSuffix(s[:a], " "))
		numAfter, _ := utf8.DecodeRuneInString(strings.TrimPrefix(s[b:], " "))
		f, _ := utf8.DecodeRuneInString(from)
		ok := unicode.IsDigit(numBefore) && (isUnspacedRune(f) || loc == "ko" || !isWordRune(next))
		if loc == "sw" {
			ok = unicode.IsDigit(numAfter) && !isWordRune(prev)
		}
		return ok
	})
}

// wordOnly finds from as a word of its own, or anywhere in scripts
// written without spaces.
func wordOnly(s, from string) (int, bool) {
	return findWhere(s, from, func(a, b int) bool {
		lb, _ := utf8.DecodeLastRuneInString(s[:a])
		la, _ := utf8.DecodeRuneInString(s[b:])
		f, _ := utf8.DecodeRuneInString(from)
		return isUnspacedRune(f) || !isWordRune(lb) && !isWordRune(la)
	})
}

// findWhere returns where from first stands in s, outside links, at
// bounds a, b that ok accepts.
func findWhere(s, from string, ok func(a, b int) bool) (int, bool) {
	for i := 0; i+len(from) <= len(s); {
		k := strings.Index(s[i:], from)
		if k < 0 {
			return 0, false
		}
		a, b := i+k, i+k+len(from)
		if ok(a, b) && outsideLinks(s, a, b) {
			return a, true
		}
		i = b
	}
	return 0, false
}

// mutateWorld seeds one defect of a kind into a translation.
func mutateWorld(kind, loc, s string) (string, bool) {
	swap := func(list [][2]string, find func(string, string) (int, bool)) (string, bool) {
		for _, sw := range list {
			if a, ok := find(s, sw[0]); ok {
				return s[:a] + sw[1] + s[a+len(sw[0]):], true
			}
		}
		return s, false
	}
	switch kind {
	case defNumber:
		// the first digit run, in its own script: 500 → 50, ৫ → ৬
		rs := []rune(s)
		for i := 0; i < len(rs); i++ {
			if !unicode.IsDigit(rs[i]) || !outsideLinks(s, len(string(rs[:i])), len(string(rs[:i+1]))) {
				continue
			}
			j := i
			for j < len(rs) && unicode.IsDigit(rs[j]) {
				j++
			}
			zero := rs[i] - (foldDigit(rs[i]) - '0')
			var nd []rune
			if j-i >= 2 {
				nd = rs[i : j-1]
			} else {
				nd = []rune{zero + (foldDigit(rs[i])-'0'+1)%10}
			}
			return string(rs[:i]) + string(nd) + string(rs[j:]), true
		}
	case defUnit:
		return swap(worldUnitSwaps[loc], nearNumber(loc))
	case defMagnitude:
		return swap(worldMagnitudeSwaps[loc], nearNumber(loc))
	case defNumberWord:
		return swap(worldWordSwaps[loc], wordOnly)
	default:
		return mutate(kind, baseOf(loc), s)
	}
	return s, false
}

func baseOf(loc string) string {
	b, _ := language.MustParse(loc).Base()
	return b.String()
}

// worldPairs reads the correct pairs and adds every defect each can carry.
func worldPairs(t *testing.T) []corpusPair { return worldFile(t, "testdata/world.txt", "w") }

func worldFile(t *testing.T, name, prefix string) []corpusPair {
	base := readBlocks(t, name, prefix)
	out := append([]corpusPair(nil), base...)
	for _, p := range base {
		for _, kind := range worldKinds {
			if tr, ok := mutateWorld(kind, p.locale, p.translation); ok && tr != p.translation {
				out = append(out, corpusPair{id: p.id + "-" + kind, locale: p.locale, kind: kind, source: p.source, translation: tr})
			}
		}
	}
	return out
}

// TestWorldCorpus measures the checks per language on the world corpus:
// every defect must be caught and no correct pair flagged.
func TestWorldCorpus(t *testing.T) {
	caught, total, fp := measureWorld(t, worldPairs(t), t.Errorf, true)
	if caught < total || fp > 0 {
		t.Errorf("world corpus: %d of %d defects caught, %d false positives; want all and none", caught, total, fp)
	}
}

// TestWorldHeldOut measures the checks on sentences written after they
// were tuned on the world corpus; it guards only against falling below
// the figures measured when it was written.
func TestWorldHeldOut(t *testing.T) {
	caught, total, fp := measureWorld(t, worldFile(t, "testdata/world_heldout.txt", "x"), t.Logf, false)
	if total == 0 {
		t.Fatal("empty world held-out set")
	}
	// Measured once before any change: 135 of 139 defects, 2 false
	// positives (an unknown Hindi spelling of October, a Bengali
	// proportion). After two general rules (a date with an unknown month
	// compares as its day and year; Bengali "মধ্যে" joins a proportion):
	// 135 of 139, none. The misses: "g 400" in Swahili, which CLDR writes
	// "gramu 400", and three swaps of a year with a count that carries no
	// unit in the source.
	if caught < 135 || fp > 0 {
		t.Errorf("world held-out: %d of %d defects caught (was 135), %d false positives (was 0)", caught, total, fp)
	}
}

func measureWorld(t *testing.T, ps []corpusPair, report func(string, ...any), full bool) (caught, total, fps int) {
	type tally struct{ ok, fp, caught, total int }
	byLoc := map[string]*tally{}
	byKind := map[string]map[string][2]int{} // locale → kind → caught, total
	for _, l := range worldLocales {
		byLoc[l] = &tally{}
		byKind[l] = map[string][2]int{}
	}
	for _, p := range ps {
		tl := byLoc[p.locale]
		if tl == nil {
			t.Fatalf("%s: locale %s is not a world locale", p.id, p.locale)
		}
		issues := CheckPair(Pair{Source: p.source, Translation: p.translation, From: language.English, To: language.MustParse(p.locale), Markdown: true}, nil)
		var msgs []string
		for _, is := range issues {
			if is.Severity == Error {
				msgs = append(msgs, is.Check+": "+is.Message)
			}
		}
		if p.kind == kindOK {
			tl.ok++
			if len(msgs) > 0 {
				tl.fp++
				report("false positive %s: %s\n    %s", p.id, p.translation, strings.Join(msgs, "\n    "))
			}
			continue
		}
		tl.total++
		k := byKind[p.locale][p.kind]
		k[1]++
		if len(msgs) > 0 {
			tl.caught++
			k[0]++
		} else {
			report("missed %s: %s", p.id, p.translation)
		}
		byKind[p.locale][p.kind] = k
	}
	var rep strings.Builder
	rep.WriteString("| language | correct pairs | false positives | defects | caught | recall |")
	for _, k := range worldKinds {
		rep.WriteString(" " + k + " |")
	}
	rep.WriteString("\n| --- | ---: | ---: | ---: | ---: | ---: |" + strings.Repeat(" ---: |", len(worldKinds)) + "\n")
	all := tally{}
	for _, l := range worldLocales {
		tl := byLoc[l]
		fmt.Fprintf(&rep, "| %s | %d | %d | %d | %d | %.1f%% |", l, tl.ok, tl.fp, tl.total, tl.caught, pct(tl.caught, tl.total))
		for _, k := range worldKinds {
			c := byKind[l][k]
			if c[1] == 0 {
				rep.WriteString(" - |")
			} else {
				fmt.Fprintf(&rep, " %d/%d |", c[0], c[1])
			}
		}
		rep.WriteString("\n")
		all.ok, all.fp, all.total, all.caught = all.ok+tl.ok, all.fp+tl.fp, all.total+tl.total, all.caught+tl.caught
		if !full {
			continue
		}
		if tl.ok < 10 {
			t.Errorf("%s: %d correct pairs, want at least 10", l, tl.ok)
		}
		for _, k := range worldKinds {
			if byKind[l][k][1] == 0 && (k != defNumberWord || worldWordSwaps[l] != nil) && k != defSwap {
				t.Errorf("%s: no %s defect", l, k)
			}
		}
	}
	fmt.Fprintf(&rep, "| **all** | %d | %d | %d | %d | %.1f%% |\n", all.ok, all.fp, all.total, all.caught, pct(all.caught, all.total))
	fmt.Print(rep.String())
	return all.caught, all.total, all.fp

}
