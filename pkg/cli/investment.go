package cli

import (
	"github.com/parks-kz/parks/pkg/view"
	"github.com/spf13/cobra"
)

// investmentOptions are the options of `parks investment`.
type investmentOptions struct {
	aggregateOptions
}

func newInvestmentCmd(streams *IO) *cobra.Command {
	opts := &investmentOptions{}
	cmd := &cobra.Command{
		Use:     "investment [PATH...]",
		Short:   "Private, budget and total investment, per ha, import substitution",
		Example: "  parks investment --unit mln --sort investment_total_kzt --top 5",
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			return runInvestment(streams, opts)
		},
	}
	opts.addFlags(cmd, "name")
	return cmd
}

func runInvestment(streams *IO, opts *investmentOptions) error {
	return runAggregate(streams, &opts.aggregateOptions, view.Investment)
}
