package cli

import (
	"github.com/parks-kz/parks/pkg/view"
	"github.com/spf13/cobra"
)

// buildingsOptions are the options of `parks buildings`.
type buildingsOptions struct {
	aggregateOptions
}

var buildingsView = view.View{
	Title: "title.buildings",
	Columns: []view.Column{
		view.MetricColumn("col.buildings_planned", "buildings_planned"),
		view.MetricColumn("col.buildings_built", "buildings_built"),
		view.MetricColumn("col.buildings_under_construction", "buildings_under_construction"),
		view.MetricColumn("col.buildings_not_started", "buildings_not_started"),
		view.MetricColumn("col.build_out_pct", "build_out_pct"),
	},
}

func newBuildingsCmd(streams *IO) *cobra.Command {
	opts := &buildingsOptions{}
	cmd := &cobra.Command{
		Use:     "buildings [PATH...]",
		Short:   "Buildings planned, built, under construction, not started; build-out %",
		Example: "  parks buildings --by facility --kind site",
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			return runBuildings(streams, opts)
		},
	}
	opts.addFlags(cmd, "name")
	return cmd
}

func runBuildings(streams *IO, opts *buildingsOptions) error {
	return runAggregate(streams, &opts.aggregateOptions, buildingsView)
}
