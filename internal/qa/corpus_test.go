package qa

import (
	"bufio"
	"bytes"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/golden"
)

// The defect kinds seeded into the corpus, one per defective pair.
const (
	defNumber     = "number"       // a number changed
	defUnit       = "unit"         // a unit or its magnitude changed
	defSwap       = "swap"         // two numbers with units swapped
	defNumberWord = "number-word"  // a number word changed
	defLinkDrop   = "link-dropped" // a Markdown link reduced to its text
	defURL        = "url-changed"  // a link destination changed
	defEmphasis   = "emphasis"     // a closing emphasis delimiter lost
	defScript     = "script"       // a <script> element added
	kindOK        = "ok"
)

var defectKinds = []string{defNumber, defUnit, defSwap, defNumberWord, defLinkDrop, defURL, defEmphasis, defScript}

// mustCatch are the kinds whose recall must be 100%.
var mustCatch = map[string]bool{defNumber: true, defUnit: true, defSwap: true, defNumberWord: true, defLinkDrop: true, defURL: true}

type corpusPair struct {
	id, locale, kind, source, translation string
}

// readBase reads testdata/base.txt: blocks of "en:" plus translations.
func readBase(t *testing.T) []corpusPair { return readBlocks(t, "testdata/base.txt", "b") }

// readBlocks reads a file of "en:" blocks followed by translations; pair
// IDs start with prefix.
func readBlocks(t *testing.T, name, prefix string) []corpusPair { return readBlocksB(t, name, prefix) }

func readBlocksB(t testing.TB, name, prefix string) []corpusPair {
	t.Helper()
	var out []corpusPair
	var src string
	block := 0
	for _, line := range fileLines(t, name) {
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		loc, text, ok := strings.Cut(line, ": ")
		if !ok {
			t.Fatalf("%s: bad line %q", name, line)
		}
		if loc == "en" {
			src = text
			block++
			continue
		}
		out = append(out, corpusPair{id: fmt.Sprintf("%s%02d-%s", prefix, block, loc), locale: loc, kind: kindOK, source: src, translation: text})
	}
	return out
}

// fileLines reads the lines of the testdata file name, failing t if it
// cannot.
func fileLines(t testing.TB, name string) []string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return lines
}

var (
	intRe      = regexp.MustCompile(`[0-9]+`)
	mdLinkOnly = regexp.MustCompile(`\[([^\]]*)\]\(([^)]*)\)`)
	urlOnly    = regexp.MustCompile(`(?:https?://|mailto:)[^)\s>]+`)
	emphRe     = regexp.MustCompile(`(\*\*?)[^*]+(\*\*?)`)
	unitSwaps  = map[string][][2]string{
		"es": {{"mg", "g"}, {"ml", "l"}, {"µg", "mg"}, {"horas", "días"}, {"días", "semanas"}, {"semanas", "meses"}, {"meses", "años"}, {"segundos", "minutos"}, {"litros", "mililitros"}, {"litro", "mililitro"}, {"kg", "g"}, {"°C", "°F"}, {"°F", "°C"}, {"UI", "mg"}, {"%", "mg"}, {"años", "meses"}, {"minutos", "horas"}, {"comprimido", "sobre"}},
		"fr": {{"mg", "g"}, {"ml", "l"}, {"µg", "mg"}, {"heures", "jours"}, {"jours", "semaines"}, {"semaines", "mois"}, {"mois", "ans"}, {"secondes", "minutes"}, {"litre", "millilitre"}, {"kg", "g"}, {"°C", "°F"}, {"°F", "°C"}, {"UI", "mg"}, {"%", "mg"}, {"ans", "mois"}, {"minutes", "heures"}, {"comprimé", "sachet"}},
		"ru": {{"мг", "г"}, {"мл", "л"}, {"мкг", "мг"}, {"часов", "дней"}, {"часа", "дня"}, {"дней", "недель"}, {"недель", "месяцев"}, {"месяцев", "лет"}, {"секунд", "минут"}, {"литра", "миллилитра"}, {"литром", "миллилитром"}, {"кг", "г"}, {"°C", "°F"}, {"°F", "°C"}, {"МЕ", "мг"}, {"%", "мг"}, {"лет", "месяцев"}, {"минуты", "часа"}, {"месяца", "года"}, {"таблетку", "капсулу"}, {"таблетки", "капсулы"}},
		"ar": {{"ملغ", "غ"}, {"مل", "لتر"}, {"ميكروغرام", "ملغ"}, {"ساعات", "أيام"}, {"ساعة", "يوم"}, {"أيام", "أسابيع"}, {"يومًا", "أسبوعًا"}, {"أشهر", "سنوات"}, {"ثانية", "دقيقة"}, {"لتر", "مل"}, {"كغ", "غ"}, {"غ", "كغ"}, {"مئوية", "فهرنهايت"}, {"فهرنهايت", "مئوية"}, {"وحدة دولية", "ملغ"}, {"٪", " ملغ"}, {"سنوات", "أشهر"}, {"عامًا", "شهرًا"}, {"دقيقة", "ساعة"}, {"شهرًا", "عامًا"}, {"قرص", "كيس"}},
	}
	wordSwaps = map[string][][2]string{
		"es": {{"una", "tres"}, {"un", "cinco"}, {"dos", "tres"}, {"tres", "cuatro"}, {"cinco", "siete"}},
		"fr": {{"une", "trois"}, {"un", "cinq"}, {"deux", "trois"}, {"trois", "quatre"}, {"cinq", "sept"}},
		"ru": {{"один", "пять"}, {"одну", "пять"}, {"одному", "пяти"}, {"два", "три"}, {"две", "три"}, {"три", "четыре"}, {"пяти", "семи"}, {"одну", "две"}},
		"ar": {{"واحدًا", "خمسة"}, {"واحدة", "خمس"}, {"واحد", "خمسة"}, {"مرتين", "ثلاث مرات"}, {"قرصين", "ثلاثة أقراص"}, {"ثلاث", "أربع"}, {"خمسة", "سبعة"}, {"جرعتين", "ثلاث جرعات"}, {"أسبوعين", "ثلاثة أسابيع"}, {"سنتين", "ثلاث سنوات"}, {"الستة", "الخمسة"}, {"نصف", "ثلاثة"}},
	}
)

