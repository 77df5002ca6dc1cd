// Package layout turns a grid of cells into a table: it finds the header
// block of a report-shaped sheet (title lines above it, two or three header
// rows with merged parents, a row of column numbers under it), names each
// column's canonical field and gives every row a role (data, subtotal,
// total, note…). It knows nothing of CSV or XLSX — the format readers build
// the Grid — and nothing of cell parsing: records are made by pkg/decode
// through ParseCell. The words it recognises are data, in
// pkg/refdata/layout.yaml, not code.
package layout

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/parks-kz/parks/pkg/diag"
)

// Grid is one sheet (or one CSV file) as written.
type Grid struct {
	Name   string     // "report.xlsx:Sheet1" or "report.csv" (for messages)
	Rows   [][]string // cell texts as written, row by row, ragged allowed
	Merges []Range    // merged ranges (XLSX); CSV has none (Excel leaves value + empties)
	// Pos gives a cell's position for problems (0-based row and column);
	// nil gives the grid's name with the 1-based line.
	Pos func(row, col int) diag.Pos
}

// At is the position of a cell.
func (g *Grid) At(row, col int) diag.Pos {
	if g.Pos != nil {
		return g.Pos(row, col)
	}
	return diag.Pos{File: g.Name, Line: row + 1, Col: col + 1}
}

// Cell is the text of a cell, "" past the end of a ragged row.
func (g *Grid) Cell(row, col int) string {
	if row < 0 || row >= len(g.Rows) || col < 0 || col >= len(g.Rows[row]) {
		return ""
	}
	return g.Rows[row][col]
}

// Range is a merged range of cells, inclusive, 0-based.
type Range struct{ Row0, Col0, Row1, Col1 int }

// Role is what a row of the sheet is.
type Role int

const (
	Data      Role = iota // one record
	Title                 // a line above the table (its name, the date)
	Header                // a row of the header block
	Numbering             // the row of column numbers 1, 2, 3… under the header
	Subtotal              // a group's sum («Итого по …», «… бойынша жиыны»)
	Total                 // the grand total («Всего», «Барлығы»)
	Spacer                // a blank row
	Note                  // a note under the table («Примечание:», «*»)
	Part                  // «в том числе …»: a part of the line above, neither a record nor a sum
	Group                 // a heading row naming the group (district) of the rows under it
)

var roleNames = [...]string{"data", "title", "header", "numbering", "subtotal", "total", "spacer", "note", "part", "group"}

func (r Role) String() string {
	if r >= 0 && int(r) < len(roleNames) {
		return roleNames[r]
	}
	return "role(" + strconv.Itoa(int(r)) + ")"
}

// Row is the role of one grid row.
type Row struct {
	Index int
	Role  Role
	Label string // Subtotal/Total/Part/Group/Note/Title: the label cell as written ("Итого по Кентау")
	Group string // Subtotal: the group it closes, when named ("Кентау"); Group: the heading
	Col   int    // the column of Label, -1 when none
}

// Column is one column of the table.
type Column struct {
	Index int    // 0-based column in the grid
	Label string // combined label as written: "Количество зданий, ед. / построено"
	Field string // canonical field (buildings_built, district, …); "" = not read
	Scale int64  // money multiplier from either header row (1e3 for «тыс. тенге»); 0 = none
	Why   string // how it was matched (alias, words, mapping file) — shown by `parks import`
	// BadUnit is the field the label names with a unit the field is not
	// kept in («Площадь, м²»): the column is not read, and readers report it.
	BadUnit string
}

// Table is a recognised layout.
type Table struct {
	Kind       string // "facilities" or "projects"
	HeaderRows []int  // grid rows forming the header block
	Columns    []Column
	Rows       []Row // one per grid row, every row has a role (nothing lost)
	AsOf       string
	Title      []string
}

// Col is the grid column of a field, -1 when the table has none.
func (t *Table) Col(field string) int {
	for _, c := range t.Columns {
		if c.Field == field {
			return c.Index
		}
	}
	return -1
}

// NotRecognised says why a grid is not a table parks can read: what was
// found, and how to name the columns in a mapping file instead.
type NotRecognised struct {
	Grid    string
	Missing []string // canonical fields no column was found for
	Seen    []string // the labels seen, as written
	// SeenRow: with no header found, the row (0-based) whose labels Seen
	// lists, the most header-like near the top; -1 when none
	SeenRow int
	Reason  string // when not a missing column: "no header row … in the first 40 rows" (HeaderSearchRows)
	// Aggregate: the sheet has a district column and figures but no names:
	// per-district totals (as `parks report --format xlsx` writes), not
	// facilities. Readers skip such a sheet.
	Aggregate bool
	ID        string // message id (problem.<ID>) for translation
}

func (e *NotRecognised) Error() string {
	var b strings.Builder
	b.WriteString(e.Grid)
	b.WriteString(": ")
	if len(e.Missing) > 0 {
		fmt.Fprintf(&b, "no column for %s; columns seen: %s", strings.Join(e.Missing, ", "), strings.Join(e.Seen, " | "))
	} else {
		b.WriteString(e.Reason)
		if len(e.Seen) > 0 {
			fmt.Fprintf(&b, "; row %d reads: %s", e.SeenRow+1, strings.Join(e.Seen, " | "))
		}
	}
	b.WriteString("; name the columns in a mapping file and pass it with --map FILE (`parks import` writes one to start from)")
	return b.String()
}
