package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/render"
	"github.com/spf13/cobra"
)

// trendOptions are the options of `parks trend`.
type trendOptions struct {
	aggregateOptions // --by, the filters, -o, --unit; Paths are the snapshots
	Metrics          []string
}

var trendFormats = []string{"table", "csv", "json", "yaml", "markdown"}

func newTrendCmd(io *IO) *cobra.Command {
	opts := &trendOptions{}
	cmd := &cobra.Command{
		Use:   "trend SNAPSHOT...",
		Short: "Several snapshots side by side: one table per metric, a column per date",
		Long: `trend reads several snapshots (each a file or a directory, loaded on its
own) and shows each metric as a table: a row per group (--by), a column per
snapshot in date order, and a sparkline of the row (▁ its lowest, █ its
highest value). A snapshot's date is its dataset as_of, or else the
latest as_of of its records; two snapshots may not have the same date.

A group missing from a snapshot has no value there (—), and 0 facilities.`,
		Example: `  parks trend 2025-12-01.yaml 2026-03-01.yaml 2026-06-01.yaml --metric jobs_created
  parks trend reports/*/ --metric jobs_created,leverage -o csv`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			return runTrend(io, opts)
		},
	}
	addHistoryFlags(cmd, &opts.aggregateOptions, trendFormats)
	cmd.Flags().StringSliceVar(&opts.Metrics, "metric", nil, "only these metrics (comma-separated or repeated; default every metric)")
	_ = cmd.RegisterFlagCompletionFunc("metric", fixedCompletion(metricKeys()[1:]...))
	return cmd
}

func runTrend(io *IO, o *trendOptions) error {
	lang, err := o.lang(io)
	if err != nil {
		return err
	}
	by, unit, filter, err := o.check(trendFormats)
	if err != nil {
		return err
	}
	metrics, err := selectMetrics(o.Metrics)
	if err != nil {
		return err
	}
	var snaps []*snapshot
	for _, p := range o.Paths {
		s, err := loadSnapshot(io, &o.dataOptions, lang, p)
		if err != nil {
			return err
		}
		if s.asOf == "" {
			return usageError("%s has no as_of: give the dataset or its records an as_of date, so trend can place it", p)
		}
		for _, t := range snaps {
			if t.asOf == s.asOf {
				return usageError("%s and %s are both as of %s: trend needs one snapshot per date", t.path, s.path, s.asOf)
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
	type row struct {
		label  string
		series parks.Series
	}
	var rows []row
	for _, s := range parks.AlignGroups(results) {
		rows = append(rows, row{label: groupLabel(by, s.Latest(), lang), series: s})
	}
	// Names sort in the reader's alphabet (г. Туркестан under Т); machine
	// formats in one order whatever the language.
	sortLang := lang
	if isMachineFormat(o.Output) {
		sortLang = i18n.EN
	}
	order := i18n.NameOrder(sortLang)
	slices.SortStableFunc(rows, func(a, b row) int {
		return order(groupLabel(by, a.series.Latest(), sortLang), groupLabel(by, b.series.Latest(), sortLang))
	})
	total := parks.Series{Groups: totals}

	switch o.Output {
	case "json", "yaml":
		snapObjs := make([]render.Object, len(snaps))
		for i, s := range snaps {
			snapObjs[i] = render.Object{{Key: "path", Value: s.path}, {Key: "as_of", Value: s.asOf}}
		}
		var tables []render.Object
		for _, m := range metrics {
			objs := make([]render.Object, 0, len(rows))
			for _, r := range rows {
				objs = append(objs, append(groupIdentity(by, r.label, r.series.Latest()), render.Field{Key: "values", Value: datedValues(snaps, r.series.Values(m))}))
			}
			tables = append(tables, render.Object{{Key: "metric", Value: m.Key}, {Key: "rows", Value: objs},
				{Key: "total", Value: render.Object{{Key: "values", Value: datedValues(snaps, total.Values(m))}}}})
		}
		doc := render.Object{{Key: "group_by", Value: string(by)}, {Key: "snapshots", Value: snapObjs}, {Key: "metrics", Value: tables}}
		if o.Output == "json" {
			return render.WriteJSON(io.Out, doc)
		}
		return render.WriteYAML(io.Out, doc)
	case "csv":
		var out []render.Object
		line := func(m *parks.Metric, label, key string, vals []parks.Value) {
			for i, v := range vals {
				out = append(out, render.Object{{Key: "metric", Value: m.Key}, {Key: "group", Value: label}, {Key: "key", Value: key},
					{Key: "as_of", Value: snaps[i].asOf}, {Key: "value", Value: rawValue(v)}})
			}
		}
		for _, m := range metrics {
			for _, r := range rows {
				line(m, r.label, r.series.Key, r.series.Values(m))
			}
			line(m, i18n.T(lang, "total"), "", total.Values(m))
		}
		return render.WriteCSV(io.Out, out)
	}

	style := tableStyle(io, o.Output)
	for n, m := range metrics {
		u := unit
		if m.Unit == parks.UnitMoney && u == i18n.UnitAuto {
			var amounts []int64
			for _, r := range append(slices.Clip(rows), row{series: total}) {
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
		// With several dates, a sparkline draws each row as a line.
		spark := len(snaps) > 1
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
		if n > 0 {
			fmt.Fprintln(io.Out)
		}
		if err := render.WriteTable(io.Out, t, style); err != nil {
			return err
		}
	}
	return nil
}

// datedValues are a series' values keyed by the snapshots' dates, in date
// order.
func datedValues(snaps []*snapshot, vs []parks.Value) render.Object {
	out := make(render.Object, len(vs))
	for i, v := range vs {
		out[i] = render.Field{Key: snaps[i].asOf, Value: rawValue(v)}
	}
	return out
}
