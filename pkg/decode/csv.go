package decode

import (
	"bytes"
	"encoding/binary"
	"encoding/csv"
	"errors"
	"hash/maphash"
	"io"
	"iter"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/parks-kz/parks/pkg/diag"
	"github.com/parks-kz/parks/pkg/layout"
	"github.com/parks-kz/parks/pkg/parks"
)

// CSVOptions are the dialect settings of a CSV file.
type CSVOptions struct {
	Comma    rune   // 0: sniffed from the header and first rows
	Encoding string // "" detects; else one of Encodings
}

// lineIndex maps byte offsets to lines and character columns. encoding/csv
// reports byte columns; people and editors count characters.
type lineIndex struct {
	data   []byte
	starts []int // byte offset where each line starts; starts[0] is line 1
	// base is added to every line: a chunk of a large file starts there.
	base int
	// valid: data is known to be UTF-8, so characters are counted eight
	// bytes at a time (CountRunes)
	valid bool
	// the last position computed, so that the cells of one line are
	// counted from the previous cell instead of from the line start
	lastLine, lastByte, lastCol int
}

func newLineIndex(data []byte) *lineIndex {
	li := &lineIndex{data: data, starts: make([]int, 1, 1+len(data)/128)}
	for off := 0; ; {
		i := bytes.IndexByte(data[off:], '\n')
		if i < 0 {
			break
		}
		off += i + 1
		li.starts = append(li.starts, off)
	}
	return li
}

// pos converts encoding/csv's (line, byte column) to a position. Lines are
// those of the data the index was built on; the position's line has the
// base added.
func (li *lineIndex) pos(file string, line, byteCol int) diag.Pos {
	if line < 1 || line > len(li.starts) {
		return diag.Pos{File: file, Line: line + li.base, Col: byteCol}
	}
	start := li.starts[line-1]
	end := min(start+byteCol-1, len(li.data))
	from, col := start, 1
	if line == li.lastLine && end >= li.lastByte {
		from, col = li.lastByte, li.lastCol
	}
	col += li.runes(li.data[from:end])
	li.lastLine, li.lastByte, li.lastCol = line, end, col
	return diag.Pos{File: file, Line: line + li.base, Col: col}
}

// lineOf returns the 1-based line containing a byte offset.
func (li *lineIndex) lineOf(off int) int {
	i, found := slices.BinarySearch(li.starts, off)
	if found {
		return i + 1
	}
	return i
}

// lineEnd returns the character column just past the end of a line's text.
func (li *lineIndex) lineEnd(line int) int {
	if line < 1 || line > len(li.starts) {
		return 1
	}
	start := li.starts[line-1]
	end := len(li.data)
	if line < len(li.starts) {
		end = li.starts[line] - 1
	}
	text := bytes.TrimRight(li.data[start:end], "\r")
	return li.runes(text) + 1
}

func (li *lineIndex) runes(b []byte) int {
	if li.valid {
		return CountRunes(b)
	}
	return utf8.RuneCount(b)
}

// CountRunes is utf8.RuneCount of b, which must be UTF-8, eight bytes at a
// time: the bytes that do not continue a character (utf8.RuneCount
// decodes character by character, a fifth of the cost of wording a
// problem in Cyrillic text).
func CountRunes(b []byte) int {
	n := len(b)
	for ; len(b) >= 32; b = b[32:] { // four words' marks in one: bits 7, 6, 5, 4 of each byte
		_ = b[31]
		n -= bits.OnesCount64(follows(binary.LittleEndian.Uint64(b)) |
			follows(binary.LittleEndian.Uint64(b[8:]))>>1 |
			follows(binary.LittleEndian.Uint64(b[16:]))>>2 |
			follows(binary.LittleEndian.Uint64(b[24:]))>>3)
	}
	for ; len(b) >= 8; b = b[8:] {
		n -= bits.OnesCount64(follows(binary.LittleEndian.Uint64(b)))
	}
	for _, c := range b {
		if c&0xc0 == 0x80 {
			n--
		}
	}
	return n
}

