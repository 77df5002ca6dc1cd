package cli

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/parks-kz/parks/pkg/decode"
	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/refdata"
	"github.com/parks-kz/parks/pkg/render"
	"github.com/parks-kz/parks/pkg/stream"
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
	_ = cmd.RegisterFlagCompletionFunc("sort", fixedCompletion(metricKeys()...))
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
		return fail(usageError("unknown --unit %q; use auto, kzt, thousand, mln or bn", o.Unit))
	}
	by := parks.Dimension(o.By)
	if !slices.Contains(parks.Dimensions, by) {
		return fail(usageError("cannot group --by %q; use district, kind, status, sector or facility", o.By))
	}
	if o.Sort != "" && o.Sort != "name" {
		if _, ok := parks.MetricByKey(o.Sort); !ok {
			return fail(usageError("cannot --sort by %q; use name or one of: %s", o.Sort, strings.Join(metricKeys()[1:], ", ")))
		}
	}
	if o.Top < 0 {
		return fail(usageError("--top must be a positive number"))
	}
	filter, err := o.filter()
	if err != nil {
		return fail(err)
	}
	return by, unit, filter, nil
}

// view is what one aggregate command shows in human formats. Machine
// formats always carry every metric.
type view struct {
	title   string // message id of the title
	columns []viewColumn
}

// viewColumn is a column of a human table.
type viewColumn struct {
	header func(l i18n.Lang, unit string) string
	cell   func(f i18n.Formatter, v map[string]parks.Value, unit i18n.MoneyUnit) string
	money  []string // metrics whose amounts decide the auto unit
	keys   []string // the metrics the column shows
}

// metricColumn shows one metric under a message id.
func metricColumn(msgID, key string) viewColumn {
	c := viewColumn{
		keys:   []string{key},
		header: func(l i18n.Lang, unit string) string { return i18n.T(l, msgID, unit) },
		cell: func(f i18n.Formatter, v map[string]parks.Value, unit i18n.MoneyUnit) string {
			return f.Value(v[key], unit)
		},
	}
	if m, _ := parks.MetricByKey(key); m != nil && m.Unit == parks.UnitMoney {
		c.money = []string{key}
	}
	return c
}

// pairColumn shows "done / planned", as in "40 / 152".
func pairColumn(msgID, done, planned string) viewColumn {
	return viewColumn{
		keys:   []string{done, planned},
		header: func(l i18n.Lang, unit string) string { return i18n.T(l, msgID) },
		cell: func(f i18n.Formatter, v map[string]parks.Value, unit i18n.MoneyUnit) string {
			a, b := v[done], v[planned]
			if a.Null && b.Null {
				return i18n.Null
			}
			return f.Value(a, unit) + " / " + f.Value(b, unit)
		},
	}
}

// aggRow is one row of an aggregate, ready for any format.
type aggRow struct {
	group  *parks.Group // nil for the total
	label  string
	values map[string]parks.Value
	prov   *parks.Provenance
}

func valuesOf(t *parks.Totals) map[string]parks.Value {
	out := make(map[string]parks.Value, len(parks.Metrics))
	for _, m := range parks.Metrics {
		out[m.Key] = m.Of(t)
	}
	return out
}

// runAggregate is the body shared by the aggregate commands: load, filter,
// group, sort, render.
func runAggregate(io *IO, o *aggregateOptions, v view) error {
	lang, err := o.lang(io)
	if err != nil {
		return err
	}
	by, unit, filter, err := o.check(outputFormats)
	if err != nil {
		return err
	}
	out, err := o.writer(io, lang, o.Delimiter)
	if err != nil {
		return err
	}
	o.fold = &stream.Fold{By: by, Filter: filter}
	loaded, err := o.load(io, lang, o.Paths)
	if err != nil {
		return err
	}
	res, rows, total, err := o.aggregate(loaded, by, filter, lang)
	if err != nil {
		return err
	}
	if by == parks.BySector && len(res.Groups) == 0 {
		fmt.Fprintln(io.Err, i18n.T(lang, "note.no_projects"))
	}
	if o.machine() {
		return out.Write(io.Out, aggregateOutput(by, rows, total, i18n.T(lang, v.title, i18n.T(lang, "by_phrase."+string(by)))))
	}
	return render.WriteTable(io.Out, humanTable(v, by, rows, total, lang, unit), tableStyle(io, o.Output))
}

