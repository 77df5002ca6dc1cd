package cli

import (
	"github.com/parks-kz/parks/pkg/view"
	"github.com/spf13/cobra"
)

// leverageOptions are the options of `parks leverage`.
type leverageOptions struct {
	aggregateOptions
}

func newLeverageCmd(streams *IO) *cobra.Command {
	opts := &leverageOptions{}
	cmd := &cobra.Command{
		Use:   "leverage [PATH...]",
		Short: "Tenge of private investment per tenge of budget money, highest first",
		Long: `Leverage is private ÷ budget investment. In a total row it is the ratio of
the sums over records that report both amounts, never an average of ratios.
A row with no budget money (a privately financed site) has no leverage: it
is shown as — (null in JSON), not as infinity.`,
		Example: "  parks leverage --by facility -o json",
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			return runLeverage(streams, opts)
		},
	}
	opts.addFlags(cmd, "leverage")
	return cmd
}

func runLeverage(streams *IO, opts *leverageOptions) error {
	return runAggregate(streams, &opts.aggregateOptions, view.Leverage)
}
