package render

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Cells appends the cells of one row of a machine output, typed, straight
// as bytes, for the commands that make a million rows (list,
// --by facility): no []any cells, no Object, no encoding/json round trip
// and no indenting pass. The bytes are those of the holding path
// (TestCellsMatchObject):
//
//   - CSV: the row's line as CSVLines.Append writes the cells of an
//     Object (csvCell, then encoding/csv's quoting), its end included;
//   - JSON: the values of the fields of one item of a list (JSONList),
//     each as json.MarshalIndent writes it at that depth, each ended by a
//     zero byte (which JSON text never holds); JSONFields puts the keys
//     around them.
//
// The JSON form keeps the keys out of the row so that a row a sorter
// spills is a third of the item it becomes.
type Cells struct {
	JSON bool
	CSV  CSVDialect
	Buf  []byte
	n    int

	ready  bool
	quotes [256]bool // the bytes that make encoding/csv quote a cell
	wide   rune      // the cell separator when it is not ASCII
}

// Start starts a row at the end of dst (Buf).
func (c *Cells) Start(dst []byte) {
	c.Buf, c.n = dst, 0
}

// End ends the row and gives Buf.
func (c *Cells) End() []byte {
	if !c.JSON {
		if c.CSV.CRLF {
			c.Buf = append(c.Buf, '\r', '\n')
		} else {
			c.Buf = append(c.Buf, '\n')
		}
	}
	return c.Buf
}

// cell starts a CSV cell (the separator before all but the first).
func (c *Cells) cell() {
	if c.n > 0 {
		comma := c.CSV.Comma
		if comma == 0 {
			comma = ','
		}
		if comma < utf8.RuneSelf {
			c.Buf = append(c.Buf, byte(comma))
		} else {
			c.Buf = utf8.AppendRune(c.Buf, comma)
		}
	}
	c.n++
}

// Null is a cell not reported: empty in CSV, null in JSON.
func (c *Cells) Null() {
	if c.JSON {
		c.Buf = append(c.Buf, "null\x00"...)
		return
	}
	c.cell()
}

// Text is a text cell.
func (c *Cells) Text(s string) {
	if c.JSON {
		c.Buf = append(AppendJSONString(c.Buf, s), 0)
		return
	}
	c.cell()
	c.csvText(s)
}

// Int is a whole number.
func (c *Cells) Int(v int64) {
	if !c.JSON {
		c.cell()
		c.Buf = strconv.AppendInt(c.Buf, v, 10)
		return
	}
	c.Buf = append(strconv.AppendInt(c.Buf, v, 10), 0)
}

// Float is a number with a fraction; not finite is null.
func (c *Cells) Float(f float64) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		c.Null()
		return
	}
	if c.JSON {
		c.Buf = append(appendJSONFloat(c.Buf, f), 0)
		return
	}
	c.cell()
	start := len(c.Buf)
	c.Buf = strconv.AppendFloat(c.Buf, f, 'f', -1, 64)
	if c.CSV.DecimalComma {
		for i := start; i < len(c.Buf); i++ {
			if c.Buf[i] == '.' {
				c.Buf[i] = ','
				break
			}
		}
	}
}

// Bool is true or false (1 or 0 in a CSV dialect with BoolDigits).
func (c *Cells) Bool(b bool) {
	if c.JSON {
		c.Buf = append(strconv.AppendBool(c.Buf, b), 0)
		return
	}
	c.cell()
	switch {
	case c.CSV.BoolDigits && b:
		c.Buf = append(c.Buf, '1')
	case c.CSV.BoolDigits:
		c.Buf = append(c.Buf, '0')
	default:
		c.Buf = strconv.AppendBool(c.Buf, b)
	}
}

// indent is what json.MarshalIndent with JSONList's prefix writes before
// a value nested in a field of a list's item, and before the field's
// closing bracket.
const (
	nestedIndent = "\n        "
	fieldIndent  = "\n      "
)

