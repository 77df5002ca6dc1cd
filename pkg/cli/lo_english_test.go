package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/xuri/excelize/v2"
)

// A report-shaped sheet saved as CSV by LibreOffice in an English locale
// (`,` between cells, a decimal point, thousands grouped with a comma and
// so quoted): «10,134» and «327.5» in one file. The comma followed by
// three digits is grouping because the sheet writes its decimals with a
// point — read so, and said once in a note at the first such cell; the
// figures are the workbook's. A sheet that shows no decimal at all leaves
// «1,500» under «млн тенге» undecided: an error at that cell, never a
// guess (docs/sheets.md, "Numbers in a CSV saved in an English locale").
func TestLibreOfficeEnglishCSV(t *testing.T) {
	if testing.Short() {
		t.Skip("runs LibreOffice: run without -short")
	}
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice (soffice) is not installed")
	}
	root := t.TempDir()
	toCSV := func(in string) string {
		t.Helper()
		out := filepath.Join(root, "csv")
		// 44: comma between cells; 34: quote; 76: UTF-8; 1: from line 1
		args := []string{"-env:UserInstallation=file://" + filepath.Join(root, "profile"), "--headless",
			"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", out, in}
		cmd := exec.Command(soffice, args...)
		cmd.Env = append(os.Environ(), "LC_ALL=en_US.UTF-8", "LANG=en_US.UTF-8", "HOME="+root)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("soffice %v: %v\n%s", args, err, b)
		}
		return filepath.Join(out, filepath.Base(in[:len(in)-len(".xlsx")])+".csv")
	}
	book := func(name, areaFmt string, area []float64, money []int) string {
		t.Helper()
		f := excelize.NewFile()
		defer f.Close()
		s := "Отчёт"
		if err := f.SetSheetName("Sheet1", s); err != nil {
			t.Fatal(err)
		}
		rows := [][]any{
			{"Информация о малых промышленных парках по состоянию на 01.12.2025 г."},
			{},
			{"№", "Район", "Наименование объекта", "Площадь, га", "Рабочие места, чел. (план)", "Рабочие места, чел. (факт)", "Инвестиции частные, млн тенге"},
			{1, "г. Кентау", "Площадка «Кенши»", area[0], 210, 0, money[0]},
			{2, "г. Туркестан", "Малый промышленный парк", area[1], 9924, 1220, money[1]},
			{nil, "Всего", nil, area[0] + area[1], 10134, 1220, money[0] + money[1]},
		}
		for i, r := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := f.SetSheetRow(s, cell, &r); err != nil {
				t.Fatal(err)
			}
		}
		grouped := "#,##0"
		gs, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &grouped})
		as, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &areaFmt})
		if err := f.SetCellStyle(s, "E4", "G6", gs); err != nil {
			t.Fatal(err)
		}
		if err := f.SetCellStyle(s, "D4", "D6", as); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(root, name+".xlsx")
		if err := f.SaveAs(path); err != nil {
			t.Fatal(err)
		}
		return path
	}

	// Decimals with a point in the sheet: «3,100», «9,924» and «10,134» are
	// thousands.
	xlsx := book("point", "#,##0.0", []float64{12, 315.5}, []int{3100, 108400})
	csv := toCSV(xlsx)
	data, err := os.ReadFile(csv)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(`"10,134"`)) || !bytes.Contains(data, []byte(`,327.5,`)) {
		t.Fatalf("LibreOffice did not write an English-locale CSV:\n%s", data)
	}
	sources := regexp.MustCompile(`(?s)"sources": \[.*?\]`) // the file's own name
	want := sources.ReplaceAll(mustRun(t, "summary", "-o", "json", xlsx), nil)
	if got := sources.ReplaceAll(mustRun(t, "summary", "-o", "json", csv), nil); !bytes.Equal(got, want) {
		t.Errorf("%s differs from the workbook's figures:\n%s", csv, firstDiff(string(got), string(want)))
	}
	streams, out, _ := testIO()
	if code := Main([]string{"validate", csv}, streams); code != ExitOK {
		t.Errorf("validate %s: exit %d\n%s", csv, code, out)
	}
	note := regexp.MustCompile(`(?m)^.*point\.csv:4:\d+: info: “3,100” is read with its comma grouping thousands: this sheet writes decimals with a point; every number like it here is read the same way \[number-format\]$`)
	if !note.Match(out.Bytes()) || bytes.Count(out.Bytes(), []byte("[number-format]")) != 1 {
		t.Errorf("validate %s: want one number-format note at the first grouped cell:\n%s", csv, out)
	}

	// No decimal anywhere: «1,500» under «млн тенге» is 1 500 million or
	// 1.5 million; nothing says which. An error at the cell.
	xlsx = book("undecided", "#,##0", []float64{12, 315}, []int{1500, 108400})
	csv = toCSV(xlsx)
	streams, out, _ = testIO()
	if code := Main([]string{"validate", csv}, streams); code != ExitInvalid {
		t.Errorf("validate %s: exit %d, want %d\n%s", csv, code, ExitInvalid, out)
	}
	ambiguous := regexp.MustCompile(`(?m)^.*undecided\.csv:4:\d+: error: investment_private_kzt: “1,500” is ambiguous: a decimal comma or a thousands separator; .*\[type-error\]$`)
	if !ambiguous.Match(out.Bytes()) {
		t.Errorf("validate %s: want the ambiguous cell named:\n%s", csv, out)
	}
}
