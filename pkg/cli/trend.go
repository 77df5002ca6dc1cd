package cli

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/parks-kz/parks/pkg/diag"
	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/render"
	"github.com/parks-kz/parks/pkg/report"
	"github.com/parks-kz/parks/pkg/safefile"
	"github.com/parks-kz/parks/pkg/view"
	"github.com/spf13/cobra"
)

// trendOptions are the options of `parks trend`.
type trendOptions struct {
	aggregateOptions // --by, the filters, -o, --unit, --top; Paths are the snapshots
	Metrics          []string
	Out              string // --out: draw the trend as line charts into this file
	outputSet        bool   // -o was given
}

// trendChartMetrics are the metrics drawn by --out without --metric.
var trendChartMetrics = []string{"jobs_created", "jobs_planned", "buildings_built", "investment_total_kzt"}

var trendFormats = []string{"table", "csv", "json", "yaml", "markdown", "xlsx"}

func newTrendCmd(streams *IO) *cobra.Command {
	opts := &trendOptions{}
	cmd := &cobra.Command{
		Use:   "trend SNAPSHOT...",
		Short: "Several snapshots side by side: one table per metric, a column per date",
		Long: `trend reads several snapshots (each a file or a directory, loaded on its
own) and shows each metric as a table: a row per group (--by), a column per
snapshot in date order, and a sparkline of the row (▁ its lowest, █ its
highest value). A snapshot's date is its dataset as_of, or else the
latest as_of of its records; two snapshots may not have the same date.

A group missing from a snapshot has no value there (—), and 0 facilities.

--top N keeps, in each metric, the N groups with the highest value on the
latest date (highest first; groups not reported then come last); the total
still covers every group.

--out FILE draws the same rows as line charts instead of printing them:
one chart per metric (default jobs_created, jobs_planned, buildings_built,
investment_total_kzt), x the dates placed by their distance in time, a line
per group and a black line for the total. To stay readable a chart draws the
--top groups (default 6, one colour each) and says so under it.

  FILE.html  one self-contained page in the report's style: per metric the
             chart and the table of the values it draws
  FILE.svg   one metric: FILE itself; several: one SVG per metric next to
             it (trend.svg → trend-jobs_created.svg, …), FILE not written

Files are written atomically; an input file is never overwritten. Text
follows --lang.`,
		Example: `  parks trend 2025-12-01.yaml 2026-03-01.yaml 2026-06-01.yaml --metric jobs_created
  parks trend reports/*/ --metric jobs_created,leverage -o csv
  parks trend 2025-*.yaml 2026-*.yaml --out trend.html --lang kk
  parks trend snapshots/*.yaml --metric jobs_created --top 3 --out jobs.svg`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			opts.outputSet = cmd.Flags().Changed("output")
			return runTrend(streams, opts)
		},
	}
	addHistoryFlags(cmd, &opts.aggregateOptions, trendFormats)
	cmd.Flags().StringSliceVar(&opts.Metrics, "metric", nil, "only these metrics (comma-separated or repeated; default every metric, with --out "+strings.Join(trendChartMetrics, ", ")+")")
	cmd.Flags().IntVar(&opts.Top, "top", 0, "in each metric only the N groups with the highest latest value (with --out default "+strconv.Itoa(report.LineColors)+")")
	cmd.Flags().StringVar(&opts.Out, "out", "", "draw line charts into this file: .html (one page) or .svg (a file per metric)")
	_ = cmd.RegisterFlagCompletionFunc("metric", fixedCompletion(metricKeys()[1:]...))
	return cmd
}

