package main

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// An rbnf is one locale's rule-based number format rule sets, enough of
// ICU's RBNF to spell out non-negative integers.
type rbnf struct {
	tag  language.Tag
	sets map[string]*ruleset
}

type ruleset struct {
	name    string
	private bool
	bad     bool       // a rule could not be read: do not use the set
	rules   []rbnfRule // by base value
}

type rbnfRule struct {
	base, div int64
	parts     []part
}

// part is a piece of a rule's text: a literal, the start or end of an
// optional section, a substitution or a plural choice.
type part struct {
	kind   byte // 'l' literal, '[' , ']', '<' quotient, '>' remainder, '=' same value, '$' plural
	text   string
	plural map[string]string
}

// loadRBNF reads the rule sets of an rbnf/<locale>.xml file.
func loadRBNF(path string, tag language.Tag) (*rbnf, error) {
	doc, err := load(path)
	if err != nil {
		return nil, err
	}
	r := &rbnf{tag: tag, sets: map[string]*ruleset{}}
	for _, g := range doc.all("ldml/rbnf/rulesetGrouping") {
		for _, rs := range g.all("ruleset") {
			set := &ruleset{name: rs.attr["type"], private: rs.attr["access"] == "private"}
			for _, rn := range rs.all("rbnfrule") {
				base, err := strconv.ParseInt(rn.attr["value"], 10, 64)
				if err != nil {
					continue // -x, x.x, Inf, NaN: not needed for counting numbers
				}
				radix := int64(10)
				if s := rn.attr["radix"]; s != "" {
					if radix, err = strconv.ParseInt(strings.ReplaceAll(s, ",", ""), 10, 64); err != nil {
						return nil, fmt.Errorf("%s: ruleset %s: radix %q", path, set.name, s)
					}
				}
				div := int64(1)
				for div <= base/radix {
					div *= radix
				}
				parts, err := parseRule(rn.text)
				if err != nil {
					// Fraction rule sets use syntax this reader has no
					// need for; a rule set that spells out uses none.
					set.bad = true
					continue
				}
				set.rules = append(set.rules, rbnfRule{base: base, div: div, parts: parts})
			}
			sort.SliceStable(set.rules, func(i, j int) bool { return set.rules[i].base < set.rules[j].base })
			r.sets[set.name] = set
		}
	}
	return r, nil
}

// parseRule splits a rule's text into parts.
func parseRule(s string) ([]part, error) {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(s, ";")
	s = strings.TrimPrefix(s, "'")
	var out []part
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			out = append(out, part{kind: 'l', text: lit.String()})
			lit.Reset()
		}
	}
	rs := []rune(s)
	closing := func(from int, c rune) int {
		for j := from; j < len(rs); j++ {
			if rs[j] == c {
				return j
			}
		}
		return -1
	}
	for i := 0; i < len(rs); i++ {
		c := rs[i]
		switch {
		case c == '[' || c == ']':
			flush()
			out = append(out, part{kind: byte(c)})
		case c == '→' && i+2 < len(rs) && rs[i+1] == '→' && rs[i+2] == '→':
			flush() // →→→: the remainder without rule search; the same here
			out = append(out, part{kind: '>'})
			i += 2
		case c == '←' || c == '→' || c == '=':
			flush()
			j := closing(i+1, c)
			if j < 0 {
				return nil, fmt.Errorf("unclosed %c in %q", c, s)
			}
			kind := map[rune]byte{'←': '<', '→': '>', '=': '='}[c]
			out = append(out, part{kind: kind, text: string(rs[i+1 : j])})
			i = j
		case c == '$' && i+1 < len(rs) && rs[i+1] == '(':
			flush()
			j := i + 2
			for j+1 < len(rs) && !(rs[j] == ')' && rs[j+1] == '$') {
				j++
			}
			if j+1 >= len(rs) {
				return nil, fmt.Errorf("unclosed $( in %q", s)
			}
			p, err := parsePlural(string(rs[i+2 : j]))
			if err != nil {
				return nil, err
			}
			out = append(out, p)
			i = j + 1
		default:
			lit.WriteRune(c)
		}
	}
	flush()
	return out, nil
}

// parsePlural reads "cardinal,one{тысяча}few{тысячи}other{тысяч}".
func parsePlural(body string) (part, error) {
	typ, rest, ok := strings.Cut(body, ",")
	if !ok || typ != "cardinal" && typ != "ordinal" {
		return part{}, fmt.Errorf("plural %q", body)
	}
	m := map[string]string{}
	for rest != "" {
		k, r, ok := strings.Cut(rest, "{")
		if !ok {
			return part{}, fmt.Errorf("plural %q", body)
		}
		v, r2, ok := strings.Cut(r, "}")
		if !ok {
			return part{}, fmt.Errorf("plural %q", body)
		}
		m[strings.TrimSpace(k)] = v
		rest = r2
	}
	return part{kind: '$', text: typ, plural: m}, nil
}

// spell formats n with a rule set.
func (r *rbnf) spell(set string, n int64) (string, error) {
	return r.format(strings.TrimLeft(set, "%"), n, 0)
}

func (r *rbnf) format(set string, n int64, depth int) (string, error) {
	if depth > 40 {
		return "", fmt.Errorf("rule set %s: too deep at %d", set, n)
	}
	rs := r.sets[set]
	if rs == nil || rs.bad {
		return "", fmt.Errorf("no usable rule set %s", set)
	}
	k := sort.Search(len(rs.rules), func(i int) bool { return rs.rules[i].base > n }) - 1
	if k < 0 {
		return "", fmt.Errorf("rule set %s: no rule for %d", set, n)
	}
	rule := rs.rules[k]
	var b strings.Builder
	skip := false
	for _, p := range rule.parts {
		switch p.kind {
		case '[':
			skip = n%rule.div == 0
			continue
		case ']':
			skip = false
			continue
		}
		if skip {
			continue
		}
		switch p.kind {
		case 'l':
			b.WriteString(p.text)
		case '<', '>', '=':
			v := n
			switch p.kind {
			case '<':
				v = n / rule.div
			case '>':
				v = n % rule.div
			}
			target := strings.TrimLeft(p.text, "%")
			if strings.HasPrefix(p.text, "#") || strings.HasPrefix(p.text, "0") {
				b.WriteString(strconv.FormatInt(v, 10))
				continue
			}
			if target == "" {
				target = set
			}
			s, err := r.format(target, v, depth+1)
			if err != nil {
				return "", err
			}
			b.WriteString(s)
		case '$':
			q := n / rule.div
			form := pluralForm(r.tag, p.text, q)
			s, ok := p.plural[form]
			if !ok {
				s = p.plural["other"]
			}
			b.WriteString(s)
		}
	}
	return b.String(), nil
}

func pluralForm(tag language.Tag, typ string, n int64) string {
	rules := plural.Cardinal
	if typ == "ordinal" {
		rules = plural.Ordinal
	}
	i := int(n % 1000000)
	f := rules.MatchPlural(tag, i, 0, 0, 0, 0)
	return [...]string{"other", "zero", "one", "two", "few", "many"}[f]
}
