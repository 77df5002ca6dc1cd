package report

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/parks-kz/parks/pkg/parks"
	"github.com/xuri/excelize/v2"
)

// Number formats of the workbook: money in whole tenge with grouping,
// ratios with one decimal, percentages of fractions.
const (
	fmtMoney   = `#,##0 "₸"`
	fmtCount   = `#,##0`
	fmtRatio   = `0.0`
	fmtPercent = `0.0%`
	fmtArea    = `#,##0.0#`
)

type xlsxStyles struct {
	header, text, bold int
	num                map[parks.Unit]int
	numBold            map[parks.Unit]int
}

// WriteXLSX writes the workbook: a README sheet (title, region, as_of,
// sources, headline figures), one sheet per table with a native bar chart,
// and a Facilities sheet. Numbers are stored as numbers.
func (r *Report) WriteXLSX(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newXLSXStyles(f)
	if err != nil {
		return err
	}
	names := map[string]bool{}
	readme := sheetName(r.t("report.readme"), names)
	if err := f.SetSheetName("Sheet1", readme); err != nil {
		return err
	}
	if err := r.writeReadme(f, readme, st); err != nil {
		return err
	}
	for _, t := range r.Tables {
		if err := writeSheet(f, sheetName(t.Human.Title, names), t, st); err != nil {
			return err
		}
	}
	if r.Facilities != nil {
		if err := writeSheet(f, sheetName(r.t("title.list"), names), r.Facilities, st); err != nil {
			return err
		}
	}
	f.SetActiveSheet(0)
	_, err = f.WriteTo(w)
	return err
}

func newXLSXStyles(f *excelize.File) (*xlsxStyles, error) {
	st := &xlsxStyles{num: map[parks.Unit]int{}, numBold: map[parks.Unit]int{}}
	var err error
	if st.header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "bottom"},
		Border:    []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}}}); err != nil {
		return nil, err
	}
	if st.text, err = f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}}); err != nil {
		return nil, err
	}
	if st.bold, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}}); err != nil {
		return nil, err
	}
	// in a fixed order (not a map's): the same report gets the same style
	// ids, so two runs' sheets compare equal
	formats := []struct {
		u  parks.Unit
		nf string
	}{{parks.UnitMoney, fmtMoney}, {parks.UnitCount, fmtCount}, {parks.UnitRatio, fmtRatio}, {parks.UnitPercent, fmtPercent}, {parks.UnitArea, fmtArea}}
	for _, uf := range formats {
		u, nf := uf.u, uf.nf
		if st.num[u], err = f.NewStyle(&excelize.Style{CustomNumFmt: &nf}); err != nil {
			return nil, err
		}
		if st.numBold[u], err = f.NewStyle(&excelize.Style{CustomNumFmt: &nf, Font: &excelize.Font{Bold: true}}); err != nil {
			return nil, err
		}
	}
	return st, nil
}

// setValue stores a metric value as a number (a percentage as a fraction,
// shown with the % format); not reported stays an empty cell.
func setValue(f *excelize.File, sheet, cell string, v parks.Value, style int) error {
	if v.Null {
		return nil
	}
	if err := f.SetCellValue(sheet, cell, cellNumber(v)); err != nil {
		return err
	}
	return f.SetCellStyle(sheet, cell, cell, style)
}

func (r *Report) writeReadme(f *excelize.File, sheet string, st *xlsxStyles) error {
	row := 1
	put := func(label string, value any, style int) error {
		a, _ := excelize.CoordinatesToCellName(1, row)
		b, _ := excelize.CoordinatesToCellName(2, row)
		row++
		if err := f.SetCellValue(sheet, a, label); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, a, a, st.bold); err != nil {
			return err
		}
		if value == nil {
			return nil
		}
		if err := f.SetCellValue(sheet, b, value); err != nil {
			return err
		}
		return f.SetCellStyle(sheet, b, b, style)
	}
	if err := put(r.Title, nil, 0); err != nil {
		return err
	}
	meta := [][2]string{{r.t("report.region"), r.Region}, {r.t("report.as_of"), r.AsOf},
		{r.t("report.sources"), strings.Join(r.Sources, "\n")}, {r.t("report.files"), strings.Join(r.Files, ", ")}}
	for _, m := range meta {
		if m[1] == "" {
			continue
		}
		if err := put(m[0], m[1], st.text); err != nil {
			return err
		}
	}
	if err := put(r.t("report.readme"), r.t("report.readme.text"), st.text); err != nil {
		return err
	}
	row++
	if err := put(r.t("report.headline"), nil, 0); err != nil {
		return err
	}
	for _, fig := range r.Headline {
		for _, sf := range fig.Sheet {
			a, _ := excelize.CoordinatesToCellName(1, row)
			b, _ := excelize.CoordinatesToCellName(2, row)
			row++
			if err := f.SetCellValue(sheet, a, sf.Label); err != nil {
				return err
			}
			if err := setValue(f, sheet, b, sf.Value, st.num[sf.Value.Unit]); err != nil {
				return err
			}
		}
	}
	row++
	if r.Quality.Rows != "" {
		if err := put(r.t("report.quality"), r.Quality.Rows, st.text); err != nil {
			return err
		}
	}
	for _, p := range append(append([]string(nil), r.Quality.LeftOut...), r.Quality.Warnings...) {
		if err := put("", p, st.text); err != nil {
			return err
		}
	}
	if err := f.SetColWidth(sheet, "A", "A", 45); err != nil {
		return err
	}
	return f.SetColWidth(sheet, "B", "B", 90)
}

