package main

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/text/language"
)

const testRBNF = `<?xml version="1.0" encoding="UTF-8" ?>
<ldml><rbnf><rulesetGrouping type="SpelloutRules">
<ruleset type="spellout-cardinal">
<rbnfrule value="-x">minus →→;</rbnfrule>
<rbnfrule value="0">zero;</rbnfrule><rbnfrule value="1">one;</rbnfrule><rbnfrule value="2">two;</rbnfrule>
<rbnfrule value="3">three;</rbnfrule><rbnfrule value="5">five;</rbnfrule>
<rbnfrule value="20">twenty[-→→];</rbnfrule>
<rbnfrule value="100">←← hundred[→%%and→];</rbnfrule>
<rbnfrule value="1000">←← $(cardinal,one{thousand}other{thousands})$[ →→];</rbnfrule>
<rbnfrule value="1000000">=#,##0=;</rbnfrule>
</ruleset>
<ruleset type="and" access="private">
<rbnfrule value="1">' and =%spellout-cardinal=;</rbnfrule>
</ruleset>
<ruleset type="spellout-postfix">
<rbnfrule value="0">=%spellout-cardinal=;</rbnfrule>
<rbnfrule value="100">mia ←%spellout-cardinal←[ na →→];</rbnfrule>
</ruleset>
<ruleset type="bad" access="private"><rbnfrule value="0">0* ←#,##0←←;</rbnfrule></ruleset>
</rulesetGrouping></rbnf></ldml>`

func TestSpell(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.xml")
	if err := os.WriteFile(path, []byte(testRBNF), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := loadRBNF(path, language.English)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		set  string
		n    int64
		want string
	}{
		{"spellout-cardinal", 0, "zero"},
		{"spellout-cardinal", 23, "twenty-three"},
		{"spellout-cardinal", 20, "twenty"},
		{"spellout-cardinal", 205, "two hundred and five"},
		{"spellout-cardinal", 300, "three hundred"},
		{"spellout-cardinal", 1000, "one thousand"},
		{"spellout-cardinal", 2005, "two thousands five"},
		{"spellout-cardinal", 2000000, "2000000"},
		{"spellout-postfix", 200, "mia two"},
		{"spellout-postfix", 105, "mia one na five"},
	} {
		got, err := r.spell(c.set, c.n)
		if err != nil || got != c.want {
			t.Errorf("%s %d = %q, %v; want %q", c.set, c.n, got, err, c.want)
		}
	}
	if _, err := r.spell("bad", 1); err == nil {
		t.Error("a rule set with a rule that does not parse is used")
	}
}

func TestPatternLiterals(t *testing.T) {
	for p, want := range map[string]string{
		"d 'de' MMMM 'de' y":                 "de de",
		"y年M月d日":                             "年 月 日",
		"EEEE, 'ngày' dd 'tháng' MM 'năm' y": "ngày tháng năm",
		"dd.MM.y":                            "",
	} {
		got := ""
		for i, w := range patternLiterals(p) {
			if i > 0 {
				got += " "
			}
			got += w
		}
		if got != want {
			t.Errorf("patternLiterals(%q) = %q, want %q", p, got, want)
		}
	}
	if o := fieldOrder("M/d/yy"); o != "mdy" {
		t.Errorf("fieldOrder = %s", o)
	}
}
