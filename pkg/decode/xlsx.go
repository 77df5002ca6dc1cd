package decode

import (
	"bytes"
	"errors"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/parks-kz/parks/pkg/diag"
	"github.com/parks-kz/parks/pkg/layout"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/xuri/excelize/v2"
)

// Size limits of a workbook. A zip bomb (a small file that unpacks to
// gigabytes) is refused before it is unpacked: excelize checks the sizes
// the archive declares against UnzipSizeLimit, and Go's zip reader refuses
// an entry that unpacks to more than it declared. Worksheets larger than
// UnzipXMLSizeLimit are streamed from a temporary file, not held in memory.
const (
	XLSXUnzipLimit    = 100 << 20
	XLSXUnzipXMLLimit = 16 << 20
)

// Bounds of one sheet. Reading cell types, formulas and merged ranges
// makes excelize build the sheet in memory, as wide and as long as its
// farthest cell; a crafted reference (XFD1048576) would make that huge, so
// a sheet past these bounds is refused before it is built. Real parks
// workbooks are a few hundred rows.
const (
	maxSheetRows  = 100000
	maxSheetCells = 2000000
)

// DecodeXLSX reads an Excel workbook: every sheet whose header (in its first
// rows) names known columns is read as facilities or projects. Positions
// are FILE:Sheet!C12.
func DecodeXLSX(file string, data []byte, env *Env, sink Sink) {
	decodeXLSX(file, data, nil, env, sink)
}

// decodeXLSX is DecodeXLSX with the user's layout mapping (--map), if
// any; a mapping that names a sheet applies to that sheet only.
func decodeXLSX(file string, data []byte, m *layout.Mapping, env *Env, sink Sink) {
	at := diag.Pos{File: file}
	damaged := zipCheck(data)
	tmp, untrack := unpackDir()
	defer untrack()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: XLSXUnzipLimit, UnzipXMLSizeLimit: XLSXUnzipXMLLimit, TmpDir: tmp,
	})
	if err != nil {
		p := diag.Problem{Pos: at, Severity: diag.Error, Rule: "format-error"}
		switch {
		case strings.Contains(err.Error(), "unzip size exceeds"):
			p = msg(p, "xlsx.too_large", itoa(XLSXUnzipLimit>>20))
		case errors.Is(err, excelize.ErrWorkbookFileFormat), errors.Is(err, excelize.ErrWorkbookPassword):
			p = msg(p, "xlsx.encrypted")
		case strings.Contains(err.Error(), "zip"):
			p = msg(p, "xlsx.not_xlsx", err.Error())
		default:
			if part, zerr := damaged(); zerr != nil && part != "" {
				p = msg(p, "xlsx.damaged_zip", part, zerr.Error())
				break
			}
			p = msg(p, "xlsx.open", err.Error())
		}
		env.Problems.Add(p)
		env.FilesUnread++
		return
	}
	defer f.Close()
	if part, err := damaged(); err != nil && part != "" {
		env.Problems.Add(msg(diag.Problem{Pos: at, Severity: diag.Error, Rule: "format-error"}, "xlsx.damaged_zip", part, err.Error()))
		env.FilesUnread++
		return
	}
	date1904 := false
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		date1904 = *props.Date1904
	}
	found := false
	book := &xlsxBook{data: data}
	if !xlsxExcelizeOnly {
		book.archive, _ = openArchive(data) // nil: every sheet is read through excelize
	}
	for _, sheet := range f.GetSheetList() {
		x := &xlsxSheet{file: file, f: f, sheet: sheet, env: env, sink: sink, date1904: date1904, book: book}
		if m != nil && (m.Sheet == "" || m.Sheet == sheet) {
			x.mapping = m
		}
		if x.decode() {
			found = true
		} else {
			env.Inputs = append(env.Inputs, Input{File: file, Format: "xlsx", Sheet: sheet}) // skipped: no header
		}
	}
	if !found && book.notRecognised != nil {
		notRecognised(book.notRecognised, book.notRecognisedAt, env)
		env.RowsLost += book.notRecognisedRows // the error says why
	} else if !found && book.noHeader != nil {
		notRecognised(book.noHeader, book.noHeaderAt, env)
		env.FilesUnread++
	} else if !found {
		env.Problems.Add(msg(diag.Problem{Pos: at, Severity: diag.Error, Rule: "missing-label"}, "xlsx.no_header", itoa(layout.HeaderSearchRows)))
		env.FilesUnread++
	}
}

