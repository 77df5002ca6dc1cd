package main

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// Workbook fixtures are generated while the scripts run, from readable
// specs kept in the .txtar files, so no binary file is committed:
//
//	exec mkxlsx book.spec book.xlsx
//
// A spec is a list of lines:
//
//	sheet NAME                 start a sheet (the first replaces Sheet1)
//	merge A1:F1                merge a range
//	row N: CELL | CELL | …     fill row N from column A
//
// and a CELL is text as written, or
//
//	n:8.5                      a number cell
//	d:2024-01-01               a date, stored as a serial with a date format
//	f:SUM(F4:F5)=30            a formula with its saved (cached) result
//	f:SUM(F4:F5)               a formula never calculated (no saved result)
//	(empty)                    no cell
func mkxlsxMain() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: mkxlsx SPEC OUT.xlsx")
		os.Exit(2)
	}
	if err := mkxlsx(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "mkxlsx:", err)
		os.Exit(1)
	}
}

func mkxlsx(specPath, out string) error {
	spec, err := os.Open(specPath)
	if err != nil {
		return err
	}
	defer spec.Close()
	f := excelize.NewFile()
	defer f.Close()
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		return err
	}
	sheet, first := "Sheet1", true
	sc := bufio.NewScanner(spec)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "sheet "):
			name := strings.TrimPrefix(line, "sheet ")
			if first {
				err = f.SetSheetName("Sheet1", name)
				first = false
			} else {
				_, err = f.NewSheet(name)
			}
			sheet = name
		case strings.HasPrefix(line, "merge "):
			a, b, _ := strings.Cut(strings.TrimPrefix(line, "merge "), ":")
			err = f.MergeCell(sheet, a, b)
		case strings.HasPrefix(line, "row "):
			num, cells, ok := strings.Cut(strings.TrimPrefix(line, "row "), ":")
			row, err2 := strconv.Atoi(num)
			if !ok || err2 != nil {
				return fmt.Errorf("%s:%d: expected row N: cells", specPath, n)
			}
			for i, cell := range strings.Split(cells, "|") {
				ref, _ := excelize.CoordinatesToCellName(i+1, row)
				if err = setCell(f, sheet, ref, strings.TrimSpace(cell), dateStyle); err != nil {
					return fmt.Errorf("%s:%d: %s: %w", specPath, n, ref, err)
				}
			}
		default:
			return fmt.Errorf("%s:%d: unknown line %q", specPath, n, line)
		}
		if err != nil {
			return fmt.Errorf("%s:%d: %w", specPath, n, err)
		}
	}
	return f.SaveAs(out)
}

func setCell(f *excelize.File, sheet, ref, cell string, dateStyle int) error {
	switch {
	case cell == "":
		return nil
	case strings.HasPrefix(cell, "n:"):
		v, err := strconv.ParseFloat(cell[2:], 64)
		if err != nil {
			return err
		}
		return f.SetCellValue(sheet, ref, v)
	case strings.HasPrefix(cell, "d:"):
		t, err := time.Parse("2006-01-02", cell[2:])
		if err != nil {
			return err
		}
		if err := f.SetCellValue(sheet, ref, t); err != nil {
			return err
		}
		return f.SetCellStyle(sheet, ref, ref, dateStyle)
	case strings.HasPrefix(cell, "f:"):
		formula, cached, hasCached := strings.Cut(cell[2:], "=")
		if hasCached {
			v, err := strconv.ParseFloat(cached, 64)
			if err != nil {
				return err
			}
			if err := f.SetCellValue(sheet, ref, v); err != nil {
				return err
			}
		}
		return f.SetCellFormula(sheet, ref, formula)
	}
	return f.SetCellStr(sheet, ref, cell)
}

// mkzipbombMain writes a workbook-shaped zip whose worksheet truthfully
// unpacks to more than parks' limit while the file stays small.
//
//	exec mkzipbomb bomb.xlsx
func mkzipbombMain() {
	if err := mkzipbomb(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "mkzipbomb:", err)
		os.Exit(1)
	}
}

func mkzipbomb(out string) error {
	file, err := os.Create(out)
	if err != nil {
		return err
	}
	defer file.Close()
	zw := zip.NewWriter(file)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestSpeed)
	})
	for _, name := range []string{"[Content_Types].xml", "xl/workbook.xml"} {
		if _, err := zw.Create(name); err != nil {
			return err
		}
	}
	w, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		return err
	}
	block := make([]byte, 1<<20)
	for i := range block {
		block[i] = ' '
	}
	for i := 0; i < 110; i++ { // 110 MB of spaces
		if _, err := w.Write(block); err != nil {
			return err
		}
	}
	return zw.Close()
}
