package qa

// What CLDR does not say, written by hand per language: the grammar that
// glues numbers to what they count. None of it lists number words; those
// come from internal/cldr.

// needCounter are the languages whose number words also serve as other
// words (Vietnamese "năm" is five and year, Chinese 十分 is "very",
// Persian "نه" is nine and no): a number word counts there only before a
// unit or a counter ("两次", "năm ngày"); alone it may stand for a number
// on the other side but is never required.
var needCounter = map[string]bool{"zh": true, "yue": true, "ja": true, "ko": true, "th": true, "lo": true, "km": true, "my": true, "vi": true}

// counterOnly are number words of other languages that need a unit or a
// counter for the same reason: Persian "نه" is nine and no, "ده" ten and
// village, "شش" six and lung.
var counterOnly = map[string]string{"fa": "نه ده شش"}

// unspacedLangs write words without spaces between them.
var unspacedLangs = map[string]bool{"zh": true, "yue": true, "ja": true, "th": true, "lo": true, "km": true, "my": true}

// attachLangs attach counters, units and particles to the number.
var attachLangs = map[string]bool{"ko": true}

// counters are the words that count things (people, pieces, kinds, age)
// without a unit to compare: they make a number word a number.
var counters = map[string]string{
	"zh":  "个 個 名 位 人 种 種 项 項 例 倍 岁 歲 片 粒 颗 顆 滴 袋 包 勺 剂 劑 瓶 杯 支 针 針 条 條 家 所 件 份",
	"yue": "个 個 名 位 人 种 種 项 項 例 倍 岁 歲 片 粒 颗 顆 滴 袋 包 勺 剂 劑 瓶 杯 支 针 針 条 條 家 所 件 份",
	"ja":  "人 つ 個 錠 粒 滴 包 杯 歳 本 種類 件 倍 名 カ所 か所 回分 例 剤",
	"ko":  "명 개 가지 알 정 방울 포 잔 살 세 배 회분 병 군데 곳 건",
	"th":  "คน เม็ด หยด ซอง ช้อน ขวบ แก้ว ชนิด อย่าง เท่า เข็ม โดส ราย แห่ง",
	"vi":  "người cái viên giọt gói thìa cốc loại tuổi liều mũi lọ chai trường hợp",
	"hi":  "लोग लोगों व्यक्ति गोली गोलियां गोलियाँ बूंद बूँदें खुराक खुराकें",
	"fa":  "نفر عدد قرص قطره تا دوز نوبت مورد",
	"ur":  "افراد فرد گولی گولیاں قطرے خوراک خوراکیں",
	"bn":  "জন টি টা বড়ি ফোঁটা ডোজ",
	"am":  "ሰዎች ሰው ክኒን ጠብታ ዶዝ",
	"sw":  "",
}

// unitSuffixes are case endings that attach to a unit name: Bengali
// "২৮ দিনের" (of 28 days), Hindi "28 दिनों".
var unitSuffixes = map[string]string{"bn": "ের এর ে য় টি", "hi": "ों ें"}

// frequencyCounters say how many times: "两次", "두 번", "hai lần". Those in
// frequencyBefore stand before the number (Swahili "mara mbili").
var frequencyCounters = map[string]string{
	"zh": "次 遍 回", "yue": "次 遍 回", "ja": "回 度", "ko": "번 회 차례", "th": "ครั้ง หน", "vi": "lần",
	"hi": "बार दफ़ा दफा", "bn": "বার", "ur": "بار مرتبہ دفعہ", "fa": "بار مرتبه دفعه", "am": "ጊዜ", "he": "פעמים",
}

var frequencyBefore = map[string]string{"sw": "mara"}

// periodWords name the period of a frequency beyond CLDR's unit names:
// "每天", "하루에", "daily".
var periodWords = map[string]map[string]float64{
	"zh":  {"每天": 1, "每日": 1, "一天": 1, "天": 1, "日": 1, "每周": 7, "每週": 7, "周": 7, "週": 7, "每月": 30, "月": 30, "小时": 1.0 / 24, "小時": 1.0 / 24},
	"yue": {"每日": 1, "日": 1, "每天": 1, "每星期": 7, "每月": 30},
	"ja":  {"日": 1, "毎日": 1, "週": 7, "月": 30, "時間": 1.0 / 24},
	"ko":  {"하루": 1, "하루에": 1, "매일": 1, "일": 1, "주": 7, "주에": 7, "일주일": 7, "일주일에": 7, "매주": 7, "달": 30, "한 달": 30, "매달": 30, "매월": 30, "시간": 1.0 / 24},
	"th":  {"วัน": 1, "ทุกวัน": 1, "สัปดาห์": 7, "เดือน": 30, "ชั่วโมง": 1.0 / 24},
	"vi":  {"ngày": 1, "mỗi ngày": 1, "hằng ngày": 1, "tuần": 7, "tháng": 30, "giờ": 1.0 / 24},
	"hi":  {"दिन": 1, "रोज़": 1, "रोज": 1, "रोजाना": 1, "प्रतिदिन": 1, "सप्ताह": 7, "हफ़्ते": 7, "महीने": 30, "घंटे": 1.0 / 24},
	"bn":  {"দিনে": 1, "দিন": 1, "প্রতিদিন": 1, "সপ্তাহে": 7, "মাসে": 30, "ঘণ্টায়": 1.0 / 24},
	"ur":  {"دن": 1, "روزانہ": 1, "ہفتے": 7, "مہینے": 30, "گھنٹے": 1.0 / 24},
	"fa":  {"روز": 1, "روزی": 1, "روزانه": 1, "هفته": 7, "هفته\u200cای": 7, "ماه": 30, "ماهی": 30, "ساعت": 1.0 / 24},
	"sw":  {"siku": 1, "kila siku": 1, "wiki": 7, "mwezi": 30, "saa": 1.0 / 24},
	"am":  {"በቀን": 1, "ቀን": 1, "በሳምንት": 7, "በወር": 30, "በሰዓት": 1.0 / 24},
	"he":  {"ביום": 1, "בשבוע": 7, "בחודש": 30},
}

