package cli

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/parks-kz/parks/pkg/decode"
	"github.com/parks-kz/parks/pkg/diag"
	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/refdata"
	"github.com/parks-kz/parks/pkg/render"
	"github.com/parks-kz/parks/pkg/stream"
	"github.com/parks-kz/parks/pkg/view"
	"github.com/spf13/cobra"
)

// aggregateOptions are the flags shared by summary, buildings, investment,
// jobs and leverage.
type aggregateOptions struct {
	dataOptions
	By        string
	Districts []string
	Kinds     []string
	Statuses  []string
	Sectors   []string
	Columns   []string // --columns: metric keys of the human table
	Sort      string
	Top       int
	NoTotal   bool
	outputOptions
	Unit  string
	Paths []string
}

var outputFormats = []string{"table", "csv", "json", "yaml", "markdown", "xlsx"}

func (o *aggregateOptions) addFlags(cmd *cobra.Command, defaultSort string) {
	o.dataOptions.addFlags(cmd)
	o.addGroupingFlags(cmd)
	f := cmd.Flags()
	f.StringVar(&o.Sort, "sort", defaultSort, "sort rows by a metric (highest first) or by name")
	f.IntVar(&o.Top, "top", 0, "keep only the first N rows after sorting (the total still covers every row that passes the filters)")
	f.BoolVar(&o.NoTotal, "no-total", false, "leave out the total row")
	o.addFormatFlags(cmd, outputFormats)
	f.StringSliceVar(&o.Columns, "columns", nil, "show only these metric columns of the table, in this order (metric keys, comma-separated; machine formats keep every metric)")
	_ = cmd.RegisterFlagCompletionFunc("sort", fixedCompletion(metricKeys()...))
	_ = cmd.RegisterFlagCompletionFunc("columns", fixedCompletion(metricKeys()[1:]...))
}

// addGroupingFlags wires --by and the filters, shared by every command that
// groups records.
func (o *aggregateOptions) addGroupingFlags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&o.By, "by", "district", "group rows by district, kind, status, sector (groups projects) or facility")
	o.addFilterFlags(cmd)
	_ = cmd.RegisterFlagCompletionFunc("by", fixedCompletion("district", "kind", "status", "sector", "facility"))
}

// addFormatFlags wires -o with the formats a command writes, and --unit.
func (o *aggregateOptions) addFormatFlags(cmd *cobra.Command, formats []string) {
	o.addOutputFlags(cmd, formats)
	f := cmd.Flags()
	f.StringVar(&o.Unit, "unit", "auto", "money unit of human formats: auto, kzt, thousand, mln or bn")
	_ = cmd.RegisterFlagCompletionFunc("unit", fixedCompletion("auto", "kzt", "thousand", "mln", "bn"))
}

// check validates the grouping, format, sort and top flags (the output
// format only when formats is given) and resolves the filters.
func (o *aggregateOptions) check(formats []string) (parks.Dimension, i18n.MoneyUnit, parks.Filter, error) {
	fail := func(err error) (parks.Dimension, i18n.MoneyUnit, parks.Filter, error) {
		return "", "", parks.Filter{}, err
	}
	if formats != nil {
		if err := o.checkOutput(formats); err != nil {
			return fail(err)
		}
	}
	unit := i18n.MoneyUnit(o.Unit)
	if !slices.Contains(i18n.MoneyUnits, unit) {
		return fail(localError("usage.unknown_value", "--unit", strconv.Quote(o.Unit), diag.Alternatives(toStrings(i18n.MoneyUnits))))
	}
	by := parks.Dimension(o.By)
	if !slices.Contains(parks.Dimensions, by) {
		return fail(localError("usage.unknown_by", strconv.Quote(o.By), diag.Alternatives(toStrings(parks.Dimensions))))
	}
	if o.Sort != "" && o.Sort != "name" {
		if _, ok := parks.MetricByKey(o.Sort); !ok {
			return fail(localError("usage.unknown_sort", strconv.Quote(o.Sort), "name", metricKeys()[1:]))
		}
	}
	if o.Top < 0 {
		return fail(localError("usage.positive", "--top"))
	}
	filter, err := o.filter()
	if err != nil {
		return fail(err)
	}
	return by, unit, filter, nil
}

