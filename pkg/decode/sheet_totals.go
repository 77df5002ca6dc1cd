package decode

import (
	"strings"

	"github.com/parks-kz/parks/pkg/diag"
	"github.com/parks-kz/parks/pkg/layout"
	"github.com/parks-kz/parks/pkg/parks"
)

// The subtotal check (rule total-mismatch): every figure of a sheet's own
// subtotal and total rows is compared with the sum of the data rows it
// covers. A subtotal covers the data rows since the previous subtotal or
// total (or, when the sheet puts subtotals above their groups — the first
// subtotal comes before any data row — the rows after it up to the next
// one); a total covers the data rows since the previous total, or, when
// none is above it, every data row after it. «В том числе» rows are parts
// of the line above, not sums: they are not checked and do not count. A
// figure is checked only when every covered row's cell was read without
// error and at least one of them reports it; a blank or «…» cell in the
// sum row is not checked, «-» is 0.

// checkTotals runs the check over the table.
func (st *sheetTable) checkTotals() {
	rows := st.t.Rows
	leading := false
	for _, r := range rows {
		if r.Role == layout.Data {
			break
		}
		if r.Role == layout.Subtotal {
			leading = true
			break
		}
	}
	for i, r := range rows {
		if r.Role != layout.Subtotal && r.Role != layout.Total {
			continue
		}
		var covered []int
		above := func(stop func(layout.Role) bool) {
			for j := i - 1; j >= 0 && !stop(rows[j].Role); j-- {
				if rows[j].Role == layout.Data {
					covered = append(covered, j)
				}
			}
		}
		below := func(stop func(layout.Role) bool) {
			for j := i + 1; j < len(rows) && !stop(rows[j].Role); j++ {
				if rows[j].Role == layout.Data {
					covered = append(covered, j)
				}
			}
		}
		sum := func(x layout.Role) bool { return x == layout.Subtotal || x == layout.Total }
		total := func(x layout.Role) bool { return x == layout.Total }
		where := "above"
		switch {
		case r.Role == layout.Subtotal && leading:
			below(sum)
			where = "below"
		case r.Role == layout.Subtotal:
			above(sum)
		default:
			if above(total); len(covered) == 0 {
				below(total)
				where = "below"
			}
		}
		if len(covered) > 0 {
			st.checkRow(r, covered, where)
		}
	}
}

// checkRow compares one sum row with the rows it covers.
func (st *sheetTable) checkRow(r layout.Row, covered []int, where string) {
	s := st.s
	for i, c := range st.cols {
		if c < 0 {
			continue
		}
		col := s.Columns[c]
		if col.Type != "integer" && col.Type != "number" {
			continue
		}
		cell := strings.TrimSpace(st.text(r.Index, i))
		if cell == "" {
			continue
		}
		says, ok := st.sumCell(col, cell, r, i)
		if !ok {
			continue
		}
		var sum int64
		reported := 0
		skip := false
		for _, d := range covered {
			sr := st.rows[d]
			if sr == nil || sr.bad[c] {
				skip = true
				break
			}
			if sr.set[c] {
				sum += sr.vals[c]
				reported++
			}
		}
		if skip || reported == 0 || sum == says {
			continue
		}
		kind := "layout.total_mismatch"
		if r.Role == layout.Subtotal {
			kind = "layout.subtotal_mismatch"
		}
		st.env.Problems.Add(msg(diag.Problem{Pos: st.g.At(r.Index, i), Severity: diag.Error, Rule: "total-mismatch", Field: col.Name, Value: cell},
			kind+"_"+where, quoted(r.Label), figure(col, says), diag.Text{ID: "field." + col.Name}, len(covered), figure(col, sum)))
	}
}

// sumCell reads a sum row's figure as a data cell of its column is read.
func (st *sheetTable) sumCell(col parks.Column, cell string, r layout.Row, i int) (int64, bool) {
	ctx := st.ctx[i]
	ctx.Marked = parks.NoMarker
	if st.vote(r.Index, i) == "" {
		ctx.Decimal = parks.DecimalPoint // a workbook's number cell
	}
	switch col.Type {
	case "number":
		var a parks.Area
		if a.ParseCell(cell, &ctx) != nil || !a.Set && ctx.Marked == parks.NoMarker {
			return 0, false
		}
		if ctx.Marked == parks.MarkerZero {
			return 0, true
		}
		return a.M2, a.Set
	case "integer":
		if col.Unit == "KZT" {
			var m parks.Money
			if m.ParseCell(cell, &ctx) != nil || !m.Set {
				return 0, false
			}
			return m.V, true
		}
		var n parks.Count
		if n.ParseCell(cell, &ctx) != nil || !n.Set {
			return 0, false
		}
		return n.V, true
	}
	return 0, false
}

// figure is a figure for a message: a count as a number, money in tenge,
// an area in hectares.
func figure(col parks.Column, v int64) any {
	switch {
	case col.Type == "number":
		return parks.FormatHa(v) + " ha"
	case col.Unit == "KZT":
		return diag.Text{ID: "problem.layout.tenge", Args: []any{v}}
	}
	return v
}
