package cli

import (
	"github.com/parks-kz/parks/pkg/view"
	"github.com/spf13/cobra"
)

// summaryOptions are the options of `parks summary`.
type summaryOptions struct {
	aggregateOptions
}

// summaryView is the per-district picture: facilities, area, buildings,
// jobs, investment and leverage.
var summaryView = view.View{
	Title: "title.summary",
	Columns: []view.Column{
		view.MetricColumn("col.parks", "parks"),
		view.MetricColumn("col.sites", "sites"),
		view.MetricColumn("col.area_ha", "area_ha"),
		view.PairColumn("col.buildings", "buildings_built", "buildings_planned"),
		view.MetricColumn("col.under_construction", "buildings_under_construction"),
		view.PairColumn("col.jobs", "jobs_created", "jobs_planned"),
		view.MetricColumn("col.investment_total", "investment_total_kzt"),
		view.MetricColumn("col.leverage", "leverage"),
	},
}

func newSummaryCmd(streams *IO) *cobra.Command {
	opts := &summaryOptions{}
	cmd := &cobra.Command{
		Use:   "summary [PATH...]",
		Short: "Per-district table: parks, sites, area, buildings, jobs, investment, leverage",
		Example: `  parks summary
  parks summary data/ --by kind
  parks summary facilities.csv projects.csv -o json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			return runSummary(streams, opts)
		},
	}
	opts.addFlags(cmd, "name")
	return cmd
}

func runSummary(streams *IO, opts *summaryOptions) error {
	return runAggregate(streams, &opts.aggregateOptions, summaryView)
}
