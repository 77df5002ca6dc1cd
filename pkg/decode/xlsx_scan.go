package decode

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// The fast worksheet reader. excelize reads a sheet's cells with
// encoding/xml, and a cell's type, formula or merged range only after
// unmarshalling the whole sheet into structs: for 100,000 rows that is
// 15 s and 2 GB. scanSheet reads the worksheet XML once, straight from the
// zip entry, in a hand-written scanner, and gives what the excelize calls
// gave: each row's values as Rows.Columns(RawCellValue) returns them, which
// cells GetCellType calls text, the formula of a cell without a saved
// value, and the merged ranges.
//
// It is exact for the XML that Excel, LibreOffice and excelize write, and
// refuses the rest: anything it does not read exactly as excelize does
// (DTDs, CDATA, comments among the cells, namespace prefixes on sheet
// elements, rows or cells out of order or without a reference, rich inline
// text, shared formulas without a saved value, overlapping merged ranges, a
// shared-string table too large for memory, …) returns errScanFallback and
// the sheet is read through excelize as before. TestScanMatchesExcelize
// and FuzzScanMatchesExcelize check the two give the same result.
var errScanFallback = errors.New("worksheet XML outside what the fast reader handles")

// cell kinds, as GetCellType sees them
const (
	kindNone   byte = iota // no cell here (padding before a later cell)
	kindNumber             // unset, n, str, or an unknown type: a number if its value is one
	kindText               // b, d, e, s, inlineStr: the value is read as written
)

// scannedSheet is one worksheet as scanSheet read it.
type scannedSheet struct {
	nums     []int      // 1-based row numbers of the rows with cells
	rows     [][]string // their cells' raw values
	kinds    [][]byte   // kind of each cell, parallel to rows
	formulas map[[2]int]string
	merges   []excelize.MergeCell
	// a limit reached: the row at which the sheet is refused
	limitRow  int
	limitKind string // "rows" or "cells"
}

// xlsxArchive is the workbook's zip, opened a second time by the fast
// reader (excelize has already checked its declared sizes against the
// limits and does not hand out its parts).
type xlsxArchive struct {
	files map[string]*zip.File // name with / separators → entry (the last, as excelize keeps)
}

func openArchive(data []byte) (*xlsxArchive, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	a := &xlsxArchive{files: map[string]*zip.File{}}
	for _, f := range zr.File {
		name := strings.ReplaceAll(f.Name, "\\", "/")
		if strings.EqualFold(name, "xl/sharedStrings.xml") {
			name = "xl/sharedStrings.xml"
		}
		a.files[name] = f
	}
	return a, nil
}

type xmlRels struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Target string `xml:"Target,attr"`
		Type   string `xml:"Type,attr"`
	} `xml:"Relationship"`
}

func (a *xlsxArchive) rels(name string) (*xmlRels, bool) {
	zf, ok := a.files[name]
	if !ok || zf.UncompressedSize64 > 16<<20 {
		return nil, false
	}
	rc, err := zf.Open()
	if err != nil {
		return nil, false
	}
	defer rc.Close()
	var r xmlRels
	if err := xml.NewDecoder(rc).Decode(&r); err != nil {
		return nil, false
	}
	return &r, true
}

// sheetPart finds the zip entry of a worksheet the way excelize's
// getSheetMap does: the workbook from the package relationships, the
// sheet's r:id in the workbook's relationships.
func (a *xlsxArchive) sheetPart(f *excelize.File, sheet string) (*zip.File, bool) {
	if f.WorkBook == nil {
		return nil, false
	}
	id, n := "", 0
	for _, s := range f.WorkBook.Sheets.Sheet {
		if strings.EqualFold(s.Name, sheet) {
			id, n = s.ID, n+1
		}
	}
	root, ok := a.rels("_rels/.rels")
	if n != 1 || !ok {
		return nil, false
	}
	wb := ""
	for _, r := range root.Rels {
		if r.Type == excelize.SourceRelationshipOfficeDocument {
			wb = strings.TrimPrefix(r.Target, "/")
			break
		}
	}
	if wb == "" {
		return nil, false
	}
	relsPath := "_rels/" + filepath.Base(wb) + ".rels"
	if dir := filepath.Dir(wb); dir != "." {
		relsPath = strings.TrimPrefix(dir+"/_rels/"+filepath.Base(wb)+".rels", "/")
	}
	wbRels, ok := a.rels(relsPath)
	if !ok {
		return nil, false
	}
	path, found := "", 0
	for _, r := range wbRels.Rels {
		if r.ID != id {
			continue
		}
		found++
		path = filepath.ToSlash(strings.TrimPrefix(strings.ReplaceAll(filepath.Clean(filepath.Dir(wb)+"/"+r.Target), "\\", "/"), "/"))
		if strings.HasPrefix(r.Target, "/") {
			path = filepath.ToSlash(strings.TrimPrefix(strings.ReplaceAll(filepath.Clean(r.Target), "\\", "/"), "/"))
		}
	}
	if found != 1 || !strings.HasPrefix(strings.ToLower(path), "xl/worksheets/sheet") {
		return nil, false
	}
	zf, ok := a.files[path]
	return zf, ok
}

