package qa

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/config"
	"github.com/healthloc/healthloc/internal/project/projecttest"
	"github.com/healthloc/healthloc/internal/pseudo"
)

// checks runs CheckPair and returns "check:severity" of each issue.
func checks(t *testing.T, loc, src, tr string, md bool, rules *Rules) []string {
	t.Helper()
	var out []string
	for _, is := range CheckPair(Pair{Source: src, Translation: tr, From: language.English, To: language.MustParse(loc), Markdown: md}, rules) {
		out = append(out, is.Check+":"+is.Severity.String())
	}
	return out
}

// pairCase is a translation and the checks that must fire on it.
type pairCase struct {
	name, loc, src, tr string
	want               string // comma-separated check:severity, "" for none
}

// checkPairs runs CheckPair with rules on each case as a subtest; filter,
// when given, edits what fired before the comparison.
func checkPairs(t *testing.T, tests []pairCase, rules *Rules, filter func(string) string) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := strings.Join(checks(t, tt.loc, tt.src, tt.tr, true, rules), ",")
			if filter != nil {
				got = filter(got)
			}
			if got != tt.want {
				t.Errorf("CheckPair(%q, %q) = %q, want %q", tt.src, tt.tr, got, tt.want)
			}
		})
	}
}

func TestCheckPair(t *testing.T) {
	rules := &Rules{
		Glossary: map[string]map[string]string{"oral rehydration solution": {"es": "solución de rehidratación oral", "ru": "раствор для регидратации"}},
		Keep:     []string{"Enalapril"},
		Links:    map[string]map[string]string{"es": {"https://who.int/page": "https://who.int/es/page", "https://docs.example/en/": "https://docs.example/es/"}},
	}
	checkPairs(t, []pairCase{
		// numbers: notation
		{"decimal comma", "fr", "Give 1.5 ml.", "Donnez 1,5 ml.", ""},
		{"thousands nbsp", "fr", "About 2,000 children.", "Environ 2\u00a0000 enfants.", ""},
		{"thousands space", "ru", "About 2,000 children.", "Около 2 000 детей.", ""},
		{"thousands dot", "es", "About 2,000 children.", "Unos 2.000 niños.", ""},
		{"es-MX writes 1.5", "es-MX", "Give 1.5 ml.", "Dé 1.5 ml.", ""},
		{"arabic-indic digits", "ar", "Give 250 ml.", "أعطِ ٢٥٠ مل.", ""},
		{"arabic decimal mark", "ar", "Give 2.5 ml.", "أعطِ ٢٫٥ مل.", ""},
		{"persian digits", "fa", "Give 250 ml.", "۲۵۰ ml", ""},
		{"devanagari digits", "hi", "Give 250 ml.", "२५० ml दें।", ""},
		{"range en dash", "es", "For 2–3 days.", "Durante 2-3 días.", ""},
		{"range words", "fr", "For 2 to 3 days.", "Pendant 2 à 3 jours.", ""},
		{"fraction", "es", "Give ½ tablet.", "Dé 1/2 comprimido.", ""},
		{"fraction word", "ar", "Give ½ tablet.", "أعطِ نصف قرص.", ""},
		{"blood pressure is not a fraction", "es", "Below 140/90.", "Por debajo de 140/90.", ""},
		{"percent", "fr", "At least 60% alcohol.", "Au moins 60 % d'alcool.", ""},
		{"percent word", "es", "At least 60% alcohol.", "Al menos 60 por ciento de alcohol.", ""},
		{"phone", "fr", "Call 0800 123 456.", "Appelez le 0800 123 456.", ""},
		{"short phone in space-grouping locale", "fr", "Call 116 117.", "Appelez le 116 117.", ""},
		{"changed number", "es", "Take 500 mg.", "Tome 50 mg.", "numbers:error"},
		{"changed phone", "es", "Call +44 20 7946 0958.", "Llame al +44 20 7946 0959.", "numbers:error"},
		// phone numbers in tel: and sms: links are compared as numbers are
		{"tel link reformatted", "es", "[Call us](tel:+1-888-555-0100).", "[Llámenos](tel:+18885550100).", ""},
		{"tel link spaces", "fr", "[Call](tel:+33-1-23-45-67-89)", "[Appelez](tel:+33.1.23.45.67.89)", ""},
		{"tel link digit changed", "es", "[Call us](tel:+1-888-555-0100).", "[Llámenos](tel:+1-888-555-0109).", "links:error"},
		{"tel link plus dropped", "es", "[Call us](tel:+1-888-555-0100).", "[Llámenos](tel:1-888-555-0100).", "links:error"},
		{"sms link reformatted", "es", "[Text us](sms:+1-888-555-0100).", "[Escríbanos](sms:+1.888.555.0100).", ""},
		{"tel is not sms", "es", "[Call us](tel:+1-888-555-0100).", "[Llámenos](sms:+1-888-555-0100).", "links:error"},
		{"raw tel link reformatted", "es", `<a href="tel:+1-888-555-0100">Call</a>`, `<a href="tel:+18885550100">Llame</a>`, ""},
		{"raw tel link digit changed", "es", `<a href="tel:+1-888-555-0100">Call</a>`, `<a href="tel:+18885550101">Llame</a>`, "links:error,markup:error"},
		// number words
		{"one tablet vs five", "fr", "Take one tablet.", "Prenez cinq comprimés.", "numbers:error"},
		{"one tablet vs un", "fr", "Take one tablet.", "Prenez un comprimé.", ""},
		{"digit vs article", "es", "Take 1 tablet.", "Tome una tableta.", ""},
		{"once daily vs trois fois", "fr", "Take it once daily.", "Prenez-le trois fois par jour.", "numbers:error"},
		{"twice vs dos veces", "es", "Twice a day.", "Dos veces al día.", ""},
		{"twice vs a day", "ru", "Twice a day.", "Дважды в день.", ""},
		{"arabic dual", "ar", "Take 2 tablets.", "تناول قرصين.", ""},
		{"arabic eleven", "ar", "For 11 days.", "لمدة أحد عشر يومًا.", ""},
		{"article is not required", "es", "Use a cup.", "Use una taza.", ""},
		{"word vs digits", "es", "Wash for twenty seconds.", "Lávese durante 20 segundos.", ""},
		{"compound words", "fr", "For twenty-five days.", "Pendant vingt-cinq jours.", ""},
		{"compound vs digits", "es", "For 35 days.", "Durante treinta y cinco días.", ""},
		{"russian compound", "ru", "For 25 days.", "В течение двадцати пяти дней.", ""},
		{"arabic compound", "ar", "For 25 days.", "لمدة خمسة وعشرين يومًا.", ""},
		{"half an hour", "es", "Wait half an hour.", "Espere media hora.", ""},
		{"hundreds", "en", "Give 200 ml.", "Give two hundred ml.", ""},
		{"pour cent is not a hundred", "fr", "At least 60% alcohol.", "Au moins 60 pour cent d'alcool.", ""},
		{"wrong compound", "fr", "For 25 days.", "Pendant vingt-six jours.", "numbers:error"},
		// units
		{"mg to g", "es", "Take 500 mg.", "Tome 500 g.", "units:error"},
		{"ml to l", "ru", "Give 5 ml.", "Дайте 5 л.", "units:error"},
		{"celsius to fahrenheit", "fr", "Above 38 °C.", "Au-dessus de 38 °F.", "units:error"},
		{"degrees celsius word", "ar", "Above 38 °C.", "فوق 38 درجة مئوية.", ""},
		{"hours to days", "es", "Every 6 hours.", "Cada 6 días.", "units:error"},
		{"once a day vs once a week", "fr", "Once a day.", "Une fois par semaine.", "units:error"},
		{"russian case ending", "ru", "With 1 litre of water.", "С 1 литром воды.", ""},
		{"swapped doses", "fr", "Give 20 mg at 6 months and 10 mg before.", "Donnez 10 mg à 6 mois et 20 mg avant.", "units:error"},
		{"unit moved to another number", "es", "Have 8 visits, the first before 12 weeks.", "Tenga 12 consultas, la primera antes de las 8 semanas.", "units:error"},
		{"unit kept on its number", "es", "Have 8 visits, the first before 12 weeks.", "Tenga 8 consultas, la primera antes de las 12 semanas.", ""},
		{"12-hour clock", "fr", "Open from 9 am to 5 pm.", "Ouvert de 9 h à 17 h.", ""},
		{"12-hour clock kept", "es", "Open from 9 am to 5 p.m.", "Abierto de 9 a. m. a 5 p. m.", ""},
		{"order word between", "fr", "The first 6 months.", "Les 6 premiers mois.", ""},
		{"IU", "es", "Give 100,000 IU.", "Dé 100.000 UI.", ""},
		// links
		{"same link", "es", "See [page](https://who.int/x).", "Vea [página](https://who.int/x).", ""},
		{"localized link", "es", "See [page](https://who.int/page).", "Vea [página](https://who.int/es/page).", ""},
		{"localized prefix", "es", "See [docs](https://docs.example/en/a/b).", "Vea [docs](https://docs.example/es/a/b).", ""},
		{"changed link", "es", "See [page](https://who.int/x).", "Vea [página](https://who.int/y).", "links:error"},
		{"dropped link", "es", "See [page](https://who.int/x).", "Vea la página.", "links:error,length:warning"},
		{"link made plain text", "es", "See [the page](https://who.int/x).", "Vea https://who.int/x.", "links:error,length:warning"},
		{"autolink", "fr", "Visit <https://x.org/a>.", "Visitez <https://x.org/a>.", ""},
		// markup
		{"broken strong", "es", "Seek care **now**.", "Busque atención **ya*.", "markup:error"},
		{"emphasis kept", "es", "It is *normal*.", "Es *normal* hoy.", ""},
		{"code changed", "es", "Run `heal`.", "Ejecute `sanar`.", "markup:error"},
		{"script added", "es", "Drink water.", "Beba agua. <script>x()</script>", "markup:error"},
		{"html in code is fine", "es", "Type `<b>`.", "Escriba `<b>`.", ""},
		{"image dropped", "es", "![Map](m.png) here.", "Aquí.", "markup:error"},
		// placeholders
		{"template kept", "es", "Hello {{.Name}}, take %d tablets.", "Hola {{.Name}}, tome %d tabletas.", ""},
		{"template lost", "es", "Hello {{.Name}}.", "Hola.", "placeholders:error"},
		{"brace index", "fr", "Dose {0} of {1}.", "Dose {0} sur {2}.", "placeholders:error"},
		{"percent sign is no placeholder", "fr", "60% drop.", "60 % de baisse.", ""},
		// glossary
		{"glossary inflection", "es", "Give oral rehydration solutions.", "Dé soluciones de rehidratación oral.", ""},
		{"glossary wrong term", "es", "Give oral rehydration solution.", "Dé suero oral ahora mismo.", "glossary:error"},
		{"glossary russian case", "ru", "Give oral rehydration solution.", "Дайте раствора для регидратации.", ""},
		{"keep drug name", "fr", "Take Enalapril daily.", "Prenez de l'Énalapril chaque jour.", ""},
		{"keep drug name lost", "es", "Take Enalapril daily.", "Tome el medicamento cada día.", "glossary:error"},
		// untranslated and length
		{"untranslated", "es", "Drink plenty of water.", "Drink plenty of water.", "untranslated:warning"},
		{"names are not untranslated", "es", "Zinc", "Zinc", ""},
		{"numbers and units only", "es", "25 mg", "25 mg", ""},
		{"too short", "es", "Wash your hands with soap and water for twenty seconds.", "Lávese.", "numbers:error,length:warning"},
	}, rules, nil)
}

