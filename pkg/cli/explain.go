package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/render"
	"github.com/parks-kz/parks/pkg/view"
	"github.com/spf13/cobra"
)

// explainOptions are the options of `parks explain`.
type explainOptions struct {
	aggregateOptions // the filter flags and -o; grouping flags are not wired
	Metric           string
}

var explainFormats = []string{"table", "json", "yaml", "markdown"}

func newExplainCmd(streams *IO) *cobra.Command {
	opts := &explainOptions{}
	cmd := &cobra.Command{
		Use:   "explain METRIC [PATH...]",
		Short: "The arithmetic of one figure: each record, its value and source, the sum or ratio",
		Long: `explain shows where a figure comes from: every facility the filters select,
its value of what the metric sums (for a ratio, of both the numerator and the
denominator), whether it enters the figure, its source and as_of, then the
sums and the division that make the figure. The figure is the total row of
'parks summary' with the same filters.

A ratio (leverage, build-out, jobs realisation, per hectare) is a ratio of
sums over the records that report both figures; a record reporting only one
is listed but left out.`,
		Example: `  parks explain leverage --district "Turkistan city"
  parks explain jobs_created --kind park -o json`,
		Args: cobra.MinimumNArgs(1),
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveDefault
			}
			return metricKeys()[1:], cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Metric, opts.Paths = args[0], args[1:]
			return runExplain(streams, opts)
		},
	}
	opts.dataOptions.addFlags(cmd)
	opts.addFilterFlags(cmd)
	opts.addOutputFlags(cmd, explainFormats)
	return cmd
}

func runExplain(streams *IO, o *explainOptions) error {
	lang, err := o.lang(streams)
	if err != nil {
		return err
	}
	if err := o.checkOutput(explainFormats); err != nil {
		return err
	}
	m, err := metricArg(o.Metric)
	if err != nil {
		return err
	}
	filter, err := o.filter()
	if err != nil {
		return err
	}
	loaded, err := o.load(streams, lang, o.Paths)
	if err != nil {
		return err
	}
	e, err := parks.Explain(loaded.Dataset, m, filter)
	if err != nil {
		return &exitError{code: ExitInvalid, err: err}
	}
	if o.machine() {
		return o.writeOutput(streams, lang, o.Delimiter, render.Output{Doc: explainDoc(e, filter)})
	}
	style := render.Plain
	switch {
	case o.Output == "markdown":
		style = render.Markdown
	case streams.OutTTY:
		style = render.Boxed
	}
	return writeExplanation(streams, e, filter, lang, style)
}

// operandValue is an operand's sum as a metric value of its unit, for the
// formatter (areas are summed in m² and shown in hectares).
func operandValue(op parks.Operand, s parks.Sum) parks.Value {
	if s.N == 0 {
		return parks.Value{Null: true, Unit: op.Unit}
	}
	if op.Unit == parks.UnitArea {
		return parks.Value{Float: float64(s.V) / 10000, Unit: parks.UnitArea}
	}
	return parks.Value{Int: s.V, Unit: op.Unit}
}

// operandHeader names an operand's column, with "ha" for areas.
func operandHeader(op parks.Operand) string {
	if op.Unit == parks.UnitArea && !strings.HasSuffix(op.Field, "_ha") {
		return op.Field + ", ha"
	}
	return op.Field
}

// filterDescription says in words which records a filter selects.
func filterDescription(lang i18n.Lang, filter parks.Filter) string {
	var parts []string
	for _, kato := range filter.KATO {
		parts = append(parts, view.DistrictName(kato, lang))
	}
	for _, k := range filter.Kinds {
		parts = append(parts, i18n.T(lang, "kind."+string(k)))
	}
	for _, s := range filter.Statuses {
		parts = append(parts, view.StatusLabel(lang, s))
	}
	for _, s := range filter.Sectors {
		parts = append(parts, view.SectorLabel(lang, s))
	}
	if len(parts) == 0 {
		return i18n.T(lang, "explain.all")
	}
	return strings.Join(parts, ", ")
}