func runTrend(streams *IO, o *trendOptions) error {
	lang, err := o.lang(streams)
	if err != nil {
		return err
	}
	by, unit, filter, err := o.check(trendFormats)
	if err != nil {
		return err
	}
	chartFormat := ""
	if o.Out != "" {
		if o.outputSet {
			return localError("usage.out_with_output")
		}
		if chartFormat = report.TrendFormatOf(o.Out); chartFormat == "" {
			return localError("usage.chart_format_of", o.Out, diag.Alternatives{".html", ".svg"})
		}
		if _, _, _, err := safefile.Target(o.Out); err != nil {
			return &exitError{code: ExitError, err: err} // before the snapshots are read
		}
	}
	keys := o.Metrics
	if len(keys) == 0 && o.Out != "" {
		keys = trendChartMetrics
	}
	metrics, err := selectMetrics(keys)
	if err != nil {
		return err
	}
	top := o.Top
	if top == 0 && o.Out != "" {
		top = report.LineColors
	}
	var snaps []*snapshot
	for _, p := range o.Paths {
		s, err := loadSnapshot(streams, &o.dataOptions, lang, p)
		if err != nil {
			return err
		}
		if s.asOf == "" {
			return localError("usage.no_as_of", p, "trend")
		}
		for _, t := range snaps {
			if t.asOf == s.asOf {
				return localError("usage.same_as_of", t.path, s.path, s.asOf, "trend")
			}
		}
		snaps = append(snaps, s)
	}
	slices.SortStableFunc(snaps, func(a, b *snapshot) int { return strings.Compare(a.asOf, b.asOf) })
	results := make([]*parks.Result, len(snaps))
	totals := make([]*parks.Group, len(snaps))
	for i, s := range snaps {
		r, err := parks.Aggregate(s.loaded.Dataset, by, filter)
		if err != nil {
			return &exitError{code: ExitInvalid, err: fmt.Errorf("%s: %w", s.path, err)}
		}
		results[i] = r
		totals[i] = &parks.Group{Totals: r.Total}
	}
	var rows []trendRow
	for _, s := range parks.AlignGroups(results) {
		rows = append(rows, trendRow{label: view.GroupLabel(by, s.Latest(), lang), series: s})
	}
	// Names sort in the reader's alphabet (г. Туркестан under Т); machine
	// formats in one order whatever the language.
	sortLang := lang
	if isMachineFormat(o.Output) {
		sortLang = i18n.EN
	}
	order := i18n.NameOrder(sortLang)
	slices.SortStableFunc(rows, func(a, b trendRow) int {
		return order(view.GroupLabel(by, a.series.Latest(), sortLang), view.GroupLabel(by, b.series.Latest(), sortLang))
	})
	total := parks.Series{Groups: totals}
	// rowsOf are a metric's rows: every group, or with --top the groups
	// with the highest value on the latest date, highest first.
	rowsOf := func(m *parks.Metric) []trendRow {
		if top == 0 || len(rows) <= top {
			return rows
		}
		ranked := slices.Clone(rows)
		slices.SortStableFunc(ranked, func(a, b trendRow) int { return compareLatest(a.series.Values(m), b.series.Values(m)) })
		return ranked[:top]
	}

	if o.Out != "" {
		return writeTrendCharts(o, chartFormat, snaps, by, unit, lang, metrics, rows, total, rowsOf)
	}

	if o.machine() {
		out, err := o.writer(streams, lang, o.Delimiter)
		if err != nil {
			return err
		}
		doc := view.TrendDoc{SchemaVersion: render.SchemaVersion, GroupBy: string(by), Snapshots: make([]view.Snapshot, len(snaps)), Metrics: []view.TrendMetric{}}
		for i, s := range snaps {
			doc.Snapshots[i] = view.Snapshot{Path: s.path, AsOf: s.asOf}
		}
		for _, m := range metrics {
			mrows := rowsOf(m)
			objs := make([]render.Object, 0, len(mrows))
			for _, r := range mrows {
				objs = append(objs, append(view.Identity(by, r.label, r.series.Latest(), false), render.Field{Key: "values", Value: datedValues(snaps, r.series.Values(m))}))
			}
			doc.Metrics = append(doc.Metrics, view.TrendMetric{Metric: m.Key, Rows: objs, Total: view.TrendTotal{Values: datedValues(snaps, total.Values(m))}})
		}
		// The flat table is long: a line per metric, group and date.
		grid := &render.Grid{Columns: []string{"metric", "group", "key", "total", "as_of", "value"}}
		line := func(m *parks.Metric, label string, key any, vals []parks.Value) {
			for i, v := range vals {
				grid.Rows = append(grid.Rows, []any{m.Key, label, key, key == nil, snaps[i].asOf, view.Raw(v)})
			}
		}
		for _, m := range metrics {
			for _, r := range rowsOf(m) {
				line(m, r.label, r.series.Key, r.series.Values(m))
			}
			line(m, i18n.T(lang, "total"), nil, total.Values(m))
		}
		return out.Write(streams.Out, render.Output{Doc: doc, Grid: grid, Sheet: "trend"})
	}

	style := tableStyle(streams, o.Output)
	for n, m := range metrics {
		t, _ := trendTable(snaps, by, unit, lang, m, rowsOf(m), total, len(snaps) > 1)
		if n > 0 {
			fmt.Fprintln(streams.Out)
		}
		t.MaxWidth = termWidth(streams)
		if err := render.WriteTable(streams.Out, t, style); err != nil {
			return err
		}
	}
	return nil
}

