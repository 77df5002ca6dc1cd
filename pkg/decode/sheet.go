package decode

import (
	"iter"
	"path/filepath"
	"strings"

	"github.com/parks-kz/parks/pkg/diag"
	"github.com/parks-kz/parks/pkg/layout"
	"github.com/parks-kz/parks/pkg/parks"
)

// Report-shaped sheets: a grid whose first line is not a canonical header
// (titles above the table, a header of two or three rows, subtotals…) is
// read through pkg/layout, which names each column's field and gives every
// row a role; the data rows become records here, through the same
// rowState and ParseCell as every other format. docs/sheets.md says how.

// maxLayoutRows bounds a grid read through layout (a report is a few
// hundred rows; a larger file must have a canonical header and stream).
const maxLayoutRows = 100000

// sheetTable reads the records of one recognised grid.
type sheetTable struct {
	env  *Env
	sink Sink
	g    *layout.Grid
	t    *layout.Table
	s    *parks.Schema
	cols []int // schema column of each grid column, -1 when none
	ctx  []parks.ParseContext
	// text is the text ParseCell gets for a cell (a workbook's numeric
	// cells normalised); vote is the text the decimal separator is voted
	// on ("" for cells that are numbers already)
	text, vote func(r, c int) string
	file       string
	source     string // default source: the file and sheet
	key        string // the header's key: file, or file#sheet
	// filled: the workbook's merged ranges fill their rows (XLSX); a CSV
	// fills a blank district from the row above in the same group
	merged bool

	mergeRows map[int][]layout.Range // see mergedFrom

	grouped bool // noteGrouped has noted its number

	ids  map[string]int // derived ids given, for collision suffixes
	rows map[int]*sheetRow
}

// sheetRow is a data row as read: its record's figures, for the subtotal
// check, and whether a cell of a column had an error.
type sheetRow struct {
	vals []int64 // by schema column
	set  []bool
	bad  []bool
	kato string // the district resolved, for the subtotal's district check
}

// sheetResult is what readSheet did with a grid.
type sheetResult int

const (
	sheetRead  sheetResult = iota // read as a report (or its error reported)
	sheetPlain                    // a plain table with a one-row header at the top: the caller reads it as before
	sheetNot                      // not recognised: nr says what was found
)

// readSheet reads a grid through layout. A grid whose header is one row
// at the very top and that layout cannot read is left to the caller
// (sheetPlain): the header's own problems say more about it.
// cells gives, once the table is known, the text ParseCell gets for a
// cell and the text its decimal separator is voted on.
func readSheet(file, sheet string, g *layout.Grid, m *layout.Mapping, env *Env, sink Sink, cells func(*layout.Table) (text, vote func(r, c int) string), merged bool) (sheetResult, *layout.NotRecognised, *layout.Table) {
	t, err := layout.Find(g, m)
	if t != nil || err == nil {
		tu := TableUsed{File: file, Sheet: sheet, Grid: g, Table: t}
		tu.NotRead, _ = err.(*layout.NotRecognised)
		env.Tables = append(env.Tables, tu)
	}
	if err != nil {
		nr, ok := err.(*layout.NotRecognised)
		if !ok {
			env.Problems.Add(msg(diag.Problem{Pos: g.At(0, 0), Severity: diag.Error, Rule: "source-error"}, "file.read", err.Error()))
			return sheetRead, nil, nil
		}
		if m == nil && (nr.Reason != "" || t == nil || len(t.HeaderRows) == 1 && t.HeaderRows[0] == firstNonBlankRow(g)) {
			return sheetPlain, nr, t
		}
		return sheetNot, nr, t
	}
	text, vote := cells(t)
	st := &sheetTable{env: env, sink: sink, g: g, t: t, text: text, vote: vote, file: file, merged: merged,
		ids: map[string]int{}, rows: map[int]*sheetRow{}}
	st.s = parks.FacilitySchema
	if t.Kind == "projects" {
		st.s = parks.ProjectSchema
	}
	st.source = filepath.Base(file)
	st.key = file
	if sheet != "" {
		st.source += ", " + sheet
		st.key = file + "#" + sheet
	}
	st.read()
	return sheetRead, nil, t
}

