package cli

import (
	"github.com/parks-kz/parks/pkg/view"
	"github.com/spf13/cobra"
)

// buildingsOptions are the options of `parks buildings`.
type buildingsOptions struct {
	aggregateOptions
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
	return runAggregate(streams, &opts.aggregateOptions, view.Buildings)
}