// sharedStrings gives excelize's shared-string table, as Rows.Columns
// reads it, when excelize holds it in memory; ok is false when the table
// was too large and excelize reads it from a temporary file (a rarer path
// the fast reader leaves to excelize).
func sharedStrings(f *excelize.File, a *xlsxArchive, sheet string) (sst []string, ok bool) {
	if zf, found := a.files["xl/sharedStrings.xml"]; found && int64(zf.UncompressedSize64) > XLSXUnzipXMLLimit {
		return nil, false
	}
	if f.SharedStrings == nil {
		// Columns reads the table (sharedStringsReader) before the row
		it, err := f.Rows(sheet)
		if err != nil {
			return nil, false
		}
		it.Next()
		_, err = it.Columns(excelize.Options{RawCellValue: true})
		it.Close()
		if err != nil || f.SharedStrings == nil {
			return nil, false
		}
	}
	sst = make([]string, len(f.SharedStrings.SI))
	for i := range f.SharedStrings.SI {
		sst[i] = f.SharedStrings.SI[i].String()
	}
	return sst, true
}

// xmlScanner reads XML from a stream through a window of bytes.
type xmlScanner struct {
	r   io.Reader
	buf []byte
	pos int
	eof bool
	err error
	// row's buffers
	cellBuf []string
	kindBuf []byte
	vals    []byte   // the row's texts
	spans   [][3]int // cell index, start and end in vals
}

// fill reads more into the window; false at the end of the input.
func (s *xmlScanner) fill() bool {
	for !s.eof {
		if s.pos > 0 {
			n := copy(s.buf, s.buf[s.pos:])
			s.buf, s.pos = s.buf[:n], 0
		}
		if cap(s.buf)-len(s.buf) < 16<<10 {
			nb := make([]byte, len(s.buf), 2*cap(s.buf)+256<<10)
			copy(nb, s.buf)
			s.buf = nb
		}
		n, err := s.r.Read(s.buf[len(s.buf):cap(s.buf)])
		s.buf = s.buf[:len(s.buf)+n]
		if err != nil {
			s.eof = true
			if err != io.EOF {
				s.err = err
			}
		}
		if n > 0 {
			return true
		}
	}
	return false
}

// until returns the bytes up to the next delim and moves past it. The
// slice is valid until the next read.
func (s *xmlScanner) until(delim string) ([]byte, bool) {
	from := 0
	for {
		if i := bytes.Index(s.buf[s.pos+from:], []byte(delim)); i >= 0 {
			out := s.buf[s.pos : s.pos+from+i]
			s.pos += from + i + len(delim)
			return out, true
		}
		from = max(0, len(s.buf)-s.pos-len(delim)+1)
		if !s.fill() {
			return nil, false
		}
	}
}

// peek returns the next n bytes without moving, fewer at the end.
func (s *xmlScanner) peek(n int) []byte {
	for len(s.buf)-s.pos < n && s.fill() {
	}
	return s.buf[s.pos:min(len(s.buf), s.pos+n)]
}

type xmlAttr struct {
	name  string
	value []byte
}

// tag is one start or end tag, read after its '<'.
type tag struct {
	name        string
	end, closed bool // </name>; <name/>
	attrs       []xmlAttr
}

