package decode

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parks-kz/parks/pkg/diag"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
)

// The encodings parks reads text files in; --encoding takes one of them
// (in any letter case, with or without the dash).
const (
	EncUTF8   = "UTF-8"
	EncUTF16  = "UTF-16"
	EncCP1251 = "Windows-1251"
	encDetect = ""
)

// Encodings lists them for help and completion.
var Encodings = []string{EncUTF8, EncUTF16, EncCP1251}

// NormalizeEncoding maps the spellings people use to one of Encodings;
// "" stays "" (detect).
func NormalizeEncoding(s string) (string, error) {
	switch strings.ToLower(strings.NewReplacer("-", "", "_", "", " ", "").Replace(s)) {
	case "":
		return encDetect, nil
	case "utf8":
		return EncUTF8, nil
	case "utf16", "utf16le", "utf16be", "unicode":
		return EncUTF16, nil
	case "windows1251", "cp1251", "1251", "win1251":
		return EncCP1251, nil
	}
	return "", diag.Errorf(nil, "usage.unknown_encoding", strconv.Quote(s), Encodings)
}

var (
	utf16LEBOM = []byte{0xFF, 0xFE}
	utf16BEBOM = []byte{0xFE, 0xFF}
)

// toUTF8 returns a text file as UTF-8 and the encoding it was read in. With
// no forced encoding: a UTF-8 BOM or valid UTF-8 is UTF-8; a UTF-16 BOM is
// UTF-16; bytes that are not UTF-8 are Windows-1251 only when they decode
// to plausible Cyrillic text. Anything else is an encoding-error at its
// line, and ok is false. Transcoding keeps every line break and turns each
// character into one rune, so line:column positions computed on the result
// are those of the file.
func toUTF8(file string, data []byte, forced string, env *Env) (text []byte, enc string, ok bool) {
	fail := func(text []byte, off int, id string, args ...any) ([]byte, string, bool) {
		env.Problems.Add(msg(diag.Problem{Pos: offsetPos(file, text, off), Severity: diag.Error, Rule: "encoding-error"}, id, args...))
		return nil, "", false
	}
	switch {
	case forced == EncUTF16 || forced == encDetect && (bytes.HasPrefix(data, utf16LEBOM) || bytes.HasPrefix(data, utf16BEBOM)):
		out, err := xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewDecoder().Bytes(data)
		if err != nil {
			return fail(nil, 0, "enc.not_utf16", err.Error())
		}
		if len(data)%2 != 0 {
			return fail(out, len(out), "enc.utf16_odd")
		}
		if i := bytes.IndexRune(out, utf8.RuneError); i >= 0 {
			return fail(out, i, "enc.utf16_surrogate")
		}
		return out, EncUTF16, controlCheck(file, out, env)
	case forced == EncCP1251:
		out, err := charmap.Windows1251.NewDecoder().Bytes(data)
		if err != nil {
			return fail(nil, 0, "enc.not_cp1251", err.Error())
		}
		if i := bytes.IndexRune(out, utf8.RuneError); i >= 0 {
			return fail(out, i, "enc.cp1251_0x98")
		}
		return out, EncCP1251, controlCheck(file, out, env)
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	if utf8.Valid(data) {
		return data, EncUTF8, controlCheck(file, data, env)
	}
	off := firstInvalidUTF8(data)
	if forced == encDetect {
		if out, err := charmap.Windows1251.NewDecoder().Bytes(data); err == nil && plausibleCyrillic(out) {
			return out, EncCP1251, controlCheck(file, out, env)
		}
		if nul := bytes.IndexByte(data[:off], 0); nul >= 0 {
			return fail(data, nul, "enc.nul") // UTF-16 without a BOM, most likely
		}
		return fail(data, off, "enc.unknown", fmt.Sprintf("0x%02X", data[off]))
	}
	return fail(data, off, "enc.not_utf8", fmt.Sprintf("0x%02X", data[off]))
}

// controlCheck refuses NUL and other control characters, which text files
// do not hold: most often a UTF-16 file without its BOM.
func controlCheck(file string, text []byte, env *Env) bool {
	// control characters are single bytes: no byte of a multi-byte UTF-8
	// sequence is below 0x80, so a byte scan finds them (fast on big files)
	i := -1
	for j, b := range text {
		if b < 0x20 && b != '\t' && b != '\n' && b != '\r' || b == 0x7f {
			i = j
			break
		}
	}
	if i < 0 {
		return true
	}
	p := diag.Problem{Pos: offsetPos(file, text, i), Severity: diag.Error, Rule: "encoding-error"}
	if text[i] == 0 {
		p = msg(p, "enc.nul")
	} else {
		p = msg(p, "enc.control", fmt.Sprintf("U+%04X", text[i]))
	}
	env.Problems.Add(p)
	return false
}

// offsetPos is the line and character column of a byte offset of a text
// whose bytes before off are valid UTF-8.
func offsetPos(file string, text []byte, off int) diag.Pos {
	if text == nil {
		return diag.Pos{File: file, Line: 1, Col: 1}
	}
	li := newLineIndex(text)
	line := li.lineOf(off)
	return diag.Pos{File: file, Line: line, Col: utf8.RuneCount(text[li.starts[line-1]:off]) + 1}
}

// cp1251Punct are the non-letters Windows-1251 text commonly holds.
const cp1251Punct = "«»–—…№“”„‘’•·°±\u00a0"

// plausibleCyrillic tells Windows-1251 text from other byte soup decoded as
// if it were: every non-ASCII character must be a Cyrillic letter or common
// punctuation, and the Cyrillic words must be cased as words are (lower,
// UPPER or Capitalised). Text in KOI8-R or CP866, or binary, read as
// Windows-1251 comes out as wOrDS of mixed case and stray symbols.
func plausibleCyrillic(text []byte) bool {
	words, bad := 0, 0
	var word []rune
	endWord := func() {
		if len(word) >= 2 {
			words++
			if !wellCased(word) {
				bad++
			}
		}
		word = word[:0]
	}
	for _, r := range string(text) {
		switch {
		case r < utf8.RuneSelf:
			endWord()
		case unicode.Is(unicode.Cyrillic, r) && unicode.IsLetter(r) && (r >= 'А' && r <= 'я' || strings.ContainsRune("ЁёІіЇїЄєЎў", r)):
			word = append(word, r)
		case strings.ContainsRune(cp1251Punct, r):
			endWord()
		default:
			return false
		}
	}
	endWord()
	return words > 0 && bad*10 <= words
}

func wellCased(w []rune) bool {
	upperRest := true
	lowerRest := true
	for _, r := range w[1:] {
		if unicode.IsUpper(r) {
			lowerRest = false
		} else {
			upperRest = false
		}
	}
	return lowerRest || upperRest && unicode.IsUpper(w[0])
}
