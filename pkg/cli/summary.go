package cli

import (
	"github.com/parks-kz/parks/pkg/view"
	"github.com/spf13/cobra"
)

// summaryOptions are the options of `parks summary`.
type summaryOptions struct {
	aggregateOptions
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
	return runAggregate(streams, &opts.aggregateOptions, view.Summary)
}