// readTag reads a tag after '<'. Comments, processing instructions, CDATA
// and DTDs are not tags: they return errScanFallback unless skip allows
// comments and processing instructions, which are then passed over (ok
// false, err nil).
func (s *xmlScanner) readTag(t *tag, skip bool) (ok bool, err error) {
	p := s.peek(4)
	if len(p) > 0 && (p[0] == '?' || p[0] == '!') {
		if !skip {
			return false, errScanFallback
		}
		switch {
		case p[0] == '?':
			s.pos++
			body, found := s.until("?>")
			if !found || !validChars(body) {
				return false, errScanFallback
			}
			// a target name, not the XML declaration (read at the start only)
			i := 0
			for i < len(body) && isNameByte(body[i]) {
				i++
			}
			if i == 0 || !isNameStart(body[0]) || i < len(body) && !isSpace(body[i]) || strings.EqualFold(string(body[:i]), "xml") {
				return false, errScanFallback
			}
			return false, nil
		case bytes.HasPrefix(p, []byte("!--")):
			s.pos += 3
			body, found := s.until("-->")
			if !found || !validChars(body) || bytes.Contains(body, []byte("--")) || bytes.HasSuffix(body, []byte("-")) {
				return false, errScanFallback
			}
			return false, nil
		}
		return false, errScanFallback // CDATA, DOCTYPE
	}
	// the tag ends at the first '>' outside quotes
	end, quote := 0, byte(0)
	for {
		b := s.buf[s.pos:]
		for ; end < len(b); end++ {
			c := b[end]
			if quote != 0 {
				if c == quote {
					quote = 0
				}
			} else if c == '"' || c == '\'' {
				quote = c
			} else if c == '>' {
				break
			}
		}
		if end < len(b) {
			break
		}
		if !s.fill() {
			return false, errScanFallback
		}
	}
	body := s.buf[s.pos : s.pos+end]
	s.pos += end + 1
	*t = tag{attrs: t.attrs[:0]}
	if len(body) > 0 && body[0] == '/' {
		t.end, body = true, body[1:]
	}
	if len(body) > 0 && body[len(body)-1] == '/' {
		if t.end {
			return false, errScanFallback
		}
		t.closed, body = true, body[:len(body)-1]
	}
	i := 0
	for i < len(body) && isNameByte(body[i]) {
		i++
	}
	if i == 0 || !isNameStart(body[0]) || !plainName(body[:i]) || i < len(body) && !isSpace(body[i]) {
		return false, errScanFallback
	}
	t.name = internName(body[:i])
	for {
		j := i
		for j < len(body) && isSpace(body[j]) {
			j++
		}
		if j == len(body) {
			break
		}
		if j == i || t.end { // attributes are separated by space; an end tag has none
			return false, errScanFallback
		}
		k := j
		for k < len(body) && isNameByte(body[k]) {
			k++
		}
		if k == j || !isNameStart(body[j]) || !plainName(body[j:k]) || k+2 > len(body) || body[k] != '=' || body[k+1] != '"' && body[k+1] != '\'' {
			return false, errScanFallback // no spaces around '=' in what we read
		}
		q := body[k+1]
		v := bytes.IndexByte(body[k+2:], q)
		if v < 0 {
			return false, errScanFallback
		}
		value := body[k+2 : k+2+v]
		if bytes.IndexByte(value, '<') >= 0 || !validChars(value) {
			return false, errScanFallback
		}
		t.attrs = append(t.attrs, xmlAttr{name: internName(body[j:k]), value: value})
		i = k + 3 + v
	}
	return true, nil
}

func (t *tag) attr(name string) ([]byte, bool) {
	for _, a := range t.attrs {
		if a.name == name {
			return a.value, true
		}
	}
	return nil, false
}

// isNameByte: names are read in ASCII only (a name with other letters is
// left to excelize).
func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == ':' || c == '-' || c == '.'
}

// isNameStart: a name starts with a letter or '_'.
func isNameStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

