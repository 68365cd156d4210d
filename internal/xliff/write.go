// Package xliff writes and reads XLIFF 1.2 and 2.0 files for the
// translator hand-off.
//
// Both versions carry the same information. Each document is a <file>
// (original = document path). A message is a trans-unit (1.2, id and
// resname = message ID) or a unit (2.0, id "u<n>" because 2.0 IDs must
// be NMTOKENs, name = message ID). Protected inline markup is <ph> with
// the native code as content (1.2), or <ph dataRef> pointing into
// <originalData> (2.0). Notes carry the translator context and two
// bookkeeping lines, "healthloc-id: <ID>" and "healthloc-base: <hash of
// the translation exported>", which survive conversion by
// translate-toolkit.
//
// States: missing is needs-translation (1.2) / initial (2.0); stale is
// needs-review-translation / initial with subState healthloc:stale; a
// candidate waiting for medical review is needs-review-translation /
// initial with subState healthloc:candidate, and a note that says why;
// translated is translated; reviewed is final / final with subState
// healthloc:reviewed. A file with candidates names its reviewer in a
// "healthloc-reviewer: " note (1.2: in each file's header; 2.0: in each
// file's notes), which the reviewer signs.
package xliff

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/healthloc/healthloc/internal/catxml"
	"github.com/healthloc/healthloc/internal/exchange"
	"github.com/healthloc/healthloc/internal/project"
)

// Marshal12 encodes f as XLIFF 1.2 (valid against the strict schema).
func Marshal12(f *exchange.File) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">` + "\n")
	for _, d := range f.Docs {
		fmt.Fprintf(&b, "  <file original=\"%s\" source-language=\"%s\" target-language=\"%s\" datatype=\"plaintext\">\n",
			catxml.Attr(d.Path), catxml.Attr(f.SourceLocale), catxml.Attr(f.Locale))
		if f.HasCandidates() || f.Reviewer != "" {
			fmt.Fprintf(&b, "    <header>\n      <note from=\"healthloc\">%s</note>\n    </header>\n", catxml.Text(exchange.MetaReviewer+f.Reviewer))
		}
		b.WriteString("    <body>\n")
		for _, u := range d.Units {
			approved := "no"
			if u.State >= project.Translated {
				approved = "yes"
			}
			fmt.Fprintf(&b, "      <trans-unit id=\"%s\" resname=\"%s\" approved=\"%s\" xml:space=\"preserve\">\n", catxml.Attr(u.ID), catxml.Attr(u.ID), approved)
			fmt.Fprintf(&b, "        <source>%s</source>\n", inline12(u.Source, u.Codes))
			fmt.Fprintf(&b, "        <target state=\"%s\">%s</target>\n", state12(u.State), inline12(u.Target, u.Codes))
			for _, n := range notes(u) {
				fmt.Fprintf(&b, "        <note from=\"developer\">%s</note>\n", catxml.Text(n))
			}
			for _, m := range u.Matches {
				fmt.Fprintf(&b, "        <alt-trans match-quality=\"%d\" origin=\"%s\" alttranstype=\"proposal\">\n", m.Score, catxml.Attr(m.Origin))
				fmt.Fprintf(&b, "          <source>%s</source>\n", inline12(m.Source, u.Codes))
				fmt.Fprintf(&b, "          <target>%s</target>\n", inline12(m.Target, u.Codes))
				b.WriteString("        </alt-trans>\n")
			}
			b.WriteString("      </trans-unit>\n")
		}
		b.WriteString("    </body>\n  </file>\n")
	}
	b.WriteString("</xliff>\n")
	return b.Bytes(), nil
}