func TestPlainTextSkipsEmphasis(t *testing.T) {
	if got := checks(t, "es", "Use 2*3 cups.", "Use 2*3 tazas*.", false, nil); len(got) != 0 {
		t.Errorf("plain text: %v, want no issues", got)
	}
}

func TestMark(t *testing.T) {
	if got := Mark("Take 500 g now", []Span{{5, 10}}); got != "Take ⟦500 g⟧ now" {
		t.Errorf("Mark = %q", got)
	}
}

func TestPseudoPassesChecks(t *testing.T) {
	for _, src := range []string{
		"Take **one** tablet twice a day for 5 days; see [the leaflet](https://x.org/a?b=1).",
		"Give 10–14 ml of `ORS` to {{.Name}}: call 0800 123 456.",
		"Keep at 2 °C to 8 °C, never above 30%.",
	} {
		tr := pseudo.Localize(src)
		if !strings.HasPrefix(tr, "[") || !strings.HasSuffix(tr, "]") || len([]rune(tr)) < len([]rune(src))*13/10 {
			t.Errorf("Localize(%q) = %q: want bracketed and about 35%% longer", src, tr)
		}
		if tr == src || Unaccent(tr) == tr {
			t.Errorf("Localize(%q) = %q: not accented", src, tr)
		}
		got := checks(t, pseudo.Tag.String(), src, tr, true, &Rules{Keep: []string{"ORS"}})
		if len(got) != 0 {
			t.Errorf("pseudo %q: %v, want no issues", tr, got)
		}
	}
}