// trendRow is a group of the trend: its label and its groups by date.
type trendRow struct {
	label  string
	series parks.Series
}

// compareLatest orders two rows by their value on the latest date, highest
// first; a row not reported then comes after every reported one.
func compareLatest(a, b []parks.Value) int {
	va, vb := a[len(a)-1], b[len(b)-1]
	switch {
	case va.Null && vb.Null:
		return 0
	case va.Null:
		return 1
	case vb.Null:
		return -1
	}
	return cmp.Compare(vb.Number(), va.Number())
}

// trendTable is the human table of one metric, and the money unit its
// values are written in. With spark the last column draws each row as a
// sparkline.
func trendTable(snaps []*snapshot, by parks.Dimension, unit i18n.MoneyUnit, lang i18n.Lang, m *parks.Metric, rows []trendRow, total parks.Series, spark bool) (*render.Table, i18n.MoneyUnit) {
	u := unit
	if m.Unit == parks.UnitMoney && u == i18n.UnitAuto {
		var amounts []int64
		for _, r := range append(slices.Clip(rows), trendRow{series: total}) {
			for _, v := range r.series.Values(m) {
				if !v.Null {
					amounts = append(amounts, v.Int)
				}
			}
		}
		u = i18n.AutoUnit(amounts)
	}
	title := m.Key
	if m.Unit == parks.UnitMoney && u != i18n.UnitKZT {
		title += ", " + i18n.T(lang, "unit."+string(u))
	}
	fm := i18n.Formatter{Lang: lang}
	t := &render.Table{Title: i18n.T(lang, "title.trend", title, i18n.T(lang, "by_phrase."+string(by))),
		Header: []string{i18n.T(lang, "col."+string(by))}, Numeric: []bool{false}}
	for _, s := range snaps {
		t.Header = append(t.Header, s.asOf)
		t.Numeric = append(t.Numeric, true)
	}
	if spark {
		t.Header = append(t.Header, i18n.T(lang, "col.trend"))
		t.Numeric = append(t.Numeric, false)
	}
	hasNull := false
	cells := func(label string, vals []parks.Value) []string {
		out := []string{label}
		nums, present := make([]float64, len(vals)), make([]bool, len(vals))
		for i, v := range vals {
			hasNull = hasNull || v.Null
			out = append(out, fm.Value(v, u))
			nums[i], present[i] = v.Number(), !v.Null
		}
		if spark {
			out = append(out, render.Sparkline(nums, present))
		}
		return out
	}
	for _, r := range rows {
		t.Rows = append(t.Rows, cells(r.label, r.series.Values(m)))
	}
	t.Footer = cells(i18n.T(lang, "total"), total.Values(m))
	if hasNull {
		t.Notes = append(t.Notes, i18n.T(lang, "note.null"))
	}
	return t, u
}