// outsideLinks reports whether byte range [a, b) of s is prose, not part
// of a URL.
func outsideLinks(s string, a, b int) bool {
	for _, m := range urlOnly.FindAllStringIndex(s, -1) {
		if a < m[1] && b > m[0] {
			return false
		}
	}
	for _, m := range autolinkRe.FindAllStringIndex(s, -1) {
		if a < m[1] && b > m[0] {
			return false
		}
	}
	return true
}

// replaceWord replaces the first whole-word occurrence of from.
func replaceWord(s, from, to string) (string, bool) {
	for i := 0; i+len(from) <= len(s); {
		k := strings.Index(s[i:], from)
		if k < 0 {
			return s, false
		}
		a, b := i+k, i+k+len(from)
		before, after := rune(' '), rune(' ')
		if a > 0 {
			before = lastRune(s[:a])
		}
		if b < len(s) {
			after = []rune(s[b:])[0]
		}
		if !isWordRune(before) && !isWordRune(after) && !isDigit(after) && outsideLinks(s, a, b) {
			return s[:a] + to + s[b:], true
		}
		i = b
	}
	return s, false
}

func lastRune(s string) rune {
	r := []rune(s)
	return r[len(r)-1]
}

// mutate seeds one defect of the given kind into a translation.
func mutate(kind, loc, s string) (string, bool) {
	switch kind {
	case defNumber:
		for _, m := range intRe.FindAllStringIndex(s, -1) {
			if !outsideLinks(s, m[0], m[1]) {
				continue
			}
			d := s[m[0]:m[1]]
			var nd string
			if len(d) >= 2 && d != "00" {
				nd = d[:len(d)-1] // a lost zero or digit: 500 → 50
			} else {
				nd = fmt.Sprint(int(d[0]-'0') + 1)
			}
			return s[:m[0]] + nd + s[m[1]:], true
		}
	case defUnit:
		for _, sw := range unitSwaps[loc] {
			if out, ok := replaceWord(s, sw[0], sw[1]); ok {
				return out, true
			}
		}
	case defSwap:
		// Two different numbers, at least one followed by a unit.
		tx := newText(s, loc, language.MustParse(loc), true, false)
		qs := tx.quantities()
		for a := 0; a < len(qs); a++ {
			for b := a + 1; b < len(qs); b++ {
				qa, qb := qs[a], qs[b]
				if qa.optional || qb.optional || qa.key == qb.key || strings.HasPrefix(qa.key, "tel:") || strings.HasPrefix(qb.key, "tel:") {
					continue
				}
				if !qa.hasUnit && !qb.hasUnit || !isDigit(tx.r[qa.i]) || !isDigit(tx.r[qb.i]) {
					continue
				}
				sa, sb := tx.span(qa.i, qa.j), tx.span(qb.i, qb.j)
				return s[:sa.Start] + s[sb.Start:sb.End] + s[sa.End:sb.Start] + s[sa.Start:sa.End] + s[sb.End:], true
			}
		}
	case defNumberWord:
		for _, sw := range wordSwaps[loc] {
			if out, ok := replaceWord(s, sw[0], sw[1]); ok {
				return out, true
			}
		}
	case defLinkDrop:
		if m := mdLinkOnly.FindStringSubmatchIndex(s); m != nil {
			return s[:m[0]] + s[m[2]:m[3]] + s[m[1]:], true
		}
	case defURL:
		if m := urlOnly.FindStringIndex(s); m != nil {
			u := s[m[0]:m[1]]
			nu := strings.Replace(u, ".org", ".com", 1)
			if nu == u {
				nu = strings.Replace(u, ".int", ".org", 1)
			}
			if nu == u {
				nu = strings.Replace(u, ".uk", ".com", 1)
			}
			return s[:m[0]] + nu + s[m[1]:], true
		}
	case defEmphasis:
		if m := emphRe.FindStringSubmatchIndex(s); m != nil {
			return s[:m[4]] + s[m[4]+1:], true // drop one closing "*"
		}
	case defScript:
		return s + ` <script src="/x.js"></script>`, true
	}
	return s, false
}

