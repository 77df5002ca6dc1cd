package cli

import (
	"bytes"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"
)

// -o xlsx is one typed sheet with the rows of -o csv: numbers stored as
// numbers, names as text in the output language, the total marked.
func TestXLSXOutputIsTyped(t *testing.T) {
	for _, args := range [][]string{
		{"jobs", "-o", "xlsx", "--lang", "ru"},
		{"list", "-o", "xlsx", "--lang", "kk"},
	} {
		out, _ := run(t, false, args...)
		f, err := excelize.OpenReader(bytes.NewReader([]byte(out)))
		if err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		sheet := f.GetSheetName(0)
		rows, _ := f.GetRows(sheet)
		csvOut, _ := run(t, false, append(args[:1:1], "-o", "csv", "--lang", args[len(args)-1])...)
		if lines := bytes.Count([]byte(csvOut), []byte("\n")); len(rows) != lines {
			t.Errorf("%v: %d rows in the sheet, %d lines of CSV", args, len(rows), lines)
		}
		header := rows[0]
		col := func(name string) string {
			for i, h := range header {
				if h == name {
					c, _ := excelize.ColumnNumberToName(i + 1)
					return c
				}
			}
			t.Fatalf("%v: no column %s in %v", args, name, header)
			return ""
		}
		numeric := "facilities"
		if args[0] == "list" {
			numeric = "area_ha"
		}
		for r := 2; r <= len(rows); r++ {
			cell := col(numeric) + strconv.Itoa(r)
			v, _ := f.GetCellValue(sheet, cell)
			typ, _ := f.GetCellType(sheet, cell)
			if v != "" && typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
				t.Errorf("%v: %s = %q is stored as type %v, not a number", args, cell, v, typ)
			}
		}
		if args[0] == "jobs" {
			if a2, _ := f.GetCellValue(sheet, "A2"); a2 != "г. Арысь" {
				t.Errorf("A2 = %q", a2)
			}
			last := len(rows)
			if total, _ := f.GetCellValue(sheet, col("total")+strconv.Itoa(last)); total != "TRUE" {
				t.Errorf("the last row is not marked total: %q", total)
			}
		}
		f.Close()
	}
}
