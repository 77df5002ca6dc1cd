package decode

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/parks-kz/parks/pkg/parks"
	"github.com/xuri/excelize/v2"
)

// book builds a workbook with excelize's own calls (shared strings, styles,
// formulas, merged ranges, as excelize writes them).
func book(t testing.TB, build func(f *excelize.File, sheet string)) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	build(f, "Sheet1")
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// setRows fills a sheet from row 1: string cells are text, float64 numbers,
// bool booleans, time.Time dates, "=…" a formula without a saved value,
// and "=…|v" a formula with the saved number v.
func setRows(t testing.TB, f *excelize.File, sheet string, rows [][]any) {
	t.Helper()
	for r, row := range rows {
		for c, v := range row {
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			var err error
			switch v := v.(type) {
			case nil:
			case string:
				if formula, ok := strings.CutPrefix(v, "="); ok {
					formula, cached, hasCached := strings.Cut(formula, "|")
					if hasCached {
						err = f.SetCellDefault(sheet, ref, cached)
					}
					if err == nil {
						err = f.SetCellFormula(sheet, ref, formula)
					}
				} else {
					err = f.SetCellStr(sheet, ref, v)
				}
			default:
				err = f.SetCellValue(sheet, ref, v)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	}
}

// withSheetXML replaces the first worksheet's XML of a workbook.
func withSheetXML(t testing.TB, data []byte, sheetXML string) []byte {
	t.Helper()
	return rezip(t, data, false, func(name string, b []byte) []byte {
		if name == "xl/worksheets/sheet1.xml" {
			return []byte(sheetXML)
		}
		return b
	})
}

// sheetXML is the first worksheet's XML of a workbook.
func sheetXML(t testing.TB, data []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == "xl/worksheets/sheet1.xml" {
			r, _ := f.Open()
			b, _ := io.ReadAll(r)
			r.Close()
			return string(b)
		}
	}
	t.Fatal("no sheet1.xml")
	return ""
}

type decoded struct {
	Problems []string
	Inputs   []Input
	Rec      recorder
}

func decodeWith(t *testing.T, data []byte, excelizeOnly bool) (d decoded) {
	t.Helper()
	defer func(old bool) { xlsxExcelizeOnly = old }(xlsxExcelizeOnly)
	xlsxExcelizeOnly = excelizeOnly
	env := testEnv(t)
	DecodeXLSX("w.xlsx", data, env, &d.Rec)
	for _, p := range env.Problems.Problems {
		d.Problems = append(d.Problems, fmt.Sprintf("%+v", p))
	}
	d.Inputs = env.Inputs
	return d
}

// fastSheets counts the sheets the fast reader reads itself.
func fastSheets(t *testing.T, data []byte) (fast, all int) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return 0, 0
	}
	defer f.Close()
	a, err := openArchive(data)
	if err != nil {
		return 0, 0
	}
	for _, sheet := range f.GetSheetList() {
		all++
		sst, ok := sharedStrings(f, a, sheet)
		zf, ok2 := a.sheetPart(f, sheet)
		if !ok || !ok2 {
			continue
		}
		r, err := zf.Open()
		if err != nil {
			continue
		}
		if _, err := scanSheet(r, sst); err == nil {
			fast++
		}
		r.Close()
	}
	return fast, all
}

// sameAsExcelize decodes a workbook with the fast reader and through
// excelize's calls alone, and fails unless both give the same problems
// (positions, messages, values), inputs and records.
func sameAsExcelize(t *testing.T, data []byte) {
	t.Helper()
	fast, slow := decodeWith(t, data, false), decodeWith(t, data, true)
	if !reflect.DeepEqual(fast.Problems, slow.Problems) {
		t.Errorf("problems differ:\nfast: %s\nexcelize: %s", strings.Join(fast.Problems, "\n      "), strings.Join(slow.Problems, "\n      "))
	}
	if !reflect.DeepEqual(fast.Inputs, slow.Inputs) {
		t.Errorf("inputs differ:\nfast: %+v\nexcelize: %+v", fast.Inputs, slow.Inputs)
	}
	if !reflect.DeepEqual(fast.Rec, slow.Rec) {
		t.Errorf("records differ: fast %d facilities, %d projects; excelize %d, %d", len(fast.Rec.facilities), len(fast.Rec.projects), len(slow.Rec.facilities), len(slow.Rec.projects))
		for i := range min(len(fast.Rec.facilities), len(slow.Rec.facilities)) {
			if !reflect.DeepEqual(fast.Rec.facilities[i], slow.Rec.facilities[i]) {
				t.Errorf("facility %d:\nfast: %+v\nexcelize: %+v", i, *fast.Rec.facilities[i], *slow.Rec.facilities[i])
				break
			}
		}
	}
}

