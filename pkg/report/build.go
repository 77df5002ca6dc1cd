package report

import (
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/parks-kz/parks/pkg/diag"
	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/render"
	"github.com/parks-kz/parks/pkg/view"
)

// Source is what a report is built from: the usable records of a dataset,
// the files they were read from and what was wrong with them.
type Source struct {
	Dataset                        *parks.Dataset
	Files                          []string
	Problems                       []diag.Problem
	RowsIn, RowsUsed, RowsReported int
}

// TableSpec is a per-district table of a report: a command's view, its
// sort, and the metric columns the workbook's chart draws.
type TableSpec struct {
	ID      string
	View    view.View
	Sort    string
	Chart   []string
	Stacked bool
}

// DistrictTables are the report's per-district tables: the views the
// buildings, investment, jobs and leverage commands draw (pkg/view), and
// the columns each workbook chart draws.
var DistrictTables = []TableSpec{
	{ID: "buildings", View: view.Buildings, Sort: "name", Chart: []string{"buildings_built", "buildings_under_construction", "buildings_not_started"}, Stacked: true},
	{ID: "investment", View: view.Investment, Sort: "name", Chart: []string{"investment_private_kzt", "investment_budget_kzt"}, Stacked: true},
	{ID: "jobs", View: view.Jobs, Sort: "name", Chart: []string{"jobs_created", "jobs_planned"}},
	{ID: "leverage", View: view.Leverage, Sort: "leverage", Chart: []string{"leverage"}},
}

// Build gathers a report's tables, charts, headline figures and data
// quality from a dataset, through the same aggregation and views as the
// commands: tables are the per-district tables (a command's view each).
func Build(src Source, tables []TableSpec, lang i18n.Lang) (*Report, error) {
	f := i18n.Formatter{Lang: lang}
	meta := src.Dataset.Meta
	r := &Report{
		Lang:   lang,
		Title:  i18n.T(lang, "report.title"),
		Region: view.RegionName(meta.Region, lang),
		AsOf:   meta.AsOf,
		Files:  src.Files,
	}
	districts, err := parks.Aggregate(src.Dataset, parks.ByDistrict, parks.Filter{})
	if err != nil {
		return nil, err
	}
	total := &view.Row{Label: i18n.T(lang, "total"), Values: view.Values(&districts.Total), Prov: &districts.Total.Prov}
	rowsOf := map[string][]*view.Row{}
	for _, t := range tables {
		rows := view.Rows(districts, lang, lang, t.Sort, 0)
		rowsOf[t.ID] = rows
		r.Tables = append(r.Tables, &Table{
			ID:      t.ID,
			Human:   view.HumanTable(t.View, parks.ByDistrict, rows, total, lang, i18n.UnitAuto),
			Sheet:   viewSheet(t.View, rows, total, lang),
			Chart:   chartColumns(t.View, t.Chart),
			Stacked: t.Stacked,
		})
	}
	r.Headline = headline(total.Values, lang, f)
	// Sources and dates: the dataset's own, then those of the records
	// behind the totals (the provenance the JSON rows carry).
	addSource := func(src string) {
		if src = strings.TrimSpace(src); src != "" && !slices.Contains(r.Sources, src) {
			r.Sources = append(r.Sources, src)
		}
	}
	addSource(meta.Source)
	for _, src := range total.Prov.Sources() {
		addSource(src)
	}
	if r.AsOf == "" && total.Prov.From.Set {
		r.AsOf = total.Prov.From.String()
		if total.Prov.To != total.Prov.From {
			r.AsOf += " – " + total.Prov.To.String()
		}
	}

	// Charts, from the same rows as the tables.
	bldg := rowsOf["buildings"]
	r.Charts = append(r.Charts, &Chart{
		ID: "jobs", Title: i18n.T(lang, "rchart.jobs"), Axis: i18n.T(lang, "axis.jobs"),
		Labels: labels(rowsOf["jobs"]),
		Series: []Series{
			{Name: i18n.T(lang, "series.created"), Values: column(rowsOf["jobs"], "jobs_created", 1)},
			{Name: i18n.T(lang, "series.planned"), Values: column(rowsOf["jobs"], "jobs_planned", 1)},
		},
	})
	inv := rowsOf["investment"]
	unit := autoUnit(inv, "investment_private_kzt", "investment_budget_kzt")
	unitLabel := i18n.T(lang, "unit."+string(unit))
	r.Charts = append(r.Charts, &Chart{
		ID: "investment", Title: i18n.T(lang, "rchart.investment", unitLabel), Axis: unitLabel, Stacked: true,
		Labels: labels(inv),
		Series: []Series{
			{Name: i18n.T(lang, "series.private"), Values: column(inv, "investment_private_kzt", UnitDivisor(unit))},
			{Name: i18n.T(lang, "series.budget"), Values: column(inv, "investment_budget_kzt", UnitDivisor(unit))},
		},
	})
	byFacility, err := parks.Aggregate(src.Dataset, parks.ByFacility, parks.Filter{})
	if err != nil {
		return nil, err
	}
	// A bar per facility stays readable up to a few dozen facilities; the
	// rows come sorted by leverage, so the cut keeps the highest.
	fac := view.Rows(byFacility, lang, lang, "leverage", maxFacilityBars)
	var notes []string
	if n := len(byFacility.Groups); n > maxFacilityBars {
		notes = append(notes, i18n.T(lang, "report.chart.top", maxFacilityBars, f.Int(int64(n))))
	}
	if n := nullNote(fac, "leverage", lang); n != "" {
		notes = append(notes, n)
	}
	r.Charts = append(r.Charts, &Chart{
		ID: "leverage", Title: i18n.T(lang, "rchart.leverage"), Axis: i18n.T(lang, "series.leverage"),
		Labels: shortLabels(fac, 30),
		Series: []Series{{Name: i18n.T(lang, "series.leverage"), Values: column(fac, "leverage", 1), Texts: texts(fac, "leverage", f)}},
		Note:   strings.Join(notes, " "),
	})
	r.Charts = append(r.Charts, &Chart{
		ID: "buildings", Title: i18n.T(lang, "rchart.buildings"), Axis: i18n.T(lang, "axis.buildings"), Stacked: true,
		Labels: labels(bldg),
		Series: []Series{
			{Name: i18n.T(lang, "series.built"), Values: column(bldg, "buildings_built", 1)},
			{Name: i18n.T(lang, "series.under_construction"), Values: column(bldg, "buildings_under_construction", 1)},
			{Name: i18n.T(lang, "series.not_started"), Values: column(bldg, "buildings_not_started", 1)},
		},
	})

	facilities := slices.Clone(src.Dataset.Facilities)
	view.SortFacilities(facilities, lang)
	r.Facilities = &Table{ID: "facilities", human: func() *render.Table { return view.FacilityTable(facilities, lang, i18n.UnitAuto) },
		Sheet: facilitySheet(facilities, lang)}

	r.Quality.Rows = i18n.T(lang, "report.quality.rows", f.Int(int64(src.RowsIn)), f.Int(int64(src.RowsUsed)), f.Int(int64(src.RowsReported)))
	for _, p := range src.Problems {
		if p.Severity >= diag.Error {
			r.Quality.LeftOut = append(r.Quality.LeftOut, i18n.Problem(lang, p))
		} else if p.Severity == diag.Warning { // info notes (how a report-shaped sheet was read) are validate's
			r.Quality.Warnings = append(r.Quality.Warnings, i18n.Problem(lang, p))
		}
	}
	return r, nil
}

