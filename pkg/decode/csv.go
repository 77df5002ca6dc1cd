package decode

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/parks-kz/parks/pkg/diag"
	"github.com/parks-kz/parks/pkg/parks"
)

// CSVOptions are the dialect settings of a CSV file.
type CSVOptions struct {
	Comma rune // 0: sniffed from the header
}

// lineIndex maps byte offsets to lines and character columns. encoding/csv
// reports byte columns; people and editors count characters.
type lineIndex struct {
	data   []byte
	starts []int // byte offset where each line starts; starts[0] is line 1
}

func newLineIndex(data []byte) *lineIndex {
	li := &lineIndex{data: data, starts: []int{0}}
	for i, b := range data {
		if b == '\n' {
			li.starts = append(li.starts, i+1)
		}
	}
	return li
}

// pos converts encoding/csv's (line, byte column) to a position.
func (li *lineIndex) pos(file string, line, byteCol int) diag.Pos {
	if line < 1 || line > len(li.starts) {
		return diag.Pos{File: file, Line: line, Col: byteCol}
	}
	start := li.starts[line-1]
	end := min(start+byteCol-1, len(li.data))
	return diag.Pos{File: file, Line: line, Col: utf8.RuneCount(li.data[start:end]) + 1}
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
	return utf8.RuneCount(text) + 1
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// DecodeCSV reads a CSV file of facilities or projects (recognised by a
// facility_id column) and hands each record to the sink.
func DecodeCSV(file string, data []byte, opts CSVOptions, env *Env, sink Sink) {
	data = bytes.TrimPrefix(data, utf8BOM)
	if !utf8.Valid(data) {
		off := firstInvalidUTF8(data)
		li := newLineIndex(data)
		line := li.lineOf(off)
		env.Problems.Add(msg(diag.Problem{Pos: diag.Pos{File: file, Line: line, Col: utf8.RuneCount(data[li.starts[line-1]:off]) + 1},
			Severity: diag.Error, Rule: "encoding-error"}, "csv.encoding"))
		return
	}
	if len(bytes.TrimSpace(data)) == 0 {
		env.Problems.Add(msg(diag.Problem{Pos: diag.Pos{File: file, Line: 1, Col: 1}, Severity: diag.Error, Rule: "blank-header"}, "csv.empty"))
		return
	}
	li := newLineIndex(data)
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = opts.Comma
	if r.Comma == 0 {
		r.Comma = sniffComma(data)
	}
	r.FieldsPerRecord = -1 // short and long rows are reported by us, with positions
	r.ReuseRecord = true

	header, err := r.Read()
	if err != nil {
		reportCSVError(file, err, li, env)
		return
	}
	headerPos := make([]diag.Pos, len(header))
	for i := range header {
		line, col := r.FieldPos(i)
		headerPos[i] = li.pos(file, line, col)
	}
	schema := parks.FacilitySchema
	if slices.ContainsFunc(header, func(h string) bool { return canonicalHeader(h) == "facility_id" }) {
		schema = parks.ProjectSchema
	}
	cols, ok := mapHeader(file, header, headerPos, schema, env)
	env.headerAt(file, headerPos, cols)
	if !ok {
		return
	}
	d := &csvRows{file: file, li: li, env: env, sink: sink, schema: schema, cols: cols, width: len(header), seen: map[string]diag.Pos{}}
	prevEnd := int(r.InputOffset())
	for !env.Problems.Full() {
		record, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			reportCSVError(file, err, li, env)
			return // encoding/csv cannot resynchronise after a quoting error
		}
		line, _ := r.FieldPos(0)
		for blank := li.lineOf(prevEnd); blank < line; blank++ {
			env.Problems.Add(msg(diag.Problem{Pos: diag.Pos{File: file, Line: blank, Col: 1}, Severity: diag.Warning, Rule: "blank-row"}, "csv.blank_line"))
		}
		prevEnd = int(r.InputOffset())
		d.row(r, record)
	}
}

// csvRows decodes the data rows of one CSV file.
type csvRows struct {
	file   string
	li     *lineIndex
	env    *Env
	sink   Sink
	schema *parks.Schema
	cols   []int // schema column index of each file column, -1 if unknown
	width  int
	seen   map[string]diag.Pos // row content → first position, for duplicate-row
}

