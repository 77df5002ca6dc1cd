package i18n

import (
	"os"
	"reflect"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The embedded JSON must be exactly the YAML people edit.
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
		t.Fatal("messages.json is out of date: run `go generate ./pkg/i18n` after editing messages.yaml")
	}
}
