// Package po writes and reads gettext PO files for the translator
// hand-off.
//
// An exported entry looks like this:
//
//	#. paragraph · Fever in adults
//	#. healthloc-id: guide.04b02232cc
//	#. healthloc-base: sha1-da39a3ee5e6b4b0d3255bfef95601890afd80709
//	#: guide.md
//	#, fuzzy
//	#| msgid "Take 500 mg every 6 hours."
//	msgctxt "guide.04b02232cc"
//	msgid "Take <1/>500 mg<2/> every 8 hours."
//	msgstr "Tome <1/>500 mg<2/> cada 6 horas."
//
// msgctxt is the message ID; the healthloc-id comment repeats it for
// tools that drop msgctxt (translate-toolkit's po2xliff does). The
// reference names the document only, so that line numbers never churn.
// A stale entry is fuzzy, with the previous source as "#| msgid" when
// the work area knows it. A candidate waiting for medical review is fuzzy
// too, with a "needs review" comment that says where it came from; a
// reviewer approves it by removing "fuzzy" and putting their name in
// the X-Reviewer header. A missing entry whose candidate a reviewer
// rejected shows it as a comment, a suggestion for the translator. "<n/>"
// are protected inline codes.
package po

import (
	"bytes"
	"fmt"
	"strings"

	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/exchange"
	"github.com/healthloc/healthloc/internal/project"
)

// Marshal encodes f as a PO file. The output is deterministic: no dates.
func Marshal(f *exchange.File) []byte {
	var b bytes.Buffer
	b.WriteString("msgid \"\"\n")
	// Empty revision, translator and team fields keep msgfmt --check
	// quiet without putting a date in the file.
	header := "Project-Id-Version: healthloc\\n" +
		"PO-Revision-Date: \\n" +
		"Last-Translator: \\n" +
		"Language-Team: \\n" +
		"Language: " + strings.ReplaceAll(f.Locale, "-", "_") + "\\n" +
		"MIME-Version: 1.0\\n" +
		"Content-Type: text/plain; charset=UTF-8\\n" +
		"Content-Transfer-Encoding: 8bit\\n" +
		"Plural-Forms: " + PluralForms(language.Make(f.Locale)) + "\\n" +
		"X-Source-Language: " + f.SourceLocale + "\\n"
	if f.HasCandidates() || f.Reviewer != "" {
		// the medical reviewer who approves the candidates signs here
		header += "X-Reviewer: " + f.Reviewer + "\\n"
	}
	b.WriteString("msgstr \"\"\n")
	for _, line := range strings.SplitAfter(header, `\n`) {
		if line != "" {
			fmt.Fprintf(&b, "\"%s\"\n", line)
		}
	}
	for _, d := range f.Docs {
		for _, u := range d.Units {
			b.WriteByte('\n')
			writeUnit(&b, d.Path, u)
		}
	}
	return b.Bytes()
}

func writeUnit(b *bytes.Buffer, doc string, u exchange.Unit) {
	ctx := u.Kind
	if len(u.Context) > 0 {
		ctx += " · " + strings.Join(u.Context, " › ")
	}
	comment(b, "#. ", ctx)
	if u.From != "" {
		comment(b, "#. ", "inherited from "+u.From+": edit only where "+u.From+" does not fit")
	}
	if len(u.Codes) > 0 {
		var parts []string
		for i, c := range u.Codes {
			parts = append(parts, fmt.Sprintf("<%d/> = %s", i+1, c))
		}
		comment(b, "#. ", protectedPrefix+strings.Join(parts, ", "))
	}
	if u.State == project.Candidate {
		comment(b, "#. ", u.NeedsReview()+"; to approve it, remove \"fuzzy\" and sign the X-Reviewer header")
	}
	if u.Suggestion != "" {
		comment(b, "#. ", "suggestion, "+u.Rejected+": "+u.Suggestion)
	}
	for _, m := range u.Matches {
		comment(b, "#. ", fmt.Sprintf("%s, %d%% alike: %s", m.Origin, m.Score, m.Target))
		if m.Score < 100 {
			comment(b, "#. ", "  its source: "+m.Source)
		}
	}
	comment(b, "#. ", exchange.MetaID+u.ID)
	comment(b, "#. ", exchange.MetaBase+u.Base)
	fmt.Fprintf(b, "#: %s\n", strings.ReplaceAll(doc, " ", "\u00a0"))
	switch u.State {
	case project.Stale:
		b.WriteString("#, fuzzy\n")
		if u.Previous != "" {
			writeString(b, "#| msgid ", u.Previous)
		}
	case project.Candidate:
		b.WriteString("#, fuzzy\n")
	case project.Missing:
		if u.Target != "" {
			// pre-filled with the source (export --copy-source)
			b.WriteString("#, fuzzy\n")
		}
	}
	writeString(b, "msgctxt ", u.ID)
	writeString(b, "msgid ", u.Source)
	writeString(b, "msgstr ", u.Target)
}

// comment writes a comment, one line per line of s.
func comment(b *bytes.Buffer, prefix, s string) {
	for _, l := range strings.Split(s, "\n") {
		b.WriteString(strings.TrimRight(prefix+l, " "))
		b.WriteByte('\n')
	}
}

// writeString writes keyword and s as a PO string; a text with newlines
// is split after each one, as msgmerge does.
func writeString(b *bytes.Buffer, keyword, s string) {
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	prefix := ""
	if strings.HasPrefix(keyword, "#| ") {
		prefix = "#| "
	}
	if len(lines) <= 1 {
		fmt.Fprintf(b, "%s\"%s\"\n", keyword, escape(s))
		return
	}
	fmt.Fprintf(b, "%s\"\"\n", keyword)
	for _, l := range lines {
		fmt.Fprintf(b, "%s\"%s\"\n", prefix, escape(l))
	}
}

func escape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
