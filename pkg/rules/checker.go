package rules

import (
	"cmp"
	"maps"
	"slices"
	"strings"

	"github.com/parks-kz/parks/pkg/diag"
	"github.com/parks-kz/parks/pkg/parks"
)

// Checker applies the rules that need more than one cell — a record's own
// rules (row.go), those across records (cross.go) and across a file (no
// record, a column the whole file lacks) — and places each finding at its
// cell, as a problem of the list. The decoders read cells and report what
// is wrong with a cell as they read it; everything else is checked here.
type Checker struct {
	// List receives the problems; Deferred, when set, receives the
	// problems of findings instead (a bounded streaming load weighs them
	// against the errors the bounded list kept, see package stream).
	List     *diag.List
	Deferred *[]diag.Problem
	// Headers is where the header of each file (and each workbook sheet,
	// by HeaderKey) is and which schema columns it has.
	Headers map[string]Header
	// Metas is the `dataset:` block of each YAML file, by file.
	Metas map[string]parks.Meta
	// Absent gathers the provenance rules whose column a file lacks.
	Absent Absent

	bad      map[any]bool
	cellErrs map[cellKey]bool // cells with an error of their own
}

// Header is where a file's header row is and which schema columns it has.
type Header struct {
	Pos  diag.Pos
	Cols map[int]bool
}

// cellKey is a cell of a record, for "one problem per cell".
type cellKey struct {
	pos   diag.Pos
	field string
}

// Mark records whether a record has an error (bad records are reported,
// not used).
func (c *Checker) Mark(rec any, bad bool) {
	if c.bad == nil {
		c.bad = map[any]bool{}
	}
	if bad {
		c.bad[rec] = true
	}
}

// Bad reports whether a record has an error.
func (c *Checker) Bad(rec any) bool { return c.bad[rec] }

// Forget forgets a record's mark (a decoder that reuses one record for
// every row).
func (c *Checker) Forget(rec any) { delete(c.bad, rec) }

// Problem reports a problem of a record; an error marks it bad.
func (c *Checker) Problem(rec any, p diag.Problem) {
	if p.Severity == diag.Error {
		c.Mark(rec, true)
	}
	if c.Deferred != nil {
		*c.Deferred = append(*c.Deferred, p)
		return
	}
	c.List.Add(p)
}

// CellErrors notes the cells that have an error of their own among
// problems: a finding at such a cell is left out (one problem per cell).
func (c *Checker) CellErrors(problems []diag.Problem) {
	c.cellErrs = map[cellKey]bool{}
	for _, p := range problems {
		if p.Severity == diag.Error && p.Field != "" {
			c.cellErrs[cellKey{p.Pos, p.Field}] = true
		}
	}
}

// Findings reports a record's findings at their cells (cells by schema
// column, row the record's own position), except those at a cell with an
// error of its own and the provenance findings a file covers (provenance).
func (c *Checker) Findings(rec any, fs []Finding, s *parks.Schema, cells []diag.Pos, row diag.Pos, id string) {
	for _, f := range fs {
		if c.provenance(f, s, cells, row) || c.cellErrs[cellKey{parks.CellPos(cells, s.Col(f.Column), row), f.Column}] {
			continue
		}
		c.Problem(rec, diag.Problem{Pos: parks.CellPos(cells, s.Col(f.Column), row), Severity: f.Severity, Rule: f.Rule,
			Field: f.Column, Value: f.Value, RowID: id, ID: f.ID, Args: f.Args})
	}
}

// FindingsAt is Findings at a record's Loc, whose cells are asked for
// only when there are findings (a held record's are made then).
func (c *Checker) FindingsAt(rec any, fs []Finding, s *parks.Schema, at *parks.Loc, id string) {
	if len(fs) > 0 {
		c.Findings(rec, fs, s, at.Cols(), at.Row(), id)
	}
}

// NoRows warns about a file that was read without error but holds no
// record: an export that lost its rows looks exactly like this. read says
// whether any record was read from it, problems are the file's.
func NoRows(list *diag.List, headers map[string]Header, file string, read bool, problems []diag.Problem) {
	if read {
		return
	}
	for _, p := range problems {
		if p.Severity == diag.Error {
			return
		}
	}
	pos := diag.Pos{File: file, Line: 1, Col: 1}
	if h, ok := headers[file]; ok {
		pos = h.Pos
	}
	list.Add(diag.Problem{Pos: pos, Severity: diag.Warning, Rule: "no-rows", ID: "file.no_rows"})
}

// Absent gathers, per file, the provenance rules (missing-source,
// missing-as-of) whose column the file's header lacks: one warning at the
// header instead of one per row.
type Absent map[absentKey]*absentColumn

// absentKey is a provenance rule for a file whose header lacks its column.
type absentKey struct{ file, rule string }

type absentColumn struct {
	column string
}

// Note records that file lacks the column of rule.
func (a Absent) Note(file, rule, column string) {
	if k := (absentKey{file, rule}); a[k] == nil {
		a[k] = &absentColumn{column: column}
	}
}

// Merge adds what b gathered.
func (a Absent) Merge(b Absent) {
	for k, v := range b {
		if a[k] == nil {
			a[k] = v
		}
	}
}

// Without is what a gathered that b did not.
func (a Absent) Without(b Absent) Absent {
	out := Absent{}
	for k, v := range a {
		if b[k] == nil {
			out[k] = v
		}
	}
	return out
}

// provenance decides where a missing-as-of or missing-source finding goes.
// A YAML file's `dataset:` block may give as_of and source for all its
// records; a CSV file without the column gets one warning at its header
// instead of one per row; a blank cell is reported at the cell. It returns
// true when the finding is handled (covered or gathered per file).
func (c *Checker) provenance(f Finding, s *parks.Schema, cells []diag.Pos, row diag.Pos) bool {
	if f.Rule != "missing-as-of" && f.Rule != "missing-source" {
		return false
	}
	meta := c.Metas[row.File]
	if f.Rule == "missing-as-of" && meta.AsOf != "" || f.Rule == "missing-source" && meta.Source != "" {
		return true
	}
	h, csv := c.Headers[HeaderKey(row)]
	if !csv {
		return false
	}
	col := s.Col(f.Column)
	if col < 0 || col < len(cells) && (cells[col].Line != 0 || cells[col].Cell != "") {
		return false
	}
	if h.Cols[col] {
		return true // the column is there but the row is short: missing-cell says so
	}
	if c.List.Ignore[f.Rule] {
		return true
	}
	if c.Absent == nil {
		c.Absent = Absent{}
	}
	c.Absent.Note(HeaderKey(row), f.Rule, f.Column)
	return true
}

// HeaderKey is the key of the header a record was read under: its file,
// or for a workbook its file and sheet (each sheet has its own header).
func HeaderKey(row diag.Pos) string {
	if sheet, _, ok := strings.Cut(row.Cell, "!"); ok {
		return row.File + "#" + sheet
	}
	return row.File
}

// ReportAbsent writes the per-file provenance warnings at the header (a
// YAML record without the key is reported at the record).
func (c *Checker) ReportAbsent() {
	keys := slices.SortedFunc(maps.Keys(c.Absent), func(a, b absentKey) int {
		return cmp.Or(cmp.Compare(a.file, b.file), cmp.Compare(a.rule, b.rule))
	})
	for _, k := range keys {
		a := c.Absent[k]
		c.List.Add(diag.Problem{Pos: c.Headers[k.file].Pos, Severity: diag.Warning, Rule: k.rule, Field: a.column,
			ID: "column.absent." + k.rule, Args: []any{a.column}})
	}
}
