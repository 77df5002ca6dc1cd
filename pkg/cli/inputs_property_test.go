package cli

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parks-kz/parks/pkg/decode"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/refdata"
	"github.com/xuri/excelize/v2"
	"go.yaml.in/yaml/v3"
)

// The same dataset written as a comma CSV, a semicolon CSV with decimal
// commas and Russian headers, YAML, and a workbook with Kazakh headers and
// a title row gives byte-identical `-o json` output. Number forms, header
// scales and cell types are drawn at random (fixed seeds), so many ways
// people write the same figure are covered.
func TestSameDatasetEveryFormat(t *testing.T) {
	if testing.Short() {
		t.Skip("differential test of every input format: run without -short")
	}
	base, err := decode.Load(nil, decode.Options{})
	if err != nil || base.Problems.HasErrors() {
		t.Fatalf("built-in dataset: %v %v", err, base.Problems.Problems)
	}
	aliases := map[string]refdata.ColumnAliases{}
	table, err := refdata.Aliases()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range table {
		aliases[a.Column] = a
	}
	ds := base.Dataset
	for seed := range uint64(4) {
		r := rand.New(rand.NewPCG(seed, 42))
		root := t.TempDir()
		dirs := map[string]string{}
		for _, form := range []string{"comma", "semicolon", "yaml", "xlsx"} {
			dirs[form] = filepath.Join(root, form)
			if err := os.MkdirAll(dirs[form], 0o755); err != nil {
				t.Fatal(err)
			}
		}
		writeCommaCSV(t, r, dirs["comma"], ds)
		writeSemicolonCSV(t, r, dirs["semicolon"], ds, aliases)
		writeYAML(t, dirs["yaml"], ds)
		writeXLSX(t, r, dirs["xlsx"], ds, aliases)
		for _, args := range [][]string{{"summary", "-o", "json"}, {"list", "-o", "json"}, {"investment", "--by", "sector", "-o", "json"}} {
			var want []byte
			for _, form := range []string{"comma", "semicolon", "yaml", "xlsx"} {
				streams, out, errb := testIO()
				if code := Main(append(append([]string{}, args...), dirs[form]), streams); code != ExitOK {
					t.Fatalf("seed %d %s %v: exit %d\n%s", seed, form, args, code, errb)
				}
				if want == nil {
					want = out.Bytes()
					continue
				}
				if !bytes.Equal(out.Bytes(), want) {
					t.Fatalf("seed %d %v: %s output differs from the comma CSV's\n--- %s\n%s\n--- comma\n%s", seed, args, form, form, out, want)
				}
			}
		}
	}
}

var schemas = []*parks.Schema{parks.FacilitySchema, parks.ProjectSchema}

func recordsOf(ds *parks.Dataset, s *parks.Schema) []any {
	var out []any
	if s == parks.FacilitySchema {
		for _, f := range ds.Facilities {
			out = append(out, f)
		}
	} else {
		for _, p := range ds.Projects {
			out = append(out, p)
		}
	}
	return out
}

