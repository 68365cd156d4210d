// Package corpus generates deterministic health-like projects for
// benchmarks and comparisons: Markdown articles with front matter,
// headings, lists, tables, links, emphasis and doses, a healthloc.toml,
// and catalogs with a chosen mix of translated, stale and missing entries.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"path"
	"sort"
	"strings"
	"testing"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/content"
)

// Options describes a corpus.
type Options struct {
	Docs    int
	Locales []string
	Seed    uint64
	// Translated and Stale are the shares of messages each locale has
	// translated up to date and stale; the rest is missing.
	Translated, Stale float64
	// NoCatalogs writes only content and configuration.
	NoCatalogs bool
}

// perDir keeps folders small: 100,000 documents in one folder is a test of
// its own (see the hostile-input tests), not of throughput.
const perDir = 500

var (
	conditions = []string{"fever", "diarrhoea", "malaria", "asthma", "diabetes", "high blood pressure", "anaemia", "cough"}
	medicines  = []string{"paracetamol", "amoxicillin", "zinc", "iron", "salbutamol", "metformin", "amlodipine", "ORS"}
	units      = []string{"mg", "ml", "tablets", "drops", "IU", "mcg"}
	freqs      = []string{"once a day", "twice a day", "three times a day", "every 6 hours", "every 8 hours", "at night"}
	who        = []string{"children under 5 years", "adults", "pregnant women", "older people", "babies under 6 months"}
	signs      = []string{"a fever above 38.5 °C", "blood in the stool", "fast breathing", "a stiff neck", "sunken eyes", "chest pain"}
)

// Article returns the Markdown of document i.
func Article(seed uint64, i int) string {
	r := rand.New(rand.NewPCG(seed, uint64(i)))
	pick := func(xs []string) string { return xs[r.IntN(len(xs))] }
	cond, med := pick(conditions), pick(medicines)
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: \"Living with %s: guide %d\"\ndescription: \"What %s need to know about %s and %s.\"\n---\n\n", cond, i, pick(who), cond, med)
	fmt.Fprintf(&b, "## What is %s?\n\n", cond)
	for range 2 + r.IntN(3) {
		fmt.Fprintf(&b, "%s is common among %s. Most people get better with *simple care* at home, and **%s** helps in %d out of %d cases. Read the [guidance on %s](https://example.org/%s/%d) for more.\n\n",
			strings.ToUpper(cond[:1])+cond[1:], pick(who), med, 6+r.IntN(4), 10, cond, strings.ReplaceAll(cond, " ", "-"), r.IntN(1000))
	}
	fmt.Fprintf(&b, "## How to take %s\n\n", med)
	for k := range 3 + r.IntN(3) {
		fmt.Fprintf(&b, "%d. Take %d %s %s for %d days.\n", k+1, 1+r.IntN(500), pick(units), pick(freqs), 3+r.IntN(12))
	}
	b.WriteString("\n| Age | Dose | How often |\n| --- | --- | --- |\n")
	for range 3 {
		fmt.Fprintf(&b, "| %d to %d years | %d %s | %s |\n", r.IntN(5), 5+r.IntN(10), 1+r.IntN(250), pick(units), pick(freqs))
	}
	b.WriteString("\n## See a health worker when\n\n")
	for range 3 + r.IntN(3) {
		fmt.Fprintf(&b, "- the person has %s\n", pick(signs))
	}
	fmt.Fprintf(&b, "\n> Keep all medicines out of the reach of children.\n> Store %s below %d °C.\n\n", med, 25+r.IntN(5))
	b.WriteString("```\nlot: " + fmt.Sprint(r.IntN(100000)) + "\n```\n")
	return b.String()
}

// Slug is the path of document i without extension.
func Slug(i int) string { return fmt.Sprintf("d%03d/article-%06d", i/perDir, i) }

// Config is the healthloc.toml of a corpus.
func Config(locales []string) string {
	return fmt.Sprintf("source_locale = \"en\"\nlocales = [%s]\n", quoteAll(locales))
}

func quoteAll(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = fmt.Sprintf("%q", x)
	}
	return strings.Join(q, ", ")
}

// Generate hands every file of the corpus, by slash path relative to its
// root, to write, one at a time so that a corpus of any size streams.
// Catalogs are what extract would write, so a first extract over a
// generated corpus has only the stale and missing work.
func Generate(o Options, write func(name string, data []byte) error) error {
	if err := write("healthloc.toml", []byte(Config(o.Locales))); err != nil {
		return err
	}
	for i := range o.Docs {
		slug := Slug(i)
		md := Article(o.Seed, i)
		if err := write(path.Join("content", slug+".md"), []byte(md)); err != nil {
			return err
		}
		if o.NoCatalogs {
			continue
		}
		doc, err := content.Parse(slug+".md", []byte(md), content.Options{FrontMatterKeys: []string{"title", "description"}})
		if err != nil {
			return err
		}
		src := &catalog.Catalog{Locale: "en", Messages: map[string]catalog.Message{}}
		for _, s := range doc.Segments {
			id := catalog.MessageID(slug, s.Text)
			src.Messages[id] = catalog.Message{ID: id, Description: string(s.Kind), Other: s.Text, Hash: catalog.Hash(string(s.Kind), s.Text)}
		}
		if err := write(path.Join("locales", "en", slug+".en.toml"), catalog.Marshal(src)); err != nil {
			return err
		}
		for li, loc := range o.Locales {
			r := rand.New(rand.NewPCG(o.Seed^uint64(li+1)*0x9e3779b97f4a7c15, uint64(i)))
			c := &catalog.Catalog{Locale: loc, Messages: map[string]catalog.Message{}}
			for _, id := range sortedIDs(src) {
				m := src.Messages[id]
				switch x := r.Float64(); {
				case x < o.Translated:
					m.Other = "[" + loc + "] " + m.Other
				case x < o.Translated+o.Stale:
					m.Other = "[" + loc + "] " + m.Other
					m.Hash = catalog.Hash(m.Description, m.Other+" (older)")
				default:
					continue
				}
				c.Messages[id] = m
			}
			if len(c.Messages) > 0 {
				if err := write(path.Join("locales", loc, slug+"."+loc+".toml"), catalog.Marshal(c)); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func sortedIDs(c *catalog.Catalog) []string {
	ids := make([]string, 0, len(c.Messages))
	for id := range c.Messages {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// BenchSizes are the project sizes, in documents, that the benchmarks
// run on: 1,000 and 10,000, or only 1,000 with -short, as CI runs them
// (once each, to keep them working; nothing there is timed).
func BenchSizes() []int {
	if testing.Short() {
		return []int{1000}
	}
	return []int{1000, 10000}
}