// TestExampleProject checks the repository's example project: every
// current translation must pass with no error.
func TestExampleProject(t *testing.T) {
	p := projecttest.LoadDir(t, "../..")
	pseudo.Install(p)
	rules := RulesOf(p.Config)
	for _, loc := range append(p.Config.Targets(), pseudo.Tag) {
		for _, f := range Check(p, rules, loc, nil) {
			if f.Severity == Error {
				t.Errorf("%s %s %s [%s] %s\n  %s\n  %s", loc, f.Document, f.ID, f.Check, f.Message, f.Source, f.Translation)
			}
		}
	}
}

// FuzzCheckPair checks that no input makes the checks panic or mark
// outside the texts.
func FuzzCheckPair(f *testing.F) {
	for _, s := range [][2]string{
		{"Take 500 mg twice a day.", "Tome 500 g dos veces al día."},
		{"Call +44 20 7946 0958 (free).", "Llame al +44 (0) 20 7946-0958."},
		{"**a** [b](https://x) `c` {{.D}} %s ½ 1/2 2–3", "*a [b](https://y) `d` <script> ١٫٥ ٪"},
		{"2 000,5 1.234.567,89 1'000", "веинте y cinco 20- -2 2-"},
		{"1 in 4 on September 6, 2022-23: $200 million, third-party", "每天两次5毫升，2022年9月6日，四分之一，2亿，第三方 ５％"},
		{"Give 5 ml twice a day for 3 days.", "하루에 두 번 5mL를 3일 동안, 4명 중 1명, 제3자, 2억"},
		{"Take 2 tablets", "วันละสองครั้ง ๕ มล. 1 ใน 4 คน ร้อยละ 25 เดือนมีนาคม 2566 siku 3 mara mbili milioni 200"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, src, tr string) {
		for _, loc := range []language.Tag{language.Spanish, language.French, language.Arabic, language.Russian, pseudo.Tag,
			language.SimplifiedChinese, language.Korean, language.Japanese, language.Thai, language.Hindi, language.Swahili, language.Hebrew, language.Bengali} {
			for _, is := range CheckPair(Pair{Source: src, Translation: tr, From: language.English, To: loc, Markdown: true}, nil) {
				for _, sp := range is.SourceSpans {
					if sp.Start < 0 || sp.End > len(src) || sp.Start > sp.End {
						t.Fatalf("source span %v outside %q", sp, src)
					}
				}
				for _, sp := range is.TranslationSpans {
					if sp.Start < 0 || sp.End > len(tr) || sp.Start > sp.End {
						t.Fatalf("translation span %v outside %q", sp, tr)
					}
				}
			}
		}
	})
}

// TestCheckNames checks that healthloc.toml can switch off exactly the
// checks there are, by the names check reports.
func TestCheckNames(t *testing.T) {
	ours := []string{CheckNumbers, CheckUnits, CheckLinks, CheckMarkup, CheckPlaceholders, CheckGlossary, CheckUntranslated, CheckLength}
	if !slices.Equal(ours, config.CheckNames) {
		t.Errorf("qa's checks %v, config's names %v", ours, config.CheckNames)
	}
}
