package view

import (
	"slices"
	"strings"

	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/render"
)

// View is what one aggregate command shows in human formats. Machine
// formats always carry every metric.
type View struct {
	Title   string // message id of the title
	Columns []Column
}

// Column is a column of a human table.
type Column struct {
	Header func(l i18n.Lang, unit string) string
	Cell   func(f i18n.Formatter, v map[string]parks.Value, unit i18n.MoneyUnit) string
	Money  []string // metrics whose amounts decide the auto unit
	Keys   []string // the metrics the column shows
}

// MetricColumn shows one metric under a message id.
func MetricColumn(msgID, key string) Column {
	c := Column{
		Keys:   []string{key},
		Header: func(l i18n.Lang, unit string) string { return i18n.T(l, msgID, unit) },
		Cell: func(f i18n.Formatter, v map[string]parks.Value, unit i18n.MoneyUnit) string {
			return f.Value(v[key], unit)
		},
	}
	if m, _ := parks.MetricByKey(key); m != nil && m.Unit == parks.UnitMoney {
		c.Money = []string{key}
	}
	return c
}

// PairColumn shows "done / planned", as in "40 / 152".
func PairColumn(msgID, done, planned string) Column {
	return Column{
		Keys:   []string{done, planned},
		Header: func(l i18n.Lang, unit string) string { return i18n.T(l, msgID) },
		Cell: func(f i18n.Formatter, v map[string]parks.Value, unit i18n.MoneyUnit) string {
			a, b := v[done], v[planned]
			if a.Null && b.Null {
				return i18n.Null
			}
			return f.Value(a, unit) + " / " + f.Value(b, unit)
		},
	}
}

// HumanTable formats rows for a reader.
func HumanTable(v View, by parks.Dimension, rows []*Row, total *Row, lang i18n.Lang, unit i18n.MoneyUnit) *render.Table {
	f := i18n.Formatter{Lang: lang}
	all := rows
	if total != nil {
		all = append(slices.Clip(rows), total)
	}
	if unit == i18n.UnitAuto {
		var amounts []int64
		for _, c := range v.Columns {
			for _, key := range c.Money {
				for _, r := range all {
					if val := r.Values[key]; !val.Null {
						amounts = append(amounts, val.Int)
					}
				}
			}
		}
		unit = i18n.AutoUnit(amounts)
	}
	unitLabel := f.UnitLabel(unit)
	t := &render.Table{Title: i18n.T(lang, v.Title, i18n.T(lang, "by_phrase."+string(by)))}
	t.Header = []string{i18n.T(lang, "col."+string(by))}
	t.Numeric = []bool{false}
	if by == parks.ByFacility {
		t.Header = append(t.Header, i18n.T(lang, "col.district"))
		t.Numeric = append(t.Numeric, false)
	}
	for _, c := range v.Columns {
		t.Header = append(t.Header, c.Header(lang, unitLabel))
		t.Numeric = append(t.Numeric, true)
	}
	hasNull, nullLeverage := false, false
	line := func(r *Row) []string {
		cells := []string{r.Label}
		if by == parks.ByFacility {
			d := ""
			if r.Group != nil && r.Group.Facility != nil {
				d = DistrictName(r.Group.Facility.KATO, lang)
			}
			cells = append(cells, d)
		}
		for _, c := range v.Columns {
			s := c.Cell(f, r.Values, unit)
			if strings.Contains(s, i18n.Null) {
				hasNull = true
				nullLeverage = nullLeverage || slices.Contains(c.Keys, "leverage") && r.Values["leverage"].Null
			}
			cells = append(cells, s)
		}
		return cells
	}
	for _, r := range rows {
		t.Rows = append(t.Rows, line(r))
	}
	if total != nil {
		t.Footer = line(total)
	}
	switch {
	case nullLeverage: // say why a site financed only privately has no leverage
		t.Notes = append(t.Notes, i18n.T(lang, "note.null_leverage"))
	case hasNull:
		t.Notes = append(t.Notes, i18n.T(lang, "note.null"))
	}
	return t
}

var FacilityColumns = View{
	Columns: []Column{
		MetricColumn("col.area_ha", "area_ha"),
		PairColumn("col.buildings", "buildings_built", "buildings_planned"),
		MetricColumn("col.under_construction", "buildings_under_construction"),
		PairColumn("col.jobs", "jobs_created", "jobs_planned"),
		MetricColumn("col.investment_total", "investment_total_kzt"),
		MetricColumn("col.leverage", "leverage"),
	},
}

// SortFacilities orders facilities by district, then name, in the
// reader's language.
func SortFacilities(facilities []*parks.Facility, lang i18n.Lang) {
	// Sort keys, made once per facility (and once per district): a
	// collator's comparison per pair made list take 100 s at 500k rows.
	keyOf := CachedNameKeys(lang)
	districts := map[string]i18n.NameKey{}
	type keyed struct {
		f              *parks.Facility
		district, name i18n.NameKey
	}
	ks := make([]keyed, len(facilities))
	for i, f := range facilities {
		d, ok := districts[f.KATO]
		if !ok {
			d = keyOf(DistrictName(f.KATO, lang))
			districts[f.KATO] = d
		}
		ks[i] = keyed{f, d, keyOf(string(f.Name))}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int {
		if c := i18n.CompareNameKeys(a.district, b.district); c != 0 {
			return c
		}
		return i18n.CompareNameKeys(a.name, b.name)
	})
	for i := range ks {
		facilities[i] = ks[i].f
	}
}

// FacilityTable is the human table of `parks list` (and of reports).
func FacilityTable(facilities []*parks.Facility, lang i18n.Lang, unit i18n.MoneyUnit) *render.Table {
	f := i18n.Formatter{Lang: lang}
	if unit == i18n.UnitAuto {
		var amounts []int64
		for _, fc := range facilities {
			if v := FacilityValues(fc)["investment_total_kzt"]; !v.Null {
				amounts = append(amounts, v.Int)
			}
		}
		unit = i18n.AutoUnit(amounts)
	}
	unitLabel := f.UnitLabel(unit)
	t := &render.Table{Title: i18n.T(lang, "title.list"),
		Header:  []string{i18n.T(lang, "col.id"), i18n.T(lang, "col.name"), i18n.T(lang, "col.kind"), i18n.T(lang, "col.district"), i18n.T(lang, "col.status")},
		Numeric: []bool{false, false, false, false, false}}
	for _, c := range FacilityColumns.Columns {
		t.Header = append(t.Header, c.Header(lang, unitLabel))
		t.Numeric = append(t.Numeric, true)
	}
	for _, fc := range facilities {
		vals := FacilityValues(fc)
		row := []string{string(fc.ID), string(fc.Name), i18n.T(lang, "kind."+string(fc.Kind)), DistrictName(fc.KATO, lang), StatusLabel(lang, fc.Status)}
		for _, c := range FacilityColumns.Columns {
			row = append(row, c.Cell(f, vals, unit))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}
