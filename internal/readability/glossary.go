package readability

import (
	_ "embed"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"

	"golang.org/x/text/language"
)

//go:embed plain_en.txt
var builtinEN string

// Term is a medical term and the plain words that explain it.
type Term struct {
	Term  string
	Plain []string
	re    func() *regexp.Regexp
}

// Glossary holds the plain-language terms per base language or locale.
type Glossary struct {
	terms map[string][]*Term
}

// newGlossary builds the built-in English list (when builtin) and the
// project's lists; a project's term replaces a built-in one.
func newGlossary(builtin bool, extra map[string]map[string]string) (*Glossary, error) {
	g := &Glossary{terms: map[string][]*Term{}}
	byKey := map[string]map[string]*Term{}
	add := func(loc, term, plain string) {
		if byKey[loc] == nil {
			byKey[loc] = map[string]*Term{}
		}
		var ps []string
		for _, p := range strings.Split(plain, ";") {
			if p = strings.TrimSpace(p); p != "" {
				ps = append(ps, p)
			}
		}
		byKey[loc][strings.ToLower(term)] = &Term{Term: term, Plain: ps, re: wordRe(term)}
	}
	if builtin {
		for i, line := range strings.Split(builtinEN, "\n") {
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			term, plain, ok := strings.Cut(line, "\t")
			if !ok {
				return nil, fmt.Errorf("plain_en.txt:%d: want term<TAB>plain words", i+1)
			}
			add("en", term, plain)
		}
	}
	for loc, m := range extra {
		// An empty value accepts the term: it is never reported.
		for term, plain := range m {
			if strings.TrimSpace(term) == "" {
				return nil, fmt.Errorf("readability.plain_language.%s: empty term", loc)
			}
			add(loc, term, plain)
		}
	}
	for loc, m := range byKey {
		for _, t := range m {
			g.terms[loc] = append(g.terms[loc], t)
		}
		// longest first, so "myocardial infarction" wins over "infarction"
		sortTerms(g.terms[loc])
	}
	return g, nil
}

// wordRe matches term as whole words, any case, any spacing.
// It is compiled at first use: most runs look for few of the terms.
func wordRe(term string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp {
		parts := strings.Fields(regexp.QuoteMeta(term))
		return regexp.MustCompile(`(?i)(^|[^\pL\pN])(` + strings.Join(parts, `\s+`) + `)($|[^\pL\pN])`)
	})
}

// establish adds terms that are never reported and hide the terms inside
// them, for loc.
func (g *Glossary) establish(loc language.Tag, terms []string) {
	b, _ := loc.Base()
	key := b.String()
	for _, t := range terms {
		if strings.TrimSpace(t) != "" {
			g.terms[key] = append(g.terms[key], &Term{Term: t, re: wordRe(t)})
		}
	}
	sortTerms(g.terms[key])
}

func sortTerms(ts []*Term) {
	sort.SliceStable(ts, func(i, j int) bool {
		a, b := ts[i].Term, ts[j].Term
		if len(a) != len(b) {
			return len(a) > len(b)
		}
		return a < b
	})
}

// For lists the terms that apply to loc: its own, its parents' and its
// base language's.
func (g *Glossary) For(loc language.Tag) []*Term {
	var out []*Term
	seen := map[string]bool{}
	for t := loc; ; t = t.Parent() {
		for _, term := range g.terms[t.String()] {
			k := strings.ToLower(term.Term)
			if !seen[k] {
				seen[k] = true
				out = append(out, term)
			}
		}
		if t == language.Und {
			break
		}
	}
	return out
}

// Len is the number of terms for loc.
func (g *Glossary) Len(loc language.Tag) int { return len(g.For(loc)) }

// Use is one unexplained use of a term in a sentence.
type Use struct {
	Term     *Term
	Sentence int // index in the sentences given
}

// Unexplained finds the terms used in sentences (a document's, in order)
// without their plain words in the same sentence or the one before or
// after (which covers "hypertension (high blood pressure)" and "High
// blood pressure is called hypertension."). Plain-language guides ask
// for a term to be explained where it is first used: a term is reported
// once, and not at all after it has been explained.
func Unexplained(terms []*Term, sents []Sentence) []Use {
	var out []Use
	seen := map[int]bool{} // terms reported or explained
	for i, s := range sents {
		covered := map[[2]int]bool{} // spans of longer terms already found
		for ti, t := range terms {
			locs := t.re().FindAllStringSubmatchIndex(s.Text, -1)
			if len(locs) == 0 {
				continue
			}
			inside := false
			for _, l := range locs {
				for span := range covered {
					if l[4] >= span[0] && l[5] <= span[1] {
						inside = true
					}
				}
				covered[[2]int{l[4], l[5]}] = true
			}
			if inside || seen[ti] || len(t.Plain) == 0 {
				continue
			}
			seen[ti] = true
			if !explained(t, sents, i) {
				out = append(out, Use{Term: t, Sentence: i})
			}
		}
	}
	return out
}

func explained(t *Term, sents []Sentence, i int) bool {
	for j := max(0, i-1); j <= min(len(sents)-1, i+1); j++ {
		text := strings.ToLower(sents[j].Text)
		for _, p := range t.Plain {
			if strings.Contains(text, strings.ToLower(p)) {
				return true
			}
		}
	}
	return false
}
