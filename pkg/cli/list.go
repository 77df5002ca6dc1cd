package cli

import (
	"slices"

	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/render"
	"github.com/spf13/cobra"
)

// listOptions are the options of `parks list`.
type listOptions struct {
	aggregateOptions
}

func newListCmd(io *IO) *cobra.Command {
	opts := &listOptions{}
	cmd := &cobra.Command{
		Use:   "list [PATH...]",
		Short: "Facilities with their key figures",
		Example: `  parks list --district Sauran
  parks list -o csv > facilities.csv`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			return runList(io, opts)
		},
	}
	opts.addFlags(cmd, "name")
	cmd.Flags().Lookup("by").Hidden = true
	cmd.Flags().Lookup("no-total").Hidden = true
	cmd.Flags().Lookup("sort").Hidden = true // facilities are listed by district, then name
	return cmd
}

var listView = view{
	columns: []viewColumn{
		metricColumn("col.area_ha", "area_ha"),
		pairColumn("col.buildings", "buildings_built", "buildings_planned"),
		metricColumn("col.under_construction", "buildings_under_construction"),
		pairColumn("col.jobs", "jobs_created", "jobs_planned"),
		metricColumn("col.investment_total", "investment_total_kzt"),
		metricColumn("col.leverage", "leverage"),
	},
}

func runList(io *IO, opts *listOptions) error {
	lang, err := opts.lang(io)
	if err != nil {
		return err
	}
	if err := opts.checkOutput(outputFormats); err != nil {
		return err
	}
	out, err := opts.writer(io, lang, opts.Delimiter)
	if err != nil {
		return err
	}
	filter, err := opts.filter()
	if err != nil {
		return err
	}
	loaded, err := opts.load(io, lang, opts.Paths)
	if err != nil {
		return err
	}
	var facilities []*parks.Facility
	for _, f := range loaded.Dataset.Facilities {
		if filter.Facility(f) {
			facilities = append(facilities, f)
		}
	}
	// Tables sort in the reader's alphabet; machine formats in one order
	// whatever the language.
	sortLang := lang
	if opts.machine() {
		sortLang = i18n.EN
	}
	sortFacilities(facilities, sortLang)
	if opts.Top > 0 && len(facilities) > opts.Top {
		facilities = facilities[:opts.Top]
	}
	if opts.machine() {
		// The canonical schema with the district normalised and its KATO
		// code, so the output loads back as input and pivots by district.
		objs := make([]render.Object, 0, len(facilities))
		for _, f := range facilities {
			objs = append(objs, facilityObject(f))
		}
		grid := render.GridOf(objs)
		if len(objs) == 0 {
			grid.Columns = objectKeys(facilityObject(&parks.Facility{}))
		}
		doc := render.Object{{Key: "schema_version", Value: render.SchemaVersion}, {Key: "facilities", Value: objs}}
		return out.Write(io.Out, render.Output{Doc: doc, Grid: grid, Sheet: i18n.T(lang, "title.list")})
	}
	t := facilityTable(facilities, lang, i18n.MoneyUnit(opts.Unit))
	style := tableStyle(io, opts.Output)
	return render.WriteTable(io.Out, t, style)
}

// sortFacilities orders facilities by district, then name, in the
// reader's language.
func sortFacilities(facilities []*parks.Facility, lang i18n.Lang) {
	order := i18n.NameOrder(lang)
	slices.SortStableFunc(facilities, func(a, b *parks.Facility) int {
		if c := order(districtName(a.KATO, lang), districtName(b.KATO, lang)); c != 0 {
			return c
		}
		return order(string(a.Name), string(b.Name))
	})
}

// facilityTable is the human table of `parks list` (and of reports).
func facilityTable(facilities []*parks.Facility, lang i18n.Lang, unit i18n.MoneyUnit) *render.Table {
	f := i18n.Formatter{Lang: lang}
	if unit == i18n.UnitAuto {
		var amounts []int64
		for _, fc := range facilities {
			if v := facilityValues(fc)["investment_total_kzt"]; !v.Null {
				amounts = append(amounts, v.Int)
			}
		}
		unit = i18n.AutoUnit(amounts)
	}
	unitLabel := f.UnitLabel(unit)
	t := &render.Table{Title: i18n.T(lang, "title.list"),
		Header:  []string{i18n.T(lang, "col.id"), i18n.T(lang, "col.name"), i18n.T(lang, "col.kind"), i18n.T(lang, "col.district"), i18n.T(lang, "col.status")},
		Numeric: []bool{false, false, false, false, false}}
	for _, c := range listView.columns {
		t.Header = append(t.Header, c.header(lang, unitLabel))
		t.Numeric = append(t.Numeric, true)
	}
	for _, fc := range facilities {
		vals := facilityValues(fc)
		row := []string{string(fc.ID), string(fc.Name), i18n.T(lang, "kind."+string(fc.Kind)), districtName(fc.KATO, lang), statusLabel(lang, fc.Status)}
		for _, c := range listView.columns {
			row = append(row, c.cell(f, vals, unit))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func statusLabel(lang i18n.Lang, s parks.Status) string {
	if s == "" {
		return i18n.Null
	}
	return i18n.T(lang, "status."+string(s))
}
