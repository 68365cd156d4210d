package tmx

import (
	"encoding/xml"
	"testing"

	"github.com/healthloc/healthloc/internal/exchange"
	"github.com/healthloc/healthloc/internal/project"
)

func TestMarshal(t *testing.T) {
	f := &exchange.File{SourceLocale: "en", Locale: "es", Docs: []exchange.Doc{{Path: "a.md", Units: []exchange.Unit{
		{ID: "a.1", Source: "Take <1/>two<2/> & go", Codes: []string{"**", "**"}, Target: "Tome <1/>dos<2/> y vaya", State: project.Translated},
		{ID: "a.2", Source: "Old", Target: "Viejo", State: project.Stale},
		{ID: "a.3", Source: "None", State: project.Missing},
		{ID: "a.4", Source: "Done", Target: "Hecho", State: project.Reviewed},
	}}}}
	data, err := Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Version string `xml:"version,attr"`
		Header  struct {
			SrcLang string `xml:"srclang,attr"`
		} `xml:"header"`
		TUs []struct {
			ID   string `xml:"tuid,attr"`
			TUVs []struct {
				Lang string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
				Seg  struct {
					Inner string `xml:",innerxml"`
				} `xml:"seg"`
			} `xml:"tuv"`
		} `xml:"body>tu"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	if doc.Version != "1.4" || doc.Header.SrcLang != "en" || len(doc.TUs) != 2 || doc.TUs[0].ID != "a.1" || doc.TUs[1].ID != "a.4" {
		t.Fatalf("got %+v", doc)
	}
	tu := doc.TUs[0]
	if tu.TUVs[0].Lang != "en" || tu.TUVs[1].Lang != "es" ||
		tu.TUVs[0].Seg.Inner != `Take <ph x="1">**</ph>two<ph x="2">**</ph> &amp; go` ||
		tu.TUVs[1].Seg.Inner != `Tome <ph x="1">**</ph>dos<ph x="2">**</ph> y vaya` {
		t.Errorf("tu %+v", tu)
	}
}