// buildCorpus derives one defective pair from each correct pair: of the
// kinds the sentence can carry, the one used least so far.
func buildCorpus(t *testing.T) []corpusPair { return withDefects(readBase(t)) }

// withDefects adds one defective pair per correct pair.
func withDefects(base []corpusPair) []corpusPair {
	out := append([]corpusPair(nil), base...)
	used := map[string]int{}
	for i, p := range base {
		best, bestTr := "", ""
		for k := range defectKinds {
			kind := defectKinds[(i+k)%len(defectKinds)]
			if tr, ok := mutate(kind, p.locale, p.translation); ok && tr != p.translation && (best == "" || used[kind] < used[best]) {
				best, bestTr = kind, tr
			}
		}
		used[best]++
		out = append(out, corpusPair{id: p.id + "-" + best, locale: p.locale, kind: best, source: p.source, translation: bestTr})
	}
	return out
}

func corpusTSV(ps []corpusPair) []byte {
	var b bytes.Buffer
	b.WriteString("id\tlocale\tkind\tsource\ttranslation\n")
	for _, p := range ps {
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\n", p.id, p.locale, p.kind, p.source, p.translation)
	}
	return b.Bytes()
}

func poQuote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\t", `\t`)
	return `"` + r.Replace(s) + `"`
}

// corpusPO is one locale's pairs as gettext PO, for pofilter; msgctxt
// carries the pair's ID and kind.
func corpusPO(ps []corpusPair, loc string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\"Language: %s\\n\"\n", loc)
	for _, p := range ps {
		if p.locale != loc {
			continue
		}
		fmt.Fprintf(&b, "\nmsgctxt %s\nmsgid %s\nmsgstr %s\n", poQuote(p.id+" "+p.kind), poQuote(p.source), poQuote(p.translation))
	}
	return b.Bytes()
}

var corpusLocales = []string{"ar", "es", "fr", "ru"}

// TestCorpusFiles keeps testdata/corpus.tsv and testdata/po in step with
// testdata/base.txt; -update rewrites them.
func TestCorpusFiles(t *testing.T) {
	ps := buildCorpus(t)
	held := withDefects(readBlocks(t, "testdata/heldout.txt", "h"))
	files := map[string][]byte{"testdata/corpus.tsv": corpusTSV(ps)}
	for _, l := range corpusLocales {
		files[filepath.Join("testdata", "po", "corpus."+l+".po")] = corpusPO(ps, l)
		files[filepath.Join("testdata", "po", "heldout."+l+".po")] = corpusPO(held, l)
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		golden.Check(t, name, files[name])
	}
}

