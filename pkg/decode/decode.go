// Package decode turns data files into records of the parks domain. Each
// format has one file here; all of them fill records through the field
// types' own ParseCell, so a cell means the same in every format, and all of
// them report problems with exact positions.
package decode

import (
	"math"
	"strings"

	"github.com/parks-kz/parks/pkg/diag"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/refdata"
	"github.com/parks-kz/parks/pkg/rules"
)

// Sink receives what a decoder reads. Bad is true when a record has an
// error of its own (it is reported, not used).
type Sink interface {
	Meta(m parks.Meta, pos diag.Pos)
	Facility(f *parks.Facility, bad bool)
	Project(p *parks.Project, bad bool)
}

// Env is what a decoder reads with: the reference data cells resolve
// against (Reference, shared by every file of a load) and the state of the
// load it adds to (LoadState: problems, inputs, counts, headers).
type Env struct {
	Reference
	LoadState
}

// Reference is the reference data cells resolve against: the gazetteer of
// districts and the sector list, with caches of their lookups. The caches
// are not safe for concurrent use: each goroutine takes Fresh.
type Reference struct {
	Gazetteer *parks.Gazetteer
	Sectors   *parks.Sectors

	districts map[string]*parks.District // lookup caches, see district
	sectors   map[string]sectorHit
}

// LoadReference is the embedded reference data (pkg/refdata).
func LoadReference() (Reference, error) {
	gaz, sec, err := refdata.Reference()
	return Reference{Gazetteer: gaz, Sectors: sec}, err
}

// Fresh is the same reference data with caches of its own, for another
// goroutine.
func (r *Reference) Fresh() Reference { return Reference{Gazetteer: r.Gazetteer, Sectors: r.Sectors} }

// LoadState is what a load has found so far, across its files.
type LoadState struct {
	Problems *diag.List

	// Inputs says how each file was read (encoding, delimiter, sheet…).
	Inputs []Input

	// RowsIn counts data rows (records) read from files; RowsDropped those
	// reported without reaching the sink (exact duplicate rows).
	RowsIn, RowsDropped int
	// RowsLost counts rows that could not be read at all because of a
	// problem of their file, sheet or header: they are rows in and rows
	// left out (--skip-invalid says so).
	RowsLost int
	// RowsRecognised counts the rows of report-shaped sheets that are not
	// records: titles, header rows, numbering, subtotals, totals, spacers,
	// notes (each listed at info level).
	RowsRecognised int
	// FilesUnread counts files of which nothing could be read, not even
	// how many rows they hold (a damaged workbook, a YAML syntax error).
	FilesUnread int
	// ColumnsUnread counts columns not read because their header cell has
	// an error (blank, a second one of a field, a unit that does not fit):
	// their rows are used without them (--skip-invalid says so).
	ColumnsUnread int
	// Tables are the grids read through pkg/layout, for `parks import`.
	Tables []TableUsed

	// headers holds each CSV file's header, for problems about a column
	// absent from the whole file.
	headers map[string]rules.Header
}

// lookupCacheMax bounds the caches of district and sector lookups:
// a file names a few dozen districts and sectors, and a file of garbage
// must not grow them without end.
const lookupCacheMax = 4096

type sectorHit struct {
	code  string
	known bool
}

// district is Gazetteer.Lookup, cached per text as written: normalising a
// name costs more than the rest of a row.
func (e *Reference) district(name string) (*parks.District, bool) {
	if d, ok := e.districts[name]; ok {
		return d, d != nil
	}
	d, ok := e.Gazetteer.Lookup(name)
	if e.districts == nil {
		e.districts = map[string]*parks.District{}
	}
	if len(e.districts) < lookupCacheMax {
		e.districts[strings.Clone(name)] = d
	}
	return d, ok
}

// sector is Sectors.Canonical, cached the same way.
func (e *Reference) sector(name string) (string, bool) {
	if h, ok := e.sectors[name]; ok {
		return h.code, h.known
	}
	code, known := e.Sectors.Canonical(name)
	if e.sectors == nil {
		e.sectors = map[string]sectorHit{}
	}
	if len(e.sectors) < lookupCacheMax {
		e.sectors[strings.Clone(name)] = sectorHit{code, known}
	}
	return code, known
}

