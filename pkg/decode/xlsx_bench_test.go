package decode

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/parks-kz/parks/internal/testkit"
	"github.com/xuri/excelize/v2"
)

// generatedWorkbook is parksgen's data (pkg/gen, seed 1) as an economist's
// workbook would hold it: one sheet, the canonical header in row 1, figures
// stored as numbers, as_of as a date serial with a date format, the rest
// (names, sectors, multi-line notes) as text.
func generatedWorkbook(tb testing.TB, n int) []byte {
	tb.Helper()
	rows, err := csv.NewReader(bytes.NewReader(testkit.Facilities(tb, n, 0))).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	numeric := []string{"area_ha", "buildings_planned", "buildings_built", "buildings_under_construction",
		"projects_planned", "projects_launched", "jobs_planned", "jobs_created",
		"investment_private_kzt", "investment_budget_kzt", "import_substitution_kzt"}
	f := excelize.NewFile()
	defer f.Close()
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		tb.Fatal(err)
	}
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		tb.Fatal(err)
	}
	header := rows[0]
	for r, row := range rows {
		values := make([]any, len(row))
		for c, v := range row {
			values[c] = v
			if r == 0 || v == "" {
				continue
			}
			if slices.Contains(numeric, header[c]) {
				if x, err := strconv.ParseFloat(v, 64); err == nil {
					values[c] = x
				}
			} else if header[c] == "as_of" {
				if t, err := time.Parse("2006-01-02", v); err == nil {
					values[c] = excelize.Cell{StyleID: dateStyle, Value: t}
				}
			}
		}
		ref, _ := excelize.CoordinatesToCellName(1, r+1)
		if err := sw.SetRow(ref, values); err != nil {
			tb.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		tb.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkDecodeXLSXGenerated reads a workbook of 99,999 generated
// facilities (about 13 MB; one row short of the sheet limit, maxSheetRows),
// the size of docs/PERFORMANCE.md's workbook measurement.
func BenchmarkDecodeXLSXGenerated(b *testing.B) { benchDecodeXLSX(b, maxSheetRows-1) }

// benchDecodeXLSX reads a generated workbook of n facilities.
func benchDecodeXLSX(b *testing.B, n int) {
	data := generatedWorkbook(b, n)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		env := benchEnv(b)
		s := &countSink{}
		DecodeXLSX("f.xlsx", data, env, s)
		if s.n != n || len(env.Problems.Problems) != 0 {
			b.Fatalf("decoded %d rows, problems %v", s.n, env.Problems.Problems)
		}
	}
}

// BenchmarkLoadXLSX is `parks summary` on the same workbook: the decoder,
// then the holding load's checks (workbooks are not streamed).
func BenchmarkLoadXLSX(b *testing.B) {
	const n = maxSheetRows - 1
	data := generatedWorkbook(b, n)
	path := filepath.Join(b.TempDir(), "facilities.xlsx")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		l, err := Load([]string{path}, Options{})
		if err != nil || l.RowsUsed != n {
			b.Fatalf("load: %v, %d rows used", err, l.RowsUsed)
		}
	}
}