// runAggregate is the body shared by the aggregate commands: load, filter,
// group, sort, render.
func runAggregate(streams *IO, o *aggregateOptions, v view.View) error {
	lang, err := o.lang(streams)
	if err != nil {
		return err
	}
	by, unit, filter, err := o.check(outputFormats)
	if err != nil {
		return err
	}
	if v, err = selectColumns(v, o.Columns); err != nil {
		return err
	}
	out, err := o.writer(streams, lang, o.Delimiter)
	if err != nil {
		return err
	}
	// --by facility prints a row per record: in CSV and JSON, sorted by
	// name, the records stream (rowStream); otherwise the loader folds.
	var rs *rowStream
	flat := out.Format == render.CSV
	if by == parks.ByFacility && o.Sort == "name" && streamsRows(out) {
		order := newNameOrder(i18n.EN, nil) // machine formats sort by the English name (aggregate)
		rs = newRowStream(out, filter, order, func() func(*render.Cells, *parks.Facility) {
			return func(c *render.Cells, f *parks.Facility) {
				view.FacilityRowCells(c, f, view.GroupLabel(by, &parks.Group{Facility: f}, lang), flat)
			}
		})
		defer rs.close()
		o.each = rs.each
	} else {
		o.fold = &stream.Fold{By: by, Filter: filter}
	}
	loaded, err := o.load(streams, lang, o.Paths)
	if err != nil {
		return err
	}
	if rs != nil && loaded.Result != nil { // streamed: Result is by district, its total every record's that passes
		var total, last *view.Row
		if !o.NoTotal {
			total = &view.Row{Label: i18n.T(lang, "total"), Values: view.Values(&loaded.Result.Total), Prov: &loaded.Result.Total.Prov}
			last = total
		}
		doc := view.AggregateOutput(by, nil, total, "").Doc.(render.Object)
		var after []render.Object
		if last != nil {
			after = append(after, view.MachineRow(last, by, true))
		}
		return rs.write(streams.Out, view.ObjectKeys(view.MachineRow(&view.Row{}, by, flat)), doc, "rows", o.Top, after...)
	}
	res, rows, total, err := o.aggregate(loaded, by, filter, lang)
	if err != nil {
		return err
	}
	if by == parks.BySector && len(res.Groups) == 0 {
		fmt.Fprintln(streams.Err, i18n.T(lang, "note.no_projects"))
	}
	if o.machine() {
		return out.Write(streams.Out, view.AggregateOutput(by, rows, total, i18n.T(lang, v.Title, i18n.T(lang, "by_phrase."+string(by)))))
	}
	t := view.HumanTable(v, by, rows, total, lang, unit)
	t.MaxWidth = termWidth(streams)
	return render.WriteTable(streams.Out, t, tableStyle(streams, o.Output))
}

// aggregate groups a loaded dataset and labels and sorts its rows (and the
// total, unless --no-total). It is the one path from data to the numbers of
// the aggregate commands, `parks chart` and `parks report`.
func (o *aggregateOptions) aggregate(loaded *decode.Loaded, by parks.Dimension, filter parks.Filter, lang i18n.Lang) (*parks.Result, []*view.Row, *view.Row, error) {
	res := loaded.Result // folded while streaming
	if res == nil {
		var err error
		if res, err = parks.Aggregate(loaded.Dataset, by, filter); err != nil {
			return nil, nil, nil, &exitError{code: ExitInvalid, err: err}
		}
	}
	// Human tables sort names in the reader's alphabet; machine formats keep
	// one order whatever the language (by the English name), so that their
	// output differs across languages only in the group names.
	sortLang := lang
	if isMachineFormat(o.Output) {
		sortLang = i18n.EN
	}
	rows := o.rows(res, lang, sortLang)
	var total *view.Row
	if !o.NoTotal {
		total = &view.Row{Label: i18n.T(lang, "total"), Values: view.Values(&res.Total), Prov: &res.Total.Prov}
	}
	return res, rows, total, nil
}

// filter turns the filter flags into a domain filter, resolving district
// names through the gazetteer.
func (o *aggregateOptions) filter() (parks.Filter, error) {
	var f parks.Filter
	gaz, err := refdata.Gazetteer()
	if err != nil {
		return f, err
	}
	for _, name := range o.Districts {
		d, ok := gaz.Lookup(name)
		if !ok {
			if sug := gaz.Suggest(name, 3); len(sug) > 0 {
				return f, localError("usage.unknown_district_near", strconv.Quote(name), diag.Alternatives(sug))
			}
			return f, localError("usage.unknown_district", strconv.Quote(name))
		}
		f.KATO = append(f.KATO, d.KATO)
	}
	for _, k := range o.Kinds {
		var kind parks.Kind
		if err := kind.ParseCell(k, nil); err != nil || kind == "" {
			return f, localError("usage.unknown_value", "--kind", strconv.Quote(k), diag.Alternatives{"park", "site"})
		}
		f.Kinds = append(f.Kinds, kind)
	}
	for _, s := range o.Statuses {
		var st parks.Status
		if err := st.ParseCell(s, nil); err != nil || st == "" {
			return f, localError("usage.unknown_value", "--status", strconv.Quote(s), diag.Alternatives{"planned", "under_construction", "operating"})
		}
		f.Statuses = append(f.Statuses, st)
	}
	sec, err := refdata.Sectors()
	if err != nil {
		return f, err
	}
	for _, s := range o.Sectors {
		code, _ := sec.Canonical(s)
		f.Sectors = append(f.Sectors, code)
	}
	return f, nil
}

// rows labels and sorts the groups of a result (view.Rows) by --sort and
// keeps --top of them.
func (o *aggregateOptions) rows(res *parks.Result, lang, sortLang i18n.Lang) []*view.Row {
	return view.Rows(res, lang, sortLang, o.Sort, o.Top)
}
