package catalog

import (
	"reflect"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// FuzzParse feeds arbitrary bytes to Parse. Whatever it accepts must
// survive Marshal unchanged, Marshal must be stable, and go-i18n must load
// the written file with the same messages: a catalog from a vendor can be
// anything, and healthloc must never write back one go-i18n refuses.
func FuzzParse(f *testing.F) {
	f.Add([]byte(Marshal(trickyCatalog())))
	f.Add([]byte("[\"a.b\"]\nhash = \"sha1-1\"\ndescription = \"paragraph\"\nother = \"hola\"\n"))
	f.Add([]byte("plain = \"x\"\n[nested]\nkey = \"y\"\n[nested.deeper]\nother = \"z\"\n"))
	f.Add([]byte("one = \"uno\"\nother = \"otro\"\n"))
	f.Add([]byte("[x]\nother = 3\n"))
	f.Add([]byte("[x]\nunknown = \"y\"\n"))
	f.Add([]byte("\xef\xbb\xbf[\"a\"]\nother = \"\"\"\nmulti\nline\"\"\"\n"))
	f.Add([]byte("a = [\"not\", \"a\", \"string\"]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse("doc.es.toml", data)
		if err != nil {
			return
		}
		out := Marshal(c)
		again, err := Parse("doc.es.toml", out)
		if err != nil {
			t.Fatalf("Parse(Marshal(c)): %v\n%s", err, out)
		}
		if len(c.Messages) == 0 && len(again.Messages) == 0 {
			return
		}
		if !reflect.DeepEqual(again, c) {
			t.Fatalf("round trip changed the catalog:\n got %#v\nwant %#v", again, c)
		}
		if out2 := Marshal(again); string(out2) != string(out) {
			t.Fatalf("Marshal is not stable:\n%s\nvs\n%s", out2, out)
		}
		b := i18n.NewBundle(language.English)
		b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
		mf, err := b.ParseMessageFileBytes(out, "doc.es.toml")
		if err != nil {
			t.Fatalf("go-i18n cannot load Marshal output: %v\n%s", err, out)
		}
		if len(mf.Messages) != len(c.Messages) {
			t.Fatalf("go-i18n loaded %d messages, Parse %d\n%s", len(mf.Messages), len(c.Messages), out)
		}
		for _, m := range mf.Messages {
			want, ok := c.Messages[m.ID]
			got := Message{ID: m.ID, Hash: m.Hash, Description: m.Description, Other: m.Other}
			if !ok || got != want {
				t.Fatalf("go-i18n loaded %#v, Parse %#v", got, want)
			}
		}
	})
}
