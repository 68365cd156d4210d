package qa

import (
	"strings"
	"testing"

	"golang.org/x/text/language"
)

// TestForms checks each form the CLDR tables read, with a correct
// translation and a changed one.
func TestForms(t *testing.T) {
	checkPairs(t, []pairCase{
		// number words
		{"twice a day zh", "zh-Hans", "Take it twice a day.", "每天服用两次。", ""},
		{"twice a day zh changed", "zh-Hans", "Take it twice a day.", "每天服用三次。", "numbers:error"},
		{"twice a day ko", "ko", "Take it twice a day.", "하루에 두 번 복용하세요.", ""},
		{"twice a day ko changed", "ko", "Take it twice a day.", "하루에 세 번 복용하세요.", "numbers:error"},
		{"twice a day vi", "vi", "Take it twice a day.", "Uống ngày hai lần.", ""},
		{"twice a week vi", "vi", "Take it twice a day.", "Uống hai lần mỗi tuần.", "units:error"},
		{"two hundred in words", "en", "Two hundred people came.", "Two hundred people came today.", ""},
		{"spelled compound zh", "zh-Hans", "25 people.", "二十五人。", ""},
		{"spelled compound fr", "fr", "97 people.", "Quatre-vingt-dix-sept personnes.", ""},
		{"swahili postfix", "sw", "200 people.", "Watu mia mbili.", ""},
		{"thai words", "th", "Take 2 tablets.", "รับประทานสองเม็ด", ""},
		{"thai husband is no three", "th", "Ask your husband.", "ถามสามีของคุณ", ""},
		// magnitudes
		{"million zh", "zh-Hans", "$200 million.", "2亿美元。", ""},
		{"million ko", "ko", "$200 million.", "2억 달러.", ""},
		{"million hi crore", "hi", "$200 million.", "20 करोड़ डॉलर।", ""},
		{"million sw", "sw", "$200 million.", "Dola milioni 200.", ""},
		{"million zh changed", "zh-Hans", "$200 million.", "2万美元。", "numbers:error"},
		{"kilogram is no thousand", "zh-Hans", "5 kg.", "5千克。", ""},
		// digits of other scripts
		{"bengali digits", "bn", "Give 250 ml.", "২৫০ মিলিলিটার দিন।", ""},
		{"thai digits", "th", "Give 250 ml.", "ให้ ๒๕๐ มล.", ""},
		{"myanmar digits", "my", "Give 250 ml.", "၂၅၀ ml", ""},
		{"full-width digits", "ja", "Give 250 ml.", "２５０ mLを与える。", ""},
		{"full-width digits changed", "ja", "Give 250 ml.", "２５ mLを与える。", "numbers:error"},
		// dates
		{"date zh", "zh-Hans", "Starts on September 6, 2022.", "2022年9月6日开始。", ""},
		{"date es", "es", "Starts on September 6, 2022.", "Empieza el 6 de septiembre de 2022.", ""},
		{"date ko", "ko", "Starts on September 6.", "9월 6일에 시작합니다.", ""},
		{"date changed", "zh-Hans", "Starts on September 6, 2022.", "2022年9月8日开始。", "numbers:error"},
		{"numeric date order", "fr", "On 9/6/2022.", "Le 06/09/2022.", ""},
		{"numeric date swapped", "fr", "On 9/6/2022.", "Le 09/06/2022.", "numbers:error"},
		{"buddhist year", "th", "Starts on September 6, 2022.", "เริ่ม 6 กันยายน 2565", ""},
		// year ranges and ordinals
		{"year range", "es", "In 2022-23.", "En 2022-2023.", ""},
		{"year range changed", "es", "In 2022-23.", "En 2022-2024.", "numbers:error"},
		{"range reversed", "es", "For 2 to 5 days.", "Durante 5 a 2 días.", "numbers:error,units:error"},
		{"third-party ko", "ko", "Third-party apps.", "제3자 앱.", ""},
		{"third-party zh", "zh-Hans", "Third-party apps.", "第三方应用。", ""},
		{"ordinal changed", "zh-Hans", "The third dose.", "第二剂。", "numbers:error"},
		{"first as 1er", "fr", "The first dose.", "La 1re dose.", ""},
		// units in the target language
		{"ml zh", "zh-Hans", "Give 5 ml.", "给5毫升。", ""},
		{"ml to mg zh", "zh-Hans", "Give 5 ml.", "给5毫克。", "units:error"},
		{"ml hi", "hi", "Give 5 ml.", "5 मिलीलीटर दें।", ""},
		{"ml to mg hi", "hi", "Give 5 ml.", "5 मिलीग्राम दें।", "units:error"},
		{"ml th", "th", "Give 5 ml.", "ให้ 5 มล.", ""},
		{"celsius sign", "ja", "Above 38 °C.", "38℃以上。", ""},
		{"mg/dL is not mg", "en", "Glucose above 126 mg/dL.", "Glucose above 126 mg/dL today.", ""},
		// proportions
		{"1 in 4 zh", "zh-Hans", "1 in 4 adults.", "四分之一的成年人。", ""},
		{"1 in 4 ko", "ko", "1 in 4 adults.", "성인 4명 중 1명.", ""},
		{"1 in 4 as percent", "fr", "1 in 4 adults.", "25 % des adultes.", ""},
		{"1 in 4 as 1/4", "es", "1 in 4 adults.", "1/4 de los adultos.", ""},
		{"1 in 4 changed", "zh-Hans", "1 in 4 adults.", "三分之一的成年人。", "numbers:error"},
		{"1 in 4 as 30%", "fr", "1 in 4 adults.", "30 % des adultes.", "numbers:error"},
		// duals
		{"arabic dual hours", "ar", "Wait two hours.", "انتظر ساعتين.", ""},
		{"arabic dual days", "ar", "For two days.", "لمدة يومين.", ""},
		{"hebrew dual days", "he", "For two days.", "במשך יומיים.", ""},
		{"hebrew dual changed", "he", "For three days.", "במשך יומיים.", "numbers:error"},
	}, nil, func(got string) string {
		return strings.ReplaceAll(strings.ReplaceAll(got, ",length:warning", ""), "length:warning", "")
	})
}