// xlsxExcelizeOnly turns the fast worksheet reader off (tests compare).
var xlsxExcelizeOnly = false

// xlsxBook is what the sheets of a workbook share.
type xlsxBook struct {
	data    []byte
	archive *xlsxArchive // nil: no fast reading
	sst     []string
	sstRead bool
	sstOK   bool
	// the sheet layout recognised best without reading it, for the error
	// when no sheet is read
	notRecognised     *layout.NotRecognised
	notRecognisedAt   diag.Pos
	notRecognisedRows int
	// the first sheet with labels but no known one, for the error when no
	// sheet is read: the labels it shows
	noHeader   *layout.NotRecognised
	noHeaderAt diag.Pos
}

// xlsxSheet decodes one worksheet.
type xlsxSheet struct {
	file, sheet string
	f           *excelize.File
	env         *Env
	sink        Sink
	date1904    bool
	book        *xlsxBook
	mapping     *layout.Mapping // the user's --map, if any
	// the sheet as the fast reader read it (xlsx_scan.go); nil when it was
	// read through excelize's calls
	scan *scannedSheet
	// rowPositions' buffers
	colNames []string
	refBuf   []byte
	refEnds  []int
	posBuf   []diag.Pos
}

func (x *xlsxSheet) pos(col, row int) diag.Pos {
	ref, _ := excelize.CoordinatesToCellName(col+1, row)
	return diag.Pos{File: x.file, Cell: x.sheet + "!" + ref}
}

// rowPositions gives the positions of the first n cells of a row, the
// same as pos, with their texts in one string (one allocation a row, not
// one a cell). The slice is reused by the next call.
func (x *xlsxSheet) rowPositions(row, n int) []diag.Pos {
	for len(x.colNames) < n {
		name, _ := excelize.ColumnNumberToName(len(x.colNames) + 1)
		x.colNames = append(x.colNames, name)
	}
	b := x.refBuf[:0]
	ends := x.refEnds[:0]
	for c := range n {
		b = append(b, x.sheet...)
		b = append(b, '!')
		b = append(b, x.colNames[c]...)
		b = strconv.AppendInt(b, int64(row), 10)
		ends = append(ends, len(b))
	}
	x.refBuf, x.refEnds = b, ends
	refs := string(b)
	x.posBuf = x.posBuf[:0]
	start := 0
	for _, end := range ends {
		x.posBuf = append(x.posBuf, diag.Pos{File: x.file, Cell: refs[start:end]})
		start = end
	}
	return x.posBuf
}

// decode reads the sheet if it has a header; it reports whether it had.
func (x *xlsxSheet) decode() bool {
	nums, rows, ok := x.read()
	if !ok {
		return true
	}
	hr := layout.HeaderRow(rows)
	if hr >= 0 {
		if i := longCell(rows[hr]); i >= 0 {
			headerTooLong(x.pos(i, nums[hr]), len(rows[hr][i]), x.env)
			x.env.RowsLost += filledRows(rows[hr+1:])
			return true
		}
	}
	if x.mapping != nil || hr < 0 || !layout.IsCanonical(rows[hr]) {
		// titles, a header of several rows, no id: a report-shaped sheet
		switch res, nr := x.decodeLayout(nums, rows); {
		case res == sheetRead:
			return true
		case nr != nil && nr.Aggregate:
			// totals by district (a `parks report` workbook's tables): not facilities
			x.env.Problems.Add(msg(diag.Problem{Pos: x.pos(0, 1), Severity: diag.Info, Rule: "layout-row"}, "layout.aggregate", quoted(x.sheet)))
			return false
		case res == sheetNot:
			return false
		}
	}
	if hr < 0 {
		x.skipped(nums, rows)
		return false
	}
	header := rows[hr]
	headerRow := nums[hr]
	headerPos := make([]diag.Pos, len(header))
	for i := range header {
		headerPos[i] = x.pos(i, headerRow)
	}
	// trailing blank header cells are the sheet's empty columns, not blank labels
	for len(header) > 0 && strings.TrimSpace(header[len(header)-1]) == "" {
		header = header[:len(header)-1]
	}
	schema := schemaOfHeader(header)
	cols, scales, ok := mapHeader(x.file, header, headerPos, schema, x.env)
	x.env.headerAt(x.file+"#"+x.sheet, headerPos, cols)
	if _, seen := x.env.headers[x.file]; !seen {
		x.env.headerAt(x.file, headerPos, cols) // the workbook's first header, for file-wide problems
	}
	if !ok {
		x.env.RowsLost += filledRows(rows[hr+1:]) // the header says why
		return true
	}
	data, dataNums := rows[hr+1:], nums[hr+1:]
	// Numbers are read from the cell values, text as written: a numeric
	// cell's raw value is normalised before it reaches ParseCell.
	// Only text cells show the file's decimal separator; numeric cells are
	// numbers already.
	// The cells are converted in place; the decimal separator is voted on
	// the text cells alone.
	cells := data
	var numeric []bool // every cell of data, row by row
	starts := make([]int, len(data)+1)
	for r, row := range data {
		starts[r] = len(numeric)
		for c, v := range row {
			var num bool
			row[c], num = x.cellText(v, c, hr+1+r, dataNums[r], cols, schema)
			numeric = append(numeric, num)
		}
	}
	starts[len(data)] = len(numeric)
	texts := func(yield func([]string) bool) {
		var text []string
		k := 0
		for _, row := range data {
			text = text[:0]
			for _, v := range row {
				if numeric[k] {
					v = ""
				}
				text = append(text, v)
				k++
			}
			if !yield(text) {
				return
			}
		}
	}
	ctx, dec := columnContexts(cols, scales, schema, texts)
	x.env.Inputs = append(x.env.Inputs, Input{File: x.file, Format: "xlsx", Sheet: x.sheet, HeaderRow: headerRow, Decimal: dec, Kind: schema.Kind})
	lastRow := headerRow
	if len(dataNums) > 0 {
		lastRow = dataNums[len(dataNums)-1]
	}
	merged := x.mergedData(headerRow, lastRow, len(header), cols)
	seen := &rowIndex{}
	for r, row := range cells {
		if x.env.Problems.Full() {
			break
		}
		x.row(dataNums[r], row, numeric[starts[r]:starts[r+1]], header, schema, cols, ctx, merged, seen)
	}
	return true
}

