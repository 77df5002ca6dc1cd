package cli

import (
	"fmt"
	stdio "io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/parks-kz/parks/pkg/decode"
	"github.com/parks-kz/parks/pkg/diag"
	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/report"
	"github.com/parks-kz/parks/pkg/safefile"
	"github.com/parks-kz/parks/pkg/view"
	"github.com/spf13/cobra"
)

// reportOptions are the options of `parks report`.
type reportOptions struct {
	dataOptions
	Format string
	Out    string
	Paths  []string
}

func newReportCmd(io *IO) *cobra.Command {
	opts := &reportOptions{}
	cmd := &cobra.Command{
		Use:   "report [PATH...] --out FILE",
		Short: "Write a finished report: HTML with charts, Markdown with SVG charts, or an Excel workbook",
		Long: `report writes the dataset as a finished report: title, region, as_of and
sources; headline figures; the per-district tables of buildings, investment,
jobs and leverage (the same rows those commands print); charts; the facility
list; and a data-quality section with the validation warnings.

  html      one self-contained file (inline CSS, font and SVG charts; nothing
            is fetched), readable on a phone and printable on A4
  markdown  GitHub-flavoured; each chart is an SVG file next to it
            (report.md → report-jobs.svg, …)
  xlsx      a README sheet, one sheet per table with a native bar chart,
            and a Facilities sheet; numbers stored as numbers

--out - writes the report to stdout: HTML unless --format says otherwise;
Markdown without its charts (the tables carry the same figures), e.g. for
$GITHUB_STEP_SUMMARY; xlsx only when stdout is not a terminal.

The file is written atomically (a temporary file, then a rename). The
command refuses to overwrite an input file, and refuses invalid data unless
--skip-invalid, in which case the data-quality section lists what was left
out. Text follows --lang.`,
		Example: `  parks report --format html --out report.html
  parks report data/ --out report.md --lang kk
  parks report facilities.csv --format xlsx --out report.xlsx --skip-invalid`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			return runReport(io, opts)
		},
	}
	opts.dataOptions.addFlags(cmd)
	addOutputFlag(cmd, &opts.Format, "", "output format: html, markdown or xlsx (default: from the --out extension; --format is the same flag)", report.Formats)
	cmd.Flags().StringVar(&opts.Out, "out", "", "file to write (required); - writes to stdout (default format html; Markdown without its SVG charts)")
	return cmd
}

func runReport(io *IO, opts *reportOptions) error {
	lang, err := opts.lang(io)
	if err != nil {
		return err
	}
	if opts.Out == "" {
		return usageError("--out FILE is required")
	}
	format := opts.Format
	if format == "" && opts.Out == "-" {
		format = "html"
	}
	if format == "" {
		format = report.FormatOf(opts.Out)
		if format == "" {
			return usageError("cannot tell the format of %s; use -o html, markdown or xlsx", opts.Out)
		}
	}
	if !slices.Contains(report.Formats, format) {
		return usageError("unknown output format %q; use html, markdown or xlsx", format)
	}
	if opts.Out == "-" && format == "xlsx" && io.OutTTY {
		return usageError("an xlsx report is a binary workbook; redirect it to a file (> report.xlsx) or use --out FILE")
	}
	if opts.Out != "-" {
		if _, _, _, err := safefile.Target(opts.Out); err != nil {
			return usageError("%v", err) // before the data is read
		}
	}
	opts.allProblems = true // the report lists them
	loaded, err := opts.load(io, lang, opts.Paths)
	if err != nil {
		return err
	}
	r, err := buildReport(loaded, lang)
	if err != nil {
		return err
	}
	if opts.Out == "-" {
		return writeReport(io.Out, r, format)
	}
	for _, out := range r.Outputs(format, opts.Out) {
		if isInput(out, loaded.Files) {
			return usageError("refusing to write %s: it is an input file", out)
		}
	}
	if err := r.Save(format, opts.Out); err != nil {
		return &exitError{code: ExitError, err: err}
	}
	return nil
}

// writeReport writes a report to stdout (--out -). A Markdown report has
// no place for its SVG charts there: it is written without them (the
// tables carry the same figures), for a CI step summary or a pipe.
func writeReport(w stdio.Writer, r *report.Report, format string) error {
	var err error
	switch format {
	case "html":
		err = r.WriteHTML(w)
	case "markdown":
		err = r.WriteMarkdown(w, nil)
	case "xlsx":
		err = r.WriteXLSX(w)
	}
	if err != nil {
		return &exitError{code: ExitError, err: fmt.Errorf("cannot write the report to stdout: %w", err)}
	}
	return nil
}

// isInput reports whether path is one of the input files.
func isInput(path string, inputs []string) bool {
	st, err := os.Stat(path)
	abs, _ := filepath.Abs(path)
	for _, in := range inputs {
		if inAbs, _ := filepath.Abs(in); inAbs == abs {
			return true
		}
		if err == nil {
			if ist, err := os.Stat(in); err == nil && os.SameFile(st, ist) {
				return true
			}
		}
	}
	return false
}

