package memory

import (
	"bytes"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/exchange"
	"github.com/healthloc/healthloc/internal/locale"
	"github.com/healthloc/healthloc/internal/po"
	"github.com/healthloc/healthloc/internal/tmx"
	"github.com/healthloc/healthloc/internal/xliff"
)

// Options say how a file becomes the project's memory.
type Options struct {
	// Source is the project's source locale, Targets its target locales.
	Source  language.Tag
	Targets []language.Tag
	// Locale, when set, is the target locale of the file's translations
	// (the file's own language must be the same language); else each
	// language the file holds is matched with the targets (fr-FR → fr).
	Locale language.Tag
	// Name names the memory; "" means the file's name.
	Name string
}

// Skip is a unit of a file left out of the memory, and why.
type Skip struct {
	Line     int    `json:"line,omitempty"`
	Language string `json:"language,omitempty"`
	Reason   string `json:"reason"`
	Detail   string `json:"detail,omitempty"`
}

// The reasons of skipped units.
const (
	ReasonEmpty       = "empty source or translation"
	ReasonUnfinished  = "fuzzy or unfinished"
	ReasonNoSource    = "no text in the project's source language"
	ReasonNotTarget   = "language is not a target of this project"
	ReasonCode        = "an inline code that cannot be mapped to a placeholder"
	ReasonAddedCode   = "the translation has an inline code the source lacks"
	ReasonLostPair    = "the translation lost half of a paired inline code"
	ReasonSameAsSouce = "the translation is the source text"
)

// Read is what one file gives the memory: a memory file per target
// locale, the languages matched to another tag, and what was left out.
type Read struct {
	Origin Origin
	// Files are the memory files by locale.
	Files map[string]*File
	// Matched maps each language the file names to the project locale
	// it went to, where the two differ (fr-FR → fr).
	Matched map[string]string
	Skipped []Skip
}

// ReadFile reads a TMX 1.4, PO or XLIFF 1.2/2.0 file, told apart by its
// content, into the memory. A malformed file, or one whose languages
// cannot be told, is an error naming the file.
func ReadFile(path string, data []byte, o Options) (*Read, error) {
	name := o.Name
	if name == "" {
		name = NameOf(path)
	}
	r := &Read{Origin: Origin{Name: name, File: path}, Files: map[string]*File{}, Matched: map[string]string{}}
	head := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\ufeff")), " \t\r\n")
	if !bytes.HasPrefix(head, []byte("<")) {
		f, err := po.Parse(path, data)
		if err != nil {
			return nil, err
		}
		r.Origin.Format = "po"
		return r, r.exchange(f, o)
	}
	if root := rootElement(head); root == "tmx" {
		m, err := tmx.Parse(path, data)
		if err != nil {
			return nil, err
		}
		r.Origin.Format = "tmx"
		return r, r.tmx(m, o)
	}
	f, err := xliff.ParseMemory(path, data)
	if err != nil {
		return nil, err
	}
	r.Origin.Format = "xliff12"
	if bytes.Contains(head[:min(len(head), 512)], []byte(`version="2.`)) {
		r.Origin.Format = "xliff20"
	}
	return r, r.exchange(f, o)
}

var rootRe = regexp.MustCompile(`<([A-Za-z][\w.-]*:)?([A-Za-z][\w.-]*)[\s>/]`)

// rootElement is the name of the first element of an XML text.
func rootElement(head []byte) string {
	for _, m := range rootRe.FindAllSubmatch(head[:min(len(head), 4096)], -1) {
		if n := string(m[2]); n != "xml" && n != "DOCTYPE" {
			return n
		}
	}
	return ""
}

// target is the project locale of a language the file names.
func (r *Read) target(lang string, o Options) (language.Tag, bool, error) {
	t, err := locale.Parse(strings.ReplaceAll(lang, "_", "-"))
	if err != nil {
		return language.Und, false, fmt.Errorf("%s: %w", r.Origin.File, err)
	}
	if o.Locale != language.Und {
		if !locale.SameLanguage(t, o.Locale) {
			return language.Und, false, nil
		}
		if t != o.Locale {
			r.Matched[lang] = o.Locale.String()
		}
		return o.Locale, true, nil
	}
	m := locale.MatchTarget(t, o.Targets)
	switch {
	case m.Found():
		if !m.Exact {
			r.Matched[lang] = m.Locale.String()
		}
		return m.Locale, true, nil
	case m.Ambiguous:
		return language.Und, false, fmt.Errorf("%s: %s", r.Origin.File, exchange.NoTarget(t, m, o.Targets))
	}
	return language.Und, false, nil
}

// isSource reports whether a language the file names is the project's
// source language.
func isSource(lang string, source language.Tag) bool {
	t, err := locale.Parse(strings.ReplaceAll(lang, "_", "-"))
	return err == nil && locale.SameLanguage(t, source)
}

// exchange takes the units of a PO or XLIFF file.
func (r *Read) exchange(f *exchange.File, o Options) error {
	r.Origin.Tool, r.Origin.Date = f.Tool, f.Date
	r.Origin.Language, r.Origin.SourceLanguage = f.Locale, f.SourceLocale
	if f.SourceLocale != "" && !isSource(f.SourceLocale, o.Source) {
		return fmt.Errorf("%s: the file's source language is %s; the project's is %s", r.Origin.File, f.SourceLocale, o.Source)
	}
	lang := f.Locale
	if lang == "" {
		if o.Locale == language.Und {
			return fmt.Errorf("%s: the file does not name its target language; pass --locale", r.Origin.File)
		}
		lang = o.Locale.String()
	}
	loc, ok, err := r.target(lang, o)
	if err != nil {
		return err
	}
	if !ok {
		if o.Locale != language.Und {
			return fmt.Errorf("%s: the file's target language is %s, not %s (--locale)", r.Origin.File, lang, o.Locale)
		}
		return fmt.Errorf("%s: language %s is not a target locale of this project; %s", r.Origin.File, lang, exchange.TargetList(o.Targets))
	}
	for _, u := range f.Units() {
		switch {
		case strings.TrimSpace(u.Source) == "" || strings.TrimSpace(u.Target) == "":
			r.skip(u.Line, "", ReasonEmpty, "")
		case u.Fuzzy:
			r.skip(u.Line, "", ReasonUnfinished, u.FileState)
		default:
			mu, why, detail := newUnit(u.Source, u.Target, u.Codes, nil, r.omegat())
			if why != "" {
				r.skip(u.Line, "", why, detail)
				continue
			}
			r.add(loc, mu)
		}
	}
	return nil
}