// read reads the rows of the sheet that have cells, with their 1-based row
// numbers: with the fast reader when it can, else through excelize.
func (x *xlsxSheet) read() (nums []int, rows [][]string, ok bool) {
	if sc := x.scanSheet(); sc != nil {
		x.scan = sc
		switch sc.limitKind {
		case "rows":
			x.env.Problems.Add(msg(diag.Problem{Pos: x.pos(0, sc.limitRow), Severity: diag.Error, Rule: "format-error"},
				"xlsx.too_many_rows", quoted(x.sheet), itoa(maxSheetRows)))
			x.lostSheet()
			return nil, nil, false
		case "cells":
			x.env.Problems.Add(msg(diag.Problem{Pos: x.pos(0, sc.limitRow), Severity: diag.Error, Rule: "format-error"},
				"xlsx.too_many_cells", quoted(x.sheet), itoa(maxSheetCells)))
			x.lostSheet()
			return nil, nil, false
		}
		return sc.nums, sc.rows, true
	}
	return x.readRows()
}

// scanSheet reads the sheet with the fast reader; nil when it cannot.
func (x *xlsxSheet) scanSheet() *scannedSheet {
	b := x.book
	if b.archive == nil {
		return nil
	}
	if !b.sstRead {
		b.sst, b.sstOK = sharedStrings(x.f, b.archive, x.sheet)
		b.sstRead = true
	}
	if !b.sstOK {
		return nil
	}
	zf, ok := b.archive.sheetPart(x.f, x.sheet)
	if !ok {
		return nil
	}
	rc, err := zf.Open()
	if err != nil {
		return nil
	}
	// inflate on another core while the scanner reads
	pr, pw := io.Pipe()
	go func() {
		_, err := io.CopyBuffer(pw, rc, make([]byte, 256<<10))
		rc.Close()
		pw.CloseWithError(err)
	}()
	defer pr.Close() // stops the copy when the scanner stops early
	sc, err := scanSheet(pr, b.sst)
	if err != nil {
		return nil
	}
	return sc
}

