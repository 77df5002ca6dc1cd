package decode

import (
	"github.com/parks-kz/parks/pkg/diag"
	"github.com/parks-kz/parks/pkg/layout"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/xuri/excelize/v2"
)

// maxLayoutMerges bounds the merged ranges a report-shaped sheet is read
// with (the fast reader keeps at most 1000).
const maxLayoutMerges = 10000

// decodeLayout reads a sheet whose header is not a canonical one-row
// header through pkg/layout (sheet.go). nums and rows are the sheet's rows
// that have cells, with their 1-based numbers.
func (x *xlsxSheet) decodeLayout(nums []int, rows [][]string) (sheetResult, *layout.NotRecognised) {
	if len(nums) == 0 {
		return sheetPlain, nil
	}
	last := nums[len(nums)-1]
	if last > maxSheetRows {
		return sheetPlain, nil
	}
	g := &layout.Grid{Name: x.file + ":" + x.sheet, Rows: make([][]string, last)}
	index := make([]int, last) // grid row → index in rows, -1 for a row without cells
	for i := range index {
		index[i] = -1
	}
	for i, n := range nums {
		g.Rows[n-1], index[n-1] = rows[i], i
	}
	g.Pos = func(r, c int) diag.Pos { return x.pos(c, r+1) }
	var merges []excelize.MergeCell
	if x.scan != nil {
		merges = x.scan.merges
	} else if m, err := x.f.GetMergeCells(x.sheet, true); err == nil {
		merges = m
	}
	for i, m := range merges {
		if i >= maxLayoutMerges {
			break
		}
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil {
			continue
		}
		g.Merges = append(g.Merges, layout.Range{Row0: r1 - 1, Col0: c1 - 1, Row1: min(r2, last) - 1, Col1: c2 - 1})
	}
	cells := func(t *layout.Table) (text, vote func(r, c int) string) {
		s := parks.FacilitySchema
		if t.Kind == "projects" {
			s = parks.ProjectSchema
		}
		cols := make([]int, len(t.Columns))
		for i, c := range t.Columns {
			cols[i] = s.Col(c.Field)
		}
		text = func(r, c int) string {
			v := g.Cell(r, c)
			if r < 0 || r >= len(index) || index[r] < 0 {
				return v
			}
			out, _ := x.cellText(v, c, index[r], r+1, cols, s)
			return out
		}
		vote = func(r, c int) string {
			v := g.Cell(r, c)
			if r < 0 || r >= len(index) || index[r] < 0 {
				return v
			}
			if _, numeric := x.cellText(v, c, index[r], r+1, cols, s); numeric {
				return ""
			}
			return v
		}
		return text, vote
	}
	res, nr, t := readSheet(x.file, x.sheet, g, x.mapping, x.env, x.sink, cells, true)
	if res == sheetRead && t != nil {
		x.env.Inputs = append(x.env.Inputs, Input{File: x.file, Format: "xlsx", Sheet: x.sheet, HeaderRow: t.HeaderRows[0] + 1, Kind: parks.FacilitySchema.Kind})
	}
	if res == sheetPlain && nr != nil && len(nr.Seen) > 0 && x.book.noHeader == nil {
		// labels, none known: said when no sheet is read (DecodeXLSX)
		x.book.noHeader, x.book.noHeaderAt = nr, g.At(nr.SeenRow, 0)
	}
	if res == sheetNot && !nr.Aggregate && len(nr.Missing) > 0 {
		// said only when no sheet of the workbook is read (DecodeXLSX):
		// a workbook's other sheets (lists, notes) need not be tables
		if b := x.book; b.notRecognised == nil || len(nr.Missing) < len(b.notRecognised.Missing) {
			b.notRecognised, b.notRecognisedAt, b.notRecognisedRows = nr, g.At(0, 0), filledRows(g.Rows)
			if t != nil && len(t.HeaderRows) > 0 {
				b.notRecognisedAt = g.At(t.HeaderRows[0], 0)
				b.notRecognisedRows = filledRows(g.Rows[t.HeaderRows[len(t.HeaderRows)-1]+1:])
			}
		}
	}
	return res, nr
}
