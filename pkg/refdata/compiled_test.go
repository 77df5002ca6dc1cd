package refdata

import (
	"os"
	"reflect"
	"testing"

	"github.com/parks-kz/parks/pkg/parks"
	"go.yaml.in/yaml/v3"
)

// The embedded lines must say exactly what the YAML people edit says.
func TestCompiledMatchesYAML(t *testing.T) {
	var gazYAML struct {
		Regions []parks.Region `yaml:"regions"`
	}
	var secYAML struct {
		Sectors []parks.Sector `yaml:"sectors"`
	}
	var aliYAML struct {
		Columns []ColumnAliases `yaml:"columns"`
	}
	for name, v := range map[string]any{"gazetteer.yaml": &gazYAML, "sectors.yaml": &secYAML, "aliases.yaml": &aliYAML} {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if err := yaml.Unmarshal(data, v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	regions, err := parseGazetteer(gazetteerTSV)
	if err != nil || !reflect.DeepEqual(regions, gazYAML.Regions) {
		t.Errorf("gazetteer.tsv is out of date (%v): run `go generate ./pkg/refdata` after editing gazetteer.yaml", err)
	}
	sectors, err := parseSectors(sectorsTSV)
	if err != nil || !reflect.DeepEqual(sectors, secYAML.Sectors) {
		t.Errorf("sectors.tsv is out of date (%v): run `go generate ./pkg/refdata` after editing sectors.yaml", err)
	}
	aliases, err := parseAliases(aliasesTSV)
	if err != nil || !reflect.DeepEqual(aliases, aliYAML.Columns) {
		t.Errorf("aliases.tsv is out of date (%v): run `go generate ./pkg/refdata` after editing aliases.yaml", err)
	}
	if len(regions) == 0 || len(regions[0].Districts) == 0 || len(sectors) == 0 || len(aliases) == 0 {
		t.Error("the compiled reference data is empty")
	}
}

// A line that is not what gentsv writes is an error, not a guess.
func TestParseCompiledRefusesBadLines(t *testing.T) {
	for _, text := range []string{"D\t1\ta\tb\tc\t\n", "R\t1\ta\tb\n", "X\t1\ta\tb\tc\t\n"} {
		if _, err := parseGazetteer(text); err == nil {
			t.Errorf("parseGazetteer(%q): no error", text)
		}
	}
	if _, err := parseSectors("code\tkk\tru\n"); err == nil {
		t.Error("parseSectors: a short line is not an error")
	}
	for _, text := range []string{"id\tкод\tкод\n", "\tкод\tкод\tcode\n"} {
		if _, err := parseAliases(text); err == nil {
			t.Errorf("parseAliases(%q): no error", text)
		}
	}
}
