package rules

import (
	"github.com/parks-kz/parks/pkg/diag"
	"github.com/parks-kz/parks/pkg/layout"
	"github.com/parks-kz/parks/pkg/parks"
)

// The subtotal check (rule total-mismatch) of a report-shaped sheet: every
// figure of the sheet's own subtotal and total rows is compared with the
// sum of the data rows it covers. A subtotal covers the data rows since
// the previous subtotal or total (or, when the sheet puts subtotals above
// their groups — the first subtotal comes before any data row — the rows
// after it up to the next one); a total covers the data rows since the
// previous total, or, when none is above it, every data row after it.
// «В том числе» rows are parts of the line above, not sums: they are not
// checked and do not count. A figure is checked only when every covered
// row's cell was read without error and at least one of them reports it;
// a blank or «…» cell in the sum row is not checked, «-» is 0. The
// decoder (pkg/decode/sheet_totals.go) reads the cells and places the
// finding.

// SumRow is a subtotal or total row of a sheet and the data rows it
// covers, as indexes into the sheet's rows.
type SumRow struct {
	Row     int
	Covered []int
	Below   bool // its rows follow it
}

// SumRows says which data rows each subtotal and total row covers, given
// the role of every row of the sheet in order; a sum row that covers no
// data row is left out.
func SumRows(roles []layout.Role) []SumRow {
	leading := false
	for _, r := range roles {
		if r == layout.Data {
			break
		}
		if r == layout.Subtotal {
			leading = true
			break
		}
	}
	var out []SumRow
	for i, r := range roles {
		if r != layout.Subtotal && r != layout.Total {
			continue
		}
		var covered []int
		above := func(stop func(layout.Role) bool) {
			for j := i - 1; j >= 0 && !stop(roles[j]); j-- {
				if roles[j] == layout.Data {
					covered = append(covered, j)
				}
			}
		}
		below := func(stop func(layout.Role) bool) {
			for j := i + 1; j < len(roles) && !stop(roles[j]); j++ {
				if roles[j] == layout.Data {
					covered = append(covered, j)
				}
			}
		}
		sum := func(x layout.Role) bool { return x == layout.Subtotal || x == layout.Total }
		total := func(x layout.Role) bool { return x == layout.Total }
		isBelow := false
		switch {
		case r == layout.Subtotal && leading:
			below(sum)
			isBelow = true
		case r == layout.Subtotal:
			above(sum)
		default:
			if above(total); len(covered) == 0 {
				below(total)
				isBelow = true
			}
		}
		if len(covered) > 0 {
			out = append(out, SumRow{Row: i, Covered: covered, Below: isBelow})
		}
	}
	return out
}

// Figure is a covered row's figure of a column as read: Bad when its cell
// had an error of its own (the sum is then not checked), Set when it
// reports one.
type Figure struct {
	V        int64
	Set, Bad bool
}

// SumMismatch is the finding of a sum row's figure (says, written as
// cell) that is not the sum of the figures of the rows it covers, or nil
// when it is, or when it cannot be checked. label is the sum row's label,
// subtotal whether it is a subtotal (else a total).
func SumMismatch(col parks.Column, label string, subtotal bool, sr SumRow, cell string, says int64, figures []Figure) *Finding {
	var sum int64
	reported := 0
	for _, f := range figures {
		if f.Bad {
			return nil
		}
		if f.Set {
			sum += f.V
			reported++
		}
	}
	if reported == 0 || sum == says {
		return nil
	}
	id := "layout.total_mismatch"
	if subtotal {
		id = "layout.subtotal_mismatch"
	}
	if sr.Below {
		id += "_below"
	} else {
		id += "_above"
	}
	return &Finding{Column: col.Name, Severity: diag.Error, Rule: "total-mismatch", Value: cell, ID: id,
		Args: []any{diag.Quote(label), figureArg(col, says), diag.Text{ID: "field." + col.Name}, len(sr.Covered), figureArg(col, sum)}}
}

// figureArg is a figure as a message argument: a count as a number, money
// in tenge, an area in hectares.
func figureArg(col parks.Column, v int64) any {
	switch {
	case col.Type == "number":
		return parks.FormatHa(v) + " ha"
	case col.Unit == "KZT":
		return diag.Text{ID: "problem.layout.tenge", Args: []any{v}}
	}
	return v
}
