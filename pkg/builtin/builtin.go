// Package builtin embeds the sample dataset of Turkestan region, which
// reproduces every figure of the press article the project starts from.
package builtin

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/parks-kz/parks/pkg/parks"
)

// Name is the name the built-in dataset is reported under in messages.
const Name = "builtin:turkestan.yaml"

// YAML is the dataset, in the same YAML format users write: the source,
// with comments on where each figure comes from.
//
//go:embed turkestan.yaml
var YAML []byte

// The loader reads the dataset from its compiled form, the same records as
// canonical CSV (internal/compile, `go generate ./pkg/builtin`): decoding
// the YAML was most of the built-in summary's own work.
//
//go:generate go run ./internal/compile
var (
	//go:embed compiled/facilities.csv
	Facilities []byte
	//go:embed compiled/projects.csv
	Projects []byte
	//go:embed compiled/dataset.tsv
	datasetTSV string
)

// Meta is the dataset block of the YAML (name, region, as_of, source).
func Meta() (parks.Meta, error) {
	var m parks.Meta
	for line := range strings.Lines(datasetTSV) {
		key, value, ok := strings.Cut(strings.TrimSuffix(line, "\n"), "\t")
		switch {
		case !ok:
			return m, fmt.Errorf("compiled/dataset.tsv: %q is not KEY<TAB>VALUE", line)
		case key == "name":
			m.Name = value
		case key == "region":
			m.Region = value
		case key == "as_of":
			m.AsOf = value
		case key == "source":
			m.Source = value
		default:
			return m, fmt.Errorf("compiled/dataset.tsv: unknown key %q", key)
		}
	}
	return m, nil
}
