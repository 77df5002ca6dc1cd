package cli

import (
	"github.com/parks-kz/parks/pkg/view"
	"github.com/spf13/cobra"
)

// jobsOptions are the options of `parks jobs`.
type jobsOptions struct {
	aggregateOptions
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
	return runAggregate(streams, &opts.aggregateOptions, view.Jobs)
}