// headline lists the dataset's headline figures from the total row.
func headline(v map[string]parks.Value, lang i18n.Lang, f i18n.Formatter) []Figure {
	money := func(id, key string) Figure {
		val := v[key]
		unit := i18n.UnitKZT
		if !val.Null {
			unit = i18n.AutoUnit([]int64{val.Int})
		}
		return Figure{
			Label: i18n.T(lang, id, i18n.T(lang, "unit."+string(unit))),
			Text:  f.Value(val, unit),
			Sheet: []SheetFigure{{Label: i18n.T(lang, id, i18n.T(lang, "unit.kzt")), Value: val}},
		}
	}
	plain := func(id, key string) Figure {
		l := i18n.T(lang, id)
		return Figure{Label: l, Text: f.Value(v[key], i18n.UnitKZT), Sheet: []SheetFigure{{Label: l, Value: v[key]}}}
	}
	pair := func(id, done, doneID, planned, plannedID string) Figure {
		return Figure{
			Label: i18n.T(lang, id),
			Text:  view.PairColumn(id, done, planned).Cell(f, v, i18n.UnitKZT),
			Sheet: []SheetFigure{{Label: i18n.T(lang, doneID), Value: v[done]}, {Label: i18n.T(lang, plannedID), Value: v[planned]}},
		}
	}
	return []Figure{
		plain("head.facilities", "facilities"),
		plain("col.parks", "parks"),
		plain("col.sites", "sites"),
		plain("head.area", "area_ha"),
		pair("head.buildings", "buildings_built", "sheet.buildings_built", "buildings_planned", "sheet.buildings_planned"),
		plain("head.buildings_uc", "buildings_under_construction"),
		pair("head.jobs", "jobs_created", "col.jobs_created", "jobs_planned", "col.jobs_planned"),
		money("head.investment_private", "investment_private_kzt"),
		money("head.investment_budget", "investment_budget_kzt"),
		money("head.investment_total", "investment_total_kzt"),
		plain("head.leverage", "leverage"),
		money("head.import_substitution", "import_substitution_kzt"),
	}
}

// viewSheet is a view.View's rows as typed cells, money in tenge.
func viewSheet(v view.View, rows []*view.Row, total *view.Row, lang i18n.Lang) *Sheet {
	t := view.HumanTable(v, parks.ByDistrict, nil, nil, lang, i18n.UnitKZT)
	s := &Sheet{Header: t.Header}
	line := func(r *view.Row) []Cell {
		cells := []Cell{TextCell(r.Label)}
		for _, c := range v.Columns {
			cells = append(cells, ValueCell(r.Values[c.Keys[0]]))
		}
		return cells
	}
	for _, r := range rows {
		s.Rows = append(s.Rows, line(r))
	}
	if total != nil {
		s.Total = line(total)
	}
	return s
}