// List is a list of texts: in CSV one cell, joined by "|".
func (c *Cells) List(xs []string) {
	if c.JSON {
		if len(xs) == 0 {
			c.Buf = append(c.Buf, "[]\x00"...)
			return
		}
		c.Buf = append(c.Buf, '[')
		for i, x := range xs {
			if i > 0 {
				c.Buf = append(c.Buf, ',')
			}
			c.Buf = append(c.Buf, nestedIndent...)
			c.Buf = AppendJSONString(c.Buf, x)
		}
		c.Buf = append(c.Buf, fieldIndent+"]\x00"...)
		return
	}
	c.cell()
	switch len(xs) {
	case 0:
	case 1:
		c.csvText(xs[0])
	default:
		n := len(xs) - 1
		for _, x := range xs {
			n += len(x)
		}
		joined := make([]byte, 0, n)
		for i, x := range xs {
			if i > 0 {
				joined = append(joined, '|')
			}
			joined = append(joined, x...)
		}
		c.csvText(string(joined))
	}
}

// TextObject is, in JSON, an object of texts (keys and values in pairs);
// CSV has no such cell.
func (c *Cells) TextObject(keys, values []string) {
	if len(keys) == 0 {
		c.Buf = append(c.Buf, "{}\x00"...)
		return
	}
	c.Buf = append(c.Buf, '{')
	for i, k := range keys {
		if i > 0 {
			c.Buf = append(c.Buf, ',')
		}
		c.Buf = append(c.Buf, nestedIndent...)
		c.Buf = AppendJSONString(c.Buf, k)
		c.Buf = append(c.Buf, ": "...)
		c.Buf = AppendJSONString(c.Buf, values[i])
	}
	c.Buf = append(c.Buf, fieldIndent+"}\x00"...)
}

// csvText appends a text cell as csvCell and encoding/csv write it: the
// formula guard, then quoted when encoding/csv quotes it.
func (c *Cells) csvText(s string) {
	if s == "" {
		return
	}
	guarded := false
	if !c.CSV.Raw {
		switch s[0] {
		case '=', '+', '-', '@', '\t', '\r':
			guarded = true
		}
	}
	if !c.csvQuotes(s, guarded) {
		if guarded {
			c.Buf = append(c.Buf, '\'')
		}
		c.Buf = append(c.Buf, s...)
		return
	}
	c.Buf = append(c.Buf, '"')
	if guarded {
		c.Buf = append(c.Buf, '\'')
	}
	for {
		i := 0
		for i < len(s) && s[i] != '"' && s[i] != '\r' && s[i] != '\n' {
			i++
		}
		c.Buf = append(c.Buf, s[:i]...)
		if i == len(s) {
			break
		}
		switch s[i] {
		case '"':
			c.Buf = append(c.Buf, '"', '"')
		case '\r':
			if !c.CSV.CRLF {
				c.Buf = append(c.Buf, '\r')
			}
		case '\n':
			if c.CSV.CRLF {
				c.Buf = append(c.Buf, '\r', '\n')
			} else {
				c.Buf = append(c.Buf, '\n')
			}
		}
		s = s[i+1:]
	}
	c.Buf = append(c.Buf, '"')
}