// datedValues are a series' values keyed by the snapshots' dates, in date
// order.
func datedValues(snaps []*snapshot, vs []parks.Value) render.Object {
	out := make(render.Object, len(vs))
	for i, v := range vs {
		out[i] = render.Field{Key: snaps[i].asOf, Value: view.Raw(v)}
	}
	return out
}

// writeTrendCharts draws each metric's rows — the same rows and values the
// tables print — as a line chart, and writes the page or the SVG files.
func writeTrendCharts(o *trendOptions, format string, snaps []*snapshot, by parks.Dimension, unit i18n.MoneyUnit, lang i18n.Lang,
	metrics []*parks.Metric, rows []trendRow, total parks.Series, rowsOf func(*parks.Metric) []trendRow) error {
	dates := make([]time.Time, len(snaps))
	var inputs []string
	for i, s := range snaps {
		d, err := time.Parse(time.DateOnly, s.asOf)
		if err != nil {
			return localError("usage.as_of_not_date", s.path, strconv.Quote(s.asOf), "YYYY-MM-DD")
		}
		dates[i] = d
		inputs = append(inputs, s.loaded.Files...)
	}
	f := i18n.Formatter{Lang: lang}
	first, last := snaps[0], snaps[len(snaps)-1]
	t := &report.Trend{
		Lang:   lang,
		Title:  i18n.T(lang, "trend.page.title", first.asOf, last.asOf),
		Region: view.RegionName(last.loaded.Dataset.Meta.Region, lang),
	}
	for _, s := range snaps {
		t.Snapshots = append(t.Snapshots, report.Snapshot{AsOf: s.asOf, Path: s.path})
	}
	for _, m := range metrics {
		mrows := rowsOf(m)
		table, u := trendTable(snaps, by, unit, lang, m, mrows, total, false)
		divisor, axis := 1.0, ""
		if m.Unit == parks.UnitMoney {
			divisor, axis = report.UnitDivisor(u), i18n.T(lang, "unit."+string(u))
		}
		gap := false
		values := func(vs []parks.Value) ([]float64, bool) {
			out := make([]float64, len(vs))
			any := false
			for i, v := range vs {
				if v.Null {
					out[i] = math.NaN()
				} else {
					out[i], any = v.Number()/divisor, true
				}
			}
			if any && slices.ContainsFunc(out, math.IsNaN) {
				gap = true
			}
			return out, any
		}
		c := &report.LineChart{ID: m.Key, Title: table.Title, Axis: axis, Dates: dates}
		var never []string
		for _, r := range mrows {
			vs, reported := values(r.series.Values(m))
			if !reported {
				never = append(never, r.label)
				continue
			}
			c.Lines = append(c.Lines, report.Line{Name: r.label, Values: vs})
		}
		tv, _ := values(total.Values(m))
		c.Lines = append(c.Lines, report.Line{Name: i18n.T(lang, "total"), Values: tv, Total: true})
		var notes []string
		if len(mrows) < len(rows) {
			notes = append(notes, i18n.T(lang, "trend.chart.top", last.asOf, f.Int(int64(len(mrows))), f.Int(int64(len(rows)))))
		}
		if len(never) > 0 {
			notes = append(notes, i18n.T(lang, "trend.chart.unreported", strings.Join(never, ", ")))
		}
		if gap {
			notes = append(notes, i18n.T(lang, "trend.chart.gap"))
		}
		c.Note = strings.Join(notes, " ")
		t.Metrics = append(t.Metrics, report.TrendMetric{Chart: c, Table: table})
	}
	for _, out := range t.Outputs(format, o.Out) {
		if isInput(out, inputs) {
			return localError("usage.input_as_output", out)
		}
	}
	if err := t.Save(format, o.Out); err != nil {
		return &exitError{code: ExitError, err: err}
	}
	return nil
}