func firstNonBlankRow(g *layout.Grid) int {
	for r, row := range g.Rows {
		if firstNonBlank(row) >= 0 {
			return r
		}
	}
	return -1
}

// notRecognised reports a grid layout could not read: what was found and
// how to give a mapping.
func notRecognised(nr *layout.NotRecognised, at diag.Pos, env *Env) {
	p := diag.Problem{Pos: at, Severity: diag.Error, Rule: "missing-label"}
	if len(nr.Missing) > 0 {
		p = msg(p, "layout.missing", strings.Join(nr.Missing, ", "), strings.Join(nr.Seen, "; "))
	} else if len(nr.Seen) > 0 {
		p = msg(p, "layout.no_header_seen", itoa(layout.HeaderSearchRows), itoa(nr.SeenRow+1), strings.Join(nr.Seen, "; "))
	} else {
		p = msg(p, "layout.no_header", itoa(layout.HeaderSearchRows))
	}
	env.Problems.Add(p)
}

func (st *sheetTable) read() {
	s, t, g := st.s, st.t, st.g
	width := len(t.Columns)
	st.cols = make([]int, width)
	scales := make([]int64, width)
	var headerCells []diag.Pos
	var present []int
	for i, c := range t.Columns {
		if b := s.Col(c.BadUnit); b >= 0 {
			col := s.Columns[b]
			unit := any(col.Unit)
			if col.Unit == "" || col.Type == "integer" && col.Unit != "KZT" {
				unit = diag.Text{ID: "problem.unit.plain_count"}
			}
			st.env.Problems.Add(msg(diag.Problem{Pos: g.At(t.HeaderRows[0], i), Severity: diag.Error, Rule: "unit-error", Value: c.Label, Field: col.Name},
				"header.unit_mismatch", quoted(c.Label), quoted(col.Name), col.Name, unit))
			st.env.ColumnsUnread++
		}
		st.cols[i] = s.Col(c.Field)
		scales[i] = c.Scale
		if st.cols[i] >= 0 {
			present = append(present, st.cols[i])
		}
		headerCells = append(headerCells, g.At(t.HeaderRows[0], i))
	}
	// as_of from the title and the default source count as columns the
	// sheet gives (no "column absent" warning)
	if t.AsOf != "" && t.Col("as_of") < 0 {
		present = append(present, s.Col("as_of"))
	}
	if t.Col("source") < 0 {
		present = append(present, s.Col("source"))
	}
	st.env.headerAt(st.key, headerCells, present)
	if _, seen := st.env.headers[st.file]; !seen {
		st.env.headerAt(st.file, headerCells, present)
	}
	st.ctx, _ = columnContexts(st.cols, scales, s, st.voteRows())
	for i, c := range st.cols {
		if c < 0 {
			continue
		}
		switch s.Columns[c].Type {
		case "integer", "number":
			st.ctx[i].Markers = markerKind
			st.ctx[i].TellGrouped = true
		case "enum":
			if s.Columns[c].Name == "kind" {
				st.ctx[i].Words = layout.KindWord
			} else {
				st.ctx[i].Words = layout.StatusWord
			}
		}
	}
	st.notes()
	group := "" // the district a Group heading names
	groupAt := diag.Pos{}
	prevDistrict, prevDistrictAt := "", diag.Pos{}
	for _, row := range t.Rows {
		if st.env.Problems.Full() {
			break
		}
		switch row.Role {
		case layout.Group:
			group, groupAt = row.Label, g.At(row.Index, row.Col)
			prevDistrict = ""
			continue
		case layout.Subtotal, layout.Total:
			prevDistrict = ""
			continue
		case layout.Data:
		default:
			continue
		}
		st.record(row.Index, group, groupAt, &prevDistrict, &prevDistrictAt)
	}
	st.checkTotals()
}

// voteRows yields the data and sum rows' cells, for the decimal separator.
func (st *sheetTable) voteRows() iter.Seq[[]string] {
	return func(yield func([]string) bool) {
		cells := make([]string, len(st.cols))
		for _, row := range st.t.Rows {
			if row.Role != layout.Data && row.Role != layout.Subtotal && row.Role != layout.Total {
				continue
			}
			for c := range cells {
				cells[c] = st.vote(row.Index, c)
			}
			if !yield(cells) {
				return
			}
		}
	}
}

