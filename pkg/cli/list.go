package cli

import (
	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/render"
	"github.com/parks-kz/parks/pkg/view"
	"github.com/spf13/cobra"
)

// listOptions are the options of `parks list`.
type listOptions struct {
	aggregateOptions
}

func newListCmd(streams *IO) *cobra.Command {
	opts := &listOptions{}
	cmd := &cobra.Command{
		Use:   "list [PATH...]",
		Short: "Facilities with their key figures",
		Example: `  parks list --district Sauran
  parks list -o csv > facilities.csv`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			return runList(streams, opts)
		},
	}
	opts.addFlags(cmd, "name")
	cmd.Flags().Lookup("by").Hidden = true
	cmd.Flags().Lookup("no-total").Hidden = true
	cmd.Flags().Lookup("sort").Hidden = true // facilities are listed by district, then name
	return cmd
}

func runList(streams *IO, opts *listOptions) error {
	lang, err := opts.lang(streams)
	if err != nil {
		return err
	}
	if err := opts.checkOutput(outputFormats); err != nil {
		return err
	}
	out, err := opts.writer(streams, lang, opts.Delimiter)
	if err != nil {
		return err
	}
	filter, err := opts.filter()
	if err != nil {
		return err
	}
	// Tables sort in the reader's alphabet; machine formats in one order
	// whatever the language.
	sortLang := lang
	if opts.machine() {
		sortLang = i18n.EN
	}
	var rs *rowStream
	if streamsRows(out) {
		ranks, err := districtRanks(sortLang)
		if err != nil {
			return err
		}
		rs = newRowStream(out, filter, newNameOrder(sortLang, ranks), func() func(*render.Cells, *parks.Facility) { return view.FacilityCells })
		defer rs.close()
		opts.each = rs.each
	}
	loaded, err := opts.load(streams, lang, opts.Paths)
	if err != nil {
		return err
	}
	if rs != nil && loaded.Result != nil { // streamed
		doc := render.Object{{Key: "schema_version", Value: render.SchemaVersion}, {Key: "facilities", Value: nil}}
		return rs.write(streams.Out, view.ObjectKeys(view.FacilityObject(&parks.Facility{})), doc, "facilities", opts.Top)
	}
	var facilities []*parks.Facility
	for _, f := range loaded.Dataset.Facilities {
		if filter.Facility(f) {
			facilities = append(facilities, f)
		}
	}
	view.SortFacilities(facilities, sortLang)
	if opts.Top > 0 && len(facilities) > opts.Top {
		facilities = facilities[:opts.Top]
	}
	if opts.machine() {
		// The canonical schema with the district normalised and its KATO
		// code, so the output loads back as input and pivots by district.
		objs := make([]render.Object, 0, len(facilities))
		for _, f := range facilities {
			objs = append(objs, view.FacilityObject(f))
		}
		grid := render.GridOf(objs)
		if len(objs) == 0 {
			grid.Columns = view.ObjectKeys(view.FacilityObject(&parks.Facility{}))
		}
		doc := render.Object{{Key: "schema_version", Value: render.SchemaVersion}, {Key: "facilities", Value: objs}}
		return out.Write(streams.Out, render.Output{Doc: doc, Grid: grid, Sheet: i18n.T(lang, "title.list")})
	}
	t := view.FacilityTable(facilities, lang, i18n.MoneyUnit(opts.Unit))
	t.MaxWidth = termWidth(streams)
	style := tableStyle(streams, opts.Output)
	return render.WriteTable(streams.Out, t, style)
}