// readRows reads the rows of the sheet that have cells, with their 1-based
// row numbers. It streams the sheet rather than building a dense grid, so a
// crafted row number (r="2000000000") costs no memory; a sheet past
// maxSheetRows or maxSheetCells is refused.
func (x *xlsxSheet) readRows() (nums []int, rows [][]string, ok bool) {
	sheetErr := func(err error) ([]int, [][]string, bool) {
		x.env.Problems.Add(msg(diag.Problem{Pos: diag.Pos{File: x.file, Cell: x.sheet + "!A1"}, Severity: diag.Error, Rule: "format-error"},
			"xlsx.sheet", quoted(x.sheet), err.Error()))
		return nil, nil, false
	}
	it, err := x.f.Rows(x.sheet)
	if err != nil {
		return sheetErr(err)
	}
	defer it.Close()
	total, n := 0, 0
	var text sheetText
	for n = 1; it.Next(); n++ {
		if n > maxSheetRows {
			x.env.Problems.Add(msg(diag.Problem{Pos: x.pos(0, n), Severity: diag.Error, Rule: "format-error"},
				"xlsx.too_many_rows", quoted(x.sheet), itoa(maxSheetRows)))
			x.lostSheet()
			return nil, nil, false
		}
		cells, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return sheetErr(err)
		}
		if total += len(cells); total > maxSheetCells {
			x.env.Problems.Add(msg(diag.Problem{Pos: x.pos(0, n), Severity: diag.Error, Rule: "format-error"},
				"xlsx.too_many_cells", quoted(x.sheet), itoa(maxSheetCells)))
			x.lostSheet()
			return nil, nil, false
		}
		if !text.add(cells) {
			x.env.Problems.Add(msg(diag.Problem{Pos: x.pos(0, n), Severity: diag.Error, Rule: "limit-error"},
				"xlsx.too_much_text", quoted(x.sheet), maxSheetText>>20))
			x.lostSheet()
			return nil, nil, false
		}
		if len(cells) > 0 {
			nums, rows = append(nums, n), append(rows, cells)
		}
	}
	if err := it.Error(); err != nil {
		return sheetErr(err)
	}
	// The iterator ends at an XML syntax error as if the sheet ended there;
	// reading the sheet whole (which the cells' types need anyway) finds
	// it, once: the sheet is then not read at all. Any other error of the
	// whole read (an attribute excelize types that does not parse, such as
	// tabSelected="trje") leaves the merged ranges and the cells' types
	// unknown: merged data cells would read blank and date serials as
	// numbers, so the sheet is refused as unreadable rather than guessed.
	if _, err := x.f.GetMergeCells(x.sheet, true); err != nil {
		lost, counted := x.sheetRowCount()
		if !counted {
			lost = len(rows)
		}
		if se, ok := syntaxError(err); ok {
			x.damagedSheet(n-1, se, lost)
			return nil, nil, false
		}
		x.env.RowsLost += lost
		return sheetErr(err)
	}
	return nums, rows, true
}

// cellText is the text ParseCell gets for a cell. Numeric cells give their
// value rounded to the 15 significant digits Excel keeps (so 0.1+0.2 is
// 0.3, not 0.30000000000000004), written plainly (never 1E+10); a number
// in a date column is a date serial and becomes YYYY-MM-DD.
func (x *xlsxSheet) cellText(v string, c, r, row int, cols []int, s *parks.Schema) (text string, numeric bool) {
	if v == "" || c >= len(cols) || cols[c] < 0 {
		return v, false
	}
	if x.scan != nil && x.scan.kinds[r][c] == kindText {
		return v, false // a text cell: parsed as written (asked first: a failed ParseFloat allocates)
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return v, false
	}
	if x.scan == nil {
		ref, _ := excelize.CoordinatesToCellName(c+1, row)
		if t, err := x.f.GetCellType(x.sheet, ref); err != nil || t != excelize.CellTypeUnset && t != excelize.CellTypeNumber && t != excelize.CellTypeFormula {
			return v, false // a text cell: parsed as written
		}
	}
	if s.Columns[cols[c]].Type == "date" {
		if f != math.Trunc(f) || f < 1 {
			return v, true // not a whole-day serial: ParseCell refuses it as written
		}
		t, err := excelize.ExcelDateToTime(f, x.date1904)
		if err != nil {
			return v, true
		}
		return t.Format("2006-01-02"), true
	}
	if plainDigits(v) {
		return v, true // what the rounding below gives back, without it
	}
	g, _ := strconv.ParseFloat(strconv.FormatFloat(f, 'g', 15, 64), 64)
	return strconv.FormatFloat(g, 'f', -1, 64), true
}

// plainDigits: a whole number of at most 15 digits, without a sign or a
// leading zero (the form of most figures in a workbook).
func plainDigits(v string) bool {
	if len(v) == 0 || len(v) > 15 || v[0] == '0' && len(v) > 1 {
		return false
	}
	for i := 0; i < len(v); i++ {
		if v[i] < '0' || v[i] > '9' {
			return false
		}
	}
	return true
}