func (d *csvRows) row(r *csv.Reader, record []string) {
	pos := func(i int) diag.Pos {
		line, col := r.FieldPos(i)
		return d.li.pos(d.file, line, col)
	}
	if slices.IndexFunc(record, func(s string) bool { return strings.TrimSpace(s) != "" }) < 0 {
		d.env.Problems.Add(msg(diag.Problem{Pos: pos(0), Severity: diag.Warning, Rule: "blank-row"}, "csv.blank_row"))
		return
	}
	d.env.RowsIn++
	rs := &rowState{env: d.env, row: pos(0), cells: make([]diag.Pos, len(d.schema.Columns))}
	if idCol := slices.Index(d.cols, d.schema.Col("id")); idCol >= 0 && idCol < len(record) {
		rs.id = strings.TrimSpace(record[idCol])
	}
	key := strings.Join(record, "\x00")
	if first, dup := d.seen[key]; dup {
		rs.problem(msg(diag.Problem{Pos: rs.row, Severity: diag.Error, Rule: "duplicate-row"}, "csv.duplicate_row", itoa(first.Line)))
		d.env.RowsDropped++
		return
	}
	d.seen[key] = rs.row
	switch {
	case len(record) < d.width:
		line, _ := r.FieldPos(len(record) - 1)
		rs.problem(msg(diag.Problem{Pos: diag.Pos{File: d.file, Line: line, Col: d.li.lineEnd(line)}, Severity: diag.Error, Rule: "missing-cell"}, "csv.cell_count", itoa(len(record)), itoa(d.width)))
	case len(record) > d.width:
		rs.problem(msg(diag.Problem{Pos: pos(d.width), Severity: diag.Error, Rule: "extra-cell", Value: record[d.width]}, "csv.cell_count", itoa(len(record)), itoa(d.width)))
	}
	rec, parsers := newRecord(d.schema)
	present := make([]bool, len(d.schema.Columns))
	for i, c := range d.cols {
		if c >= 0 && i >= len(record) {
			present[c] = true // a short row is one missing-cell problem, not also a required-value one
		}
		if c < 0 || i >= len(record) {
			continue
		}
		p := pos(i)
		rs.cells[c], present[c] = p, true
		rs.cell(parsers[c], d.schema.Columns[c], record[i], p, nil)
	}
	rs.missingRequired(d.schema, present)
	rs.emit(rec, d.sink)
}

// mapHeader matches header cells to schema columns, reporting blank,
// duplicate, unknown and missing labels. It returns false when the file
// cannot be read as this schema at all.
func mapHeader(file string, header []string, pos []diag.Pos, s *parks.Schema, env *Env) ([]int, bool) {
	cols := make([]int, len(header))
	first := map[int]int{}
	ok := true
	for i, h := range header {
		cols[i] = -1
		name := canonicalHeader(h)
		switch c := s.Col(name); {
		case strings.TrimSpace(h) == "":
			env.Problems.Add(msg(diag.Problem{Pos: pos[i], Severity: diag.Error, Rule: "blank-label"}, "csv.blank_label", itoa(i+1)))
		case c < 0:
			p := msg(diag.Problem{Pos: pos[i], Severity: diag.Warning, Rule: "extra-label", Value: h}, "csv.unknown_column", quoted(h))
			if near := parks.Closest(name, s.Names()); near != "" {
				p = msg(p, "csv.unknown_column_near", quoted(h), quoted(near))
			}
			env.Problems.Add(p)
		default:
			if j, dup := first[c]; dup {
				env.Problems.Add(msg(diag.Problem{Pos: pos[i], Severity: diag.Error, Rule: "duplicate-label", Value: h}, "csv.duplicate_column", quoted(name), itoa(j+1)))
				continue
			}
			first[c] = i
			cols[i] = c
		}
	}
	for _, req := range s.Required() {
		if _, found := first[s.Col(req)]; !found {
			env.Problems.Add(msg(diag.Problem{Pos: diag.Pos{File: file, Line: pos[0].Line, Col: 1}, Severity: diag.Error, Rule: "missing-label", Field: req}, "csv.missing_column", quoted(req)))
			ok = false
		}
	}
	return cols, ok
}

// canonicalHeader folds a header cell to the canonical column form.
func canonicalHeader(h string) string {
	return strings.ToLower(strings.TrimSpace(h))
}

// sniffComma picks the delimiter that splits the header into the most
// fields, among comma, semicolon, tab and pipe; comma wins ties.
func sniffComma(data []byte) rune {
	line := data
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		line = data[:i]
	}
	best, bestN := ',', 0
	for _, c := range []rune{',', ';', '\t', '|'} {
		if n := strings.Count(string(line), string(c)); n > bestN {
			best, bestN = c, n
		}
	}
	return best
}

func reportCSVError(file string, err error, li *lineIndex, env *Env) {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		env.Problems.Add(msg(diag.Problem{Pos: li.pos(file, pe.Line, pe.Column), Severity: diag.Error, Rule: "format-error"}, "csv.syntax", pe.Err.Error()))
		return
	}
	env.Problems.Add(msg(diag.Problem{Pos: diag.Pos{File: file}, Severity: diag.Error, Rule: "source-error"}, "file.read", err.Error()))
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
