package l10n_test

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"io/fs"
	"log"
	"os"
	"strings"
	"testing/fstest"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/nicksnyder/go-i18n/v2/i18n/template"
	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/l10n"
)

// The examples use testdata/project: an article in Markdown (fever.md)
// and one in plain text (water.txt), translated in full into Spanish, with
// one Latin-American Spanish variant (es-419) and a few Arabic messages.
// healthloc.toml lists es-MX too, which has no catalog of its own.

func ExampleLoadProject() {
	// In an app: //go:embed healthloc.toml all:content all:locales
	c, err := l10n.LoadProject(os.DirFS("testdata/project"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("source:", c.Source())
	fmt.Println("locales:", c.Locales())
	fmt.Println("documents:", c.Documents())
	// Output:
	// source: en
	// locales: [en es es-419 ar es-MX]
	// documents: [fever water]
}

func ExampleLoad() {
	// Only the catalogs, as with //go:embed all:locales. Without the content,
	// Document returns a document's messages sorted by ID.
	c, err := l10n.Load(os.DirFS("testdata/project"), l10n.Options{Source: "en", Root: "locales"})
	if err != nil {
		log.Fatal(err)
	}
	segs, _ := c.Document(language.Spanish, "water")
	for _, s := range segs {
		fmt.Printf("%s %s: %s\n", s.ID, s.Kind, s.Text)
	}
	// Output:
	// water.1eeeb1567d paragraph: Hierva el agua durante 1 minuto para que sea segura para beber. Déjela enfriar en una olla limpia y tapada.
	// water.a2c1d8b8f9 paragraph: Guárdela en un recipiente limpio con tapa y úsela en 24 horas.
	// water.d9d34b223c heading: Agua potable segura
}

func ExampleCatalogs_Match() {
	c, err := l10n.LoadProject(os.DirFS("testdata/project"))
	if err != nil {
		log.Fatal(err)
	}
	for _, accept := range []string{"es-MX,es;q=0.9,en;q=0.5", "es-ES", "ar-EG,ar;q=0.9", "de-DE,de;q=0.9", ""} {
		t := c.Match(accept)
		fmt.Printf("%-25q %-6s %s %v\n", accept, t, l10n.Direction(t), c.Chain(t))
	}
	// Output:
	// "es-MX,es;q=0.9,en;q=0.5" es-MX  ltr [es-MX es-419 es en]
	// "es-ES"                   es     ltr [es en]
	// "ar-EG,ar;q=0.9"          ar     rtl [ar en]
	// "de-DE,de;q=0.9"          en     ltr [en]
	// ""                        en     ltr [en]
}

func ExampleCatalogs_Message() {
	c, err := l10n.LoadProject(os.DirFS("testdata/project"))
	if err != nil {
		log.Fatal(err)
	}
	// "dose-child" is pinned in content/fever.md with
	// <!-- healthloc:id dose-child --> on the line before the paragraph,
	// so code can name it, and it keeps its ID when the text changes.
	for _, loc := range []string{"es-MX", "ar", "fr"} {
		m, err := c.Message(language.MustParse(loc), "dose-child")
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s (text from %s): %s\n", loc, m.Locale, m.Text)
	}
	// Output:
	// es-MX (text from es): Dele paracetamol cada 6 horas si el niño está incómodo, como máximo 4 dosis en 24 horas.
	// ar (text from ar): أعطِ الباراسيتامول كل 6 ساعات إذا كان الطفل منزعجًا، بحد أقصى 4 جرعات في 24 ساعة.
	// fr (text from en): Give paracetamol every 6 hours if the child is uncomfortable, at most 4 doses in 24 hours.
}

func ExampleCatalogs_Document() {
	c, err := l10n.LoadProject(os.DirFS("testdata/project"))
	if err != nil {
		log.Fatal(err)
	}
	segs, err := c.Document(language.Arabic, "fever")
	if err != nil {
		log.Fatal(err)
	}
	for _, s := range segs[:6] {
		// A segment from another locale gets its own lang (and dir).
		fmt.Printf("line %2d %-11s lang=%s dir=%s\n", s.Line, s.Kind, s.Locale, l10n.Direction(s.Locale))
	}
	// Output:
	// line  2 title       lang=ar dir=rtl
	// line  3 description lang=ar dir=rtl
	// line  6 paragraph   lang=en dir=ltr
	// line  8 heading     lang=ar dir=rtl
	// line 11 paragraph   lang=ar dir=rtl
	// line 13 paragraph   lang=en dir=ltr
}

func ExampleText_HTML() {
	c, err := l10n.LoadProject(os.DirFS("testdata/project"))
	if err != nil {
		log.Fatal(err)
	}
	m, err := c.Message(language.Spanish, "fever.fa0c5d1efe")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(m.Text)
	fmt.Println(m.HTML())
	// Output:
	// La fiebre es una temperatura corporal de **38 °C** o más. Es la forma en que el cuerpo combate una infección.
	// La fiebre es una temperatura corporal de <strong>38 °C</strong> o más. Es la forma en que el cuerpo combate una infección.
}

func ExampleCatalogs_Refused() {
	// The English dose changes from every 6 to every 8 hours. The pinned ID
	// stays, and the source catalog gets the new text and hash, but the
	// Spanish catalog still holds the old sentence under that ID: edited by
	// hand, or copied from an older checkout.
	fsys := copyDir("testdata/project/locales")
	oldText := "Give paracetamol every 6 hours if the child is uncomfortable, at most 4 doses in 24 hours."
	newText := strings.Replace(oldText, "6 hours", "8 hours", 1)
	replace(fsys, "en/fever.en.toml", oldText, newText)
	replace(fsys, "en/fever.en.toml", goi18nHash("paragraph", oldText), goi18nHash("paragraph", newText))

	c, err := l10n.Load(fsys, l10n.Options{})
	if err != nil {
		log.Fatal(err)
	}
	m, _ := c.Message(language.Spanish, "dose-child")
	fmt.Printf("served (from %s): %s\n", m.Locale, m.Text)
	for _, r := range c.Refused() {
		fmt.Printf("refused %s in %s: %s\n", r.ID, r.File, r.Reason)
	}
	// Output:
	// served (from en): Give paracetamol every 8 hours if the child is uncomfortable, at most 4 doses in 24 hours.
	// refused dose-child in ar/fever.ar.toml: outdated: made for another version of the source text
	// refused dose-child in es/fever.es.toml: outdated: made for another version of the source text
}

func ExampleCatalogs_Bundle() {
	c, err := l10n.LoadProject(os.DirFS("testdata/project"))
	if err != nil {
		log.Fatal(err)
	}
	// The Bundle holds the verified messages only, for code that uses
	// go-i18n directly. Its Localizer runs "{{" in a message as a template
	// unless given the identity parser, and does not follow parents:
	// es-MX matches es-419, which lacks the message, and jumps to the
	// default language. Message walks the whole chain.
	for _, loc := range []string{"es", "es-MX"} {
		l := i18n.NewLocalizer(c.Bundle(), loc)
		s, tag, _ := l.LocalizeWithTag(&i18n.LocalizeConfig{
			MessageID:      "fever.c4d3d42ed3",
			TemplateParser: template.IdentityParser{},
		})
		m, _ := c.Message(language.MustParse(loc), "fever.c4d3d42ed3")
		fmt.Printf("%s: go-i18n %q (%s), Message %q (%s)\n", loc, s, tag, m.Text, m.Locale)
	}
	// Output:
	// es: go-i18n "Medicamentos" (es), Message "Medicamentos" (es)
	// es-MX: go-i18n "Medicine" (en), Message "Medicamentos" (es)
}

// copyDir reads a folder into memory.
func copyDir(dir string) fstest.MapFS {
	m := fstest.MapFS{}
	root := os.DirFS(dir)
	_ = fs.WalkDir(root, ".", func(name string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := fs.ReadFile(root, name)
			m[name] = &fstest.MapFile{Data: data}
		}
		return err
	})
	return m
}

func replace(fsys fstest.MapFS, name, old, new string) {
	fsys[name].Data = []byte(strings.Replace(string(fsys[name].Data), old, new, 1))
}

// goi18nHash is the hash goi18n merge stores: sha1 of description + other.
func goi18nHash(description, other string) string {
	sum := sha1.Sum([]byte(description + other))
	return "sha1-" + hex.EncodeToString(sum[:])
}
