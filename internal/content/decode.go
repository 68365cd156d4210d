package content

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// ErrInvalidUTF8 is wrapped by the error Decode returns for bytes that are
// neither UTF-8 nor covered by a byte-order mark or a configured encoding,
// so that callers can suggest --encoding.
var ErrInvalidUTF8 = errors.New("invalid UTF-8")

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// Decode turns the raw bytes of a source file into UTF-8.
//
// The order follows what can be known for sure: a byte-order mark first
// (UTF-8, or UTF-16 little/big endian), then valid UTF-8, then the
// configured encoding ("windows-1252"/"cp1252", "latin1"/"iso-8859-1").
// Valid UTF-8 wins over the configured encoding because a legacy 8-bit
// encoding can never be detected (every byte decodes), while a file with
// non-ASCII windows-1252 text is practically never valid UTF-8; this lets
// one project-wide encoding setting cover a mix of old and new files.
//
// bom reports a UTF-8 byte-order mark, which is stripped from src so that
// rendering can put it back. UTF-16 input is converted to UTF-8 and is
// rendered as UTF-8 (bom is false for it). src may share memory with raw.
//
// An unknown encoding name is an error even when the bytes are valid
// UTF-8, so that a typo in the configuration does not go unnoticed.
func Decode(path string, raw []byte, encoding string) (src []byte, bom bool, err error) {
	legacy, err := legacyEncoding(encoding)
	if err != nil {
		return nil, false, fmt.Errorf("%s: %w", path, err)
	}
	switch {
	case bytes.HasPrefix(raw, bomUTF8):
		src, bom = raw[len(bomUTF8):], true
		if off := invalidUTF8(src); off >= 0 {
			// A UTF-8 BOM is a promise of UTF-8: do not fall back to
			// the configured encoding.
			return nil, false, invalidUTF8Error(path, raw, off+len(bomUTF8))
		}
		return src, true, nil
	case bytes.HasPrefix(raw, bomUTF16LE):
		return decodeUTF16(path, raw, unicode.LittleEndian)
	case bytes.HasPrefix(raw, bomUTF16BE):
		return decodeUTF16(path, raw, unicode.BigEndian)
	}
	off := invalidUTF8(raw)
	if off < 0 {
		return raw, false, nil
	}
	if legacy != nil {
		src, err := legacy.NewDecoder().Bytes(raw)
		if err != nil {
			return nil, false, fmt.Errorf("%s: decode %s: %w", path, encoding, err)
		}
		return src, false, nil
	}
	return nil, false, invalidUTF8Error(path, raw, off)
}

// CheckEncoding reports whether name is an encoding Decode knows.
func CheckEncoding(name string) error {
	_, err := legacyEncoding(name)
	return err
}

// legacyEncoding maps a configured encoding name to its decoder; nil
// means UTF-8.
func legacyEncoding(name string) (encoding.Encoding, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "", "utf-8", "utf8":
		return nil, nil
	case "windows-1252", "cp1252":
		return charmap.Windows1252, nil
	case "latin1", "latin-1", "iso-8859-1", "iso8859-1":
		return charmap.ISO8859_1, nil
	}
	return nil, fmt.Errorf("unknown encoding %q (known: utf-8, windows-1252, iso-8859-1)", name)
}

func decodeUTF16(path string, raw []byte, order unicode.Endianness) ([]byte, bool, error) {
	// ExpectBOM consumes the BOM; malformed code units become U+FFFD,
	// which is the best that can be done without guessing.
	src, err := unicode.UTF16(order, unicode.ExpectBOM).NewDecoder().Bytes(raw)
	if err != nil {
		return nil, false, fmt.Errorf("%s: decode UTF-16: %w", path, err)
	}
	// The output is UTF-8 without a BOM, where a leading U+FEFF would be
	// read back as one: drop zero-width no-break spaces at the start.
	for bytes.HasPrefix(src, bomUTF8) {
		src = src[len(bomUTF8):]
	}
	return src, false, nil
}

// invalidUTF8 returns the offset of the first byte that is not part of a
// valid UTF-8 sequence, or -1.
func invalidUTF8(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return -1
}

// invalidUTF8Error names the offset in the raw file (what a hex editor
// shows) and its line.
func invalidUTF8Error(path string, raw []byte, off int) error {
	line := 1 + bytes.Count(raw[:off], []byte{'\n'})
	return fmt.Errorf("%s: %w at byte %d (line %d); set --encoding or an encoding in healthloc.toml",
		path, ErrInvalidUTF8, off, line)
}