// mergedData finds merged ranges that span data rows of read columns: only
// their first cell holds the value, so the other rows would silently read
// blank. It maps each such cell (column, row) to the range; only cells of
// rows the sheet has are mapped, however large the range claims to be.
func (x *xlsxSheet) mergedData(headerRow, lastRow, width int, cols []int) map[[2]int]string {
	var merges []excelize.MergeCell
	if x.scan != nil {
		merges = x.scan.merges
	} else if m, err := x.f.GetMergeCells(x.sheet, true); err == nil {
		merges = m
	}
	if len(merges) == 0 {
		return nil
	}
	out := map[[2]int]string{}
	for _, m := range merges {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil || r2 <= headerRow {
			continue
		}
		for c := c1; c <= c2; c++ {
			if c-1 >= width || cols[c-1] < 0 {
				continue
			}
			for r := max(r1, headerRow+1); r <= min(r2, lastRow); r++ {
				if r != r1 || c != c1 {
					out[[2]int{c - 1, r}] = m.GetStartAxis() + ":" + m.GetEndAxis()
				}
			}
		}
	}
	return out
}

// row decodes one data row (1-based sheet row number).
// numeric says which of the record's cells are numbers (written with a
// decimal point by cellText, whatever the text cells show).
func (x *xlsxSheet) row(rowNum int, record []string, numeric []bool, header []string, s *parks.Schema, cols []int, ctx []parks.ParseContext, merged map[[2]int]string, seen *rowIndex) {
	if slices.IndexFunc(record, func(v string) bool { return strings.TrimSpace(v) != "" }) < 0 {
		if len(record) > 0 {
			x.env.Problems.Add(msg(diag.Problem{Pos: x.pos(0, rowNum), Severity: diag.Warning, Rule: "blank-row"}, "csv.blank_row"))
		}
		return
	}
	x.env.RowsIn++
	positions := x.rowPositions(rowNum, max(1, len(cols)))
	rs := &rowState{env: x.env, row: positions[0], cells: make([]diag.Pos, len(s.Columns))}
	if idCol := slices.Index(cols, s.Col("id")); idCol >= 0 && idCol < len(record) {
		rs.id = strings.TrimSpace(record[idCol])
	}
	if first, dup := seen.add(record, rs.row); dup {
		rs.problem(msg(diag.Problem{Pos: rs.row, Severity: diag.Error, Rule: "duplicate-row"}, "xlsx.duplicate_row", strings.TrimPrefix(first.Cell, x.sheet+"!A")))
		x.env.RowsDropped++
		return
	}
	for i := len(header); i < len(record); i++ {
		if strings.TrimSpace(record[i]) != "" {
			rs.problem(msg(diag.Problem{Pos: x.pos(i, rowNum), Severity: diag.Error, Rule: "extra-cell", Value: record[i]}, "xlsx.extra_cell"))
		}
	}
	rec, parsers := newRecord(s)
	present := make([]bool, len(s.Columns))
	for i, c := range cols {
		if c < 0 {
			continue
		}
		p := positions[i]
		rs.cells[c], present[c] = p, true
		v := ""
		if i < len(record) {
			v = record[i]
		}
		if v == "" {
			if rng, ok := merged[[2]int{i, rowNum}]; ok {
				rs.problem(msg(diag.Problem{Pos: p, Severity: diag.Error, Rule: "merged-cell", Field: s.Columns[c].Name},
					"xlsx.merged", rng, s.Columns[c].Name))
				continue
			}
			if formula := x.formula(i, rowNum, p); formula != "" {
				rs.problem(msg(diag.Problem{Pos: p, Severity: diag.Error, Rule: "formula-error", Field: s.Columns[c].Name, Value: "=" + formula},
					"xlsx.formula", formula))
				continue
			}
		}
		pc := &ctx[i]
		if i < len(numeric) && numeric[i] && pc.Decimal != parks.DecimalPoint {
			point := *pc
			point.Decimal = parks.DecimalPoint
			pc = &point
		}
		rs.cell(parsers[c], s.Columns[c], v, c, pc)
	}
	rs.missingRequired(s, present)
	rs.emit(rec, x.sink)
}

// formula is the formula of a cell that has no value, "" if it has none.
func (x *xlsxSheet) formula(col, row int, p diag.Pos) string {
	if x.scan != nil {
		return x.scan.formulas[[2]int{col, row}]
	}
	formula, err := x.f.GetCellFormula(x.sheet, strings.TrimPrefix(p.Cell, x.sheet+"!"))
	if err != nil {
		return ""
	}
	return formula
}