func readCorpus(t *testing.T) []corpusPair {
	t.Helper()
	var out []corpusPair
	for i, line := range fileLines(t, "testdata/corpus.tsv") {
		if i == 0 {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 5 {
			t.Fatalf("testdata/corpus.tsv:%d: %d fields", i+1, len(f))
		}
		out = append(out, corpusPair{f[0], f[1], f[2], f[3], f[4]})
	}
	return out
}

// measurement is how the checks did on a set of pairs.
type measurement struct {
	caught, total     map[string]int
	okPairs, falsePos int
	report            string
}

// measure runs the checks on every pair, logging misses and false
// positives, and renders recall per defect kind and the false-positive
// rate as a Markdown table.
func measure(t *testing.T, name string, ps []corpusPair) measurement {
	m := measurement{caught: map[string]int{}, total: map[string]int{}}
	warned := 0
	byLocale := map[string]int{}
	for _, p := range ps {
		byLocale[p.locale]++
		issues := CheckPair(Pair{Source: p.source, Translation: p.translation, From: language.English, To: language.MustParse(p.locale), Markdown: true}, nil)
		errs := 0
		var msgs []string
		for _, is := range issues {
			if is.Severity == Error {
				errs++
				msgs = append(msgs, is.Check+": "+is.Message)
			}
		}
		if p.kind == kindOK {
			m.okPairs++
			if errs > 0 {
				m.falsePos++
				t.Logf("false positive %s: %s\n    %s", p.id, p.translation, strings.Join(msgs, "\n    "))
			}
			if len(issues) > errs {
				warned++
			}
			continue
		}
		m.total[p.kind]++
		if errs > 0 {
			m.caught[p.kind]++
		} else {
			t.Logf("missed %s: %s", p.id, p.translation)
		}
	}
	var rep strings.Builder
	fmt.Fprintf(&rep, "%s: %d pairs (%d correct, %d defective); ", name, len(ps), m.okPairs, len(ps)-m.okPairs)
	for _, l := range slices.Sorted(maps.Keys(byLocale)) {
		fmt.Fprintf(&rep, "%s %d ", l, byLocale[l])
	}
	rep.WriteString("\n| defect | pairs | caught | recall |\n| --- | --- | --- | --- |\n")
	allCaught, allTotal := 0, 0
	for _, k := range sortedKinds() {
		fmt.Fprintf(&rep, "| %s | %d | %d | %.1f%% |\n", k, m.total[k], m.caught[k], pct(m.caught[k], m.total[k]))
		allCaught += m.caught[k]
		allTotal += m.total[k]
	}
	fmt.Fprintf(&rep, "| all defects | %d | %d | %.1f%% |\n", allTotal, allCaught, pct(allCaught, allTotal))
	fmt.Fprintf(&rep, "false positives (errors on correct pairs): %d of %d = %.1f%%; correct pairs with warnings only: %d\n",
		m.falsePos, m.okPairs, pct(m.falsePos, m.okPairs), warned)
	m.report = rep.String()
	return m
}

func sortedKinds() []string {
	kinds := append([]string(nil), defectKinds...)
	sort.Strings(kinds)
	return kinds
}

// TestCorpus measures the checks on the corpus: recall per defect kind
// and the false-positive rate on the correct pairs. It fails below 100%
// recall on number, unit and link defects or above 2% false positives.
func TestCorpus(t *testing.T) {
	ps := readCorpus(t)
	if len(ps) < 300 {
		t.Fatalf("corpus has %d pairs, want at least 300", len(ps))
	}
	m := measure(t, "corpus", ps)
	fmt.Print(m.report)
	for _, k := range sortedKinds() {
		if m.total[k] == 0 {
			t.Errorf("no %s defects in the corpus", k)
		}
		if mustCatch[k] && m.caught[k] < m.total[k] {
			t.Errorf("recall on %s defects is %.1f%%, want 100%%", k, pct(m.caught[k], m.total[k]))
		}
	}
	if fp := pct(m.falsePos, m.okPairs); fp > 2 {
		t.Errorf("false-positive rate %.1f%%, want at most 2%%", fp)
	}
}

// TestHeldOut measures the checks on sentences written after they were
// tuned on the corpus (testdata/heldout.txt), with defects seeded the
// same way. Its figures are reported as they are; the test only guards
// against a regression below them.
func TestHeldOut(t *testing.T) {
	ps := withDefects(readBlocks(t, "testdata/heldout.txt", "h"))
	m := measure(t, "held-out", ps)
	fmt.Print(m.report)
	caught, total := 0, 0
	for _, k := range sortedKinds() {
		caught += m.caught[k]
		total += m.total[k]
	}
	if total == 0 || m.okPairs == 0 {
		t.Fatal("empty held-out set")
	}
	// The figures when this test was written: 37 of 40 defects, no false
	// positive. Misses are clock times, which carry no unit.
	if caught < 37 || m.falsePos > 1 {
		t.Errorf("held-out: %d of %d defects caught (was 37), %d false positives (was 0)", caught, total, m.falsePos)
	}
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) * 100 / float64(b)
}
