package cli

import (
	"github.com/parks-kz/parks/pkg/view"
	"github.com/spf13/cobra"
)

// jobsOptions are the options of `parks jobs`.
type jobsOptions struct {
	aggregateOptions
}

var jobsView = view.View{
	Title: "title.jobs",
	Columns: []view.Column{
		view.MetricColumn("col.jobs_planned", "jobs_planned"),
		view.MetricColumn("col.jobs_created", "jobs_created"),
		view.MetricColumn("col.jobs_realisation_pct", "jobs_realisation_pct"),
		view.MetricColumn("col.jobs_per_ha", "jobs_per_ha"),
	},
}

func newJobsCmd(streams *IO) *cobra.Command {
	opts := &jobsOptions{}
	cmd := &cobra.Command{
		Use:     "jobs [PATH...]",
		Short:   "Jobs planned and created, realisation %, jobs per ha",
		Example: "  parks jobs --sort jobs_planned",
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			return runJobs(streams, opts)
		},
	}
	opts.addFlags(cmd, "name")
	return cmd
}

func runJobs(streams *IO, opts *jobsOptions) error {
	return runAggregate(streams, &opts.aggregateOptions, jobsView)
}