// follows marks the bytes of x that continue a character (10xxxxxx) by
// their top bit.
func follows(x uint64) uint64 {
	const highs = 0x8080808080808080
	return x & highs &^ (x << 1)
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// DecodeCSV reads a CSV file of facilities or projects (recognised by a
// facility_id column) and hands each record to the sink. The bytes are
// first made UTF-8 (encoding.go), the delimiter sniffed and the decimal
// separator worked out (dialect.go), the header mapped (headers.go).
func DecodeCSV(file string, data []byte, opts CSVOptions, env *Env, sink Sink) {
	decodeCSV(file, data, opts, nil, env, sink)
}

// decodeCSV is DecodeCSV with the user's layout mapping (--map), if any.
func decodeCSV(file string, data []byte, opts CSVOptions, m *layout.Mapping, env *Env, sink Sink) {
	mode := layoutIfNotCanonical
	if m != nil {
		mode = layoutAlways // the user says how the file is laid out
	}
	h, ok := readCSVHeader(file, data, opts, env, sink, mode)
	if ok && h.layout {
		if decodeCSVLayout(file, h, m, env, sink) {
			return
		}
		h, ok = readCSVHeader(file, data, opts, env, sink, layoutNever)
	}
	if !ok {
		return
	}
	data, li, r, d := h.data, h.li, h.r, h.rows
	var rows iter.Seq[[]string]
	if mayBeAmbiguous(data) {
		rows = csvRecords(data, h.comma) // a second, cheap pass only when "1,234" may occur
	}
	ctx, dec := columnContexts(d.cols, h.scales, d.schema, rows)
	d.ctx = ctx
	env.Inputs = append(env.Inputs, Input{File: file, Format: "csv", Encoding: h.enc, Delimiter: h.comma, Decimal: dec, Kind: d.schema.Kind})
	// --verbose says the decimal separator the file writes («10,5»), also
	// when no cell needed it to be read (no "1,234" in the file): the
	// numbers are voted on as they are read, as the streaming path does.
	var votes *parks.DecimalVote
	if dec == parks.DecimalUnknown {
		votes = new(parks.DecimalVote)
		in := len(env.Inputs) - 1
		defer func() { env.Inputs[in].Decimal = votes.Decimal() }()
	}
	prevEnd := int(r.InputOffset())
	for !env.Problems.Full() {
		record, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			reportCSVError(file, err, li, h.comma, env)
			// encoding/csv cannot resynchronise after a quoting error: the
			// rest of the file is left out, and counted
			env.RowsLost += li.rowsFrom(csvErrorLine(err, li))
			return
		}
		line, _ := r.FieldPos(0)
		blankRows(file, li.lineOf(prevEnd)+li.base, line+li.base, env)
		prevEnd = int(r.InputOffset())
		if votes != nil {
			for i, cell := range record {
				if i < len(d.cols) && d.cols[i] >= 0 && numericColumn(d.schema, d.cols[i]) && !AllDigits(cell) {
					VoteDecimal(votes, cell)
				}
			}
		}
		d.row(r, record)
	}
}

func numericColumn(s *parks.Schema, c int) bool {
	t := s.Columns[c].Type
	return t == "integer" || t == "number"
}

// csvHeader is a CSV file made UTF-8 with its header read and mapped: what
// the records are decoded with, sequentially (DecodeCSV) or in chunks
// (CSVFile, for package stream).
type csvHeader struct {
	data   []byte // the UTF-8 text
	li     *lineIndex
	r      *csv.Reader // positioned after the header
	rows   *csvRows    // without column contexts yet
	comma  rune
	enc    string
	scales []int64
	// crOnly: the file's lines end in CR alone; data has them as LF
	crOnly bool
	// layout: the first line is not a canonical header; the file may be
	// a report-shaped sheet (sheet.go). Only data, li, comma and enc are set.
	layout bool
}

// readCSVHeader makes the text UTF-8, sniffs the delimiter and reads and
// maps the header. It returns false when the records cannot be read.
// layoutMode says when readCSVHeader hands a file to pkg/layout.
type layoutMode int

const (
	layoutNever          layoutMode = iota
	layoutIfNotCanonical            // when the first line does not name the required columns
	layoutAlways                    // a mapping file says how the file is laid out
)

