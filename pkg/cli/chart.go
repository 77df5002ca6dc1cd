package cli

import (
	"math"
	"strconv"
	"strings"

	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/render"
	"github.com/parks-kz/parks/pkg/view"
	"github.com/spf13/cobra"
)

// chartOptions are the options of `parks chart`.
type chartOptions struct {
	aggregateOptions
	Metric string
	Width  int
	ASCII  bool
}

// chartMetric is what one `parks chart METRIC` draws: Part of Whole for
// two-part bars, or Whole alone.
type chartMetric struct {
	part, whole string // metric keys; part is "" for one-part bars
	title       string // message id; {0} is the grouping, {1} the money unit
	legend      string // message id of the two-part legend
}

var chartMetrics = map[string]chartMetric{
	"jobs":       {part: "jobs_created", whole: "jobs_planned", title: "chart.jobs", legend: "chart.legend.jobs"},
	"buildings":  {part: "buildings_built", whole: "buildings_planned", title: "chart.buildings", legend: "chart.legend.buildings"},
	"investment": {whole: "investment_total_kzt", title: "chart.investment"},
	"leverage":   {whole: "leverage", title: "chart.leverage"},
	"area":       {whole: "area_ha", title: "chart.area"},
}

var chartNames = []string{"jobs", "investment", "buildings", "leverage", "area"}

func newChartCmd(streams *IO) *cobra.Command {
	opts := &chartOptions{}
	cmd := &cobra.Command{
		Use:   "chart METRIC [PATH...]",
		Short: "Horizontal bar chart in the terminal: jobs, investment, buildings, leverage or area",
		Long: `chart draws one bar per group (district by default), to scale, with the
value at the end of each bar. jobs and buildings draw two-part bars: the
solid part is created (built), the light part what is planned on top.
Bars use eighth-block characters; --ascii draws with # and - instead.
The width is the terminal's (80 when not a terminal) unless --width is
given. Colour only on a terminal, and never when NO_COLOR is set.`,
		Example: `  parks chart jobs
  parks chart investment --by facility --top 10
  parks chart leverage data/ --ascii --width 60`,
		Args: cobra.MinimumNArgs(1),
		ValidArgsFunction: func(cmd *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			if len(args) == 0 {
				return chartNames, cobra.ShellCompDirectiveNoFileComp
			}
			return nil, cobra.ShellCompDirectiveDefault
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Metric, opts.Paths = args[0], args[1:]
			if cmd.Flags().Changed("output") || cmd.Flags().Changed("no-total") {
				return localError("usage.chart_bars_only", "parks chart")
			}
			return runChart(streams, opts)
		},
	}
	opts.addFlags(cmd, "")
	for _, name := range []string{"output", "csv", "csv-raw"} { // chart draws; it writes no table
		cmd.Flags().Lookup(name).Hidden = true
	}
	cmd.Flags().Lookup("no-total").Hidden = true
	cmd.Flags().Lookup("sort").Usage = "sort bars by a metric (highest first) or by name; default: the charted metric"
	cmd.Flags().IntVar(&opts.Width, "width", 0, "line width in columns (default: the terminal's, else 80)")
	cmd.Flags().BoolVar(&opts.ASCII, "ascii", false, "draw with plain ASCII (# and -) instead of block characters")
	return cmd
}

func runChart(streams *IO, opts *chartOptions) error {
	lang, err := opts.lang(streams)
	if err != nil {
		return err
	}
	m, ok := chartMetrics[opts.Metric]
	if !ok {
		return localError("usage.unknown_chart", strconv.Quote(opts.Metric), chartNames)
	}
	if opts.Width < 0 {
		return localError("usage.positive", "--width")
	}
	if opts.Sort == "" {
		opts.Sort = m.whole
	}
	opts.NoTotal = true // a total bar would dwarf every other bar
	by, unit, filter, err := opts.check(nil)
	if err != nil {
		return err
	}
	loaded, err := opts.load(streams, lang, opts.Paths)
	if err != nil {
		return err
	}
	_, rows, _, err := opts.aggregate(loaded, by, filter, lang)
	if err != nil {
		return err
	}
	chart := chartBars(m, by, rows, lang, unit, opts.ASCII)
	return render.WriteBars(streams.Out, chart, render.BarStyle{
		Width: chartWidth(streams, opts.Width),
		ASCII: opts.ASCII,
		Color: streams.OutTTY && !streams.NoColor && streams.Getenv("NO_COLOR") == "",
	})
}

// chartBars turns aggregate rows into labelled bars; the value text is the
// same cell the tables print.
func chartBars(m chartMetric, by parks.Dimension, rows []*view.Row, lang i18n.Lang, unit i18n.MoneyUnit, ascii bool) *render.BarChart {
	col := view.MetricColumn("", m.whole)
	if m.part != "" {
		col = view.PairColumn("", m.part, m.whole)
	}
	if unit == i18n.UnitAuto {
		var amounts []int64
		for _, r := range rows {
			for _, key := range col.Money {
				if v := r.Values[key]; !v.Null {
					amounts = append(amounts, v.Int)
				}
			}
		}
		unit = i18n.AutoUnit(amounts)
	}
	f := i18n.Formatter{Lang: lang}
	c := &render.BarChart{
		Title:   i18n.T(lang, m.title, i18n.T(lang, "by_phrase."+string(by)), i18n.T(lang, "unit."+string(unit))),
		TwoPart: m.part != "",
	}
	hasNull := false
	for _, r := range rows {
		b := render.Bar{Label: r.Label, Part: math.NaN(), Whole: chartNumber(r.Values[m.whole])}
		if m.part != "" {
			b.Part = chartNumber(r.Values[m.part])
		}
		b.Text = col.Cell(f, r.Values, unit)
		hasNull = hasNull || strings.Contains(b.Text, i18n.Null)
		c.Bars = append(c.Bars, b)
	}
	if m.legend != "" {
		solid, light := "█", "░"
		if ascii {
			solid, light = "#", "-"
		}
		c.Legend = i18n.T(lang, m.legend, solid, light)
	}
	if hasNull {
		c.Notes = append(c.Notes, i18n.T(lang, "note.null"))
	}
	return c
}

// chartNumber is a value as a bar length; NaN when not reported.
func chartNumber(v parks.Value) float64 {
	if v.Null {
		return math.NaN()
	}
	return v.Number()
}

// chartWidth is --width, else the width tables fit on a terminal
// ($COLUMNS, else the terminal's), else 80.
func chartWidth(streams *IO, flag int) int {
	if flag > 0 {
		return flag
	}
	if w := termWidth(streams); w > 0 {
		return w
	}
	return 80
}
