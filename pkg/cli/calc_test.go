package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The Excel form of -o csv opens in a spreadsheet as its users open it:
// LibreOffice Calc (headless, with the separators and the locale a Russian
// or Kazakh desktop has) converts it to a workbook, and the workbook has
// the Cyrillic names intact, no BOM in the first header, and numbers
// (decimal commas included) as numbers. Skipped with -short and when Calc
// is not installed (Debian: apt-get install libreoffice-calc-nogui).
func TestExcelCSVOpensInCalc(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: not starting LibreOffice")
	}
	soffice := ""
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			soffice = p
			break
		}
	}
	if soffice == "" {
		t.Skip("LibreOffice Calc is not installed (apt-get install libreoffice-calc-nogui); the Excel CSV is not checked in Calc")
	}
	dir := t.TempDir()
	files := map[string][]string{
		"jobs_ru.csv": {"jobs", "-o", "csv", "--csv", "excel", "--lang", "ru"},
		"list_kk.csv": {"list", "-o", "csv", "--csv", "excel", "--lang", "kk"},
	}
	var paths []string
	for name, args := range files {
		out, _ := run(t, false, args...)
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	// CSV filter options: ';' (59) between cells, '"' (34) around text,
	// UTF-8 (76), from line 1, default column types, Russian locale (1049)
	// for the decimal comma.
	cmd := exec.Command(soffice, append([]string{"--headless", "--norestore", "-env:UserInstallation=file://" + filepath.ToSlash(filepath.Join(dir, "profile")),
		"--infilter=CSV:59,34,76,1,,1049", "--convert-to", "xlsx", "--outdir", dir}, paths...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, out)
	}
	open := func(name string) (*excelize.File, string) {
		f, err := excelize.OpenFile(filepath.Join(dir, strings.TrimSuffix(name, ".csv")+".xlsx"))
		if err != nil {
			t.Fatalf("Calc did not convert %s: %v", name, err)
		}
		t.Cleanup(func() { f.Close() })
		return f, f.GetSheetName(0)
	}
	column := func(f *excelize.File, sheet, header string) string {
		rows, _ := f.GetRows(sheet)
		for i, h := range rows[0] {
			if h == header {
				c, _ := excelize.ColumnNumberToName(i + 1)
				return c
			}
		}
		t.Fatalf("no column %q in %q", header, rows[0])
		return ""
	}
	number := func(f *excelize.File, sheet, cell, want string) {
		t.Helper()
		v, _ := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
		typ, _ := f.GetCellType(sheet, cell)
		if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber || v != want {
			t.Errorf("%s = %q (type %v), want the number %s", cell, v, typ, want)
		}
	}

	f, sheet := open("jobs_ru.csv")
	if a1, _ := f.GetCellValue(sheet, "A1"); a1 != "group" {
		t.Errorf("A1 = %q, want group (a BOM read as text?)", a1)
	}
	if a2, _ := f.GetCellValue(sheet, "A2"); a2 != "г. Арысь" {
		t.Errorf("A2 = %q, want г. Арысь", a2)
	}
	number(f, sheet, column(f, sheet, "facilities")+"2", "1")
	number(f, sheet, column(f, sheet, "leverage")+"2", "7.2")
	number(f, sheet, column(f, sheet, "build_out_pct")+"2", "14.2857142857143")
	number(f, sheet, column(f, sheet, "investment_total_kzt")+"2", "2050000000")
	// true/false would be text in a Russian spreadsheet: the total flag is 0/1.
	rows, _ := f.GetRows(sheet)
	number(f, sheet, column(f, sheet, "total")+"2", "0")
	number(f, sheet, column(f, sheet, "total")+strconv.Itoa(len(rows)), "1")

	f, sheet = open("list_kk.csv")
	rows, _ = f.GetRows(sheet)
	if len(rows) != 23 {
		t.Errorf("%d rows, want a header and 22 facilities", len(rows))
	}
	name := column(f, sheet, "name")
	found := false
	for i := range rows[1:] {
		if v, _ := f.GetCellValue(sheet, name+strconv.Itoa(i+2)); strings.Contains(v, "Теміржолшы") {
			found = true
		}
	}
	if !found {
		t.Errorf("no Kazakh name «Теміржолшы» in column %s", name)
	}
	number(f, sheet, column(f, sheet, "area_ha")+"2", "8")
}