// A file that layout should read returns a header marked layout instead
// of being mapped (and its problems reported).
func readCSVHeader(file string, data []byte, opts CSVOptions, env *Env, sink Sink, mode layoutMode) (*csvHeader, bool) {
	raw := data
	data, enc, ok := toUTF8(file, data, opts.Encoding, env)
	if !ok {
		env.RowsLost += lostRows(raw) // not a line of it is read
		return nil, false
	}
	data, crOnly := crLineEnds(data)
	if len(bytes.TrimSpace(data)) == 0 {
		env.Problems.Add(msg(diag.Problem{Pos: diag.Pos{File: file, Line: 1, Col: 1}, Severity: diag.Error, Rule: "blank-header"}, "csv.empty"))
		return nil, false
	}
	li := newLineIndex(data)
	comma := opts.Comma
	if comma == 0 {
		comma = sniffDelimiter(data)
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = comma
	r.FieldsPerRecord = -1 // short and long rows are reported by us, with positions
	r.ReuseRecord = true
	// rows left out when the header cannot be read or used: every line
	// after the header's first
	lostAfterHeader := func() {
		first := 1
		for first <= len(li.starts) && li.blank(first) {
			first++
		}
		env.RowsLost += li.rowsFrom(first + 1)
	}
	if tooManyColumns(file, firstLineFields(data, r.Comma), 1, env) {
		lostAfterHeader()
		return nil, false // before encoding/csv builds a million fields
	}

	header, err := r.Read()
	if err != nil {
		reportCSVError(file, err, li, r.Comma, env)
		lostAfterHeader()
		return nil, false
	}
	header = slices.Clone(header) // ReuseRecord: the next Read overwrites it
	if i := longCell(header); i >= 0 {
		line, col := r.FieldPos(i)
		headerTooLong(li.pos(file, line, col), len(header[i]), env)
		lostAfterHeader()
		return nil, false // before a label of megabytes is matched against every column name
	}
	if mode == layoutAlways || mode == layoutIfNotCanonical && !layout.IsCanonical(header) {
		return &csvHeader{data: data, li: li, comma: comma, enc: enc, layout: true}, true
	}
	if line, _ := r.FieldPos(0); tooManyColumns(file, len(header), line, env) {
		lostAfterHeader()
		return nil, false
	}
	headerPos := make([]diag.Pos, len(header))
	for i := range header {
		line, col := r.FieldPos(i)
		headerPos[i] = li.pos(file, line, col)
	}
	schema := schemaOfHeader(header)
	cols, scales, ok := mapHeader(file, header, headerPos, schema, env)
	env.headerAt(file, headerPos, cols)
	if !ok {
		env.RowsLost += li.rowsFrom(li.lineOf(int(r.InputOffset()))) // the header says why
		return nil, false
	}
	d := &csvRows{file: file, li: li, env: env, sink: sink, schema: schema, cols: cols, width: len(header), seen: map[uint64]int{}}
	return &csvHeader{data: data, li: li, r: r, rows: d, comma: comma, enc: enc, scales: scales, crOnly: crOnly}, true
}

// crLineEnds gives a text whose lines end in a carriage return alone
// (Excel's «CSV (Macintosh)», classic Mac OS) line feeds instead, byte for
// byte, so it reads as the same text with LF or CRLF line ends would, and
// every position keeps its line and column. A text with any line feed is
// left as it is: a carriage return in it is part of a cell or of a CRLF.
func crLineEnds(data []byte) ([]byte, bool) {
	if bytes.IndexByte(data, '\n') >= 0 || bytes.IndexByte(data, '\r') < 0 {
		return data, false
	}
	return bytes.ReplaceAll(data, []byte{'\r'}, []byte{'\n'}), true
}

// csvRows decodes the data rows of one CSV file.
type csvRows struct {
	file   string
	li     *lineIndex
	env    *Env
	sink   Sink
	schema *parks.Schema
	cols   []int                // schema column index of each file column, -1 if unknown
	ctx    []parks.ParseContext // decimal separator and header scale of each file column
	width  int
	// seen is each row content's first line, for duplicate-row: the
	// content is a 64-bit hash of the cells, as the streaming path keys
	// rows (decode.Rows' rowKey, the same seed), so both find the same
	// copies; the row itself is not kept (300 bytes a row of a held load)
	seen map[uint64]int
	keys rowHasher
	// scratch, when set, is reused for every row: the sink keeps nothing,
	// and the record's Cells are filled only when its rowState is asked
	// (the streaming sink calls resolveCells before reading them)
	scratch *rowScratch
}

// fieldPositions gives a record's cells' positions as encoding/csv's
// FieldPos does (line, byte column); a *csv.Reader is one.
type fieldPositions interface {
	FieldPos(field int) (line, column int)
}

func (d *csvRows) row(r fieldPositions, record []string) {
	pos := func(i int) diag.Pos {
		line, col := r.FieldPos(i)
		return d.li.pos(d.file, line, col)
	}
	if slices.IndexFunc(record, func(s string) bool { return strings.TrimSpace(s) != "" }) < 0 {
		d.env.Problems.Add(msg(diag.Problem{Pos: pos(0), Severity: diag.Warning, Rule: "blank-row"}, "csv.blank_row"))
		return
	}
	d.env.RowsIn++
	rs := d.newRow(pos(0))
	if idCol := slices.Index(d.cols, d.schema.Col("id")); idCol >= 0 && idCol < len(record) {
		rs.id = strings.TrimSpace(record[idCol])
	}
	if d.seen != nil { // streaming checks rows across chunks instead (package stream)
		key := d.keys.key(record)
		if first, dup := d.seen[key]; dup {
			rs.problem(msg(diag.Problem{Pos: rs.row, Severity: diag.Error, Rule: "duplicate-row"}, "csv.duplicate_row", itoa(first)))
			d.env.RowsDropped++
			return
		}
		d.seen[key] = rs.row.Line
	}
	switch {
	case len(record) < d.width:
		line, _ := r.FieldPos(len(record) - 1)
		rs.finding(CellCount(len(record), d.width, ""), diag.Pos{File: d.file, Line: line + d.li.base, Col: d.li.lineEnd(line)})
	case len(record) > d.width:
		rs.finding(CellCount(len(record), d.width, record[d.width]), pos(d.width))
	}
	rec, parsers, present := d.newRecord()
	for i, c := range d.cols {
		if c >= 0 && i >= len(record) {
			present[c] = true // a short row is one missing-cell problem, not also a required-value one
		}
		if c < 0 || i >= len(record) {
			continue
		}
		line, col := r.FieldPos(i)
		rs.raw[c], present[c] = rawPos{line, col}, true
		rs.cell(parsers[c], d.schema.Columns[c], record[i], c, &d.ctx[i])
	}
	rs.missingRequired(d.schema, present)
	rs.emit(rec, d.sink)
}

// rowHasher keys a row's content as duplicate-row compares it: its cells,
// hashed with one seed for the process (rowSeed), so the holding and the
// streaming paths key every row alike and find the same copies.
type rowHasher struct {
	h      maphash.Hash
	seeded bool
}

func (k *rowHasher) key(record []string) uint64 {
	if !k.seeded {
		k.h.SetSeed(rowSeed)
		k.seeded = true
	}
	k.h.Reset()
	for i, cell := range record {
		if i > 0 {
			k.h.WriteByte(0)
		}
		k.h.WriteString(cell)
	}
	return k.h.Sum64()
}

// rowScratch is what decoding a row needs, reused from row to row when
// the sink does not keep records (streaming folds them at once).
type rowScratch struct {
	rs      rowState
	fac     parks.Facility
	proj    parks.Project
	parsers []parks.CellParser
	cells   []diag.Pos
	raw     []rawPos
	present []bool
	loc     parks.Loc
}

func (d *csvRows) newRow(row diag.Pos) *rowState {
	sc := d.scratch
	if sc == nil {
		n := len(d.schema.Columns)
		return &rowState{env: d.env, row: row, cells: make([]diag.Pos, n), raw: make([]rawPos, n), li: d.li, file: d.file}
	}
	clear(sc.cells)
	clear(sc.raw)
	sc.rs = rowState{env: d.env, row: row, cells: sc.cells, raw: sc.raw, li: d.li, file: d.file, loc: &sc.loc}
	return &sc.rs
}

func (d *csvRows) newRecord() (any, []parks.CellParser, []bool) {
	sc := d.scratch
	if sc == nil {
		rec, parsers := newRecord(d.schema)
		return rec, parsers, make([]bool, len(d.schema.Columns))
	}
	clear(sc.present)
	if d.schema == parks.ProjectSchema {
		sc.proj = parks.Project{}
		return &sc.proj, sc.parsers, sc.present
	}
	sectors := sc.fac.Sectors[:0]
	sc.fac = parks.Facility{Sectors: sectors}
	return &sc.fac, sc.parsers, sc.present
}

func newScratch(s *parks.Schema) *rowScratch {
	n := len(s.Columns)
	sc := &rowScratch{cells: make([]diag.Pos, n), raw: make([]rawPos, n), present: make([]bool, n)}
	if s == parks.ProjectSchema {
		sc.parsers = s.CellParsers(&sc.proj)
	} else {
		sc.parsers = s.CellParsers(&sc.fac)
	}
	return sc
}

// rowsFrom counts the lines from line on that are not blank: the rows a
// problem of the file or its header leaves out (a line, as a record with
// a line break in a quoted cell cannot be told apart once the quoting is
// broken).
func (li *lineIndex) rowsFrom(line int) int {
	n := 0
	for l := max(line, 1); l <= len(li.starts); l++ {
		if !li.blank(l) {
			n++
		}
	}
	return n
}

// blank reports whether a line holds only spaces, tabs and CR.
func (li *lineIndex) blank(line int) bool {
	start, end := li.starts[line-1], len(li.data)
	if line < len(li.starts) {
		end = li.starts[line]
	}
	return len(bytes.TrimSpace(li.data[start:end])) == 0
}

// lostRows is the number of rows of a text file none of which is read:
// its lines that are not blank (at LF, or CR alone), less the header.
func lostRows(raw []byte) int {
	if bytes.IndexByte(raw, '\n') < 0 {
		raw = bytes.ReplaceAll(raw, []byte{'\r'}, []byte{'\n'})
	}
	return max(0, newLineIndex(raw).rowsFrom(1)-1)
}

// csvErrorLine is the line where the record that encoding/csv could not
// read starts.
func csvErrorLine(err error, li *lineIndex) int {
	var pe *csv.ParseError
	if errors.As(err, &pe) && pe.StartLine > 0 {
		return pe.StartLine
	}
	return len(li.starts) + 1
}

func reportCSVError(file string, err error, li *lineIndex, comma rune, env *Env) {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		if errors.Is(pe.Err, csv.ErrQuote) {
			// encoding/csv notices a quote that is never closed where it
			// gives up (the end of the file, or the next quote); the quote
			// that opened the field is the place to fix
			if line, col, ok := openingQuote(li, pe, comma); ok {
				env.Problems.Add(msg(diag.Problem{Pos: li.pos(file, line, col), Severity: diag.Error, Rule: "format-error"},
					"csv.unclosed_quote", li.pos(file, pe.Line, pe.Column).String()))
				return
			}
		}
		env.Problems.Add(msg(diag.Problem{Pos: li.pos(file, pe.Line, pe.Column), Severity: diag.Error, Rule: "format-error"}, "csv.syntax", pe.Err.Error()))
		return
	}
	env.Problems.Add(msg(diag.Problem{Pos: diag.Pos{File: file}, Severity: diag.Error, Rule: "source-error"}, "file.read", err.Error()))
}

