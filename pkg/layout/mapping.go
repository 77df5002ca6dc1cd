package layout

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Mapping is the file a user keeps to say how a sheet is laid out (`--map
// FILE`, written by `parks import`): which rows are the header, which
// column is which field, which rows are not data.
type Mapping struct {
	Sheet      string            `yaml:"sheet,omitempty"`
	HeaderRows []int             `yaml:"header_rows,omitempty"` // 1-based as the user sees them
	Columns    map[string]string `yaml:"columns,omitempty"`     // column letter or 1-based number → field ("-" = ignore)
	Scales     map[string]string `yaml:"scales,omitempty"`      // column → "тыс. тенге" etc.
	SkipRows   []int             `yaml:"skip_rows,omitempty"`   // 1-based rows that are not data
	AsOf       string            `yaml:"as_of,omitempty"`
}

// LoadMapping reads a mapping file; unknown keys are refused, so that a
// misspelt key does not pass silently.
func LoadMapping(data []byte) (*Mapping, error) {
	var m Mapping
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&m); err != nil && err.Error() != "EOF" {
		return nil, err
	}
	for k := range m.Columns {
		if _, ok := ColumnIndex(k); !ok {
			return nil, fmt.Errorf("columns: %q is not a column (write a letter such as K or a number such as 11)", k)
		}
	}
	for k := range m.Scales {
		if _, ok := ColumnIndex(k); !ok {
			return nil, fmt.Errorf("scales: %q is not a column (write a letter such as K or a number such as 11)", k)
		}
	}
	return &m, nil
}

// ColumnIndex reads a column as the user writes it in a mapping: a letter
// ("K", "AA") or a 1-based number ("11"); it returns the 0-based index.
func ColumnIndex(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if n, err := strconv.Atoi(s); err == nil {
		return n - 1, n >= 1 && n <= 16384
	}
	if s == "" || len(s) > 3 {
		return 0, false
	}
	n := 0
	for _, r := range strings.ToUpper(s) {
		if r < 'A' || r > 'Z' {
			return 0, false
		}
		n = n*26 + int(r-'A'+1)
	}
	return n - 1, n <= 16384
}

// ColumnName is the letter of a 0-based column ("A", "K", "AA").
func ColumnName(i int) string {
	var b []byte
	for i++; i > 0; i = (i - 1) / 26 {
		b = append([]byte{byte('A' + (i-1)%26)}, b...)
	}
	return string(b)
}

// Mapping is a starting mapping file for what was found: the header rows,
// every column's field ("-" for the ignored ones), the scales and the rows
// that are not data.
func (t *Table) Mapping() *Mapping {
	m := &Mapping{Columns: map[string]string{}, AsOf: t.AsOf}
	for _, r := range t.HeaderRows {
		m.HeaderRows = append(m.HeaderRows, r+1)
	}
	for _, c := range t.Columns {
		f := c.Field
		if f == "" {
			f = "-"
		}
		m.Columns[ColumnName(c.Index)] = f
		if c.Scale > 1 {
			if m.Scales == nil {
				m.Scales = map[string]string{}
			}
			m.Scales[ColumnName(c.Index)] = scaleName(c.Scale)
		}
	}
	for _, r := range t.Rows {
		if r.Role != Data && r.Role != Header {
			m.SkipRows = append(m.SkipRows, r.Index+1)
		}
	}
	sort.Ints(m.SkipRows)
	return m
}

func scaleName(s int64) string {
	switch s {
	case 1_000:
		return "тыс. тенге"
	case 1_000_000:
		return "млн тенге"
	case 1_000_000_000:
		return "млрд тенге"
	}
	return strconv.FormatInt(s, 10)
}
