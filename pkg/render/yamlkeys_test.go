package render

import (
	"bytes"
	"testing"

	"go.yaml.in/yaml/v3"
)

// Keys that look like dates or numbers (trend's values keyed by as_of) must
// read back as strings.
func TestYAMLKeysStayStrings(t *testing.T) {
	var buf bytes.Buffer
	doc := Object{{Key: "2025-12-01", Value: int64(1220)}, {Key: "10", Value: "x"}, {Key: "true", Value: nil}}
	if err := WriteYAML(&buf, doc); err != nil {
		t.Fatal(err)
	}
	var back map[any]any
	if err := yaml.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatalf("%v in\n%s", err, buf.String())
	}
	for _, k := range []string{"2025-12-01", "10", "true"} {
		if _, ok := back[k]; !ok {
			t.Errorf("key %q did not read back as a string key:\n%s", k, buf.String())
		}
	}
}
