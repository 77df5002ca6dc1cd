package cli

import "github.com/spf13/cobra"

// summaryOptions are the options of `parks summary`.
type summaryOptions struct {
	aggregateOptions
}

// summaryView is the per-district picture: facilities, area, buildings,
// jobs, investment and leverage.
var summaryView = view{
	title: "title.summary",
	columns: []viewColumn{
		metricColumn("col.parks", "parks"),
		metricColumn("col.sites", "sites"),
		metricColumn("col.area_ha", "area_ha"),
		pairColumn("col.buildings", "buildings_built", "buildings_planned"),
		metricColumn("col.under_construction", "buildings_under_construction"),
		pairColumn("col.jobs", "jobs_created", "jobs_planned"),
		metricColumn("col.investment_total", "investment_total_kzt"),
		metricColumn("col.leverage", "leverage"),
	},
}

func newSummaryCmd(io *IO) *cobra.Command {
	opts := &summaryOptions{}
	cmd := &cobra.Command{
		Use:   "summary [PATH...]",
		Short: "Per-district table: parks, sites, area, buildings, jobs, investment, leverage",
		Example: `  parks summary
  parks summary data/ --by kind
  parks summary facilities.csv projects.csv -o json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			return runSummary(io, opts)
		},
	}
	opts.addFlags(cmd, "name")
	return cmd
}

func runSummary(io *IO, opts *summaryOptions) error {
	return runAggregate(io, &opts.aggregateOptions, summaryView)
}
