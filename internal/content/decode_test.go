package content

import (
	"errors"
	"strings"
	"testing"
)

func TestDecode(t *testing.T) {
	tests := []struct {
		name     string
		raw      string
		encoding string
		want     string
		bom      bool
	}{
		{"plain UTF-8", "héllo", "", "héllo", false},
		{"UTF-8 BOM stripped", "\uFEFFhéllo", "", "héllo", true},
		{"UTF-16 LE", string(utf16File("héllo\r\n", false)), "", "héllo\r\n", false},
		{"UTF-16 BE", string(utf16File("日本 😀", true)), "", "日本 😀", false},
		{"windows-1252", "caf\xe9 \x80 \x93x\x94", "windows-1252", "café € “x”", false},
		{"cp1252 alias, any case", "caf\xe9", " CP1252 ", "café", false},
		{"latin1", "caf\xe9 \xa9", "latin1", "café ©", false},
		{"iso-8859-1", "\xfc", "iso-8859-1", "ü", false},
		{"valid UTF-8 wins over a configured encoding", "café", "windows-1252", "café", false},
		{"utf-8 named", "x", "utf-8", "x", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, bom, err := Decode("a.md", []byte(tt.raw), tt.encoding)
			if err != nil {
				t.Fatal(err)
			}
			if string(src) != tt.want || bom != tt.bom {
				t.Errorf("got %q bom=%v, want %q bom=%v", src, bom, tt.want, tt.bom)
			}
		})
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name, path, raw, encoding, want string
	}{
		{"invalid UTF-8 names file, byte and line", "content/a.md", "line 1\nline 2\nline 3\nab\xffc\n", "",
			"content/a.md: invalid UTF-8 at byte 23 (line 4); set --encoding or an encoding in healthloc.toml"},
		{"first byte", "b.txt", "\xc3(", "", "b.txt: invalid UTF-8 at byte 0 (line 1);"},
		{"truncated sequence at the end", "b.txt", "ok \xe2\x82", "", "b.txt: invalid UTF-8 at byte 3 (line 1);"},
		{"offset counts the BOM", "c.md", "\uFEFFa\xff", "", "c.md: invalid UTF-8 at byte 4 (line 1);"},
		{"a UTF-8 BOM overrides the configured encoding", "c.md", "\uFEFF\xe9", "windows-1252", "c.md: invalid UTF-8 at byte 3"},
		{"unknown encoding", "d.md", "x", "klingon-8", `d.md: unknown encoding "klingon-8"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Decode(tt.path, []byte(tt.raw), tt.encoding)
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("error = %v, want prefix %q", err, tt.want)
			}
			if strings.Contains(tt.want, "invalid UTF-8") && !errors.Is(err, ErrInvalidUTF8) {
				t.Errorf("error does not wrap ErrInvalidUTF8")
			}
		})
	}
}