func writeExplanation(streams *IO, e *parks.Explanation, filter parks.Filter, lang i18n.Lang, style render.Style) error {
	fm := i18n.Formatter{Lang: lang}
	ratio := e.Total.Den != nil
	t := &render.Table{
		Title:   i18n.T(lang, "title.explain", e.Metric.Key, filterDescription(lang, filter)),
		Header:  []string{i18n.T(lang, "col.id"), i18n.T(lang, "col.facility"), operandHeader(e.Total.Num)},
		Numeric: []bool{false, false, true},
	}
	if ratio {
		t.Header = append(t.Header, operandHeader(*e.Total.Den))
		t.Numeric = append(t.Numeric, true)
	}
	t.Header = append(t.Header, i18n.T(lang, "explain.counted"), i18n.T(lang, "show.source"), i18n.T(lang, "show.as_of"))
	t.Numeric = append(t.Numeric, false, false, false)

	// Sources are long and shared by many records: number them and list
	// them under the table.
	var sources []string
	ref := func(s string) string {
		if s == "" {
			return i18n.Null
		}
		i := slices.Index(sources, s)
		if i < 0 {
			sources = append(sources, s)
			i = len(sources) - 1
		}
		return fmt.Sprintf("[%d]", i+1)
	}
	var counted []string // the summed values, for a short sum
	for _, r := range e.Records {
		f := r.Facility
		row := []string{string(f.ID), string(f.Name), fm.Value(operandValue(r.Inputs.Num, r.Inputs.Num.Reported), i18n.UnitKZT)}
		if ratio {
			row = append(row, fm.Value(operandValue(*r.Inputs.Den, r.Inputs.Den.Reported), i18n.UnitKZT))
		}
		in := i18n.T(lang, "explain.yes")
		if !r.Counted {
			in = i18n.T(lang, "explain.no")
			if ratio {
				in = i18n.T(lang, "explain.no_pair")
			}
		} else {
			counted = append(counted, fm.Value(operandValue(r.Inputs.Num, r.Inputs.Num.Sum), i18n.UnitKZT))
		}
		row = append(row, in, ref(string(f.Source)), orNull(f.AsOf.String()))
		t.Rows = append(t.Rows, row)
	}
	num := fm.Value(operandValue(e.Total.Num, e.Total.Num.Sum), i18n.UnitKZT)
	t.Footer = []string{i18n.T(lang, "explain.sum"), "", num}
	if ratio {
		t.Footer = append(t.Footer, fm.Value(operandValue(*e.Total.Den, e.Total.Den.Sum), i18n.UnitKZT))
	}
	t.Footer = append(t.Footer, "", "", "")
	if len(e.Records) == 0 {
		t.Footer = nil
	}
	t.MaxWidth = termWidth(streams)
	if err := render.WriteTable(streams.Out, t, style); err != nil {
		return err
	}

	// The arithmetic, on one line.
	value := fm.Value(e.Value, i18n.UnitKZT)
	var line string
	switch {
	case ratio:
		den := fm.Value(operandValue(*e.Total.Den, e.Total.Den.Sum), i18n.UnitKZT)
		if e.Total.Den.Unit == parks.UnitArea {
			den += " ha"
		}
		line = fmt.Sprintf("%s = %s ÷ %s", e.Metric.Key, num, den)
		if e.Metric.Unit == parks.UnitPercent {
			line += " × 100"
		}
		if e.Value.Null {
			line += " = " + i18n.Null + " (" + i18n.T(lang, "explain.no_denominator") + ")"
		} else {
			line += " = " + value
		}
	case len(counted) == 0:
		line = fmt.Sprintf("%s = %s (%s)", e.Metric.Key, value, i18n.T(lang, "explain.nothing"))
	case len(counted) == 1 || len(counted) > 12:
		line = fmt.Sprintf("%s = %s", e.Metric.Key, value)
		if len(counted) > 1 {
			line += " (" + i18n.T(lang, "explain.sum_of", len(counted)) + ")"
		}
	default:
		line = fmt.Sprintf("%s = %s = %s", e.Metric.Key, strings.Join(counted, " + "), value)
	}
	w := streams.Out
	nl := func() {
		if style == render.Markdown {
			fmt.Fprintln(w)
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, line)
	fmt.Fprintln(w)
	fmt.Fprintln(w, i18n.T(lang, "explain.definition", i18n.T(lang, e.Metric.DescID())))
	if ratio {
		nl()
		fmt.Fprintln(w, i18n.T(lang, "explain.ratio"))
	}
	if e.Prov.From.Set {
		nl()
		asOf := e.Prov.From.String()
		if e.Prov.To != e.Prov.From {
			asOf += " … " + e.Prov.To.String()
		}
		fmt.Fprintln(w, i18n.T(lang, "explain.as_of", asOf))
	}
	if len(sources) > 0 {
		nl()
		fmt.Fprintln(w, i18n.T(lang, "explain.sources"))
		for i, s := range sources {
			nl()
			if style == render.Markdown { // sources are the data's own text
				s = render.MarkdownText(s)
			}
			fmt.Fprintf(w, "[%d] %s\n", i+1, s)
		}
	}
	return nil
}

// explainDoc is the machine form of an explanation.
func explainDoc(e *parks.Explanation, filter parks.Filter) view.ExplainDoc {
	operand := func(op *parks.Operand) *view.Operand {
		if op == nil {
			return nil
		}
		return &view.Operand{Field: op.Field, Sum: view.Raw(operandValue(*op, op.Sum)), Records: op.Sum.N}
	}
	doc := view.ExplainDoc{
		SchemaVersion: render.SchemaVersion,
		Metric:        e.Metric.Key,
		Definition:    i18n.T(i18n.EN, e.Metric.DescID()),
		Filter:        view.ExplainFilter{District: []string{}, Kind: []string{}, Status: []string{}, Sector: []string{}},
		Records:       make([]view.ExplainRecord, 0, len(e.Records)),
		Numerator:     operand(&e.Total.Num),
		Denominator:   operand(e.Total.Den),
		Value:         view.Raw(e.Value),
	}
	doc.Sources, doc.AsOf = view.Provenance(e.Prov)
	for _, r := range e.Records {
		f := r.Facility
		rec := view.ExplainRecord{ID: string(f.ID), Name: string(f.Name), District: view.DistrictName(f.KATO, i18n.EN), Kind: string(f.Kind),
			Numerator: view.Raw(operandValue(r.Inputs.Num, r.Inputs.Num.Reported)), Counted: r.Counted,
			Source: view.NullIfEmpty(string(f.Source)), AsOf: view.NullIfEmpty(f.AsOf.String())}
		if r.Inputs.Den != nil {
			rec.Denominator = view.Some(view.Raw(operandValue(*r.Inputs.Den, r.Inputs.Den.Reported)))
		}
		doc.Records = append(doc.Records, rec)
	}
	for _, k := range filter.KATO {
		doc.Filter.District = append(doc.Filter.District, view.DistrictName(k, i18n.EN))
	}
	for _, k := range filter.Kinds {
		doc.Filter.Kind = append(doc.Filter.Kind, string(k))
	}
	for _, st := range filter.Statuses {
		doc.Filter.Status = append(doc.Filter.Status, string(st))
	}
	doc.Filter.Sector = append(doc.Filter.Sector, filter.Sectors...)
	return doc
}