// proportions join the two numbers of "1 in 4": the words between them,
// and whether the whole comes first (Korean "4명 중 1명", Chinese
// 四分之一, Hindi "4 में से 1").
var proportions = map[string][]proportion{
	"en":  {{"in", false}, {"out of", false}, {"of every", false}},
	"es":  {{"de cada", false}},
	"fr":  {{"sur", false}},
	"ru":  {{"из", false}},
	"ar":  {{"من كل", false}, {"من", false}},
	"zh":  {{"分之", true}, {"中有", true}, {"中就有", true}, {"中", true}},
	"yue": {{"分之", true}, {"中有", true}},
	"ja":  {{"分の", true}, {"に", true}, {"中", true}},
	"ko":  {{"분의", true}, {"중", true}, {"중에", true}, {"가운데", true}},
	"vi":  {{"trong", false}, {"trên", false}, {"thì có", true}},
	"th":  {{"ใน", false}},
	"hi":  {{"में से", true}, {"में", true}},
	"ur":  {{"میں سے", true}},
	"bn":  {{"জনের মধ্যে", true}, {"এর মধ্যে", true}, {"মধ্যে", true}, {"জনে", true}},
	"fa":  {{"از هر", false}, {"از", false}},
	"sw":  {{"kati ya", false}, {"katika", false}},
	"am":  {{"መካከል", true}},
}

type proportion struct {
	words string
	// wholeFirst: the denominator comes first.
	wholeFirst bool
}

// percentBefore write a percentage before the number: 百分之二十五, ร้อยละ 25.
var percentBefore = map[string]string{"zh": "百分之", "yue": "百分之", "th": "ร้อยละ"}

// digitOrdinalPrefixes extend CLDR's ordinal markers of digits: Korean
// 제3자 ("third party").
var digitOrdinalPrefixes = map[string]string{"ko": "제", "ja": "第"}

// weakWords are number words too common as other words to stand alone:
// single Sino-Korean syllables (이 "this", 일 "day", 사 "company", 백신
// "vaccine"). They count inside a longer number: 이십 is 20.
var weakWords = map[string]string{
	"ko": "일 이 삼 사 오 육 칠 팔 구 십 백 천 만 억 조 영 공",
}

// notNumbers are words that hold number characters but are not numbers
// (Japanese 十分 "enough"; 十分 in Chinese is "very").
var notNumbers = map[string]string{"ja": "十分", "zh": "十分 千万 万一", "zh_Hant": "十分 千萬 萬一"}

// dateWordsExtra may stand between the parts of a date besides CLDR's
// date-format words: "the", "of", commas.
var dateWordsExtra = map[string]string{"en": "the of", "vi": "ngày tháng năm", "th": "วันที่ ที่ พ.ศ. ค.ศ.", "sw": "tarehe", "am": "ቀን"}

// rangeWordsExtra join the ends of a range, beyond rangeWords: "2至8",
// Persian "۲ تا ۸".
var rangeWordsExtra = map[string]string{"zh": "至 到", "yue": "至 到", "ja": "から", "ko": "에서", "vi": "đến", "th": "ถึง",
	"hi": "से", "bn": "থেকে", "fa": "تا", "ur": "سے", "sw": "hadi", "am": "እስከ"}

// legacyWords are the number words that are not spell-outs: "twice",
// halves, and the words for one that double as articles. Optional words
// may stand for a number on the other side but are never required.
var legacyWords = map[string]struct{ required, optional, freq, optFreq string }{
	"en": {"", "half:0.5", "twice:2 thrice:3", "once:1"},
	"es": {"", "medio:0.5 media:0.5", "", ""},
	"fr": {"", "demi:0.5 demie:0.5", "", ""},
	"ru": {"", "половина:0.5 половину:0.5 пол:0.5", "дважды:2 трижды:3", "раз:1"},
	"ar": {"", "أحد:1 إحدى:1 نصف:0.5", "مرتين:2 مرتان:2", "مرة:1"},
	"he": {"", "", "פעמיים:2", "פעם:1"},
	"zh": {"", "半:0.5", "", ""},
	"ja": {"", "半:0.5", "", ""},
}