// writeSheet writes one table: a frozen, filterable header, typed cells,
// the total in bold below the filter range, and a native bar chart. The
// cells go through excelize's StreamWriter, row by row: set one by one, a
// million facilities' cells took gigabytes in excelize's model of the sheet.
// What it needs before the rows (column widths, panes, filter, chart) is
// set first; the widths come from a pass over the rows before they are
// written.
func writeSheet(f *excelize.File, sheet string, t *Table, st *xlsxStyles) error {
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	s := t.Sheet
	widths := make([]int, len(s.Header))
	for i, h := range s.Header {
		widths[i] = utf8.RuneCountInString(h)
	}
	measure := func(cells []Cell) {
		for i, c := range cells {
			if c.Numeric {
				widths[i] = max(widths[i], numberWidth(c.Value))
			} else {
				widths[i] = max(widths[i], utf8.RuneCountInString(c.Text))
			}
		}
	}
	var buf []Cell
	n := s.NumRows()
	for i := range n {
		buf = s.RowAt(i, buf)
		measure(buf)
	}
	measure(s.Total)
	lastRow := n + 1
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	lastCell, _ := excelize.CoordinatesToCellName(len(s.Header), lastRow)
	if err := f.AutoFilter(sheet, "A1:"+lastCell, nil); err != nil {
		return err
	}
	if err := addChart(f, sheet, t, lastRow); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, float64(min(max(w, 8), 60))+2); err != nil {
			return err
		}
	}
	values := make([]any, len(s.Header))
	for i, h := range s.Header {
		values[i] = excelize.Cell{StyleID: st.header, Value: h}
	}
	if err := sw.SetRow("A1", values); err != nil {
		return err
	}
	writeRow := func(row int, cells []Cell, bold bool) error {
		values = values[:0]
		for _, c := range cells {
			values = append(values, sheetCell(c, bold, st))
		}
		name, _ := excelize.CoordinatesToCellName(1, row)
		return sw.SetRow(name, values)
	}
	for i := range n {
		buf = s.RowAt(i, buf)
		if err := writeRow(i+2, buf, false); err != nil {
			return err
		}
	}
	if s.Total != nil {
		if err := writeRow(lastRow+1, s.Total, true); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// sheetCell is a cell as the StreamWriter takes it: a metric value as a
// number (a percentage as a fraction, shown with the % format) in its
// unit's number format; not reported is no cell (nil). Text has no style
// but in a total row (bold).
func sheetCell(c Cell, bold bool, st *xlsxStyles) any {
	if !c.Numeric {
		if bold {
			return excelize.Cell{StyleID: st.bold, Value: c.Text}
		}
		return c.Text
	}
	v := c.Value
	if v.Null {
		return nil
	}
	style := st.num[v.Unit]
	if bold {
		style = st.numBold[v.Unit]
	}
	return excelize.Cell{StyleID: style, Value: cellNumber(v)}
}

// cellNumber is the number a cell stores for a reported value: money and
// counts as whole numbers, a percentage as a fraction (shown with the %
// format), ratios and areas as they are.
func cellNumber(v parks.Value) any {
	switch v.Unit {
	case parks.UnitPercent:
		return v.Float / 100
	case parks.UnitRatio, parks.UnitArea:
		return v.Float
	}
	return v.Int
}

// addChart adds a table's native bar chart, if it has one, beside it.
func addChart(f *excelize.File, sheet string, t *Table, lastRow int) error {
	s := t.Sheet
	if len(t.Chart) == 0 || s.NumRows() == 0 {
		return nil
	}
	typ := excelize.Bar
	if t.Stacked {
		typ = excelize.BarStacked
	}
	ref := func(col, r1, r2 int) string {
		c, _ := excelize.ColumnNumberToName(col)
		return fmt.Sprintf("'%s'!$%s$%d:$%s$%d", strings.ReplaceAll(sheet, "'", "''"), c, r1, c, r2)
	}
	chart := &excelize.Chart{
		Type:      typ,
		Title:     []excelize.RichTextRun{{Text: t.HumanTable().Title}},
		Dimension: excelize.ChartDimension{Width: 640, Height: uint(120 + 22*s.NumRows())},
		Legend:    excelize.ChartLegend{Position: "top"},
		XAxis:     excelize.ChartAxis{ReverseOrder: true}, // categories: first row at the top, as in the table
	}
	for _, col := range t.Chart {
		chart.Series = append(chart.Series, excelize.ChartSeries{
			Name:       strings.Split(ref(col+1, 1, 1), ":")[0],
			Categories: ref(1, 2, lastRow),
			Values:     ref(col+1, 2, lastRow),
		})
	}
	anchor, _ := excelize.CoordinatesToCellName(len(s.Header)+2, 2)
	return f.AddChart(sheet, anchor, chart)
}

// numberWidth is about how many characters a formatted number takes.
func numberWidth(v parks.Value) int {
	if v.Null {
		return 0
	}
	n := len(fmt.Sprintf("%.0f", v.Number()))
	return n + n/3 + 3
}

// sheetName makes a valid, unique sheet name: at most 31 characters, none
// of : \ / ? * [ ].
func sheetName(title string, used map[string]bool) string {
	clean := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]'`, r) {
			return ' '
		}
		return r
	}, title)
	clean = strings.Join(strings.Fields(clean), " ")
	if utf8.RuneCountInString(clean) > 31 {
		clean = string([]rune(clean)[:31])
	}
	name := clean
	for i := 2; used[strings.ToLower(name)]; i++ {
		suffix := fmt.Sprintf(" %d", i)
		name = string([]rune(clean)[:min(utf8.RuneCountInString(clean), 31-len(suffix))]) + suffix
	}
	used[strings.ToLower(name)] = true
	return name
}
