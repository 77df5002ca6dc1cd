package refdata

import (
	_ "embed"
	"fmt"
	"sync"

	"go.yaml.in/yaml/v3"
)

// The words of report-shaped sheets (pkg/layout) are edited in layout.yaml
// and embedded as written: they are read only when a sheet is not a plain
// table, so decoding the YAML costs the common case nothing.
//
//go:embed layout.yaml
var layoutYAML []byte

// LayoutWords are the words pkg/layout recognises report-shaped sheets by;
// layout.yaml says what each list is.
type LayoutWords struct {
	Sets        map[string][]string `yaml:"sets"`
	Fields      []LayoutField       `yaml:"fields"`
	RowNumber   []string            `yaml:"row_number"`
	Total       []string            `yaml:"total"`
	TotalFiller []string            `yaml:"total_filler"`
	Region      []string            `yaml:"region"`
	// DistrictKind and AdjectiveEndings match a subtotal's group with a
	// district (pkg/layout GroupDistrict).
	DistrictKind     []string   `yaml:"district_kind"`
	AdjectiveEndings [][]string `yaml:"adjective_endings"`
	Part             []string   `yaml:"part"`
	Note             []string   `yaml:"note"`
	Markers          struct {
		Zero        []string `yaml:"zero"`
		NotReported []string `yaml:"not_reported"`
	} `yaml:"markers"`
	Kinds    map[string][]string `yaml:"kinds"`
	Statuses map[string][]string `yaml:"statuses"`
	Months   map[string][]string `yaml:"months"`
	// Derived: the labels of columns parks computes, by field; NoteSheets:
	// names of sheets that describe a workbook.
	Derived    map[string][]string `yaml:"derived"`
	NoteSheets []string            `yaml:"note_sheets"`
}

// LayoutField is how a column's label names a field: every group of All
// has a word in it and no word of Not is in it.
type LayoutField struct {
	Field string     `yaml:"field"`
	All   [][]string `yaml:"all"`
	Not   []string   `yaml:"not"`
}

var (
	layoutOnce sync.Once
	layoutW    *LayoutWords
	layoutErr  error
)

// Layout returns the built-in words of report-shaped sheets.
func Layout() (*LayoutWords, error) {
	layoutOnce.Do(func() {
		var w LayoutWords
		if err := yaml.Unmarshal(layoutYAML, &w); err != nil {
			layoutErr = fmt.Errorf("built-in layout words: %w", err)
			return
		}
		layoutW = &w
	})
	return layoutW, layoutErr
}
