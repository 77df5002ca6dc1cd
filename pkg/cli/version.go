package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// Version is set at build time with -ldflags "-X .../pkg/cli.Version=v1.2.3".
var Version = "dev"

type versionOptions struct{}

func newVersionCmd(streams *IO) *cobra.Command {
	opts := &versionOptions{}
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of parks",
		Long: `version prints the version of parks, the Go release it was built with and
its platform, as 'parks --version' does. Release archives carry the version
of their tag; 'go install' builds carry the module version.`,
		Example: `  parks version
  parks --version`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runVersion(streams, opts)
		},
	}
}

func runVersion(streams *IO, _ *versionOptions) error {
	_, err := fmt.Fprintln(streams.Out, versionLine())
	return err
}

// versionLine is what `parks version` and `parks --version` print:
// "parks v1.2.3 (go1.26.8, windows/amd64)". The version is the one `make
// dist` stamps in, else the module version `go install` records, else dev.
func versionLine() string {
	v := Version
	if v == "dev" {
		if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v = bi.Main.Version
		}
	}
	return fmt.Sprintf("parks %s (%s, %s/%s)", v, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}