var scanHeader = []any{"id", "name", "district", "area_ha", "jobs_planned", "investment_private_kzt", "as_of"}

// The fast reader gives what excelize's calls gave, for the cells officials'
// workbooks hold: numbers, numbers written as text, dates, formulas with and
// without a saved result, merged ranges in the title and in the data,
// booleans, XML's special characters, gaps, extra cells, duplicate rows,
// several sheets, shared strings and inline strings.
func TestScanMatchesExcelize(t *testing.T) {
	day := time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)
	cases := map[string]struct {
		data []byte
		fast bool // the fast reader reads every sheet itself
	}{
		"values": {book(t, func(f *excelize.File, s string) {
			setRows(t, f, s, [][]any{
				{"Индустриальные зоны"},
				{},
				scanHeader,
				{"a", "Альфа & <Бета> \"кавычки\"", "Арыс", 0.1 + 0.2, "6 040", 10.4e9, day},
				{"b", "Бета\nвторая строка", "Арыс", "8,5", 12.0, "1,04E+10", "2024-06-30"},
				{"c", "Гамма", "Сауран", 1e21, true, 3.0, 45000.5},
				{"d", "Дельта", nil, nil, 5.0, nil, "31.12.2024", nil, "лишнее"},
				{"d", "Дельта", nil, nil, 5.0, nil, "31.12.2024", nil, "лишнее"},
				{},
				{"e", "Эпсилон", "Кентау", "=D4*2|0.6", "=E4+1", "=F4", 0.0},
				{"f", "Зета", "Кентау", "12", -3.0, 1.5, "x"},
			})
			if err := f.MergeCell(s, "A1", "G1"); err != nil {
				t.Fatal(err)
			}
		}), true},
		"merged data": {book(t, func(f *excelize.File, s string) {
			setRows(t, f, s, [][]any{scanHeader, {"a", "A", "Арыс", 1.0, 2.0, 3.0, day}, {"b", "B", nil, 1.0, 2.0, 3.0, day}, {"c", "C", "Сауран", 1.0, 2.0, 3.0, day}})
			_ = f.MergeCell(s, "C2", "C3")
		}), true},
		"merged over a value": {book(t, func(f *excelize.File, s string) {
			setRows(t, f, s, [][]any{scanHeader, {"a", "A", "Арыс", 1.0, 2.0, 3.0, day}, {"b", "B", "x", 1.0, 2.0, 3.0, day}})
			_ = f.MergeCell(s, "C2", "C3") // excelize clears C3
		}), true},
		"shared formula": {book(t, func(f *excelize.File, s string) {
			setRows(t, f, s, [][]any{scanHeader, {"a", "A", "Арыс", 1.0, 2.0, 3.0, day}, {"b", "B", "Арыс", 1.0, nil, 3.0, day}, {"c", "C", "Арыс", 1.0, nil, 3.0, day}})
			typ, ref := excelize.STCellFormulaTypeShared, "E2:E4"
			_ = f.SetCellFormula(s, "E2", "D2*2", excelize.FormulaOpts{Type: &typ, Ref: &ref})
		}), false},
		"two sheets": {book(t, func(f *excelize.File, s string) {
			setRows(t, f, s, [][]any{{"Справочник"}, {"Арыс"}})
			_, _ = f.NewSheet("Проекты")
			setRows(t, f, "Проекты", [][]any{{"id", "facility_id", "name", "as_of", "investment_private_kzt"}, {"p", "a", "P", 45000.0, "1 000"}, {"q", "a", "Q", day, 5.0}})
		}), true},
		"generated": {generatedWorkbook(t, 300), true},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			sameAsExcelize(t, tc.data)
			if fast, all := fastSheets(t, tc.data); tc.fast && fast != all {
				t.Errorf("the fast reader read %d of %d sheets", fast, all)
			} else if !tc.fast && fast == all {
				t.Errorf("the fast reader read every sheet; it should leave this one to excelize")
			}
		})
	}
}