func TestLinkHint(t *testing.T) {
	for _, c := range []struct{ src, tr, hint string }{
		{"https://www.who.int/news-room/fact-sheets/x", "https://www.who.int/es/news-room/fact-sheets/x",
			"\"https://www.who.int/\" = \"https://www.who.int/es/\""},
		{"https://site.example/en/help/a", "https://site.example/es/help/a", "\"https://site.example/en/\" = \"https://site.example/es/\""},
		{"https://site.example/help/a", "https://site.example/help/es/a", "\"https://site.example/help/\" = \"https://site.example/help/es/\""},
		{"https://site.example/help/a", "https://other.example/es/help/a", ""},
		{"https://site.example/help/a", "https://site.example/help/b", ""},
	} {
		is := CheckPair(Pair{Source: "See [this](" + c.src + ").", Translation: "Vea [esto](" + c.tr + ").", From: language.English,
			To: language.Spanish, Markdown: true}, nil)
		if len(is) != 1 || is[0].Check != CheckLinks {
			t.Fatalf("%s → %s: %v, want one links issue", c.src, c.tr, is)
		}
		if c.hint == "" && is[0].Hint != "" || !strings.Contains(is[0].Hint, c.hint) || c.hint != "" && !strings.Contains(is[0].Hint, "[localized_links.es]") {
			t.Errorf("%s → %s: hint %q, want one with %q", c.src, c.tr, is[0].Hint, c.hint)
		}
	}
}

// TestBareURLs checks the hand-written URL scan against the regular
// expression it replaces.
func TestBareURLs(t *testing.T) {
	for _, s := range []string{
		"See https://www.who.int/fever. Or www.example.org, or HTTP://X.ORG/a?b=c!",
		"mailto:a@b.org tel:+441234 and xhttp://no.example ftp://files.example/x.",
		"(https://a.example/b) [http://c.example] <https://d.example> https://e.example/ä?q='x'",
		"http:// alone, www. alone, https://x.y/... end", "_www.x.org 1www.x.org -www.x.org",
		"https://example.org/%E2%80%99 “https://example.org/q”", "",
	} {
		want := bareURLRe.FindAllStringIndex(s, -1)
		got := bareURLs(s)
		if len(want) != len(got) {
			t.Errorf("%q: %v, want %v", s, got, want)
			continue
		}
		for k := range want {
			if want[k][0] != got[k][0] || want[k][1] != got[k][1] {
				t.Errorf("%q: %v, want %v", s, got, want)
			}
		}
	}
}

func FuzzBareURLs(f *testing.F) {
	f.Add("See https://www.who.int/fever. Or www.example.org, or mailto:a@b.org")
	f.Fuzz(func(t *testing.T, s string) {
		want, got := bareURLRe.FindAllStringIndex(s, -1), bareURLs(s)
		if len(want) != len(got) {
			t.Fatalf("%q: %v, want %v", s, got, want)
		}
		for k := range want {
			if want[k][0] != got[k][0] || want[k][1] != got[k][1] {
				t.Fatalf("%q: %v, want %v", s, got, want)
			}
		}
	})
}