func markerKind(cell string) parks.MarkerKind {
	switch zero, none := layout.Marker(cell); {
	case zero:
		return parks.MarkerZero
	case none:
		return parks.MarkerNotReported
	}
	return parks.NoMarker
}

// record reads one data row.
func (st *sheetTable) record(r int, group string, groupAt diag.Pos, prevDistrict *string, prevDistrictAt *diag.Pos) {
	s, g := st.s, st.g
	env := st.env
	env.RowsIn++
	rs := &rowState{env: env, row: g.At(r, 0), cells: make([]diag.Pos, len(s.Columns))}
	rec, parsers := newRecord(s)
	present := make([]bool, len(s.Columns))
	sr := &sheetRow{vals: make([]int64, len(s.Columns)), set: make([]bool, len(s.Columns)), bad: make([]bool, len(s.Columns))}
	st.rows[r] = sr
	values := make([]string, len(s.Columns))
	dc := s.Col("district")
	for i, c := range st.cols {
		if c < 0 {
			continue
		}
		p := g.At(r, i)
		rs.cells[c], present[c] = p, true
		v := st.text(r, i)
		if strings.TrimSpace(v) == "" {
			if top, rng, ok := st.mergedFrom(r, i); ok {
				if col := s.Columns[c]; col.Type == "integer" || col.Type == "number" {
					rs.problem(msg(diag.Problem{Pos: p, Severity: diag.Error, Rule: "merged-cell", Field: col.Name}, "xlsx.merged", rng, col.Name))
					sr.bad[c] = true
					continue
				}
				v = top
			} else if c == dc && !st.merged && *prevDistrict != "" {
				v = *prevDistrict
				env.Problems.Add(msg(diag.Problem{Pos: p, Severity: diag.Info, Rule: "layout-row", Field: "district", Value: v}, "layout.district_above", quoted(v), prevDistrictAt.String()))
			} else if c == dc && group != "" {
				v = group
				env.Problems.Add(msg(diag.Problem{Pos: p, Severity: diag.Info, Rule: "layout-row", Field: "district", Value: v}, "layout.district_heading", quoted(v), groupAt.String()))
			}
		}
		values[c] = v
		before := len(env.Problems.Problems)
		ctx := &st.ctx[i]
		ctx.Marked = parks.NoMarker
		if v != "" && st.vote(r, i) == "" && ctx.Decimal != parks.DecimalPoint {
			// a workbook's number cell, written with a point by cellText
			point := *ctx
			point.Decimal = parks.DecimalPoint
			ctx = &point
		}
		rs.cell(parsers[c], s.Columns[c], v, c, ctx)
		if len(env.Problems.Problems) > before && env.Problems.Problems[len(env.Problems.Problems)-1].Severity == diag.Error {
			sr.bad[c] = true
		}
		if ctx.Grouped {
			ctx.Grouped = false
			st.noteGrouped(p, v, ctx.Decimal)
		}
		if ctx.Marked != parks.NoMarker {
			id := "layout.marker_zero"
			if ctx.Marked == parks.MarkerNotReported {
				id = "layout.marker_none"
			}
			env.Problems.Add(msg(diag.Problem{Pos: p, Severity: diag.Info, Rule: "stat-marker", Field: s.Columns[c].Name, Value: strings.TrimSpace(v)}, id, quoted(strings.TrimSpace(v))))
			ctx.Marked = parks.NoMarker
		}
	}
	if dc >= 0 && !present[dc] && group != "" {
		// the district is the heading over the group's rows
		rs.cells[dc], present[dc], values[dc] = groupAt, true, group
		rs.cell(parsers[dc], s.Columns[dc], group, dc, nil)
	}
	if dc >= 0 && strings.TrimSpace(values[dc]) != "" {
		*prevDistrict, *prevDistrictAt = strings.TrimSpace(values[dc]), rs.cells[dc]
	}
	st.defaults(parsers, present, values, rs)
	rs.missingRequired(s, present)
	rs.emit(rec, st.sink)
	st.figures(rec, sr)
}