// chartColumns finds the sheet columns of metric keys (column 0 is the
// group name).
func chartColumns(v view.View, keys []string) []int {
	var out []int
	for _, k := range keys {
		for i, c := range v.Columns {
			if c.Keys[0] == k {
				out = append(out, i+1)
			}
		}
	}
	return out
}

// facilitySheet is the facility list as typed cells.
func facilitySheet(facilities []*parks.Facility, lang i18n.Lang) *Sheet {
	kzt := i18n.T(lang, "unit.kzt")
	s := &Sheet{Header: []string{
		i18n.T(lang, "col.id"), i18n.T(lang, "col.name"), i18n.T(lang, "col.kind"), i18n.T(lang, "col.district"), i18n.T(lang, "col.status"),
		i18n.T(lang, "col.area_ha"), i18n.T(lang, "sheet.buildings_planned"), i18n.T(lang, "sheet.buildings_built"), i18n.T(lang, "head.buildings_uc"),
		i18n.T(lang, "col.projects_planned"), i18n.T(lang, "col.projects_launched"),
		i18n.T(lang, "col.jobs_planned"), i18n.T(lang, "col.jobs_created"),
		i18n.T(lang, "head.investment_private", kzt), i18n.T(lang, "head.investment_budget", kzt), i18n.T(lang, "head.investment_total", kzt),
		i18n.T(lang, "col.leverage"), i18n.T(lang, "col.import_substitution", kzt),
		i18n.T(lang, "col.as_of"), i18n.T(lang, "col.source"),
	}}
	keys := []string{"area_ha", "buildings_planned", "buildings_built", "buildings_under_construction", "projects_planned", "projects_launched", "jobs_planned", "jobs_created",
		"investment_private_kzt", "investment_budget_kzt", "investment_total_kzt", "leverage", "import_substitution_kzt"}
	// the rows are made as they are written: a cell is about 70 bytes,
	// a million facilities' rows 1.4 GB
	metrics := make([]*parks.Metric, len(keys))
	for i, k := range keys {
		metrics[i], _ = parks.MetricByKey(k)
	}
	s.Len = len(facilities)
	s.Row = func(i int, row []Cell) []Cell {
		fc := facilities[i]
		var t parks.Totals // the facility's metrics, without a map per row
		t.AddFacility(fc)
		row = append(row, TextCell(string(fc.ID)), TextCell(string(fc.Name)), TextCell(i18n.T(lang, "kind."+string(fc.Kind))),
			TextCell(view.DistrictName(fc.KATO, lang)), TextCell(view.StatusLabel(lang, fc.Status)))
		for _, m := range metrics {
			row = append(row, ValueCell(m.Of(&t)))
		}
		// as_of and source: the workbook reads back with its provenance
		return append(row, TextCell(fc.AsOf.String()), TextCell(string(fc.Source)))
	}
	return s
}

func labels(rows []*view.Row) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.Label
	}
	return out
}

// shortLabels shortens long facility names for a chart's axis.
func shortLabels(rows []*view.Row, n int) []string {
	out := labels(rows)
	for i, s := range out {
		if utf8.RuneCountInString(s) > n {
			out[i] = strings.TrimSpace(string([]rune(s)[:n-1])) + "…"
		}
	}
	return out
}

// column is one metric of rows as chart values (NaN when not reported),
// divided by a money unit's divisor for display.
func column(rows []*view.Row, key string, divisor float64) []float64 {
	out := make([]float64, len(rows))
	for i, r := range rows {
		if v := r.Values[key]; v.Null {
			out[i] = math.NaN()
		} else {
			out[i] = v.Number() / divisor
		}
	}
	return out
}

func autoUnit(rows []*view.Row, keys ...string) i18n.MoneyUnit {
	var amounts []int64
	for _, r := range rows {
		for _, k := range keys {
			if v := r.Values[k]; !v.Null {
				amounts = append(amounts, v.Int)
			}
		}
	}
	return i18n.AutoUnit(amounts)
}

// UnitDivisor is what a money unit divides tenge by.
func UnitDivisor(u i18n.MoneyUnit) float64 {
	switch u {
	case i18n.UnitThousand:
		return 1e3
	case i18n.UnitMln:
		return 1e6
	case i18n.UnitBn:
		return 1e9
	}
	return 1
}

// maxFacilityBars bounds the bars of the leverage-by-facility chart.
const maxFacilityBars = 30

// texts are a metric's values as the tables write them.
func texts(rows []*view.Row, key string, f i18n.Formatter) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = f.Value(r.Values[key], i18n.UnitKZT)
	}
	return out
}

// nullNote explains bars that are missing because a value is null.
func nullNote(rows []*view.Row, key string, lang i18n.Lang) string {
	for _, r := range rows {
		if r.Values[key].Null && key == "leverage" {
			return i18n.T(lang, "note.null_leverage")
		} else if r.Values[key].Null {
			return i18n.T(lang, "note.null")
		}
	}
	return ""
}