// csvQuotes is encoding/csv's fieldNeedsQuotes of a cell that is not
// empty (s, after a ' when guarded).
func (c *Cells) csvQuotes(s string, guarded bool) bool {
	if !guarded && s == `\.` {
		return true
	}
	if !c.ready {
		comma := c.CSV.Comma
		if comma == 0 {
			comma = ','
		}
		c.quotes['"'], c.quotes['\r'], c.quotes['\n'] = true, true, true
		if comma < utf8.RuneSelf {
			c.quotes[comma] = true
		} else {
			c.wide = comma
		}
		c.ready = true
	}
	for i := 0; i < len(s); i++ {
		if c.quotes[s[i]] {
			return true
		}
	}
	if c.wide != 0 && strings.ContainsRune(s, c.wide) {
		return true
	}
	if guarded {
		return false // starts with '
	}
	if b := s[0]; b < utf8.RuneSelf {
		return asciiSpace[b]
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// JSONFields makes the items of a JSON list (as JSONList.Indented is to
// get them) out of Cells' JSON rows: the keys, in the order of the cells.
type JSONFields struct {
	prefixes [][]byte
}

// NewJSONFields is the fields of items with these keys.
func NewJSONFields(keys []string) *JSONFields {
	j := &JSONFields{}
	for i, k := range keys {
		p := []byte(",")
		if i == 0 {
			p = []byte("{")
		}
		p = append(p, fieldIndent...)
		kb, _ := json.Marshal(k)
		p = append(append(p, kb...), ": "...)
		j.prefixes = append(j.prefixes, p)
	}
	return j
}

// Append appends the item of a row.
func (j *JSONFields) Append(dst, row []byte) []byte {
	if len(j.prefixes) == 0 {
		return append(dst, "{}"...)
	}
	for _, p := range j.prefixes {
		end := bytes.IndexByte(row, 0)
		if end < 0 {
			end = len(row)
		}
		dst = append(dst, p...)
		dst = append(dst, row[:end]...)
		if end < len(row) {
			end++
		}
		row = row[end:]
	}
	return append(dst, "\n    }"...)
}

// AppendJSONString appends a string as json.Marshal writes it (HTML
// characters, U+2028 and U+2029 escaped, invalid UTF-8 as U+FFFD).
func AppendJSONString(dst []byte, s string) []byte {
	if !utf8.ValidString(s) {
		return appendJSONStringInvalid(dst, s)
	}
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		b := s[i]
		if b < utf8.RuneSelf {
			if jsonSafe[b] {
				continue
			}
			dst = appendJSONEscape(append(dst, s[start:i]...), b)
			start = i + 1
			continue
		}
		// U+2028 and U+2029 are E2 80 A8 and E2 80 A9; the string is valid.
		if b == 0xe2 && i+2 < len(s) && s[i+1] == 0x80 && s[i+2]&^1 == 0xa8 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', '8'+s[i+2]&1)
			i += 2
			start = i + 1
		}
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// jsonSafe are the ASCII bytes json.Marshal writes as they are.
var jsonSafe = func() (safe [utf8.RuneSelf]bool) {
	for b := 0x20; b < utf8.RuneSelf; b++ {
		safe[b] = b != '"' && b != '\\' && b != '<' && b != '>' && b != '&'
	}
	return safe
}()

// appendJSONEscape appends the escape of an ASCII byte json.Marshal
// escapes.
func appendJSONEscape(dst []byte, b byte) []byte {
	const hex = "0123456789abcdef"
	switch b {
	case '\\', '"':
		return append(dst, '\\', b)
	case '\b':
		return append(dst, '\\', 'b')
	case '\f':
		return append(dst, '\\', 'f')
	case '\n':
		return append(dst, '\\', 'n')
	case '\r':
		return append(dst, '\\', 'r')
	case '\t':
		return append(dst, '\\', 't')
	}
	return append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xF])
}

// appendJSONStringInvalid is AppendJSONString of a string that is not
// valid UTF-8, a rune at a time.
func appendJSONStringInvalid(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if !jsonSafe[b] {
				dst = appendJSONEscape(append(dst, s[start:i]...), b)
				start = i + 1
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(append(dst, s[start:i]...), `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(append(dst, s[start:i]...), '\\', 'u', '2', '0', '2', byte('0'+r-'\u2020'))
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// appendJSONFloat appends a float64 as json.Marshal writes it.
func appendJSONFloat(dst []byte, f float64) []byte {
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	dst = strconv.AppendFloat(dst, f, format, -1, 64)
	if format == 'e' {
		// clean up e-09 to e-9
		n := len(dst)
		if n >= 4 && dst[n-4] == 'e' && dst[n-3] == '-' && dst[n-2] == '0' {
			dst[n-2] = dst[n-1]
			dst = dst[:n-1]
		}
	}
	return dst
}
