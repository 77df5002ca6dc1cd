package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"go.yaml.in/yaml/v3"
)

func TestGuard(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"},
		{"+cmd", "'+cmd"},
		{"-2+3", "'-2+3"},
		{"@SUM(1)", "'@SUM(1)"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"plain", "plain"},
		{"", ""},
		{"a=b", "a=b"},
		{"'=already", "'=already"},
		{"«Теміржолшы»", "«Теміржолшы»"},
	} {
		if got := guard(tc.in, false); got != tc.want {
			t.Errorf("guard(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if got := guard(tc.in, true); got != tc.in {
			t.Errorf("raw guard(%q) = %q", tc.in, got)
		}
	}
}

func TestCSVCells(t *testing.T) {
	plain := CSVDialect{}
	ruExcel := DialectOf(Excel, "ru", 0, false)
	for _, tc := range []struct {
		name string
		v    any
		d    CSVDialect
		want string
	}{
		{"null is empty", nil, plain, ""},
		{"negative int untouched", int64(-5), plain, "-5"},
		{"negative float untouched", -2.5, plain, "-2.5"},
		{"decimal comma", 14.285714285714286, ruExcel, "14,285714285714286"},
		{"integral float", 8.0, ruExcel, "8"},
		{"ints have no separator", int64(30000000000), ruExcel, "30000000000"},
		{"formula text guarded", "=1+1", ruExcel, "'=1+1"},
		{"formula text raw", "=1+1", CSVDialect{Raw: true}, "=1+1"},
		{"list joined then guarded", []string{"-a", "b"}, plain, "'-a|b"},
		{"bool", true, plain, "true"},
		{"bool in the Excel form", true, ruExcel, "1"},
		{"false in the Excel form", false, DialectOf(Excel, "en", 0, false), "0"},
	} {
		if got := csvCell(tc.v, tc.d); got != tc.want {
			t.Errorf("%s: csvCell(%v) = %q, want %q", tc.name, tc.v, got, tc.want)
		}
	}
}

func TestDialects(t *testing.T) {
	for _, tc := range []struct {
		form, lang string
		comma      rune
		want       CSVDialect
	}{
		{RFC4180, "ru", 0, CSVDialect{Comma: ','}},
		{Excel, "ru", 0, CSVDialect{Comma: ';', DecimalComma: true, BOM: true, CRLF: true, BoolDigits: true}},
		{Excel, "kk", 0, CSVDialect{Comma: ';', DecimalComma: true, BOM: true, CRLF: true, BoolDigits: true}},
		{Excel, "en", 0, CSVDialect{Comma: ',', BOM: true, CRLF: true, BoolDigits: true}},
		{Excel, "ru", '\t', CSVDialect{Comma: '\t', DecimalComma: true, BOM: true, CRLF: true, BoolDigits: true}},
		{RFC4180, "en", ';', CSVDialect{Comma: ';'}},
	} {
		if got := DialectOf(tc.form, tc.lang, tc.comma, false); got != tc.want {
			t.Errorf("DialectOf(%s, %s, %q) = %+v, want %+v", tc.form, tc.lang, tc.comma, got, tc.want)
		}
	}
}

func TestWriteGridCSV(t *testing.T) {
	g := &Grid{Columns: []string{"group", "leverage", "sources"}, Rows: [][]any{
		{"г. Арысь", 7.2, []string{"a; b", "c"}},
		{"Итого", nil, []string{}},
	}}
	var b bytes.Buffer
	if err := WriteGridCSV(&b, g, DialectOf(Excel, "ru", 0, false)); err != nil {
		t.Fatal(err)
	}
	want := "\ufeffgroup;leverage;sources\r\nг. Арысь;7,2;\"a; b|c\"\r\nИтого;;\r\n"
	if b.String() != want {
		t.Errorf("excel CSV:\n%q\nwant\n%q", b.String(), want)
	}
	b.Reset()
	if err := WriteGridCSV(&b, g, DialectOf(RFC4180, "ru", 0, false)); err != nil {
		t.Fatal(err)
	}
	want = "group,leverage,sources\nг. Арысь,7.2,a; b|c\nИтого,,\n"
	if b.String() != want {
		t.Errorf("plain CSV:\n%q\nwant\n%q", b.String(), want)
	}
}

