package builtin_test

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/parks-kz/parks/pkg/builtin"
	"github.com/parks-kz/parks/pkg/decode"
)

// TestCompiledMatchesYAML holds the compiled form the binary reads to
// turkestan.yaml: the same dataset, record for record, but for where each
// record was read from.
func TestCompiledMatchesYAML(t *testing.T) {
	compiled, err := decode.Load(nil, decode.Options{})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "turkestan.yaml")
	if err := os.WriteFile(path, builtin.YAML, 0o644); err != nil {
		t.Fatal(err)
	}
	fromYAML, err := decode.Load([]string{path}, decode.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range []*decode.Loaded{compiled, fromYAML} {
		for _, p := range l.Problems.Problems {
			t.Errorf("%s", p)
		}
		for _, f := range l.Dataset.Facilities {
			f.At = nil
		}
		for _, p := range l.Dataset.Projects {
			p.At = nil
		}
	}
	if len(compiled.Dataset.Facilities) == 0 || len(compiled.Dataset.Projects) == 0 {
		t.Fatal("the compiled dataset is empty")
	}
	if !reflect.DeepEqual(compiled.Dataset, fromYAML.Dataset) {
		t.Error("compiled/ is out of date: run `go generate ./pkg/builtin` after editing turkestan.yaml")
	}
	if len(compiled.Inputs) != 0 {
		t.Errorf("the built-in dataset is listed as inputs %+v", compiled.Inputs)
	}
}
