package cli

import (
	"github.com/parks-kz/parks/pkg/view"
	"github.com/spf13/cobra"
)

// investmentOptions are the options of `parks investment`.
type investmentOptions struct {
	aggregateOptions
}

var investmentView = view.View{
	Title: "title.investment",
	Columns: []view.Column{
		view.MetricColumn("col.investment_private", "investment_private_kzt"),
		view.MetricColumn("col.investment_budget", "investment_budget_kzt"),
		view.MetricColumn("col.investment_total", "investment_total_kzt"),
		view.MetricColumn("col.investment_per_ha", "investment_per_ha_kzt"),
		view.MetricColumn("col.import_substitution", "import_substitution_kzt"),
	},
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
	return runAggregate(streams, &opts.aggregateOptions, investmentView)
}
