package l10n_test

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/catalog"
	"github.com/healthloc/healthloc/internal/servedtest"
	"github.com/healthloc/healthloc/l10n"
)

// project copies testdata/project into memory, for tests that edit it.
func project(t testing.TB) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	root := os.DirFS("testdata/project")
	err := fs.WalkDir(root, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(root, name)
		m[name] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func load(t testing.TB, fsys fs.FS) *l10n.Catalogs {
	t.Helper()
	c, err := l10n.LoadProject(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// edit replaces old by new in file name, which must hold old.
func edit(t testing.TB, fsys fstest.MapFS, name, old, new string) {
	t.Helper()
	f := fsys[name]
	if f == nil || !strings.Contains(string(f.Data), old) {
		t.Fatalf("%s does not hold %q", name, old)
	}
	fsys[name] = &fstest.MapFile{Data: []byte(strings.Replace(string(f.Data), old, new, 1))}
}

var (
	es   = language.MustParse("es")
	esMX = language.MustParse("es-MX")
	ar   = language.MustParse("ar")
	en   = language.English
)

func TestLoadProject(t *testing.T) {
	c := load(t, project(t))
	if got := c.Source(); got != en {
		t.Errorf("Source = %s", got)
	}
	if got := strings.Join(tagStrings(c.Locales()), " "); got != "en es es-419 ar es-MX" {
		t.Errorf("Locales = %s", got)
	}
	if got := strings.Join(c.Documents(), " "); got != "fever water" {
		t.Errorf("Documents = %s", got)
	}
	if r := c.Refused(); len(r) != 0 {
		t.Errorf("Refused = %v", r)
	}
	segs, err := c.Document(esMX, "fever")
	if err != nil {
		t.Fatal(err)
	}
	// document order, with the line and the locale each text came from
	want := []struct {
		kind   string
		line   int
		locale string
		prefix string
	}{
		{"title", 2, "es", "La fiebre en los niños"},
		{"description", 3, "es", "Qué hacer"},
		{"paragraph", 6, "es", "La fiebre es"},
		{"heading", 8, "es", "Medicamentos"},
		{"paragraph", 11, "es", "Dele paracetamol cada 6 horas"},
		{"paragraph", 13, "es-419", "Mantenga las medicinas"},
		{"heading", 15, "es", "Cuándo"},
	}
	for i, w := range want {
		s := segs[i]
		if s.Kind != w.kind || s.Line != w.line || s.Locale.String() != w.locale || !strings.HasPrefix(s.Text, w.prefix) {
			t.Errorf("segment %d = %s line %d from %s %q; want %s line %d from %s %q…", i, s.Kind, s.Line, s.Locale, s.Text, w.kind, w.line, w.locale, w.prefix)
		}
	}
	if len(segs) != 16 {
		t.Errorf("fever has %d segments, want 16", len(segs))
	}
}

func tagStrings(tags []language.Tag) []string {
	var s []string
	for _, t := range tags {
		s = append(s, t.String())
	}
	return s
}

func TestMessageFallsBackAlongTheChain(t *testing.T) {
	c := load(t, project(t))
	for _, tc := range []struct {
		loc, id, from, prefix string
	}{
		{"es-MX", "fever.168690cfcd", "es-419", "Mantenga"},
		{"es-MX", "dose-child", "es", "Dele paracetamol"},
		{"es-419", "dose-child", "es", "Dele paracetamol"},
		{"es", "fever.168690cfcd", "es", "Guarde"},
		{"ar", "dose-child", "ar", "أعطِ"},
		{"ar", "fever.168690cfcd", "en", "Keep medicines"},
		{"ar-EG", "fever.d2b0acf06d", "ar", "الحمى"},
		{"de", "dose-child", "en", "Give paracetamol"},
		{"en", "dose-child", "en", "Give paracetamol"},
	} {
		m, err := c.Message(language.MustParse(tc.loc), tc.id)
		if err != nil {
			t.Fatal(err)
		}
		if m.Locale.String() != tc.from || !strings.HasPrefix(m.Text, tc.prefix) || m.ID != tc.id {
			t.Errorf("%s %s = %q from %s; want %q… from %s", tc.loc, tc.id, m.Text, m.Locale, tc.prefix, tc.from)
		}
	}
	if _, err := c.Message(es, "no-such-id"); !errors.Is(err, l10n.ErrNotFound) {
		t.Errorf("unknown ID: %v", err)
	}
	if _, err := c.Document(es, "no-such-doc"); !errors.Is(err, l10n.ErrNotFound) {
		t.Errorf("unknown document: %v", err)
	}
}

func TestMatch(t *testing.T) {
	c := load(t, project(t))
	for _, tc := range []struct{ accept, want string }{
		{"es-MX,es;q=0.9,en;q=0.5", "es-MX"},
		{"es-419", "es-419"},
		{"es-ES", "es"},
		{"es-AR", "es-419"},
		{"es-CO,en;q=0.5", "es-419"},
		{"es", "es"},
		{"ar-EG,ar;q=0.9", "ar"},
		{"ar", "ar"},
		{"de-DE,de;q=0.9", "en"},
		{"de,es;q=0.5", "es"},
		{"en-GB", "en"},
		{"", "en"},
		{"*", "en"},
		{"not a header;;q=x", "en"},
	} {
		if got := c.Match(tc.accept).String(); got != tc.want {
			t.Errorf("Match(%q) = %s, want %s", tc.accept, got, tc.want)
		}
	}
}

func TestTheExampleProjectIsServable(t *testing.T) {
	p := project(t)
	s := servedtest.Check(t, p, "locales", en, servedtest.Options{})
	s.CheckRuntime(t, get(load(t, p)), servedtest.Options{}, esMX)
}

// TestEveryFormatAndHiddenFiles loads JSON and YAML catalogs and hidden
// files, as an app walking the folder would.
func TestEveryFormatAndHiddenFiles(t *testing.T) {
	p := project(t)
	delete(p, "locales/ar/fever.ar.toml")
	hash := catalog.Hash("title", "Fever in Children")
	p["locales/ar/fever.ar.json"] = &fstest.MapFile{Data: []byte(`{"fever.d2b0acf06d": {"hash": "` + hash + `", "other": "الحمى (json)"}}`)}
	p["locales/ar/.hidden/water.ar.yml"] = &fstest.MapFile{Data: []byte("water.d9d34b223c:\n  hash: " +
		catalog.Hash("heading", "Safe Drinking Water") + "\n  other: مياه (yml)\n")}
	c := load(t, p)
	for id, want := range map[string]string{"fever.d2b0acf06d": "الحمى (json)", "water.d9d34b223c": "مياه (yml)"} {
		if m, _ := c.Message(ar, id); m.Text != want || m.Locale != ar {
			t.Errorf("%s = %q from %s, want %q", id, m.Text, m.Locale, want)
		}
	}
}

// TestTemplatesAreNeverExecuted: "{{" in a translation is text.
func TestTemplatesAreNeverExecuted(t *testing.T) {
	p := project(t)
	evil := `Medicamentos {{printf "%s" "injected"}} {{.Missing}}`
	edit(t, p, "locales/es/fever.es.toml", `"Medicamentos"`, "'"+evil+"'")
	c := load(t, p)
	m, _ := c.Message(es, "fever.c4d3d42ed3")
	if m.Text != evil {
		t.Errorf("Message = %q, want %q", m.Text, evil)
	}
	if !strings.Contains(string(m.HTML()), `{{printf &#34;%s&#34; &#34;injected&#34;}}`) {
		t.Errorf("HTML = %s", m.HTML())
	}
}

func TestHTML(t *testing.T) {
	p := project(t)
	edit(t, p, "locales/es/fever.es.toml", `"Medicamentos"`, `"Medicamentos <script>alert(1)</script> [aquí](javascript:alert(1)) [OMS](https://www.who.int/es)"`)
	c := load(t, p)
	for _, tc := range []struct {
		loc  language.Tag
		id   string
		want string
	}{
		{es, "fever.fa0c5d1efe", "La fiebre es una temperatura corporal de <strong>38 °C</strong> o más."},
		{es, "fever.c4d3d42ed3", `Medicamentos alert(1) aquí <a href="https://www.who.int/es">OMS</a>`},
		// a plain-text article: Markdown is not interpreted
		{en, "water.d9d34b223c", "Safe Drinking Water"},
	} {
		m, _ := c.Message(tc.loc, tc.id)
		if got := string(m.HTML()); !strings.HasPrefix(got, tc.want) {
			t.Errorf("%s HTML = %s, want %s…", tc.id, got, tc.want)
		}
	}
	p = project(t)
	edit(t, p, "locales/es/water.es.toml", "Agua potable segura", "Agua *potable* <b>segura</b>")
	m, _ := load(t, p).Message(es, "water.d9d34b223c")
	if got := string(m.HTML()); got != "Agua *potable* &lt;b&gt;segura&lt;/b&gt;" {
		t.Errorf("plain-text HTML = %s", got)
	}
}

func TestLoadWithoutContent(t *testing.T) {
	p := project(t)
	for name := range p {
		if strings.HasPrefix(name, "content/") || name == "healthloc.toml" {
			delete(p, name)
		}
	}
	sub, err := fs.Sub(p, "locales")
	if err != nil {
		t.Fatal(err)
	}
	c, err := l10n.Load(sub, l10n.Options{Source: "en"})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(tagStrings(c.Locales()), " "); got != "en ar es es-419" {
		t.Errorf("Locales = %s", got)
	}
	segs, _ := c.Document(es, "water")
	var ids []string
	for _, s := range segs {
		ids = append(ids, s.ID)
		if s.Line != 0 {
			t.Errorf("Line = %d without content", s.Line)
		}
	}
	if got := strings.Join(ids, " "); got != "water.1eeeb1567d water.a2c1d8b8f9 water.d9d34b223c" {
		t.Errorf("order without content = %s, want by ID", got)
	}
	if _, err := l10n.Load(sub, l10n.Options{Source: "en_US"}); err == nil {
		t.Error("a bad source locale loads")
	}
}

func TestConcurrentLookups(t *testing.T) {
	c := load(t, project(t))
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			loc := []language.Tag{es, esMX, ar, en}[i%4]
			for range 50 {
				if _, err := c.Document(loc, "fever"); err != nil {
					t.Error(err)
				}
				c.Match("es-MX,ar;q=0.5")
			}
		})
	}
	wg.Wait()
}