// plainName: at most one ':', between a prefix and a local name.
func plainName(b []byte) bool {
	i := bytes.IndexByte(b, ':')
	return i < 0 || i > 0 && i < len(b)-1 && bytes.IndexByte(b[i+1:], ':') < 0 && isNameStart(b[i+1])
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func isBlank(b []byte) bool {
	for _, c := range b {
		if !isSpace(c) {
			return false
		}
	}
	return true
}

// internName avoids a string per tag for the names of a worksheet.
func internName(b []byte) string {
	switch string(b) {
	case "c":
		return "c"
	case "v":
		return "v"
	case "row":
		return "row"
	case "r":
		return "r"
	case "s":
		return "s"
	case "t":
		return "t"
	case "f":
		return "f"
	case "is":
		return "is"
	case "spans":
		return "spans"
	}
	return string(b)
}

// validChars reports whether b is UTF-8 of characters XML allows, with no
// carriage return (encoding/xml turns it into a line feed).
func validChars(b []byte) bool {
	for i := 0; i < len(b); {
		c := b[i]
		if c < 0x80 {
			if c < 0x20 && c != '\t' && c != '\n' {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 || r == 0xFFFE || r == 0xFFFF {
			return false
		}
		i += n
	}
	return true
}

// unescape replaces XML's entity and character references; ok is false for
// any other reference.
func unescape(b []byte) (string, bool) {
	if bytes.IndexByte(b, '&') < 0 {
		return string(b), true
	}
	out, ok := unescapeTo(nil, b)
	return string(out), ok
}

// unescapeTo appends b to dst with its references replaced.
func unescapeTo(dst, b []byte) ([]byte, bool) {
	for {
		i := bytes.IndexByte(b, '&')
		if i < 0 {
			return append(dst, b...), true
		}
		dst = append(dst, b[:i]...)
		b = b[i+1:]
		j := bytes.IndexByte(b, ';')
		if j <= 0 {
			return dst, false
		}
		ref := b[:j]
		b = b[j+1:]
		switch string(ref) {
		case "lt":
			dst = append(dst, '<')
		case "gt":
			dst = append(dst, '>')
		case "amp":
			dst = append(dst, '&')
		case "apos":
			dst = append(dst, '\'')
		case "quot":
			dst = append(dst, '"')
		default:
			if ref[0] != '#' || len(ref) < 2 {
				return dst, false
			}
			base, digits := 10, string(ref[1:])
			if digits[0] == 'x' {
				base, digits = 16, digits[1:]
			}
			n, err := strconv.ParseUint(digits, base, 32)
			if err != nil || digits == "" || digits[0] == '+' || !xmlChar(rune(n)) {
				return dst, false
			}
			dst = utf8.AppendRune(dst, rune(n))
		}
	}
}

func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// text reads character data up to the next '<' and the tag after it.
func (s *xmlScanner) text() ([]byte, bool) {
	return s.until("<")
}

// contentTo appends the text of a simple element (<v>, <t>) after its
// start tag to dst, through its end tag; nested elements are refused.
func (s *xmlScanner) contentTo(dst []byte, name string, t *tag) ([]byte, error) {
	raw, ok := s.text()
	if !ok || !validChars(raw) {
		return dst, errScanFallback
	}
	if dst, ok = unescapeTo(dst, raw); !ok {
		return dst, errScanFallback
	}
	if ok, err := s.readTag(t, false); err != nil || !ok || !t.end || t.name != name {
		return dst, errScanFallback
	}
	return dst, nil
}

// content reads the text of a simple element (<v>, <t>, <f>) after its
// start tag, through its end tag; nested elements are refused.
func (s *xmlScanner) content(name string, t *tag) (string, error) {
	raw, ok := s.text()
	if !ok || !validChars(raw) {
		return "", errScanFallback
	}
	v, ok := unescape(raw)
	if !ok {
		return "", errScanFallback
	}
	if ok, err := s.readTag(t, false); err != nil || !ok || !t.end || t.name != name {
		return "", errScanFallback
	}
	return v, nil
}

// attribute types, as encoding/xml parses them into excelize's structs (a
// value it cannot parse makes excelize's reading of the sheet fail)
const (
	attrOther byte = iota
	attrString
	attrInt
	attrUint
	attrUint8
	attrBool
	attrFloat
)

func rowAttr(name string) byte {
	switch name {
	case "r", "s":
		return attrInt
	case "spans":
		return attrString
	case "outlineLevel":
		return attrUint8
	case "customFormat", "hidden", "customHeight", "collapsed", "thickTop", "thickBot", "ph":
		return attrBool
	case "ht":
		return attrFloat
	}
	return attrOther
}

func cellAttr(name string) byte {
	switch name {
	case "s":
		return attrInt
	case "r", "t":
		return attrString
	case "cm", "vm":
		return attrUint
	case "ph":
		return attrBool
	}
	return attrOther
}

func formulaAttr(name string) byte {
	switch name {
	case "si":
		return attrInt
	case "t", "ref", "r1", "r2":
		return attrString
	case "aca", "dt2D", "dtr", "del1", "del2", "ca", "bx":
		return attrBool
	}
	return attrOther
}

func countAttr(name string) byte {
	if name == "count" {
		return attrInt
	}
	return attrOther
}

func refAttr(name string) byte {
	if name == "ref" {
		return attrString
	}
	return attrOther
}

// checkAttrs reports whether the attributes that excelize reads parse, are
// not given twice, and are written plainly: without a namespace prefix
// (encoding/xml matches the local name) and without references.
func checkAttrs(t *tag, kind func(string) byte) bool {
	for i, a := range t.attrs {
		k := kind(a.name)
		if k == attrOther {
			if c := strings.IndexByte(a.name, ':'); c >= 0 && kind(a.name[c+1:]) != attrOther {
				return false
			}
			continue
		}
		if bytes.IndexByte(a.value, '&') >= 0 {
			return false
		}
		for _, b := range t.attrs[:i] {
			if b.name == a.name {
				return false
			}
		}
		if k == attrString || len(a.value) == 0 {
			continue
		}
		if k == attrInt || k == attrUint {
			if _, ok := plainInt(a.value); ok || string(a.value) == "0" {
				continue // the usual case, without a string
			}
		}
		v := strings.TrimSpace(string(a.value))
		if v == "" {
			continue
		}
		var err error
		switch k {
		case attrInt:
			_, err = strconv.ParseInt(v, 10, 64)
		case attrUint:
			_, err = strconv.ParseUint(v, 10, 64)
		case attrUint8:
			_, err = strconv.ParseUint(v, 10, 8)
		case attrBool:
			_, err = strconv.ParseBool(v)
		case attrFloat:
			_, err = strconv.ParseFloat(v, 64)
		}
		if err != nil {
			return false
		}
	}
	return true
}

// cellType is a cell's t attribute, without a string per cell.
func cellType(b []byte) string {
	switch string(b) {
	case "":
		return ""
	case "s":
		return "s"
	case "n":
		return "n"
	case "str":
		return "str"
	case "inlineStr":
		return "inlineStr"
	case "b":
		return "b"
	}
	return string(b)
}

// plainInt reads a number written as digits without a leading zero.
func plainInt(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 9 || b[0] == '0' {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// scanCellRef reads a canonical reference (B12) in row row; its column.
func scanCellRef(b []byte, row int) (int, bool) {
	i, col := 0, 0
	for i < len(b) && b[i] >= 'A' && b[i] <= 'Z' && i < 3 {
		col = col*26 + int(b[i]-'A'+1)
		i++
	}
	if i == 0 || col > excelize.MaxColumns {
		return 0, false
	}
	r, ok := plainInt(b[i:])
	return col, ok && r == row
}

// xmlDecl is the XML declarations read (after "<?xml").
var xmlDecl = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[ \t\n]+version=("1\.0"|'1\.0')([ \t\n]+encoding=("(?i:utf-8)"|'(?i:utf-8)'))?([ \t\n]+standalone=("yes"|"no"|'yes'|'no'))?[ \t\n]*$`)
})

// scanSheet reads a worksheet's XML (see errScanFallback for what it
// refuses). sst is the shared-string table.
func scanSheet(r io.Reader, sst []string) (*scannedSheet, error) {
	s := &xmlScanner{r: r}
	out := &scannedSheet{}
	var t tag
	// prolog: an XML declaration of version 1.0 in UTF-8, comments
	if p := s.peek(5); bytes.Equal(p, []byte("<?xml")) {
		s.pos += 5
		decl, ok := s.until("?>")
		if !ok || !validChars(decl) {
			return nil, errScanFallback
		}
		if !xmlDecl().Match(decl) {
			return nil, errScanFallback
		}
	}
	var stack []string
	sawData, sawMerges, total := false, false, 0
	for {
		txt, more := s.text()
		if !more {
			if s.err != nil || len(stack) != 0 || sawData && !isBlank(txt) {
				return nil, errScanFallback
			}
			break
		}
		if len(stack) <= 1 && !isBlank(txt) || !validChars(txt) {
			return nil, errScanFallback
		}
		if _, ok := unescape(txt); !ok {
			return nil, errScanFallback
		}
		ok, err := s.readTag(&t, true)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		local := t.name[strings.IndexByte(t.name, ':')+1:]
		switch {
		case t.end:
			if len(stack) == 0 || stack[len(stack)-1] != t.name {
				return nil, errScanFallback
			}
			stack = stack[:len(stack)-1]
			continue
		case len(stack) == 0:
			// one root, in SpreadsheetML's namespace (excelize refuses others)
			if ns, _ := t.attr("xmlns"); t.name != "worksheet" || sawData || t.closed || string(ns) != "http://schemas.openxmlformats.org/spreadsheetml/2006/main" {
				return nil, errScanFallback
			}
		case len(stack) == 1 && t.name == "sheetData":
			if sawData || len(t.attrs) > 0 {
				return nil, errScanFallback
			}
			sawData = true
			if t.closed {
				continue
			}
			if limit, err := s.sheetData(out, sst, &total); err != nil || limit {
				return out, err
			}
			continue
		case len(stack) == 1 && t.name == "mergeCells":
			if sawMerges || t.closed || !checkAttrs(&t, countAttr) {
				return nil, errScanFallback
			}
			sawMerges = true
			if err := s.mergeCells(out); err != nil {
				return nil, err
			}
			continue
		case local == "sheetData" || local == "mergeCells" || local == "row" || local == "c" || local == "worksheet":
			return nil, errScanFallback // where excelize would read them differently
		}
		for _, a := range t.attrs {
			if _, ok := unescape(a.value); !ok {
				return nil, errScanFallback
			}
		}
		if !t.closed {
			stack = append(stack, t.name)
		}
	}
	if !sawData {
		return nil, errScanFallback
	}
	return out, checkMerges(out)
}

// sheetData reads the rows through </sheetData>. limit is true when the
// sheet was refused (out.limitRow).
func (s *xmlScanner) sheetData(out *scannedSheet, sst []string, total *int) (limit bool, err error) {
	var t tag
	prev := 0
	for {
		txt, ok := s.text()
		if !ok || !isBlank(txt) {
			return false, errScanFallback
		}
		if ok, err := s.readTag(&t, false); err != nil || !ok {
			return false, errScanFallback
		}
		if t.end && t.name == "sheetData" {
			return false, nil
		}
		if t.end || t.name != "row" || !checkAttrs(&t, rowAttr) {
			return false, errScanFallback
		}
		rv, ok := t.attr("r")
		n, ok2 := plainInt(rv)
		if !ok || !ok2 || n <= prev {
			return false, errScanFallback
		}
		prev = n
		if n > maxSheetRows {
			out.limitRow, out.limitKind = maxSheetRows+1, "rows"
			return true, nil
		}
		var cells []string
		var kinds []byte
		if !t.closed {
			if cells, kinds, err = s.row(n, out, sst); err != nil {
				return false, err
			}
		}
		if *total += len(cells); *total > maxSheetCells {
			out.limitRow, out.limitKind = n, "cells"
			return true, nil
		}
		if len(cells) > 0 {
			out.nums, out.rows, out.kinds = append(out.nums, n), append(out.rows, cells), append(out.kinds, kinds)
		}
	}
}

// row reads the cells of row n through </row>, as Rows.Columns gives them:
// a cell with no value and no formula is left out, a gap before a later
// cell is filled with blanks.
func (s *xmlScanner) row(n int, out *scannedSheet, sst []string) (cells []string, kinds []byte, err error) {
	var t tag
	// built in reused buffers, returned in slices of their exact size
	cells, kinds = s.cellBuf[:0], s.kindBuf[:0]
	s.vals, s.spans = s.vals[:0], s.spans[:0]
	defer func() {
		s.cellBuf, s.kindBuf = cells[:0], kinds[:0]
		if err == nil && len(cells) > 0 {
			cells, kinds = slices.Clone(cells), slices.Clone(kinds)
			vals := string(s.vals)
			for _, sp := range s.spans {
				cells[sp[0]] = vals[sp[1]:sp[2]]
			}
		} else {
			cells, kinds = nil, nil
		}
	}()
	for {
		txt, ok := s.text()
		if !ok || !isBlank(txt) {
			return nil, nil, errScanFallback
		}
		if ok, err := s.readTag(&t, false); err != nil || !ok {
			return nil, nil, errScanFallback
		}
		if t.end && t.name == "row" {
			return cells, kinds, nil
		}
		if t.end || t.name != "c" || !checkAttrs(&t, cellAttr) {
			return nil, nil, errScanFallback
		}
		rv, _ := t.attr("r")
		col, ok := scanCellRef(rv, n)
		if !ok || col <= len(cells) {
			return nil, nil, errScanFallback
		}
		if sv, ok := t.attr("s"); ok && len(sv) > 0 {
			if _, ok := plainInt(sv); !ok && string(sv) != "0" { // as cellXMLAttrHandler parses it
				return nil, nil, errScanFallback
			}
		}
		typb, _ := t.attr("t")
		typ := cellType(typb) // the tag's bytes are overwritten by the next read
		// <v> and <is> texts are appended to s.vals: a row's values become
		// one string
		start := len(s.vals)
		vStart, vEnd, isStart, isEnd := start, start, start, start
		var formula string
		var hasF, hasV, hasIS, sharedF bool
		if !t.closed {
			var ct tag
			for {
				txt, ok := s.text()
				if !ok || !isBlank(txt) {
					return nil, nil, errScanFallback
				}
				if ok, err := s.readTag(&ct, false); err != nil || !ok {
					return nil, nil, errScanFallback
				}
				if ct.end && ct.name == "c" {
					break
				}
				if ct.end {
					return nil, nil, errScanFallback
				}
				switch ct.name {
				case "v":
					if hasV {
						return nil, nil, errScanFallback
					}
					hasV, vStart = true, len(s.vals)
					if !ct.closed {
						if s.vals, err = s.contentTo(s.vals, "v", &ct); err != nil {
							return nil, nil, err
						}
					}
					vEnd = len(s.vals)
				case "f":
					if hasF || !checkAttrs(&ct, formulaAttr) {
						return nil, nil, errScanFallback
					}
					hasF = true
					ft, _ := ct.attr("t")
					_, hasSi := ct.attr("si")
					sharedF = string(ft) == "shared" && hasSi
					if !ct.closed {
						if formula, err = s.content("f", &ct); err != nil {
							return nil, nil, err
						}
					}
				case "is":
					if hasIS {
						return nil, nil, errScanFallback
					}
					hasIS, isStart = true, len(s.vals)
					if !ct.closed {
						if s.vals, err = s.inlineTo(s.vals); err != nil {
							return nil, nil, err
						}
					}
					isEnd = len(s.vals)
				default:
					return nil, nil, errScanFallback
				}
			}
		}
		// the value, as getValueFrom gives it with RawCellValue: a shared
		// string, or the text at span in s.vals
		val, span := "", [2]int{vStart, vEnd}
		switch typ {
		case "s":
			if vEnd > vStart {
				i, err := strconv.Atoi(string(bytes.TrimSpace(s.vals[vStart:vEnd])))
				if err != nil {
					i = 0
				}
				if i < 0 {
					return nil, nil, errScanFallback
				}
				if i < len(sst) {
					val, span = sst[i], [2]int{start, start}
				}
			}
		case "inlineStr":
			if hasIS {
				span = [2]int{isStart, isEnd}
			}
		}
		if val == "" && span[0] == span[1] && !hasF {
			s.vals = s.vals[:start]
			continue
		}
		kind := kindNumber
		switch typ {
		case "b", "d", "e", "s", "inlineStr":
			kind = kindText
		}
		for len(cells) < col-1 {
			cells, kinds = append(cells, ""), append(kinds, kindNone)
		}
		cells, kinds = append(cells, val), append(kinds, kind)
		if span[0] != span[1] {
			s.spans = append(s.spans, [3]int{len(cells) - 1, span[0], span[1]})
		}
		if val == "" && span[0] == span[1] {
			if sharedF {
				return nil, nil, errScanFallback // excelize rebuilds it from the group's first cell
			}
			if out.formulas == nil {
				out.formulas = map[[2]int]string{}
			}
			out.formulas[[2]int{col - 1, n}] = formula
		}
	}
}

// inlineTo appends an inline string after <is> through </is> to dst: one
// <t>, as excelize's xlsxSI.String gives it.
func (s *xmlScanner) inlineTo(dst []byte) ([]byte, error) {
	var t tag
	start, sawT := len(dst), false
	for {
		txt, ok := s.text()
		if !ok || !isBlank(txt) {
			return dst, errScanFallback
		}
		if ok, err := s.readTag(&t, false); err != nil || !ok {
			return dst, errScanFallback
		}
		if t.end && t.name == "is" {
			if bytes.Contains(dst[start:], []byte("_x")) { // excelize decodes _xHHHH_ escapes
				return dst, errScanFallback
			}
			return dst, nil
		}
		if t.end || t.name != "t" || sawT {
			return dst, errScanFallback
		}
		sawT = true
		if !t.closed {
			var err error
			if dst, err = s.contentTo(dst, "t", &t); err != nil {
				return dst, err
			}
		}
	}
}

// mergeCells reads the merged ranges through </mergeCells>.
func (s *xmlScanner) mergeCells(out *scannedSheet) error {
	var t tag
	for {
		txt, ok := s.text()
		if !ok || !isBlank(txt) {
			return errScanFallback
		}
		if ok, err := s.readTag(&t, false); err != nil || !ok {
			return errScanFallback
		}
		if t.end && t.name == "mergeCells" {
			return nil
		}
		if t.end || t.name != "mergeCell" || len(out.merges) >= 1000 || !checkAttrs(&t, refAttr) {
			return errScanFallback
		}
		ref, ok := t.attr("ref")
		if !ok {
			return errScanFallback
		}
		out.merges = append(out.merges, excelize.MergeCell{string(ref), ""})
		if !t.closed {
			if txt, ok := s.text(); !ok || !isBlank(txt) {
				return errScanFallback
			}
			if ok, err := s.readTag(&t, false); err != nil || !ok || !t.end || t.name != "mergeCell" {
				return errScanFallback
			}
		}
	}
}

// checkMerges refuses merged ranges that excelize would rewrite (not
// written top-left to bottom-right, overlapping) and ranges with a value
// or formula in a cell other than their first: excelize reads such a
// cell's type from the first cell.
func checkMerges(out *scannedSheet) error {
	rects := make([][4]int, len(out.merges))
	for i, m := range out.merges {
		a, b, ok := strings.Cut(m[0], ":")
		if !ok {
			return errScanFallback
		}
		c1, r1, err1 := excelize.CellNameToCoordinates(a)
		c2, r2, err2 := excelize.CellNameToCoordinates(b)
		if err1 != nil || err2 != nil || c1 > c2 || r1 > r2 || c1 == c2 && r1 == r2 {
			return errScanFallback
		}
		if ca, _ := excelize.CoordinatesToCellName(c1, r1); ca != a {
			return errScanFallback
		}
		if cb, _ := excelize.CoordinatesToCellName(c2, r2); cb != b {
			return errScanFallback
		}
		rects[i] = [4]int{c1, r1, c2, r2}
		for _, o := range rects[:i] {
			if c1 <= o[2] && o[0] <= c2 && r1 <= o[3] && o[1] <= r2 {
				return errScanFallback
			}
		}
	}
	budget := 4 * maxSheetCells
	for _, rc := range rects {
		for i := sort.SearchInts(out.nums, rc[1]); i < len(out.nums) && out.nums[i] <= rc[3]; i++ {
			n := out.nums[i]
			for c := rc[0]; c <= rc[2] && c <= len(out.kinds[i]); c++ {
				if budget--; budget < 0 {
					return errScanFallback
				}
				if out.kinds[i][c-1] != kindNone && (c != rc[0] || n != rc[1]) {
					return errScanFallback
				}
			}
		}
	}
	return nil
}