// Marshal20 encodes f as XLIFF 2.0 (valid against the core schema).
func Marshal20(f *exchange.File) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	fmt.Fprintf(&b, "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"%s\" trgLang=\"%s\">\n",
		catxml.Attr(f.SourceLocale), catxml.Attr(f.Locale))
	n := 0
	for i, d := range f.Docs {
		fmt.Fprintf(&b, "  <file id=\"f%d\" original=\"%s\">\n", i+1, catxml.Attr(d.Path))
		if f.HasCandidates() || f.Reviewer != "" {
			fmt.Fprintf(&b, "    <notes>\n      <note category=\"healthloc\">%s</note>\n    </notes>\n", catxml.Text(exchange.MetaReviewer+f.Reviewer))
		}
		for _, u := range d.Units {
			n++
			fmt.Fprintf(&b, "    <unit id=\"u%d\" name=\"%s\">\n", n, catxml.Attr(u.ID))
			segID := ""
			if len(u.Matches) > 0 {
				// suggestions from a translation memory (the matches module),
				// as plain text: their codes are not the unit's
				segID = ` id="s1"`
				b.WriteString("      <mtc:matches xmlns:mtc=\"urn:oasis:names:tc:xliff:matches:2.0\">\n")
				for _, m := range u.Matches {
					fmt.Fprintf(&b, "        <mtc:match ref=\"#s1\" type=\"tm\" similarity=\"%d\" origin=\"%s\">\n", m.Score, catxml.Attr(m.Origin))
					fmt.Fprintf(&b, "          <source>%s</source>\n", catxml.Text(restored(m.Source, u.Codes)))
					fmt.Fprintf(&b, "          <target>%s</target>\n", catxml.Text(restored(m.Target, u.Codes)))
					b.WriteString("        </mtc:match>\n")
				}
				b.WriteString("      </mtc:matches>\n")
			}
			b.WriteString("      <notes>\n")
			for _, note := range notes(u) {
				fmt.Fprintf(&b, "        <note>%s</note>\n", catxml.Text(note))
			}
			b.WriteString("      </notes>\n")
			if len(u.Codes) > 0 {
				b.WriteString("      <originalData>\n")
				for j, c := range u.Codes {
					fmt.Fprintf(&b, "        <data id=\"d%d\">%s</data>\n", j+1, catxml.Text(c))
				}
				b.WriteString("      </originalData>\n")
			}
			st, sub := state20(u.State)
			if sub != "" {
				sub = fmt.Sprintf(" subState=\"%s\"", sub)
			}
			fmt.Fprintf(&b, "      <segment%s state=\"%s\"%s>\n", segID, st, sub)
			fmt.Fprintf(&b, "        <source xml:space=\"preserve\">%s</source>\n", inline20(u.Source, u.Codes))
			if u.Target != "" {
				fmt.Fprintf(&b, "        <target xml:space=\"preserve\">%s</target>\n", inline20(u.Target, u.Codes))
			}
			b.WriteString("      </segment>\n    </unit>\n")
		}
		b.WriteString("  </file>\n")
	}
	b.WriteString("</xliff>\n")
	return b.Bytes(), nil
}

// notes are the translator context and the bookkeeping lines.
func notes(u exchange.Unit) []string {
	ctx := u.Kind
	if len(u.Context) > 0 {
		ctx += " · " + strings.Join(u.Context, " › ")
	}
	out := []string{ctx}
	if u.From != "" {
		out = append(out, "inherited from "+u.From+": edit only where "+u.From+" does not fit")
	}
	if u.Previous != "" {
		out = append(out, "previous source: "+u.Previous)
	}
	if u.State == project.Candidate {
		out = append(out, u.NeedsReview()+"; to approve it, set its state to translated or final and sign the healthloc-reviewer note of the file")
	}
	if u.Suggestion != "" {
		out = append(out, "suggestion, "+u.Rejected+": "+u.Suggestion)
	}
	return append(out, exchange.MetaID+u.ID, exchange.MetaBase+u.Base)
}

func state12(s project.State) string {
	switch s {
	case project.Stale, project.Candidate:
		return "needs-review-translation"
	case project.Translated:
		return "translated"
	case project.Reviewed:
		return "final"
	}
	return "needs-translation"
}

func state20(s project.State) (string, string) {
	switch s {
	case project.Stale:
		return "initial", "healthloc:stale"
	case project.Candidate:
		return "initial", "healthloc:candidate"
	case project.Translated:
		return "translated", ""
	case project.Reviewed:
		return "final", "healthloc:reviewed"
	}
	return "initial", ""
}

// inline12 writes protected text with <ph> elements holding the codes.
func inline12(s string, codes []string) string {
	return catxml.Inline(s, codes, func(n int) string {
		return fmt.Sprintf(`<ph id="%d">%s</ph>`, n, catxml.Text(codes[n-1]))
	})
}

// inline20 writes protected text with <ph> elements referring to
// originalData.
func inline20(s string, codes []string) string {
	return catxml.Inline(s, codes, func(n int) string {
		return fmt.Sprintf(`<ph id="%d" dataRef="d%d"/>`, n, n)
	})
}

// restored is a protected text with its codes put back.
func restored(s string, codes []string) string {
	if out, err := exchange.Restore(s, codes); err == nil {
		return out
	}
	return s
}
