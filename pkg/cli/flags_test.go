package cli

import (
	"testing"

	"github.com/spf13/cobra"
)

// readsNoData are the commands that read no dataset: every other command
// takes the same input flags.
var readsNoData = map[string]bool{"schema": true, "init": true, "version": true, "help": true, "completion": true}

// Every command that reads data takes the same input flags, and every
// command that chooses an output format does so with -o/--output, which
// --format also names.
func TestOneSetOfInputFlags(t *testing.T) {
	root := NewRootCmd(&IO{})
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	input := []struct{ name, short string }{
		{"encoding", ""}, {"delimiter", ""}, {"input-format", ""}, {"skip-invalid", ""}, {"lang", ""}, {"verbose", "v"},
	}
	var data int
	for _, cmd := range root.Commands() {
		name := cmd.Name()
		if !readsNoData[name] {
			data++
			for _, want := range input {
				f := cmd.Flags().Lookup(want.name)
				if f == nil {
					t.Errorf("parks %s has no --%s", name, want.name)
					continue
				}
				if f.Shorthand != want.short {
					t.Errorf("parks %s: --%s has shorthand %q, want %q", name, want.name, f.Shorthand, want.short)
				}
			}
		}
		checkOutputFlag(t, cmd)
	}
	if data < 12 {
		t.Errorf("only %d commands read data; the list of commands that do not is stale", data)
	}
}

func checkOutputFlag(t *testing.T, cmd *cobra.Command) {
	t.Helper()
	out := cmd.Flags().Lookup("output")
	format := cmd.Flags().Lookup("format")
	switch {
	case out == nil && format == nil:
		return
	case out == nil:
		t.Errorf("parks %s chooses its output with --format but has no -o/--output", cmd.Name())
	case out.Shorthand != "o":
		t.Errorf("parks %s: --output has shorthand %q, want o", cmd.Name(), out.Shorthand)
	case format != out:
		t.Errorf("parks %s: --format is not the same flag as --output", cmd.Name())
	}
}
