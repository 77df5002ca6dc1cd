package cli

import (
	"bytes"
	"slices"
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

// Every enumerated flag value completes (not file names), in the language
// typed or set; `show` completes facility ids, then paths.
func TestEnumeratedCompletion(t *testing.T) {
	for _, tc := range []struct {
		args      []string
		env       map[string]string
		want      []string // candidates that must be offered (value, or value TAB description)
		directive string
	}{
		{[]string{"summary", "--lang", ""}, nil, []string{"kk", "ru", "en"}, ":4"},
		{[]string{"validate", "--lang", ""}, nil, []string{"kk", "ru", "en"}, ":4"},
		{[]string{"init", "--lang", ""}, nil, []string{"kk", "ru", "en"}, ":4"},
		{[]string{"list", "--kind", ""}, nil, []string{"park", "site"}, ":4"},
		{[]string{"schema", "--kind", ""}, nil, []string{"facility", "project"}, ":4"},
		{[]string{"jobs", "--status", ""}, nil, []string{"planned", "under_construction", "operating"}, ":4"},
		{[]string{"summary", "--district", ""}, nil, []string{"Turkistan city\t611000000"}, ":4"},
		{[]string{"summary", "--lang", "kk", "--district", ""}, nil, []string{"Түркістан қ.\t611000000"}, ":4"},
		{[]string{"list", "--district", ""}, map[string]string{"PARKS_LANG": "ru"}, []string{"г. Туркестан\t611000000"}, ":4"},
		{[]string{"summary", "--sector", ""}, nil, []string{"furniture\tFurniture"}, ":4"},
		{[]string{"list", "--sector", ""}, map[string]string{"LANG": "ru_RU.UTF-8"}, []string{"furniture\tМебель"}, ":4"},
		{[]string{"show", ""}, nil, []string{"tus-sip\tШағын өнеркәсіптік парк (Small Industrial Park, Turkestan)"}, ":4"},
		{[]string{"show", "tus-sip", ""}, nil, nil, ":0"},
	} {
		var out, errOut bytes.Buffer
		args := append([]string{"__complete"}, tc.args...)
		if code := Main(args, &IO{Out: &out, Err: &errOut, Getenv: func(k string) string { return tc.env[k] }}); code != ExitOK {
			t.Fatalf("%v: exit %d: %s", tc.args, code, errOut.String())
		}
		lines := strings.Split(strings.TrimSpace(out.String()), "\n")
		if got := lines[len(lines)-1]; got != tc.directive {
			t.Errorf("%v: directive %s, want %s", tc.args, got, tc.directive)
		}
		for _, w := range tc.want {
			if !slices.Contains(lines, w) {
				t.Errorf("%v: %q not among %q", tc.args, w, lines)
			}
		}
	}
}
