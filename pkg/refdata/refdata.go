// Package refdata loads the reference data embedded in the binary: the
// gazetteer of districts and the sector vocabulary. The data lives in YAML
// files beside this one so that adding a region is an edit, not code.
package refdata

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"

	"github.com/parks-kz/parks/pkg/parks"
)

//go:generate go run ./internal/gentsv

// The gazetteer and the sector vocabulary are edited as YAML (with their
// comments) and embedded as the tab-separated lines `go generate` compiles
// from it (internal/gentsv): cutting lines costs a small part of decoding
// YAML, and every command resolves districts and sectors.
//
//go:embed gazetteer.tsv
var gazetteerTSV string

//go:embed sectors.tsv
var sectorsTSV string

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
		regions, err := parseGazetteer(gazetteerTSV)
		if err != nil {
			gazErr = fmt.Errorf("built-in gazetteer: %w", err)
			return
		}
		gaz, gazErr = parks.NewGazetteer(regions)
	})
	return gaz, gazErr
}

// Sectors returns the built-in sector vocabulary.
func Sectors() (*parks.Sectors, error) {
	secOnce.Do(func() {
		sectors, err := parseSectors(sectorsTSV)
		if err != nil {
			secErr = fmt.Errorf("built-in sectors: %w", err)
			return
		}
		sec = parks.NewSectors(sectors)
	})
	return sec, secErr
}

// parseGazetteer reads gazetteer.tsv: a region line (R) and its district
// lines (D), each kato, kk, ru, en and aliases joined by |.
func parseGazetteer(text string) ([]parks.Region, error) {
	var regions []parks.Region
	for n, line := range lines(text) {
		f := strings.Split(line, "\t")
		if len(f) != 6 || f[0] != "R" && f[0] != "D" || f[0] == "D" && len(regions) == 0 {
			return nil, fmt.Errorf("line %d: %q is not a region or district line", n+1, line)
		}
		if f[0] == "R" {
			regions = append(regions, parks.Region{KATO: f[1], KK: f[2], RU: f[3], EN: f[4], Aliases: aliasList(f[5])})
			continue
		}
		r := &regions[len(regions)-1]
		r.Districts = append(r.Districts, parks.District{KATO: f[1], KK: f[2], RU: f[3], EN: f[4], Aliases: aliasList(f[5])})
	}
	return regions, nil
}

// parseSectors reads sectors.tsv: code, kk, ru, en and aliases joined by |.
func parseSectors(text string) ([]parks.Sector, error) {
	var sectors []parks.Sector
	for n, line := range lines(text) {
		f := strings.Split(line, "\t")
		if len(f) != 5 {
			return nil, fmt.Errorf("line %d: %q is not a sector line", n+1, line)
		}
		sectors = append(sectors, parks.Sector{Code: f[0], KK: f[1], RU: f[2], EN: f[3], Aliases: aliasList(f[4])})
	}
	return sectors, nil
}

// lines are the lines of a text that ends with a line break.
func lines(text string) []string {
	return strings.Split(strings.TrimSuffix(text, "\n"), "\n")
}

func aliasList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "|")
}

// The header aliases are edited in aliases.yaml and embedded compiled, as
// the other reference data.
//
//go:embed aliases.tsv
var aliasesTSV string

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
		if aliases, aliasErr = parseAliases(aliasesTSV); aliasErr != nil {
			aliasErr = fmt.Errorf("built-in header aliases: %w", aliasErr)
		}
	})
	return aliases, aliasErr
}

// parseAliases reads aliases.tsv: column, then the kk, ru and en aliases,
// each language's joined by |.
func parseAliases(text string) ([]ColumnAliases, error) {
	var cols []ColumnAliases
	for n, line := range lines(text) {
		f := strings.Split(line, "\t")
		if len(f) != 4 || f[0] == "" {
			return nil, fmt.Errorf("line %d: %q is not a column's aliases", n+1, line)
		}
		cols = append(cols, ColumnAliases{Column: f[0], KK: aliasList(f[1]), RU: aliasList(f[2]), EN: aliasList(f[3])})
	}
	return cols, nil
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