// group writes the digits of v with sep every three digits.
func group(v int64, sep string) string {
	s := strconv.FormatInt(v, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	return b.String()
}

// scaled writes v / scale exactly, with the given decimal separator.
func scaled(v, scale int64, dec string) string {
	s := strconv.FormatInt(v/scale, 10)
	if frac := v % scale; frac != 0 {
		digits := len(strconv.FormatInt(scale, 10)) - 1
		s += dec + strings.TrimRight(fmt.Sprintf("%0*d", digits, frac), "0")
	}
	return s
}

// cellText writes a value the way a file of the given style would.
func cellText(r *rand.Rand, c parks.Column, v any, dec string, groupSeps []string, headerScale int64) string {
	switch x := v.(type) {
	case nil:
		return ""
	case int64:
		if c.Unit == "KZT" {
			if headerScale > 1 {
				return scaled(x, headerScale, dec)
			}
			switch r.IntN(3) {
			case 0:
				words := map[int64]string{1e3: "тыс.", 1e6: "млн", 1e9: "млрд"}
				scales := []int64{1e3, 1e6, 1e9}
				sc := scales[r.IntN(3)]
				return scaled(x, sc, dec) + " " + words[sc]
			case 1:
				return group(x, groupSeps[r.IntN(len(groupSeps))]) + " ₸"
			}
		}
		if r.IntN(2) == 0 {
			return group(x, groupSeps[r.IntN(len(groupSeps))])
		}
		return strconv.FormatInt(x, 10)
	case float64:
		return strings.Replace(strconv.FormatFloat(x, 'f', -1, 64), ".", dec, 1)
	case []string:
		return strings.Join(x, "|")
	case string:
		return x
	}
	panic(fmt.Sprintf("value %T", v))
}

func writeCSVFile(t *testing.T, path string, comma rune, rows [][]string) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Comma = comma
	if err := w.WriteAll(rows); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func writeCommaCSV(t *testing.T, r *rand.Rand, dir string, ds *parks.Dataset) {
	for _, s := range schemas {
		rows := [][]string{s.Names()}
		for _, rec := range recordsOf(ds, s) {
			var row []string
			for i, v := range s.Values(rec) {
				row = append(row, cellText(r, s.Columns[i], v, ".", []string{",", ""}, 0))
			}
			rows = append(rows, row)
		}
		writeCSVFile(t, filepath.Join(dir, s.Kind+".csv"), ',', rows)
	}
}

func writeSemicolonCSV(t *testing.T, r *rand.Rand, dir string, ds *parks.Dataset, aliases map[string]refdata.ColumnAliases) {
	for _, s := range schemas {
		var header []string
		scales := make([]int64, len(s.Columns))
		for i, c := range s.Columns {
			h := aliases[c.Name].RU[0]
			if c.Unit == "KZT" {
				switch r.IntN(3) {
				case 0:
					scales[i] = 1e6
					h += ", млн тенге"
				case 1:
					scales[i] = 1e9
					h += " (млрд ₸)"
				}
			}
			header = append(header, h)
		}
		rows := [][]string{header}
		for _, rec := range recordsOf(ds, s) {
			var row []string
			for i, v := range s.Values(rec) {
				row = append(row, cellText(r, s.Columns[i], v, ",", []string{" ", "\u00a0", "\u202f", "'"}, scales[i]))
			}
			rows = append(rows, row)
		}
		writeCSVFile(t, filepath.Join(dir, s.Kind+".csv"), ';', rows)
	}
}

func writeYAML(t *testing.T, dir string, ds *parks.Dataset) {
	doc := map[string][]map[string]any{}
	for _, s := range schemas {
		list := yamlList[s.Kind]
		for _, rec := range recordsOf(ds, s) {
			m := map[string]any{}
			for i, v := range s.Values(rec) {
				if v != nil {
					m[s.Columns[i].Name] = v
				}
			}
			doc[list] = append(doc[list], m)
		}
	}
	data, err := yaml.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "dataset.yaml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func writeXLSX(t *testing.T, r *rand.Rand, dir string, ds *parks.Dataset, aliases map[string]refdata.ColumnAliases) {
	f := excelize.NewFile()
	defer f.Close()
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		t.Fatal(err)
	}
	for si, s := range schemas {
		sheet := yamlList[s.Kind]
		if si == 0 {
			err = f.SetSheetName("Sheet1", sheet)
		} else {
			_, err = f.NewSheet(sheet)
		}
		if err != nil {
			t.Fatal(err)
		}
		// a merged title row and a blank row above the header
		last, _ := excelize.ColumnNumberToName(len(s.Columns))
		must(t, f.SetCellStr(sheet, "A1", "Түркістан облысының индустриялық аймақтары"))
		must(t, f.MergeCell(sheet, "A1", last+"1"))
		for i, c := range s.Columns {
			ref, _ := excelize.CoordinatesToCellName(i+1, 3)
			must(t, f.SetCellStr(sheet, ref, aliases[c.Name].KK[0]))
		}
		for ri, rec := range recordsOf(ds, s) {
			for i, v := range s.Values(rec) {
				ref, _ := excelize.CoordinatesToCellName(i+1, ri+4)
				c := s.Columns[i]
				switch x := v.(type) {
				case nil:
				case int64:
					if r.IntN(3) == 0 {
						must(t, f.SetCellStr(sheet, ref, cellText(r, c, x, ",", []string{" ", "\u00a0"}, 0)))
					} else {
						must(t, f.SetCellValue(sheet, ref, float64(x)))
					}
				case float64:
					must(t, f.SetCellValue(sheet, ref, x))
				case string:
					if c.Type == "date" && r.IntN(2) == 0 {
						d, err := time.Parse("2006-01-02", x)
						must(t, err)
						must(t, f.SetCellValue(sheet, ref, d))
						must(t, f.SetCellStyle(sheet, ref, ref, dateStyle))
					} else {
						must(t, f.SetCellStr(sheet, ref, x))
					}
				default:
					must(t, f.SetCellStr(sheet, ref, cellText(r, c, v, ",", nil, 0)))
				}
			}
		}
	}
	must(t, f.SaveAs(filepath.Join(dir, "book.xlsx")))
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
