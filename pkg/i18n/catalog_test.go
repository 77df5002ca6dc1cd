package i18n

import (
	"os"
	"reflect"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The embedded catalogue must be exactly the YAML people edit.
func TestCompiledCatalogMatchesYAML(t *testing.T) {
	data, err := os.ReadFile("messages.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var fromYAML map[string]map[Lang]string
	if err := yaml.Unmarshal(data, &fromYAML); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fromYAML, messages()) {
		t.Fatal("messages.tsv is out of date: run `go generate ./pkg/i18n` after editing messages.yaml")
	}
}

// unescapeTSV reads what gencatalog writes for a backslash, a line feed
// and a tab (none of today's messages has one).
func TestUnescapeTSV(t *testing.T) {
	for in, want := range map[string]string{
		`plain`:        "plain",
		`two\nlines`:   "two\nlines",
		`a\tb`:         "a\tb",
		`back\\slash`:  `back\slash`,
		`\\n is not n`: `\n is not n`,
		`end\`:         `end\`,
	} {
		if got := unescapeTSV(in); got != want {
			t.Errorf("unescapeTSV(%q) = %q, want %q", in, got, want)
		}
	}
}