// aggregate groups a loaded dataset and labels and sorts its rows (and the
// total, unless --no-total). It is the one path from data to the numbers of
// the aggregate commands, `parks chart` and `parks report`.
func (o *aggregateOptions) aggregate(loaded *decode.Loaded, by parks.Dimension, filter parks.Filter, lang i18n.Lang) (*parks.Result, []*aggRow, *aggRow, error) {
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
	var total *aggRow
	if !o.NoTotal {
		total = &aggRow{label: i18n.T(lang, "total"), values: valuesOf(&res.Total), prov: &res.Total.Prov}
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
			msg := fmt.Sprintf("unknown --district %q", name)
			if sug := gaz.Suggest(name, 3); len(sug) > 0 {
				msg += "; did you mean " + strings.Join(sug, " or ") + "?"
			}
			return f, usageError("%s", msg)
		}
		f.KATO = append(f.KATO, d.KATO)
	}
	for _, k := range o.Kinds {
		var kind parks.Kind
		if err := kind.ParseCell(k, nil); err != nil || kind == "" {
			return f, usageError("unknown --kind %q; use park or site", k)
		}
		f.Kinds = append(f.Kinds, kind)
	}
	for _, s := range o.Statuses {
		var st parks.Status
		if err := st.ParseCell(s, nil); err != nil || st == "" {
			return f, usageError("unknown --status %q; use planned, under_construction or operating", s)
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

// rows labels the groups of a result in lang and sorts them, by name in
// sortLang's alphabet or by a metric.
func (o *aggregateOptions) rows(res *parks.Result, lang, sortLang i18n.Lang) []*aggRow {
	rows := make([]*aggRow, 0, len(res.Groups))
	names := make(map[*aggRow]string, len(res.Groups))
	for _, g := range res.Groups {
		r := &aggRow{group: g, label: groupLabel(res.By, g, lang), values: valuesOf(&g.Totals), prov: &g.Totals.Prov}
		names[r] = r.label
		if sortLang != lang {
			names[r] = groupLabel(res.By, g, sortLang)
		}
		rows = append(rows, r)
	}
	order := i18n.NameOrder(sortLang)
	byName := func(a, b *aggRow) int { return order(names[a], names[b]) }
	if o.Sort == "name" {
		slices.SortStableFunc(rows, byName)
	} else {
		slices.SortStableFunc(rows, func(a, b *aggRow) int {
			va, vb := a.values[o.Sort], b.values[o.Sort]
			switch {
			case va.Null && vb.Null:
				return byName(a, b)
			case va.Null:
				return 1 // nulls last
			case vb.Null:
				return -1
			}
			return cmp.Or(cmp.Compare(vb.Number(), va.Number()), byName(a, b))
		})
	}
	if o.Top > 0 && len(rows) > o.Top {
		rows = rows[:o.Top]
	}
	return rows
}

// isMachineFormat reports an output format whose content does not change
// with the language (except group names).
func isMachineFormat(output string) bool { return render.IsMachine(output) }

// aggregateOutput is the machine output of an aggregate: the document
// (rows, then the total) and the flat table (the total as the last row,
// marked by its total column).
func aggregateOutput(by parks.Dimension, rows []*aggRow, total *aggRow, sheet string) render.Output {
	doc := render.Object{{Key: "schema_version", Value: render.SchemaVersion}, {Key: "group_by", Value: string(by)}, {Key: "rows", Value: machineRows(rows, by, false)}}
	if total != nil {
		doc = append(doc, render.Field{Key: "total", Value: provenanceFields(metricFields(nil, total.values), total.prov, false)})
	}
	flat := machineRows(rows, by, true)
	if total != nil {
		flat = append(flat, machineRow(total, by, true))
	}
	grid := render.GridOf(flat)
	if len(flat) == 0 {
		grid.Columns = objectKeys(machineRow(&aggRow{}, by, true))
	}
	return render.Output{Doc: doc, Grid: grid, Sheet: sheet}
}

func objectKeys(o render.Object) []string {
	keys := make([]string, len(o))
	for i, f := range o {
		keys[i] = f.Key
	}
	return keys
}

// groupLabel names a group in the reader's language.
func groupLabel(by parks.Dimension, g *parks.Group, lang i18n.Lang) string {
	switch by {
	case parks.ByDistrict:
		if gaz, err := refdata.Gazetteer(); err == nil {
			if d := gaz.ByKATO(g.Key); d != nil {
				return d.Name(string(lang))
			}
		}
	case parks.ByKind:
		return i18n.T(lang, "kind."+g.Key)
	case parks.ByStatus:
		if g.Key == "" {
			return i18n.T(lang, "unknown")
		}
		return i18n.T(lang, "status."+g.Key)
	case parks.BySector:
		if g.Key == "" {
			return i18n.T(lang, "unknown")
		}
		if sec, err := refdata.Sectors(); err == nil {
			if s, ok := sec.Lookup(g.Key); ok {
				return s.Label(string(lang))
			}
		}
	case parks.ByFacility:
		if g.Facility != nil {
			return string(g.Facility.Name)
		}
	}
	return g.Key
}

// machineRows gives the rows of the JSON/YAML/CSV contract; flat rows (for
// CSV) have no nested values.
func machineRows(rows []*aggRow, by parks.Dimension, flat bool) []render.Object {
	out := make([]render.Object, 0, len(rows))
	for _, r := range rows {
		out = append(out, machineRow(r, by, flat))
	}
	return out
}

// machineRow is one row of the contract: group identity, every metric, then
// the provenance of the records behind the row.
func machineRow(r *aggRow, by parks.Dimension, flat bool) render.Object {
	return provenanceFields(metricFields(groupIdentity(by, r.label, r.group, flat), r.values), r.prov, flat)
}

// provenanceFields appends where a row's figures come from: "sources", the
// distinct sources of its records (sorted), and "as_of", the range of their
// dates as {"from", "to"} (null when no record is dated). Flat rows (CSV)
// carry sources joined by "|" and the range as as_of_from and as_of_to.
func provenanceFields(o render.Object, p *parks.Provenance, flat bool) render.Object {
	var sources []string
	var from, to any
	if p != nil {
		sources = p.Sources()
		if p.From.Set {
			from, to = p.From.String(), p.To.String()
		}
	}
	if sources == nil {
		sources = []string{}
	}
	if flat {
		return append(o, render.Field{Key: "sources", Value: sources},
			render.Field{Key: "as_of_from", Value: from}, render.Field{Key: "as_of_to", Value: to})
	}
	var asOf any
	if from != nil {
		asOf = render.Object{{Key: "from", Value: from}, {Key: "to", Value: to}}
	}
	return append(o, render.Field{Key: "sources", Value: sources}, render.Field{Key: "as_of", Value: asOf})
}

// regionName names a dataset's region in a language when the gazetteer
// knows it ("Turkistan region" → "Түркістан облысы"), else as written.
func regionName(name string, lang i18n.Lang) string {
	if gaz, err := refdata.Gazetteer(); err == nil && name != "" {
		if r := gaz.RegionByName(name); r != nil {
			return r.Name(string(lang))
		}
	}
	return name
}

func districtName(kato string, lang i18n.Lang) string {
	if gaz, err := refdata.Gazetteer(); err == nil {
		if d := gaz.ByKATO(kato); d != nil {
			return d.Name(string(lang))
		}
	}
	return kato
}

// metricFields appends every metric, in catalogue order, as raw numbers.
func metricFields(o render.Object, values map[string]parks.Value) render.Object {
	for _, m := range parks.Metrics {
		o = append(o, render.Field{Key: m.Key, Value: rawValue(values[m.Key])})
	}
	return o
}

func rawValue(v parks.Value) any {
	switch {
	case v.Null:
		return nil
	case v.IsFloat():
		return v.Float
	}
	return v.Int
}

// humanTable formats rows for a reader.
func humanTable(v view, by parks.Dimension, rows []*aggRow, total *aggRow, lang i18n.Lang, unit i18n.MoneyUnit) *render.Table {
	f := i18n.Formatter{Lang: lang}
	all := rows
	if total != nil {
		all = append(slices.Clip(rows), total)
	}
	if unit == i18n.UnitAuto {
		var amounts []int64
		for _, c := range v.columns {
			for _, key := range c.money {
				for _, r := range all {
					if val := r.values[key]; !val.Null {
						amounts = append(amounts, val.Int)
					}
				}
			}
		}
		unit = i18n.AutoUnit(amounts)
	}
	unitLabel := f.UnitLabel(unit)
	t := &render.Table{Title: i18n.T(lang, v.title, i18n.T(lang, "by_phrase."+string(by)))}
	t.Header = []string{i18n.T(lang, "col."+string(by))}
	t.Numeric = []bool{false}
	if by == parks.ByFacility {
		t.Header = append(t.Header, i18n.T(lang, "col.district"))
		t.Numeric = append(t.Numeric, false)
	}
	for _, c := range v.columns {
		t.Header = append(t.Header, c.header(lang, unitLabel))
		t.Numeric = append(t.Numeric, true)
	}
	hasNull, nullLeverage := false, false
	line := func(r *aggRow) []string {
		cells := []string{r.label}
		if by == parks.ByFacility {
			d := ""
			if r.group != nil && r.group.Facility != nil {
				d = districtName(r.group.Facility.KATO, lang)
			}
			cells = append(cells, d)
		}
		for _, c := range v.columns {
			s := c.cell(f, r.values, unit)
			if strings.Contains(s, i18n.Null) {
				hasNull = true
				nullLeverage = nullLeverage || slices.Contains(c.keys, "leverage") && r.values["leverage"].Null
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

// sectorLabel names a sector code in a language; unknown sectors pass
// through as written.
func sectorLabel(lang i18n.Lang, code string) string {
	if sec, err := refdata.Sectors(); err == nil {
		if s, ok := sec.Lookup(code); ok {
			return s.Label(string(lang))
		}
	}
	return code
}

// tableStyle chooses how a human table is drawn: Markdown on request,
// borders on a terminal, plain and stable when piped.
func tableStyle(io *IO, output string) render.Style {
	switch {
	case output == "markdown":
		return render.Markdown
	case io.OutTTY:
		return render.Boxed
	}
	return render.Plain
}

// groupIdentity is the identity of a row in machine formats: its label
// (group, in the output language) and its stable key (the KATO code, kind,
// status or sector code, or facility id; null for the total and for the
// group of records that do not say), then kato (by district) or id,
// district and kind (by facility). Flat rows (CSV, xlsx) also carry
// total: true on the total row, false on the others.
func groupIdentity(by parks.Dimension, label string, grp *parks.Group, flat bool) render.Object {
	var key any
	if grp != nil && grp.Key != "" {
		key = grp.Key
	}
	id := render.Object{{Key: "group", Value: label}, {Key: "key", Value: key}}
	if flat {
		id = append(id, render.Field{Key: "total", Value: grp == nil})
	}
	switch by {
	case parks.ByDistrict:
		id = append(id, render.Field{Key: "kato", Value: key})
	case parks.ByFacility:
		var fid, district, kind any
		if grp != nil && grp.Facility != nil {
			fid, district, kind = string(grp.Facility.ID), districtName(grp.Facility.KATO, i18n.EN), string(grp.Facility.Kind)
		}
		id = append(id, render.Field{Key: "id", Value: fid}, render.Field{Key: "district", Value: district}, render.Field{Key: "kind", Value: kind})
	}
	return id
}
