package decode

import (
	"strings"

	"github.com/parks-kz/parks/pkg/diag"
	"github.com/parks-kz/parks/pkg/layout"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/rules"
)

// checkTotals applies the subtotal check (rules.SumRows, rules.SumMismatch)
// to the table: it reads each sum row's figures as a data cell of its
// column is read, and places a finding at the cell.
func (st *sheetTable) checkTotals() {
	rows := st.t.Rows
	roles := make([]layout.Role, len(rows))
	for i, r := range rows {
		roles[i] = r.Role
	}
	for _, sr := range rules.SumRows(roles) {
		st.checkRow(rows[sr.Row], sr)
		st.checkDistrict(rows[sr.Row], sr)
	}
}

// checkDistrict: a subtotal that names a district («Итого по г. Кентау»)
// covers rows of that district (rule subtotal-district). Said only when
// the name matches one district of the gazetteer, never on a guess.
func (st *sheetTable) checkDistrict(r layout.Row, sr rules.SumRow) {
	if r.Role != layout.Subtotal || r.Group == "" || st.s != parks.FacilitySchema {
		return
	}
	d, ok := layout.GroupDistrict(st.env.Gazetteer, r.Group)
	if !ok {
		return
	}
	other, known := 0, 0
	var first *parks.District
	for _, i := range sr.Covered {
		row := st.rows[i]
		if row == nil || row.kato == "" {
			continue
		}
		known++
		if row.kato != d.KATO {
			if other++; first == nil {
				first = st.env.Gazetteer.ByKATO(row.kato)
			}
		}
	}
	if other == 0 || first == nil {
		return
	}
	st.env.Problems.Add(msg(diag.Problem{Pos: st.g.At(r.Index, max(r.Col, 0)), Severity: diag.Warning, Rule: "subtotal-district", Field: "district", Value: r.Label},
		"layout.subtotal_district", quoted(r.Label), districtName(d), other, known, districtName(first)))
}

// districtName is a district's name in the reader's language.
func districtName(d *parks.District) diag.Names {
	return diag.Names{KK: d.KK, RU: d.RU, EN: d.EN}
}

// checkRow compares one sum row with the rows it covers.
func (st *sheetTable) checkRow(r layout.Row, sr rules.SumRow) {
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
		figures := make([]rules.Figure, len(sr.Covered))
		for k, d := range sr.Covered {
			if row := st.rows[d]; row == nil || row.bad[c] {
				figures[k].Bad = true
			} else {
				figures[k] = rules.Figure{V: row.vals[c], Set: row.set[c]}
			}
		}
		if f := rules.SumMismatch(col, r.Label, r.Role == layout.Subtotal, sr, cell, says, figures); f != nil {
			st.env.Problems.Add(diag.Problem{Pos: st.g.At(r.Index, i), Severity: f.Severity, Rule: f.Rule, Field: f.Column, Value: f.Value, ID: f.ID, Args: f.Args})
		}
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
