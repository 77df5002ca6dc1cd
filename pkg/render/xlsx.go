package render

import (
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// MaxXLSXRows is the most data rows a worksheet holds (Excel's limit less
// the header).
const MaxXLSXRows = 1<<20 - 1

// WriteGridXLSX writes a grid as a workbook of one sheet: a bold, frozen
// header, numbers stored as numbers, text as text (never as
// a formula), lists joined by "|", not reported as an empty cell.
func WriteGridXLSX(w io.Writer, g *Grid, sheet string) error {
	if len(g.Rows) > MaxXLSXRows {
		return &TooManyRowsError{Rows: len(g.Rows)}
	}
	f := excelize.NewFile()
	defer f.Close()
	sheet = SheetName(sheet)
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	widths := make([]int, len(g.Columns))
	for i, c := range g.Columns {
		widths[i] = utf8.RuneCountInString(c)
	}
	for i, r := range g.Rows {
		for j, c := range r {
			if s, ok := c.(string); ok && j < len(widths) {
				widths[j] = max(widths[j], min(utf8.RuneCountInString(s), 60))
			}
		}
		if i > 200 {
			break
		}
	}
	for i, n := range widths {
		if err := sw.SetColWidth(i+1, i+1, float64(max(n, 8)+2)); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	header := make([]any, len(g.Columns))
	for i, c := range g.Columns {
		header[i] = excelize.Cell{StyleID: bold, Value: c}
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	row := make([]any, len(g.Columns))
	for i, r := range g.Rows {
		row = row[:0]
		for _, c := range r {
			row = append(row, xlsxCell(c))
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

func xlsxCell(v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case string, int64, int, bool:
		return x
	case float64:
		if s := FormatFloat(x); s == "null" {
			return nil
		}
		return x
	case []string:
		return strings.Join(x, "|")
	}
	return v
}

// SheetName makes a valid worksheet name: at most 31 characters, none of
// : \ / ? * [ ].
func SheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '_'
		}
		return r
	}, s)
	if s == "" {
		s = "parks"
	}
	if utf8.RuneCountInString(s) > 31 {
		s = string([]rune(s)[:31])
	}
	return s
}

// TooManyRowsError is a grid larger than a worksheet.
type TooManyRowsError struct{ Rows int }

func (e *TooManyRowsError) Error() string {
	return "too many rows for a worksheet (" + itoa(e.Rows) + " > 1048575); use -o csv"
}

func itoa(n int) string { return strconv.Itoa(n) }