// noteGrouped notes, once a sheet, the first number whose lone comma (or
// point) followed by three digits was read as grouping thousands because
// the sheet writes its decimals with the other separator: «10,134» beside
// «327.5», as LibreOffice saves a CSV in an English locale. Where nothing
// settles it, the cell is an error (number.ambiguous), never a guess.
func (st *sheetTable) noteGrouped(p diag.Pos, v string, dec parks.Decimal) {
	if st.grouped {
		return
	}
	st.grouped = true
	id := "number.grouped_comma"
	if dec == parks.DecimalComma {
		id = "number.grouped_point"
	}
	st.env.Problems.Add(msg(diag.Problem{Pos: p, Severity: diag.Info, Rule: "number-format", Value: strings.TrimSpace(v)}, id, quoted(strings.TrimSpace(v))))
}

// mergedFrom is the value of the merged range a blank cell is in, when
// the range starts on another row of the sheet (XLSX only).
func (st *sheetTable) mergedFrom(r, c int) (string, string, bool) {
	if st.mergeRows == nil { // the ranges by the rows they span, built once
		st.mergeRows = map[int][]layout.Range{}
		n := 0
		for _, m := range st.g.Merges {
			for row := max(m.Row0, 0); row <= min(m.Row1, len(st.g.Rows)-1) && n < 1<<20; row++ {
				st.mergeRows[row] = append(st.mergeRows[row], m)
				n++
			}
		}
	}
	for _, m := range st.mergeRows[r] {
		if r >= m.Row0 && r <= m.Row1 && c >= m.Col0 && c <= m.Col1 && (m.Row0 != r || m.Col0 != c) {
			if m.Row0 == r {
				return "", "", false // merged across: the row's own cell is first
			}
			rng := layout.ColumnName(m.Col0) + itoa(m.Row0+1) + ":" + layout.ColumnName(m.Col1) + itoa(m.Row1+1)
			return st.text(m.Row0, m.Col0), rng, true
		}
	}
	return "", "", false
}

// defaults gives a record what the sheet does not have as columns: an id
// derived from the district and the name, the title's as_of, the file and
// sheet as source.
func (st *sheetTable) defaults(parsers []parks.CellParser, present []bool, values []string, rs *rowState) {
	s := st.s
	if c := s.Col("id"); !present[c] {
		id := st.deriveID(values)
		parsers[c].ParseCell(id, nil)
		present[c] = true
		rs.id = id
	}
	if c := s.Col("as_of"); !present[c] && st.t.AsOf != "" {
		parsers[c].ParseCell(st.t.AsOf, nil)
	}
	if c := s.Col("source"); !present[c] {
		parsers[c].ParseCell(st.source, nil)
	}
}

// figures keeps a data row's figures for the subtotal check.
func (st *sheetTable) figures(rec any, sr *sheetRow) {
	if f, ok := rec.(*parks.Facility); ok {
		sr.kato = f.KATO
	}
	for i, v := range st.s.Values(rec) {
		switch x := v.(type) {
		case int64:
			sr.vals[i], sr.set[i] = x, true
		case float64: // hectares, kept in m²
			sr.vals[i], sr.set[i] = int64(x*10000+0.5), true
		}
	}
}

// notes lists every row that is not a record, at info level, so that the
// rows of the sheet add up: records + recognised rows (+ reported).
func (st *sheetTable) notes() {
	for _, row := range st.t.Rows {
		if row.Role == layout.Data {
			continue
		}
		st.env.RowsRecognised++
		col := max(row.Col, 0)
		label := row.Label
		if label == "" {
			label = strings.TrimSpace(st.g.Cell(row.Index, max(0, firstNonBlank(st.g.Rows[row.Index]))))
		}
		st.env.Problems.Add(msg(diag.Problem{Pos: st.g.At(row.Index, col), Severity: diag.Info, Rule: "layout-row"},
			"layout.row."+row.Role.String(), quoted(label)))
	}
	if st.t.Col("id") < 0 && st.t.Kind == "facilities" {
		st.env.Problems.Add(msg(diag.Problem{Pos: st.g.At(st.t.HeaderRows[0], 0), Severity: diag.Info, Rule: "derived-id", Field: "id"}, "layout.derived_ids"))
	}
}

func firstNonBlank(row []string) int {
	for i, s := range row {
		if strings.TrimSpace(s) != "" {
			return i
		}
	}
	return -1
}