// YAML has the content of the JSON: numbers without tags, strings that
// would read as numbers, dates or booleans quoted, lists of scalars on one
// line.
func TestYAMLFromJSON(t *testing.T) {
	doc := Object{
		{"area_ha", 8.0}, {"leverage", 7.2}, {"kato", "611600000"}, {"yes", "true"}, {"when", "2025-12-01"},
		{"sources", []string{"a", "b: c"}}, {"none", []Object{}}, {"null", nil}, {"nan", nanValue()},
		{"rows", []Object{{{"x", int64(1)}, {"text", "line one\nline two"}}}},
	}
	var b bytes.Buffer
	if err := WriteYAML(&b, doc); err != nil {
		t.Fatal(err)
	}
	want := `area_ha: 8
leverage: 7.2
kato: "611600000"
yes: "true"
when: "2025-12-01"
sources: [a, 'b: c']
none: []
"null": null
nan: null
rows:
  - x: 1
    text: |-
      line one
      line two
`
	if b.String() != want {
		t.Errorf("YAML:\n%s\nwant:\n%s", b.String(), want)
	}
	if strings.Contains(b.String(), "!!") {
		t.Error("a tag in the YAML")
	}
	var back map[string]any
	if err := yaml.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if back["kato"] != "611600000" || back["yes"] != "true" || back["when"] != "2025-12-01" || back["leverage"] != 7.2 {
		t.Errorf("read back: %v", back)
	}
}

func nanValue() float64 {
	zero := 0.0
	return zero / zero
}

func TestWriteGridXLSX(t *testing.T) {
	g := &Grid{Columns: []string{"group", "key", "total", "facilities", "leverage", "sources"}, Rows: [][]any{
		{"г. Арысь", "611600000", false, int64(1), 7.2, []string{"a", "b"}},
		{"=1+1", nil, true, int64(22), nil, []string{}},
	}}
	var b bytes.Buffer
	if err := WriteGridXLSX(&b, g, "Jobs by district: [all]"); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	if sheet != "Jobs by district_ _all_" {
		t.Errorf("sheet %q", sheet)
	}
	for _, tc := range []struct {
		cell string
		typ  excelize.CellType
		want string
	}{
		{"A1", excelize.CellTypeInlineString, "group"},
		{"A2", excelize.CellTypeInlineString, "г. Арысь"},
		{"B2", excelize.CellTypeInlineString, "611600000"}, // a code stays text
		{"C2", excelize.CellTypeBool, "FALSE"},
		{"D2", excelize.CellTypeUnset, "1"}, // numbers are stored without a type attribute
		{"E2", excelize.CellTypeUnset, "7.2"},
		{"F2", excelize.CellTypeInlineString, "a|b"},
		{"A3", excelize.CellTypeInlineString, "=1+1"}, // text, not a formula
		{"E3", excelize.CellTypeUnset, ""},
	} {
		typ, err := f.GetCellType(sheet, tc.cell)
		if err != nil {
			t.Fatal(err)
		}
		v, _ := f.GetCellValue(sheet, tc.cell)
		if v != tc.want || typ != tc.typ {
			t.Errorf("%s = %q (type %v), want %q (type %v)", tc.cell, v, typ, tc.want, tc.typ)
		}
		if formula, _ := f.GetCellFormula(sheet, tc.cell); formula != "" {
			t.Errorf("%s has a formula %q", tc.cell, formula)
		}
	}
}

func TestMarkdownEscapes(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"a|b", `a\|b`},
		{"<script>alert(1)</script>", "&lt;script>alert(1)&lt;/script>"},
		{"R&D", "R&amp;D"},
		{`C:\x|`, `C:\\x\|`},
		{"«Теміржолшы» 1 124", "«Теміржолшы» 1 124"},
	} {
		if got := MarkdownText(tc.in); got != tc.want {
			t.Errorf("MarkdownText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	var b bytes.Buffer
	tbl := &Table{Title: "<b>", Header: []string{"a|b"}, Rows: [][]string{{"x|y <i>"}}, Footer: []string{"T|"}, Notes: []string{"<n>"}}
	if err := WriteTable(&b, tbl, Markdown); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, bad := range []string{"<b>", "<i>", "<n>", "x|y", "a|b"} {
		if strings.Contains(out, bad) {
			t.Errorf("unescaped %q in\n%s", bad, out)
		}
	}
	if tbl.Rows[0][0] != "x|y <i>" {
		t.Error("WriteTable changed its table")
	}
	// Plain and boxed tables are for terminals: text as it is.
	b.Reset()
	if err := WriteTable(&b, tbl, Plain); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "x|y <i>") {
		t.Errorf("plain table escaped:\n%s", b.String())
	}
}
