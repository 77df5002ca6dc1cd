package decode

import (
	"cmp"
	"maps"
	"slices"
	"strings"

	"github.com/parks-kz/parks/pkg/diag"
	"github.com/parks-kz/parks/pkg/parks"
)

// noRows warns about a file that was read without error but holds no
// record: an export that lost its rows looks exactly like this.
func noRows(file string, env *Env, rowsBefore, problemsBefore int) {
	if env.RowsIn > rowsBefore {
		return
	}
	for _, p := range env.Problems.Problems[problemsBefore:] {
		if p.Severity == diag.Error {
			return
		}
	}
	pos := diag.Pos{File: file, Line: 1, Col: 1}
	if h, ok := env.headers[file]; ok {
		pos = h.pos
	}
	env.Problems.Add(msg(diag.Problem{Pos: pos, Severity: diag.Warning, Rule: "no-rows"}, "file.no_rows"))
}

// cellKey is a cell of a record, for "one problem per cell".
type cellKey struct {
	pos   diag.Pos
	field string
}

// absentKey is a provenance rule for a file whose header lacks its column.
type absentKey struct{ file, rule string }

type absentColumn struct {
	column string
}

// provenance decides where a missing-as-of or missing-source finding goes.
// A YAML file's `dataset:` block may give as_of and source for all its
// records; a CSV file without the column gets one warning at its header
// instead of one per row; a blank cell is reported at the cell. It returns
// true when the finding is handled (covered or gathered per file).
func (c *collector) provenance(f parks.Finding, s *parks.Schema, cells []diag.Pos, row diag.Pos) bool {
	if f.Rule != "missing-as-of" && f.Rule != "missing-source" {
		return false
	}
	meta := c.metas[row.File]
	if f.Rule == "missing-as-of" && meta.AsOf != "" || f.Rule == "missing-source" && meta.Source != "" {
		return true
	}
	h, csv := c.headers[headerKey(row)]
	if !csv {
		return false
	}
	col := s.Col(f.Column)
	if col < 0 || col < len(cells) && (cells[col].Line != 0 || cells[col].Cell != "") {
		return false
	}
	if h.cols[col] {
		return true // the column is there but the row is short: missing-cell says so
	}
	if c.l.Problems.Ignore[f.Rule] {
		return true
	}
	if c.absent == nil {
		c.absent = map[absentKey]*absentColumn{}
	}
	k := absentKey{headerKey(row), f.Rule}
	a := c.absent[k]
	if a == nil {
		a = &absentColumn{column: f.Column}
		c.absent[k] = a
	}
	return true
}

// headerKey is the key of the header a record was read under: its file,
// or for a workbook its file and sheet (each sheet has its own header).
func headerKey(row diag.Pos) string {
	if sheet, _, ok := strings.Cut(row.Cell, "!"); ok {
		return row.File + "#" + sheet
	}
	return row.File
}

// reportAbsent writes the per-file provenance warnings at the CSV header
// (a YAML record without the key is reported at the record).
func (c *collector) reportAbsent() {
	keys := slices.SortedFunc(maps.Keys(c.absent), func(a, b absentKey) int {
		return cmp.Or(cmp.Compare(a.file, b.file), cmp.Compare(a.rule, b.rule))
	})
	for _, k := range keys {
		a := c.absent[k]
		c.l.Problems.Add(msg(diag.Problem{Pos: c.headers[k.file].pos, Severity: diag.Warning, Rule: k.rule, Field: a.column}, "column.absent."+k.rule, a.column))
	}
}

// checkFacilityTotals reports the facilities whose figures would make a
// total overflow, among those still used.
func (c *collector) checkFacilityTotals() {
	var used []*parks.Facility
	for _, f := range c.facilities {
		if !c.bad[f] {
			used = append(used, f)
		}
	}
	for _, rf := range parks.CheckFacilityTotals(used) {
		f := used[rf.Record]
		c.findings(f, []parks.Finding{rf.Finding}, parks.FacilitySchema, f.Cells, f.Pos, string(f.ID))
	}
}

// checkProjectTotals is checkFacilityTotals for projects.
func (c *collector) checkProjectTotals() {
	var used []*parks.Project
	for _, p := range c.projects {
		if !c.bad[p] {
			used = append(used, p)
		}
	}
	for _, rf := range parks.CheckProjectTotals(used) {
		p := used[rf.Record]
		c.findings(p, []parks.Finding{rf.Finding}, parks.ProjectSchema, p.Cells, p.Pos, string(p.ID))
	}
}
