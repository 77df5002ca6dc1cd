package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/parks-kz/parks/pkg/rules"
)

// Flags complete with their values; the rule ids of --ignore and --explain
// are read from the catalogue only when a shell asks.
func TestFlagCompletion(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"__complete", "validate", "--ignore", ""}, rules.IDs()},
		{[]string{"__complete", "validate", "--explain", ""}, rules.IDs()},
		{[]string{"__complete", "summary", "--by", ""}, []string{"district", "kind", "status", "sector", "facility"}},
	} {
		var out, errOut bytes.Buffer
		if code := Main(tc.args, &IO{Out: &out, Err: &errOut, Getenv: func(string) string { return "" }}); code != ExitOK {
			t.Fatalf("%v: exit %d: %s", tc.args, code, errOut.String())
		}
		got := strings.Split(strings.TrimSpace(out.String()), "\n")
		if len(got) == 0 || !strings.HasPrefix(got[len(got)-1], ":") {
			t.Fatalf("%v: no completion directive in %q", tc.args, out.String())
		}
		if got = got[:len(got)-1]; strings.Join(got, " ") != strings.Join(tc.want, " ") {
			t.Errorf("%v completes %v, want %v", tc.args, got, tc.want)
		}
	}
}