// openingQuote finds the quote that opened the field a quoting error
// (csv.ErrQuote) was noticed in, when that field began on an earlier line
// than the error: a quote never closed, or closed only by the quote of a
// later cell. It walks the record from its first line as encoding/csv
// reads it. ok is false when the field began on the error's line (its
// position is then exact: «"B" x»).
func openingQuote(li *lineIndex, pe *csv.ParseError, comma rune) (line, col int, ok bool) {
	if pe.StartLine < 1 || pe.StartLine > len(li.starts) || pe.Line <= pe.StartLine || pe.Line > len(li.starts) || comma >= utf8.RuneSelf {
		return 0, 0, false
	}
	data, sep := li.data, byte(comma)
	errOff := li.starts[pe.Line-1] + pe.Column - 1
	for i := li.starts[pe.StartLine-1]; i < len(data) && i <= errOff; {
		if data[i] != '"' { // a field without quotes: to the next separator
			for i < len(data) && data[i] != sep && data[i] != '\n' {
				i++
			}
		} else {
			open := i
			for i++; ; i++ {
				if i >= len(data) || i >= errOff {
					break // not closed before the error: this is the field
				}
				if data[i] == '"' {
					if i+1 < len(data) && data[i+1] == '"' {
						i++
						continue
					}
					break
				}
			}
			if i >= errOff || i+1 >= len(data) || (data[i+1] != sep && data[i+1] != '\n' && data[i+1] != '\r') {
				l := li.lineOf(open)
				if l >= pe.Line {
					return 0, 0, false
				}
				return l, open - li.starts[l-1] + 1, true
			}
			i++ // past the closing quote
			if data[i] == '\r' {
				i++
			}
		}
		if i < len(data) && data[i] == '\n' {
			return 0, 0, false // the record ended before the error
		}
		i++ // past the separator
	}
	return 0, 0, false
}

func firstInvalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(data)
}

func itoa(n int) string { return strconv.Itoa(n) }

// decodeCSVLayout reads a CSV file whose first line is not a canonical
// header as a report-shaped sheet (sheet.go). It returns false when the
// file is not one either: the caller then reads it as a plain table, whose
// header problems say what is wrong.
func decodeCSVLayout(file string, h *csvHeader, m *layout.Mapping, env *Env, sink Sink) bool {
	r := csv.NewReader(bytes.NewReader(h.data))
	r.Comma, r.FieldsPerRecord = h.comma, -1
	g := &layout.Grid{Name: file}
	var pos [][]rawPos
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil || len(g.Rows) >= maxLayoutRows {
			return false // the plain reading reports the syntax error, the size
		}
		p := make([]rawPos, len(rec))
		for i := range rec {
			p[i].line, p[i].col = r.FieldPos(i)
		}
		g.Rows, pos = append(g.Rows, rec), append(pos, p)
	}
	g.Pos = func(row, col int) diag.Pos {
		if row < 0 || row >= len(pos) || len(pos[row]) == 0 {
			return diag.Pos{File: file, Line: 1, Col: 1}
		}
		if col < 0 || col >= len(pos[row]) {
			return diag.Pos{File: file, Line: pos[row][0].line + h.li.base, Col: h.li.lineEnd(pos[row][0].line)}
		}
		return h.li.pos(file, pos[row][col].line, pos[row][col].col)
	}
	cells := func(*layout.Table) (text, vote func(r, c int) string) { return g.Cell, g.Cell }
	res, nr, t := readSheet(file, "", g, m, env, sink, cells, false)
	switch res {
	case sheetPlain:
		if nr == nil || len(nr.Seen) == 0 || knownLabel(g.Rows[max(firstNonBlankRow(g), 0)]) {
			return false // the header's own problems say more
		}
		// labels, none of them known: what was seen and how to give a mapping
		notRecognised(nr, g.At(nr.SeenRow, 0), env)
		env.RowsLost += filledRows(g.Rows[nr.SeenRow+1:])
		return true
	case sheetNot:
		at, body := g.At(0, 0), g.Rows
		if t != nil && len(t.HeaderRows) > 0 {
			at, body = g.At(t.HeaderRows[0], 0), g.Rows[t.HeaderRows[len(t.HeaderRows)-1]+1:]
		}
		notRecognised(nr, at, env)
		env.RowsLost += filledRows(body) // the error says why
		return true
	}
	if t != nil {
		env.Inputs = append(env.Inputs, Input{File: file, Format: "csv", Encoding: h.enc, Delimiter: h.comma, Kind: parks.FacilitySchema.Kind, HeaderRow: t.HeaderRows[0] + 1})
	}
	return true
}

// knownLabel says whether a cell of row names a known column.
func knownLabel(row []string) bool {
	for _, h := range row {
		if strings.TrimSpace(h) != "" && headerColumn(h) != "" {
			return true
		}
	}
	return false
}
