// Package refdata loads the reference data embedded in the binary: the
// gazetteer of districts and the sector vocabulary. The data lives in YAML
// files beside this one so that adding a region is an edit, not code.
package refdata

import (
	_ "embed"
	"fmt"
	"sync"

	"github.com/parks-kz/parks/pkg/parks"
	"go.yaml.in/yaml/v3"
)

//go:embed gazetteer.yaml
var gazetteerYAML []byte

//go:embed sectors.yaml
var sectorsYAML []byte

var (
	gazOnce sync.Once
	gaz     *parks.Gazetteer
	gazErr  error
	secOnce sync.Once
	sec     *parks.Sectors
	secErr  error
)

// Gazetteer returns the built-in gazetteer.
func Gazetteer() (*parks.Gazetteer, error) {
	gazOnce.Do(func() {
		var doc struct {
			Regions []parks.Region `yaml:"regions"`
		}
		if err := yaml.Unmarshal(gazetteerYAML, &doc); err != nil {
			gazErr = fmt.Errorf("built-in gazetteer: %w", err)
			return
		}
		gaz, gazErr = parks.NewGazetteer(doc.Regions)
	})
	return gaz, gazErr
}

// Sectors returns the built-in sector vocabulary.
func Sectors() (*parks.Sectors, error) {
	secOnce.Do(func() {
		var doc struct {
			Sectors []parks.Sector `yaml:"sectors"`
		}
		if err := yaml.Unmarshal(sectorsYAML, &doc); err != nil {
			secErr = fmt.Errorf("built-in sectors: %w", err)
			return
		}
		sec = parks.NewSectors(doc.Sectors)
	})
	return sec, secErr
}

//go:embed aliases.yaml
var aliasesYAML []byte

// ColumnAliases are the header names of one canonical column.
type ColumnAliases struct {
	Column string   `yaml:"column"`
	KK     []string `yaml:"kk"`
	RU     []string `yaml:"ru"`
	EN     []string `yaml:"en"`
}

var (
	aliasOnce sync.Once
	aliases   []ColumnAliases
	aliasErr  error
)

// Aliases returns the built-in header aliases, in the order of the file.
func Aliases() ([]ColumnAliases, error) {
	aliasOnce.Do(func() {
		var doc struct {
			Columns []ColumnAliases `yaml:"columns"`
		}
		if err := yaml.Unmarshal(aliasesYAML, &doc); err != nil {
			aliasErr = fmt.Errorf("built-in header aliases: %w", err)
			return
		}
		aliases = doc.Columns
	})
	return aliases, aliasErr
}

// Reference returns the gazetteer and the sector vocabulary together: what
// every decoder resolves districts and sectors against.
func Reference() (*parks.Gazetteer, *parks.Sectors, error) {
	gaz, err := Gazetteer()
	if err != nil {
		return nil, nil, err
	}
	sec, err := Sectors()
	return gaz, sec, err
}