// headerAt records a file's header row: the position of its cells and the
// schema column of each (-1 for none).
func (e *LoadState) headerAt(file string, cells []diag.Pos, cols []int) {
	if len(cells) == 0 {
		return
	}
	if e.headers == nil {
		e.headers = map[string]rules.Header{}
	}
	h := rules.Header{Pos: diag.Pos{File: file, Line: cells[0].Line, Col: 1}, Cols: map[int]bool{}}
	if cells[0].Cell != "" { // a workbook sheet: the header's first cell
		h.Pos = cells[0]
	}
	for _, c := range cols {
		h.Cols[c] = true
	}
	e.headers[file] = h
}

// rowState collects the problems of one record so the decoder knows whether
// the record is usable.
type rowState struct {
	env   *Env
	id    string
	bad   bool
	cells []diag.Pos
	row   diag.Pos
	// raw holds a CSV row's cell positions as encoding/csv gives them
	// (line, byte column), by schema column; at converts one to cells
	// when it is needed. Nil for the other formats, which fill cells.
	raw  []rawPos
	li   *lineIndex
	file string
	// loc, when set, is the record's Loc to fill (a decoder's scratch,
	// reused row to row); nil gives each record a new one.
	loc *parks.Loc
}

// locate gives a finished record its Loc: where the row and its cells are.
// A held CSV record (no scratch Loc) keeps its cells' raw positions, 8
// bytes a cell instead of a diag.Pos's 48, made positions when a problem
// asks for them (Loc.Lazy): a held load kept a kilobyte a row until its
// end.
func (r *rowState) locate() *parks.Loc {
	if r.loc != nil {
		*r.loc = parks.Loc{Pos: r.row, Cells: r.cells}
		return r.loc
	}
	if r.raw == nil {
		return &parks.Loc{Pos: r.row, Cells: r.cells}
	}
	raw := make([]int32, 2*len(r.raw))
	for c, p := range r.raw {
		if p.line > math.MaxInt32 || p.col > math.MaxInt32 {
			r.resolveCells()
			return &parks.Loc{Pos: r.row, Cells: r.cells}
		}
		raw[2*c], raw[2*c+1] = int32(p.line), int32(p.col)
	}
	li, file := r.li, r.file
	return &parks.Loc{Pos: r.row, Lazy: func() []diag.Pos {
		cells := make([]diag.Pos, len(raw)/2)
		for c := range cells {
			if line := int(raw[2*c]); line != 0 {
				cells[c] = li.pos(file, line, int(raw[2*c+1]))
			}
		}
		return cells
	}}
}

// rawPos is a cell's line and byte column as encoding/csv's FieldPos
// gives them; line 0 is no cell.
type rawPos struct{ line, col int }

// at is the position of schema column c of the record, the record's own
// position when the row has no such cell. It is the one place a CSV
// cell's character column is computed: counting characters for every cell
// cost a fifth of decoding, and only problems and findings need it.
func (r *rowState) at(c int) diag.Pos {
	if c >= 0 && c < len(r.raw) && r.raw[c].line != 0 && r.cells[c].Line == 0 {
		r.cells[c] = r.li.pos(r.file, r.raw[c].line, r.raw[c].col)
	}
	return parks.CellPos(r.cells, c, r.row)
}

// resolveCells converts every raw cell position, for whoever reads the
// record's Cells: the holding loader keeps them, the streaming sink reads
// them when a finding points at a cell.
func (r *rowState) resolveCells() {
	for c := range r.raw {
		r.at(c)
	}
}

func (r *rowState) problem(p diag.Problem) {
	p.RowID = r.id
	if p.Severity == diag.Error {
		r.bad = true
	}
	r.env.Problems.Add(p)
}

// cell parses the cell of schema column c into its field and reports
// what is wrong with it; the cell's position (cells or raw) is set.
func (r *rowState) cell(parser parks.CellParser, col parks.Column, value string, c int, ctx *parks.ParseContext) {
	if len(value) > MaxCellBytes {
		r.tooLong(col.Name, value, r.at(c))
		return
	}
	if err := parser.ParseCell(value, ctx); err != nil {
		r.finding(CellFinding(col.Name, value, err), r.at(c))
		return
	}
	if f, blank := rules.Required(col, value); blank {
		r.finding(f, r.at(c))
	}
}

