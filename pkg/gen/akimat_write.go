package gen

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/parks-kz/parks/pkg/builtin"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
)

// WriteXLSX writes the report as a workbook with real merged cells, the
// header and totals styled as an official's sheet is, and numbers stored
// as numbers (some as text when the layout says so).
func (r *Report) WriteXLSX(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", r.Sheet); err != nil {
		return err
	}
	sh := r.Sheet
	border := []excelize.Border{{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1}}
	style := func(s *excelize.Style) int {
		id, err := f.NewStyle(s)
		if err != nil {
			panic(err) // the styles below are constants
		}
		return id
	}
	numFmt := "0.###"
	if r.thousands {
		numFmt = "#,##0.###"
	}
	titleSt := style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}, Alignment: &excelize.Alignment{Horizontal: "center", WrapText: true}})
	headSt := style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 9}, Border: border,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	numbSt := style(&excelize.Style{Font: &excelize.Font{Italic: true, Size: 8}, Border: border, Alignment: &excelize.Alignment{Horizontal: "center"}})
	textSt := style(&excelize.Style{Font: &excelize.Font{Size: 9}, Border: border, Alignment: &excelize.Alignment{Vertical: "center"}})
	dataSt := style(&excelize.Style{Font: &excelize.Font{Size: 9}, Border: border, CustomNumFmt: &numFmt, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}})
	sumText := style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 9}, Border: border, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EDEDED"}}})
	sumSt := style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 9}, Border: border, CustomNumFmt: &numFmt,
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EDEDED"}}, Alignment: &excelize.Alignment{Horizontal: "right"}})
	noteSt := style(&excelize.Style{Font: &excelize.Font{Italic: true, Size: 9}})

	for i, row := range r.Rows {
		role := r.Roles[i]
		for c, cell := range row {
			ref, _ := excelize.CoordinatesToCellName(c+1, i+1)
			var err error
			switch {
			case cell.Num:
				err = f.SetCellFloat(sh, ref, cell.Value, -1, 64)
			case cell.Text != "":
				err = f.SetCellStr(sh, ref, cell.Text)
			}
			if err != nil {
				return err
			}
			st := 0
			switch role {
			case RoleTitle:
				st = titleSt
			case RoleHeader:
				st = headSt
			case RoleNumbering:
				st = numbSt
			case RoleData:
				st = textSt
				if cell.Num || r.Fields[c] != "" && r.Fields[c] != "district" && r.Fields[c] != "name" && r.Fields[c] != "kind" && r.Fields[c] != "status" {
					st = dataSt
				}
			case RoleSubtotal, RoleTotal, RolePart:
				st = sumText
				if cell.Num || c > 2 {
					st = sumSt
				}
			case RoleNote:
				st = noteSt
			case RoleGroup:
				st = sumText
			}
			if st != 0 && (role != RoleTitle && role != RoleNote || c == 0) {
				if err := f.SetCellStyle(sh, ref, ref, st); err != nil {
					return err
				}
			}
		}
		switch role {
		case RoleTitle:
			_ = f.SetRowHeight(sh, i+1, 30)
		case RoleHeader:
			_ = f.SetRowHeight(sh, i+1, 36)
		}
	}
	for _, m := range r.Merges {
		a, _ := excelize.CoordinatesToCellName(m.Col0+1, m.Row0+1)
		b, _ := excelize.CoordinatesToCellName(m.Col1+1, m.Row1+1)
		if err := f.MergeCell(sh, a, b); err != nil {
			return err
		}
	}
	for c, field := range r.Fields {
		width := 11.0
		switch field {
		case "":
			width = 5
		case "district":
			width = 20
		case "name":
			width = 44
		case "kind":
			width = 24
		case "status":
			width = 12
		}
		name := colName(c)
		if err := f.SetColWidth(sh, name, name, width); err != nil {
			return err
		}
	}
	landscape := "landscape"
	fit := true
	one := 1
	_ = f.SetPageLayout(sh, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &one})
	_ = f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: &fit})
	_, err := f.WriteTo(w)
	return err
}

// CSVEncoding is the encoding Excel writes a report's CSV form in: a
// Russian sheet as "CSV (разделители — запятые)" in Windows-1251, a Kazakh
// one as "CSV UTF-8" with a byte-order mark (Windows-1251 has no ә, ғ, қ…).
func (r *Report) CSVEncoding() string {
	if r.Lang == "ru" {
		return "windows-1251"
	}
	return "utf-8-bom"
}

// WriteCSV writes the report's CSV form as Excel writes it in a kk or ru
// locale: `;` between cells, decimal comma, CRLF, every row as wide as the
// table, a merged range as its value followed by empty cells, in the
// encoding CSVEncoding names.
func (r *Report) WriteCSV(w io.Writer) error {
	var b bytes.Buffer
	for _, row := range r.Rows {
		for c, cell := range row {
			if c > 0 {
				b.WriteByte(';')
			}
			s := cell.Text
			if strings.ContainsAny(s, ";\"\r\n") {
				s = `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
			}
			b.WriteString(s)
		}
		b.WriteString("\r\n")
	}
	out := b.Bytes()
	if r.CSVEncoding() == "windows-1251" {
		enc, err := charmap.Windows1251.NewEncoder().Bytes(out)
		if err != nil {
			return fmt.Errorf("the Russian CSV form: %w (a character Windows-1251 lacks)", err)
		}
		out = enc
	} else {
		out = append([]byte("\uFEFF"), out...)
	}
	_, err := w.Write(out)
	return err
}

// WriteCanonical writes the twin as a canonical facilities CSV file.
func (r *Report) WriteCanonical(w io.Writer) error { return WriteFacilities(w, r.Facilities) }

// WriteFacilities writes facilities as canonical CSV (every schema column).
func WriteFacilities(w io.Writer, facs []*parks.Facility) error {
	cw := csv.NewWriter(w)
	s := parks.FacilitySchema
	if err := cw.Write(s.Names()); err != nil {
		return err
	}
	for _, f := range facs {
		vals := s.Values(f)
		rec := make([]string, len(vals))
		for i, v := range vals {
			switch x := v.(type) {
			case nil:
			case string:
				rec[i] = x
			case int64:
				rec[i] = strconv.FormatInt(x, 10)
			case float64:
				rec[i] = f.AreaHa.String()
			case []string:
				rec[i] = strings.Join(x, "|")
			default:
				rec[i] = fmt.Sprint(x)
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// ReadFacilities reads a canonical facilities CSV file (comma, UTF-8, the
// schema's column names) through the field types' ParseCell.
func ReadFacilities(rd io.Reader) ([]*parks.Facility, error) {
	cr := csv.NewReader(bufio.NewReader(rd))
	head, err := cr.Read()
	if err != nil {
		return nil, err
	}
	s := parks.FacilitySchema
	idx := make([]int, len(head))
	for i, h := range head {
		idx[i] = s.Col(strings.TrimSpace(h))
	}
	var out []*parks.Facility
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		f := &parks.Facility{}
		ps := s.CellParsers(f)
		for i, v := range rec {
			if i < len(idx) && idx[i] >= 0 {
				if err := ps[idx[i]].ParseCell(v, nil); err != nil {
					line, _ := cr.FieldPos(i)
					return nil, fmt.Errorf("line %d: %s: %w", line, head[i], err)
				}
			}
		}
		out = append(out, f)
	}
}

// BuiltinFacilities are the built-in dataset's facilities.
func BuiltinFacilities() ([]*parks.Facility, error) {
	return ReadFacilities(bytes.NewReader(builtin.Facilities))
}