// reportTable is a per-district table of the report: a command's view.View and
// the columns the workbook's chart draws.
type reportTable struct {
	id      string
	view    view.View
	sort    string   // the command's default sort
	chart   []string // metric keys of the workbook chart
	stacked bool
}

var reportTables = []reportTable{
	{"buildings", buildingsView, "name", []string{"buildings_built", "buildings_under_construction", "buildings_not_started"}, true},
	{"investment", investmentView, "name", []string{"investment_private_kzt", "investment_budget_kzt"}, true},
	{"jobs", jobsView, "name", []string{"jobs_created", "jobs_planned"}, false},
	{"leverage", leverageView, "leverage", []string{"leverage"}, false},
}

// buildReport gathers the report's tables and values through the same
// aggregate path as the commands; pkg/report only lays them out.
func buildReport(loaded *decode.Loaded, lang i18n.Lang) (*report.Report, error) {
	f := i18n.Formatter{Lang: lang}
	meta := loaded.Dataset.Meta
	r := &report.Report{
		Lang:   lang,
		Title:  i18n.T(lang, "report.title"),
		Region: view.RegionName(meta.Region, lang),
		AsOf:   meta.AsOf,
		Files:  loaded.Files,
	}
	rowsOf := map[string][]*view.Row{}
	var total *view.Row
	for _, rt := range reportTables {
		o := &aggregateOptions{By: string(parks.ByDistrict), Sort: rt.sort}
		_, rows, tot, err := o.aggregate(loaded, parks.ByDistrict, parks.Filter{}, lang)
		if err != nil {
			return nil, err
		}
		rowsOf[rt.id], total = rows, tot
		r.Tables = append(r.Tables, &report.Table{
			ID:      rt.id,
			Human:   view.HumanTable(rt.view, parks.ByDistrict, rows, tot, lang, i18n.UnitAuto),
			Sheet:   viewSheet(rt.view, rows, tot, lang),
			Chart:   chartColumns(rt.view, rt.chart),
			Stacked: rt.stacked,
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
	r.Charts = append(r.Charts, &report.Chart{
		ID: "jobs", Title: i18n.T(lang, "rchart.jobs"), Axis: i18n.T(lang, "axis.jobs"),
		Labels: labels(rowsOf["jobs"]),
		Series: []report.Series{
			{Name: i18n.T(lang, "series.created"), Values: column(rowsOf["jobs"], "jobs_created", 1)},
			{Name: i18n.T(lang, "series.planned"), Values: column(rowsOf["jobs"], "jobs_planned", 1)},
		},
	})
	inv := rowsOf["investment"]
	unit := autoUnit(inv, "investment_private_kzt", "investment_budget_kzt")
	unitLabel := i18n.T(lang, "unit."+string(unit))
	r.Charts = append(r.Charts, &report.Chart{
		ID: "investment", Title: i18n.T(lang, "rchart.investment", unitLabel), Axis: unitLabel, Stacked: true,
		Labels: labels(inv),
		Series: []report.Series{
			{Name: i18n.T(lang, "series.private"), Values: column(inv, "investment_private_kzt", unitDivisor(unit))},
			{Name: i18n.T(lang, "series.budget"), Values: column(inv, "investment_budget_kzt", unitDivisor(unit))},
		},
	})
	lo := &aggregateOptions{By: string(parks.ByFacility), Sort: "leverage", NoTotal: true}
	_, fac, _, err := lo.aggregate(loaded, parks.ByFacility, parks.Filter{}, lang)
	if err != nil {
		return nil, err
	}
	// A bar per facility stays readable up to a few dozen facilities; the
	// rows come sorted by leverage, so the cut keeps the highest.
	var notes []string
	if len(fac) > maxFacilityBars {
		notes = append(notes, i18n.T(lang, "report.chart.top", maxFacilityBars, f.Int(int64(len(fac)))))
		fac = fac[:maxFacilityBars]
	}
	if n := nullNote(fac, "leverage", lang); n != "" {
		notes = append(notes, n)
	}
	r.Charts = append(r.Charts, &report.Chart{
		ID: "leverage", Title: i18n.T(lang, "rchart.leverage"), Axis: i18n.T(lang, "series.leverage"),
		Labels: shortLabels(fac, 30),
		Series: []report.Series{{Name: i18n.T(lang, "series.leverage"), Values: column(fac, "leverage", 1), Texts: texts(fac, "leverage", f)}},
		Note:   strings.Join(notes, " "),
	})
	r.Charts = append(r.Charts, &report.Chart{
		ID: "buildings", Title: i18n.T(lang, "rchart.buildings"), Axis: i18n.T(lang, "axis.buildings"), Stacked: true,
		Labels: labels(bldg),
		Series: []report.Series{
			{Name: i18n.T(lang, "series.built"), Values: column(bldg, "buildings_built", 1)},
			{Name: i18n.T(lang, "series.under_construction"), Values: column(bldg, "buildings_under_construction", 1)},
			{Name: i18n.T(lang, "series.not_started"), Values: column(bldg, "buildings_not_started", 1)},
		},
	})

	facilities := slices.Clone(loaded.Dataset.Facilities)
	view.SortFacilities(facilities, lang)
	r.Facilities = &report.Table{ID: "facilities", Human: view.FacilityTable(facilities, lang, i18n.UnitAuto), Sheet: facilitySheet(facilities, lang)}

	r.Quality.Rows = i18n.T(lang, "report.quality.rows", f.Int(int64(loaded.RowsIn)), f.Int(int64(loaded.RowsUsed)), f.Int(int64(loaded.RowsReported)))
	for _, p := range loaded.Problems.Problems {
		if p.Severity >= diag.Error {
			r.Quality.LeftOut = append(r.Quality.LeftOut, i18n.Problem(lang, p))
		} else if p.Severity == diag.Warning { // info notes (how a report-shaped sheet was read) are validate's
			r.Quality.Warnings = append(r.Quality.Warnings, i18n.Problem(lang, p))
		}
	}
	return r, nil
}

// headline lists the dataset's headline figures from the total row.
func headline(v map[string]parks.Value, lang i18n.Lang, f i18n.Formatter) []report.Figure {
	money := func(id, key string) report.Figure {
		val := v[key]
		unit := i18n.UnitKZT
		if !val.Null {
			unit = i18n.AutoUnit([]int64{val.Int})
		}
		return report.Figure{
			Label: i18n.T(lang, id, i18n.T(lang, "unit."+string(unit))),
			Text:  f.Value(val, unit),
			Sheet: []report.SheetFigure{{Label: i18n.T(lang, id, i18n.T(lang, "unit.kzt")), Value: val}},
		}
	}
	plain := func(id, key string) report.Figure {
		l := i18n.T(lang, id)
		return report.Figure{Label: l, Text: f.Value(v[key], i18n.UnitKZT), Sheet: []report.SheetFigure{{Label: l, Value: v[key]}}}
	}
	pair := func(id, done, doneID, planned, plannedID string) report.Figure {
		return report.Figure{
			Label: i18n.T(lang, id),
			Text:  view.PairColumn(id, done, planned).Cell(f, v, i18n.UnitKZT),
			Sheet: []report.SheetFigure{{Label: i18n.T(lang, doneID), Value: v[done]}, {Label: i18n.T(lang, plannedID), Value: v[planned]}},
		}
	}
	return []report.Figure{
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
func viewSheet(v view.View, rows []*view.Row, total *view.Row, lang i18n.Lang) *report.Sheet {
	t := view.HumanTable(v, parks.ByDistrict, nil, nil, lang, i18n.UnitKZT)
	s := &report.Sheet{Header: t.Header}
	line := func(r *view.Row) []report.Cell {
		cells := []report.Cell{report.TextCell(r.Label)}
		for _, c := range v.Columns {
			cells = append(cells, report.ValueCell(r.Values[c.Keys[0]]))
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
func facilitySheet(facilities []*parks.Facility, lang i18n.Lang) *report.Sheet {
	kzt := i18n.T(lang, "unit.kzt")
	s := &report.Sheet{Header: []string{
		i18n.T(lang, "col.id"), i18n.T(lang, "col.name"), i18n.T(lang, "col.kind"), i18n.T(lang, "col.district"), i18n.T(lang, "col.status"),
		i18n.T(lang, "col.area_ha"), i18n.T(lang, "sheet.buildings_planned"), i18n.T(lang, "sheet.buildings_built"), i18n.T(lang, "head.buildings_uc"),
		i18n.T(lang, "col.jobs_planned"), i18n.T(lang, "col.jobs_created"),
		i18n.T(lang, "head.investment_private", kzt), i18n.T(lang, "head.investment_budget", kzt), i18n.T(lang, "head.investment_total", kzt),
		i18n.T(lang, "col.leverage"), i18n.T(lang, "col.import_substitution", kzt),
	}}
	keys := []string{"area_ha", "buildings_planned", "buildings_built", "buildings_under_construction", "jobs_planned", "jobs_created",
		"investment_private_kzt", "investment_budget_kzt", "investment_total_kzt", "leverage", "import_substitution_kzt"}
	for _, fc := range facilities {
		vals := view.FacilityValues(fc)
		row := []report.Cell{report.TextCell(string(fc.ID)), report.TextCell(string(fc.Name)), report.TextCell(i18n.T(lang, "kind."+string(fc.Kind))),
			report.TextCell(view.DistrictName(fc.KATO, lang)), report.TextCell(view.StatusLabel(lang, fc.Status))}
		for _, k := range keys {
			row = append(row, report.ValueCell(vals[k]))
		}
		s.Rows = append(s.Rows, row)
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

func unitDivisor(u i18n.MoneyUnit) float64 {
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