// TestRepositoryProject loads the repository's own example project. While
// locales/ still holds a workflow sidecar (.workflow.toml, which go-i18n
// loads as "und"), loading must fail and name it.
func TestRepositoryProject(t *testing.T) {
	repo := os.DirFS(path.Join("..", ""))
	legacy, _ := fs.Glob(repo, "locales/*/.workflow.toml")
	c, err := l10n.LoadProject(repo)
	if len(legacy) > 0 {
		if err == nil || !strings.Contains(err.Error(), legacy[0]) {
			t.Fatalf("LoadProject with %s = %v, want an error naming it", legacy[0], err)
		}
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	s := servedtest.Check(t, repo, "locales", en, servedtest.Options{})
	s.CheckRuntime(t, get(c), servedtest.Options{}, esMX)
}

// TestReadmeLoadingCode runs the loading code of the README ("Use the
// catalogs in a Go app") on the example project: a plain walk that loads
// every file, with no special cases.
func TestReadmeLoadingCode(t *testing.T) {
	locales := os.DirFS("testdata/project")
	bundle := i18n.NewBundle(language.English) // the source locale
	bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	err := fs.WalkDir(locales, "locales", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		_, err = bundle.LoadMessageFileFS(locales, name)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(tagStrings(bundle.LanguageTags()), " "); got != "en ar es es-419" {
		t.Errorf("LanguageTags = %s", got)
	}
	servedtest.Check(t, locales, "locales", en, servedtest.Options{})
}

func TestChains(t *testing.T) {
	c := load(t, project(t))
	for loc, want := range map[string]string{"es-MX": "es-MX es-419 es en", "pt-BR": "pt-BR pt en", "ar-EG": "ar-EG ar en", "en-GB": "en-GB en-001 en"} {
		if got := strings.Join(tagStrings(c.Chain(language.MustParse(loc))), " "); got != want {
			t.Errorf("Chain(%s) = %s, want %s", loc, got, want)
		}
	}
}