// Sheet XML the fast reader leaves to excelize, or reads exactly: the
// result is the same either way.
func TestScanMatchesExcelizeXML(t *testing.T) {
	base := book(t, func(f *excelize.File, s string) {
		setRows(t, f, s, [][]any{scanHeader, {"a", "A", "Арыс", 1.0, 2.0, 3.0}})
	})
	const head = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`
	const hdr = `<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="B1" t="inlineStr"><is><t>name</t></is></c><c r="C1" t="inlineStr"><is><t>district</t></is></c><c r="D1" t="inlineStr"><is><t>area_ha</t></is></c></row>`
	cases := map[string]struct {
		xml  string
		fast bool
	}{
		"plain":              {head + `<sheetData>` + hdr + `<row r="2"><c r="A2" t="inlineStr"><is><t>a</t></is></c><c r="B2" t="inlineStr"><is><t>A</t></is></c><c r="C2" t="inlineStr"><is><t>Arys</t></is></c><c r="D2"><v>1.5</v></c></row></sheetData></worksheet>`, true},
		"spaces and types":   {head + "\n  <dimension ref=\"A1:D3\"/>\n  <sheetData>\n    " + hdr + "\n    <row r=\"2\" spans=\"1:4\" ht=\"15\" customHeight=\"1\" x14ac:dyDescent=\"0.25\"><c r=\"A2\" t=\"str\"><f>\"a\"</f><v>12</v></c><c r=\"B2\" t=\"e\"><v>#N/A</v></c><c r=\"C2\" t=\"b\"><v>1</v></c><c r=\"D2\" s=\"0\" t=\"n\"><v>1e3</v></c></row>\n    <row r=\"3\"><c r=\"A3\" t=\"d\"><v>2024-01-01</v></c><c r=\"B3\" t=\"inlineStr\"><is><t xml:space=\"preserve\"> x </t></is></c><c r=\"C3\" t=\"weird\"><v>7</v></c><c r=\"D3\"><v>&#49;&#x32;</v></c></row>\n  </sheetData>\n  <pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" scanHeader=\"0.3\" footer=\"0.3\"/>\n</worksheet>", true},
		"formula no value":   {head + `<sheetData>` + hdr + `<row r="2"><c r="A2" t="inlineStr"><is><t>a</t></is></c><c r="D2"><f>SUM(&quot;x&quot;)&amp;B1</f></c></row></sheetData></worksheet>`, true},
		"merged":             {head + `<sheetData>` + hdr + `<row r="2"><c r="A2" t="inlineStr"><is><t>a</t></is></c><c r="C2" t="inlineStr"><is><t>Arys</t></is></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>b</t></is></c></row></sheetData><mergeCells count="1"><mergeCell ref="C2:C3"/></mergeCells></worksheet>`, true},
		"row gap":            {head + `<sheetData>` + hdr + `<row r="5"><c r="A5" t="inlineStr"><is><t>a</t></is></c><c r="D5"><v>2</v></c></row></sheetData></worksheet>`, true},
		"rows out of order":  {head + `<sheetData>` + hdr + `<row r="3"><c r="A3" t="inlineStr"><is><t>a</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>b</t></is></c></row></sheetData></worksheet>`, false},
		"cell without r":     {head + `<sheetData>` + hdr + `<row r="2"><c t="inlineStr"><is><t>a</t></is></c><c><v>3</v></c></row></sheetData></worksheet>`, false},
		"cdata":              {head + `<sheetData>` + hdr + `<row r="2"><c r="A2" t="inlineStr"><is><t><![CDATA[a]]></t></is></c></row></sheetData></worksheet>`, false},
		"prefixed":           {`<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>id</x:t></x:is></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>name</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>`, false},
		"carriage return":    {head + `<sheetData>` + hdr + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>a\r\nb</t></is></c></row></sheetData></worksheet>", false},
		"bstr escape":        {head + `<sheetData>` + hdr + `<row r="2"><c r="A2" t="inlineStr"><is><t>a_x000D_b</t></is></c></row></sheetData></worksheet>`, false},
		"rich inline":        {head + `<sheetData>` + hdr + `<row r="2"><c r="A2" t="inlineStr"><is><r><t>a</t></r><r><t>b</t></r></is></c></row></sheetData></worksheet>`, false},
		"bad style":          {head + `<sheetData>` + hdr + `<row r="2"><c r="A2" s="x" t="inlineStr"><is><t>a</t></is></c></row></sheetData></worksheet>`, false},
		"far cell":           {head + `<sheetData>` + hdr + `<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>`, true},
		"wide row":           {head + `<sheetData>` + hdr + `<row r="2"><c r="XFD2"><v>1</v></c></row></sheetData></worksheet>`, true},
		"truncated":          {head + `<sheetData>` + hdr + `<row r="2"><c r="A2"><v>1</v></c></row>`, false},
		"mismatched tags":    {head + `<sheetData>` + hdr + `</sheetData><foo></bar></worksheet>`, false},
		"other namespace":    {`<worksheet xmlns="urn:x"><sheetData>` + hdr + `</sheetData></worksheet>`, false},
		"overlapping merges": {head + `<sheetData>` + hdr + `</sheetData><mergeCells><mergeCell ref="A2:B3"/><mergeCell ref="B3:C4"/></mergeCells></worksheet>`, false},
		"single-cell merge":  {head + `<sheetData>` + hdr + `</sheetData><mergeCells><mergeCell ref="A2"/></mergeCells></worksheet>`, false},
		"value under merge":  {head + `<sheetData>` + hdr + `<row r="2"><c r="A2" t="inlineStr"><is><t>a</t></is></c><c r="C2" t="inlineStr"><is><t>Arys</t></is></c><c r="D2" t="inlineStr"><is><t>1</t></is></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>b</t></is></c><c r="D3"><v>5</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="D2:D3"/></mergeCells></worksheet>`, false},
		"comment":            {head + `<!-- note --><sheetData>` + hdr + `</sheetData></worksheet>`, true},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			data := withSheetXML(t, base, tc.xml)
			sameAsExcelize(t, data)
			if fast, all := fastSheets(t, data); tc.fast != (fast == all) {
				t.Errorf("fast reader read %d of %d sheets; want all: %v", fast, all, tc.fast)
			}
		})
	}
}

// FuzzScanMatchesExcelize checks the fast reader against excelize's calls
// on mutated worksheet XML: either it leaves the sheet to excelize, or it
// reads the same cells.
func FuzzScanMatchesExcelize(f *testing.F) {
	base := book(f, func(x *excelize.File, s string) {
		setRows(f, x, s, [][]any{scanHeader, {"a", "A", "Арыс", 1.0, 2.0, 3.0}})
	})
	f.Add(sheetXML(f, base))
	f.Add(sheetXML(f, book(f, func(x *excelize.File, s string) {
		setRows(f, x, s, [][]any{{"Title"}, scanHeader, {"a", "A & B", "Арыс", "=D3*2|4", "=E3", "1,5", 45000.0}, {"b", "B", nil, 1.0, true, 3.0, "x"}})
		_ = x.MergeCell(s, "A1", "G1")
		_ = x.MergeCell(s, "C3", "C4")
	})))
	f.Add(sheetXML(f, generatedWorkbook(f, 3)))
	f.Fuzz(func(t *testing.T, xml string) {
		data := withSheetXML(t, base, xml)
		slowPanic := func() (p any) {
			defer func() { p = recover() }()
			decodeWith(t, data, true)
			return nil
		}()
		if slowPanic != nil {
			t.Skipf("excelize panics: %v", slowPanic)
		}
		if err := wholeSheetError(data); err != nil {
			// excelize cannot unmarshal the sheet whole (an attribute it
			// types, such as tabSelected="trje", does not parse): its path
			// then reads the rows without the merged ranges and the cell
			// types, so it is no oracle for the fast reader, which reads
			// them (a syntax error is another matter: both refuse the sheet)
			t.Skipf("excelize cannot read the sheet whole: %v", err)
		}
		sameAsExcelize(t, data)
	})
}

// A numeric cell reads as the number Excel shows: 15 significant digits,
// written plainly; whole numbers as they are.
func TestXLSXNumberText(t *testing.T) {
	x := &xlsxSheet{}
	s := parks.FacilitySchema
	cols := []int{s.Col("area_ha")}
	for v, want := range map[string]string{
		"0": "0", "7": "7", "123456789012345": "123456789012345", "1234567890123456": "1234567890123460",
		"007": "7", "0.30000000000000004": "0.3", "1E+21": "1000000000000000000000", "-3": "-3", "1.5": "1.5", " 12": "12",
	} {
		x.scan = &scannedSheet{kinds: [][]byte{{kindNumber}}}
		if got, numeric := x.cellText(v, 0, 0, 2, cols, s); got != want || !numeric {
			t.Errorf("cellText(%q) = %q, %v; want %q", v, got, numeric, want)
		}
		x.scan = &scannedSheet{kinds: [][]byte{{kindText}}}
		if got, numeric := x.cellText(v, 0, 0, 2, cols, s); got != v || numeric {
			t.Errorf("text cell %q = %q, %v", v, got, numeric)
		}
	}
}

// wholeSheetError is the error of excelize's whole-sheet read of the
// workbook's first sheet other than an XML syntax error, if any.
func wholeSheetError(data []byte) error {
	x, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil
	}
	defer x.Close()
	sheets := x.GetSheetList()
	if len(sheets) == 0 {
		return nil
	}
	if _, err := x.GetMergeCells(sheets[0], true); err != nil {
		if _, ok := syntaxError(err); !ok {
			return err
		}
	}
	return nil
}