// finding reports a rule's finding about the record at pos.
func (r *rowState) finding(f rules.Finding, pos diag.Pos) {
	r.problem(diag.Problem{Pos: pos, Severity: f.Severity, Rule: f.Rule, Field: f.Column, Value: f.Value, ID: f.ID, Args: f.Args})
}

// missingRequired reports required columns a record does not have at all.
func (r *rowState) missingRequired(s *parks.Schema, present []bool) {
	for _, f := range rules.RequiredMissing(s, present) {
		r.finding(f, r.row)
	}
}

// finishFacility resolves a facility's references (rules.District,
// rules.Sector).
func (r *rowState) finishFacility(f *parks.Facility) {
	s := parks.FacilitySchema
	if d := strings.TrimSpace(string(f.District)); d != "" {
		if dist, unknown := rules.District(d, r.env.district, r.env.Gazetteer); unknown == nil {
			f.KATO = dist.KATO
		} else {
			r.finding(*unknown, r.at(s.Col("district")))
		}
	}
	for i, sec := range f.Sectors {
		code, unknown := rules.Sector(sec, r.env.sector)
		f.Sectors[i] = code
		if unknown != nil {
			r.finding(*unknown, r.at(s.Col("sectors")))
		}
	}
	f.At = r.locate()
}

// finishProject resolves a project's sector.
func (r *rowState) finishProject(p *parks.Project) {
	if sec := string(p.Sector); sec != "" {
		code, unknown := rules.Sector(sec, r.env.sector)
		p.Sector = parks.Text(code)
		if unknown != nil {
			r.finding(*unknown, r.at(parks.ProjectSchema.Col("sector")))
		}
	}
	p.At = r.locate()
}

// msg gives a problem its message: the id (problem.<id> in
// pkg/i18n/messages.yaml, where it is worded) and the arguments commands
// render it with, in the reader's language. Numbers that are positions
// (lines, columns) are passed as text: they are not grouped.
func msg(p diag.Problem, id string, args ...any) diag.Problem {
	p.ID, p.Args = id, args
	return p
}

// CellFinding is the error of a cell of the named column that its parser
// rejects with err, as the row code words it (at the cell, with the cell's
// text as its value). The streamer's fast path words it with these words
// too.
func CellFinding(column, value string, err error) rules.Finding {
	rule := "type-error"
	if ce, ok := err.(*parks.CellError); ok {
		rule = ce.Rule
	}
	return rules.Finding{Column: column, Severity: diag.Error, Rule: rule, Value: value, ID: "cell", Args: []any{column, cellWhy(err)}}
}

// CellCount is the error of a row of n cells under a header of width
// cells (missing-cell, or extra-cell with the first extra cell's text as
// value): at the end of the last cell's line, or at the first extra cell.
// The streamer's fast path words it with these words too.
func CellCount(n, width int, value string) rules.Finding {
	rule := "missing-cell"
	if n > width {
		rule = "extra-cell"
	}
	return rules.Finding{Severity: diag.Error, Rule: rule, Value: value, ID: "csv.cell_count", Args: []any{itoa(n), itoa(width)}}
}

// cellWhy is why a cell could not be read, as a message argument: the
// cell error's own message when it has one, else its text.
func cellWhy(err error) any {
	if ce, ok := err.(*parks.CellError); ok && ce.ID != "" {
		return diag.Text{ID: "problem." + ce.ID, Args: ce.Args}
	}
	return err.Error()
}

func quoted(s string) string { return diag.Quote(s) }

// newRecord makes an empty record of a schema and the parsers of its cells.
func newRecord(s *parks.Schema) (any, []parks.CellParser) {
	var rec any = &parks.Project{}
	if s == parks.FacilitySchema {
		rec = &parks.Facility{}
	}
	return rec, s.CellParsers(rec)
}

// emit resolves a finished record and hands it to the sink.
func (r *rowState) emit(rec any, sink Sink) {
	switch x := rec.(type) {
	case *parks.Facility:
		r.finishFacility(x)
		sink.Facility(x, r.bad)
	case *parks.Project:
		r.finishProject(x)
		sink.Project(x, r.bad)
	}
}