// tmx takes the units of a TMX file: for each, the text in the project's
// source language and its translations into the target locales.
func (r *Read) tmx(m *tmx.Memory, o Options) error {
	r.Origin.Tool, r.Origin.Date, r.Origin.SourceLanguage = m.Tool, m.Date, m.SourceLang
	if sl := m.SourceLang; sl != "" && sl != "*all*" && !isSource(sl, o.Source) {
		return fmt.Errorf("%s: the memory's source language is %s; the project's is %s", r.Origin.File, sl, o.Source)
	}
	targets := map[string]language.Tag{}
	langs := map[string]bool{}
	for _, tu := range m.Units {
		src := -1
		for i, v := range tu.Vars {
			if isSource(v.Lang, o.Source) {
				src = i
				break
			}
		}
		if src < 0 {
			r.skip(tu.Line, "", ReasonNoSource, o.Source.String())
			continue
		}
		for i, v := range tu.Vars {
			if i == src || isSource(v.Lang, o.Source) {
				continue
			}
			loc, ok := targets[v.Lang]
			if _, seen := langs[v.Lang]; !seen {
				t, found, err := r.target(v.Lang, o)
				if err != nil {
					return err
				}
				langs[v.Lang] = found
				if found {
					targets[v.Lang], loc, ok = t, t, true
				}
			}
			if !ok {
				r.skip(tu.Line, v.Lang, ReasonNotTarget, "")
				continue
			}
			if r.Origin.Language == "" {
				r.Origin.Language = v.Lang
			}
			mu, why, detail := tmxUnit(tu.Vars[src], v, r.omegat())
			if why != "" {
				r.skip(tu.Line, v.Lang, why, detail)
				continue
			}
			r.add(loc, mu)
		}
	}
	return nil
}

// tmxUnit is a memory unit of a TMX unit's source and target texts, the
// target's codes renumbered as the source's.
func tmxUnit(s, t tmx.TUV, omegat bool) (Unit, string, string) {
	if s.Problem != "" {
		return Unit{}, ReasonCode, s.Problem
	}
	if t.Problem != "" {
		return Unit{}, ReasonCode, t.Problem
	}
	num := make([]int, len(t.Codes)) // target code → source placeholder
	used := make([]bool, len(s.Codes))
	for i, k := range t.Keys {
		if !strings.HasSuffix(k, "?") {
			if j := slices.Index(s.Keys, k); j >= 0 {
				num[i], used[j] = j+1, true
			}
		}
	}
	for i := range t.Codes {
		if num[i] != 0 {
			continue
		}
		for j, c := range s.Codes {
			if !used[j] && c == t.Codes[i] && kind(s.Keys[j]) == kind(t.Keys[i]) {
				num[i], used[j] = j+1, true
				break
			}
		}
		if num[i] == 0 {
			return Unit{}, ReasonAddedCode, fmt.Sprintf("%s in %s", t.Keys[i], t.Lang)
		}
	}
	target := tokenRe.ReplaceAllStringFunc(t.Text, func(tok string) string {
		n, _ := strconv.Atoi(tokenRe.FindStringSubmatch(tok)[1])
		return fmt.Sprintf("<%d/>", num[n-1])
	})
	return newUnit(s.Text, target, s.Codes, s.Pairs, omegat)
}

// kind is the element a code key names (bpt, ph, x…).
func kind(key string) string {
	k, _, _ := strings.Cut(key, ":")
	return k
}

func (r *Read) skip(line int, lang, reason, detail string) {
	r.Skipped = append(r.Skipped, Skip{Line: line, Language: lang, Reason: reason, Detail: detail})
}

func (r *Read) add(loc language.Tag, u Unit) {
	f := r.Files[loc.String()]
	if f == nil {
		f = &File{Origin: r.Origin}
		r.Files[loc.String()] = f
	}
	f.Units = append(f.Units, u)
}

// omegat tells that the file comes from OmegaT, which writes the inline
// codes of its segments as tags of its own (<f0/>, <g1>…</g1>).
func (r *Read) omegat() bool { return strings.HasPrefix(r.Origin.Tool, "OmegaT") }

// Finish sorts each locale's units and drops repeats: the files are the
// same whatever order the units came in.
func (r *Read) Finish() {
	for _, loc := range slices.Sorted(maps.Keys(r.Files)) {
		f := r.Files[loc]
		f.Origin = r.Origin
		slices.SortFunc(f.Units, func(a, b Unit) int {
			if c := strings.Compare(a.Source, b.Source); c != 0 {
				return c
			}
			if c := strings.Compare(a.Target, b.Target); c != 0 {
				return c
			}
			return slices.Compare(a.Codes, b.Codes)
		})
		f.Units = slices.CompactFunc(f.Units, func(a, b Unit) bool {
			return a.Source == b.Source && a.Target == b.Target && slices.Equal(a.Codes, b.Codes)
		})
	}
}
