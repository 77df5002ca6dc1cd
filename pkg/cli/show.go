package cli

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/render"
	"github.com/parks-kz/parks/pkg/view"
	"github.com/spf13/cobra"
)

// showOptions are the options of `parks show`.
type showOptions struct {
	dataOptions
	ID    string
	Paths []string
	outputOptions
}

var showFormats = []string{"table", "json", "yaml", "markdown"}

func newShowCmd(streams *IO) *cobra.Command {
	opts := &showOptions{}
	cmd := &cobra.Command{
		Use:   "show ID [PATH...]",
		Short: "One facility with its projects, source and as_of",
		Example: `  parks show tus-sip
  parks show tus-sip -o json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return localError("usage.needs_id", "show", "parks show ID [PATH...]")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ID, opts.Paths = args[0], args[1:]
			return runShow(streams, opts)
		},
	}
	opts.addFlags(cmd)
	opts.addOutputFlags(cmd, showFormats)
	cmd.ValidArgsFunction = facilityIDCompletion(streams, &opts.dataOptions)
	return cmd
}

func runShow(streams *IO, opts *showOptions) error {
	lang, err := opts.lang(streams)
	if err != nil {
		return err
	}
	if err := opts.checkOutput(showFormats); err != nil {
		return err
	}
	loaded, err := opts.load(streams, lang, opts.Paths)
	if err != nil {
		return err
	}
	f := loaded.Dataset.FacilityByID(opts.ID)
	if f == nil {
		var ids []string
		for _, x := range loaded.Dataset.Facilities {
			ids = append(ids, string(x.ID))
		}
		if near := parks.Closest(opts.ID, ids); near != "" {
			return localError("err.no_facility_near", strconv.Quote(opts.ID), strconv.Quote(near))
		}
		return localError("err.no_facility", strconv.Quote(opts.ID))
	}
	projects := loaded.Dataset.ProjectsOf(f.ID)
	values := view.FacilityValues(f)
	if opts.machine() {
		doc := append(render.Object{{Key: "schema_version", Value: render.SchemaVersion}}, view.FacilityObject(f)...)
		doc = append(doc, render.Field{Key: "metrics", Value: view.MetricFields(nil, values)})
		objs := make([]render.Object, 0, len(projects))
		for _, p := range projects {
			objs = append(objs, view.RecordObject(parks.ProjectSchema, p))
		}
		doc = append(doc, render.Field{Key: "projects", Value: objs})
		return opts.writeOutput(streams, lang, opts.Delimiter, render.Output{Doc: doc})
	}
	style := tableStyle(streams, opts.Output)
	fm := i18n.Formatter{Lang: lang}
	t := &render.Table{Title: string(f.Name), Header: []string{i18n.T(lang, "show.field"), i18n.T(lang, "show.value")}, Wrap: 72}
	vals := parks.FacilitySchema.Values(f)
	for i, c := range parks.FacilitySchema.Columns {
		if c.Name == "name" {
			continue
		}
		t.Rows = append(t.Rows, []string{i18n.T(lang, "field."+c.Name), showCell(fm, lang, c, vals[i], f)})
	}
	for _, key := range []string{"build_out_pct", "jobs_realisation_pct", "investment_total_kzt", "leverage"} {
		t.Rows = append(t.Rows, []string{i18n.T(lang, "field."+key), fm.Value(values[key], i18n.UnitKZT)})
	}
	t.MaxWidth = termWidth(streams)
	if err := render.WriteTable(streams.Out, t, style); err != nil {
		return err
	}
	fmt.Fprintln(streams.Out)
	if len(projects) == 0 {
		fmt.Fprintln(streams.Out, i18n.T(lang, "show.no_projects"))
		return nil
	}
	pt := &render.Table{Title: i18n.T(lang, "title.projects"),
		Header:  []string{i18n.T(lang, "col.id"), i18n.T(lang, "col.name"), i18n.T(lang, "col.sector"), i18n.T(lang, "col.status"), i18n.T(lang, "col.jobs"), i18n.T(lang, "col.investment_private", i18n.T(lang, "unit.kzt")), i18n.T(lang, "col.investment_budget", i18n.T(lang, "unit.kzt")), i18n.T(lang, "show.source"), i18n.T(lang, "show.as_of")},
		Numeric: []bool{false, false, false, false, true, true, true, false, false}, Wrap: 40}
	for _, p := range projects {
		var t parks.Totals
		t.AddProject(p)
		pv := view.Values(&t)
		jobs := view.PairColumn("col.jobs", "jobs_created", "jobs_planned").Cell(fm, pv, i18n.UnitKZT)
		pt.Rows = append(pt.Rows, []string{string(p.ID), string(p.Name), view.SectorLabel(lang, string(p.Sector)), view.StatusLabel(lang, p.Status), jobs,
			fm.Value(pv["investment_private_kzt"], i18n.UnitKZT), fm.Value(pv["investment_budget_kzt"], i18n.UnitKZT), string(p.Source), p.AsOf.String()})
	}
	pt.MaxWidth = termWidth(streams)
	return render.WriteTable(streams.Out, pt, style)
}

// showCell formats one column of a facility for `show`.
func showCell(fm i18n.Formatter, lang i18n.Lang, c parks.Column, v any, f *parks.Facility) string {
	switch c.Name {
	case "district":
		return view.DistrictName(f.KATO, lang)
	case "kind":
		return i18n.T(lang, "kind."+string(f.Kind))
	case "status":
		return view.StatusLabel(lang, f.Status)
	case "sectors":
		labels := make([]string, len(f.Sectors))
		for i, s := range f.Sectors {
			labels[i] = view.SectorLabel(lang, s)
		}
		return strings.Join(labels, ", ")
	}
	return valueText(fm, v, 0)
}
