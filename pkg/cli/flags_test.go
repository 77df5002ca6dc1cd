package cli

import (
	"bytes"
	"errors"
	"strings"
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

// failingWriter fails every write with an error whose words look like
// cobra's own.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) {
	return 0, errors.New("unknown command: no space left for flag arg(s)")
}

// Main tells a command's own errors from cobra's errors about the command
// line by type, not by the words of the message: a failed write is exit 2
// without the usage hint, an unknown command is exit 2 with it.
func TestErrorsByType(t *testing.T) {
	var errOut bytes.Buffer
	if code := Main([]string{"schema"}, &IO{Out: failingWriter{}, Err: &errOut, Getenv: func(string) string { return "" }}); code != ExitError {
		t.Errorf("failed write: exit %d, want %d", code, ExitError)
	}
	if s := errOut.String(); !strings.Contains(s, "no space left") || strings.Contains(s, "--help") {
		t.Errorf("failed write: stderr %q, want the error without the usage hint", s)
	}
	errOut.Reset()
	if code := Main([]string{"sumary"}, &IO{Out: &bytes.Buffer{}, Err: &errOut, Getenv: func(string) string { return "" }}); code != ExitError {
		t.Errorf("unknown command: exit %d, want %d", code, ExitError)
	}
	if s := errOut.String(); !strings.Contains(s, `unknown command "sumary"`) || !strings.Contains(s, "Run 'parks --help' for usage.") {
		t.Errorf("unknown command: stderr %q", s)
	}
}
