package decode

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/xuri/excelize/v2"
)

// workbook builds an .xlsx in memory: sheet name → rows of cells (string
// cells are text, float64 numbers, time.Time dates).
func workbook(t testing.TB, sheets map[string][][]any, order ...string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	dateStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	for i, name := range order {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for r, row := range sheets[name] {
			for c, v := range row {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if v == nil {
					continue
				}
				if err := f.SetCellValue(name, ref, v); err != nil {
					t.Fatal(err)
				}
				if _, ok := v.(time.Time); ok {
					_ = f.SetCellStyle(name, ref, ref, dateStyle)
				}
			}
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDecodeXLSX(t *testing.T) {
	data := workbook(t, map[string][][]any{
		"Титул": {{"Отчёт"}, {"ничего"}},
		"Объекты": {
			{"Индустриальные зоны"},
			{},
			{"ID", "Атауы", "Аудан", "Аумағы, га", "Жұмыс орындары (жоспар)", "Жеке инвестиция, млрд ₸", "Күні"},
			{"a", "Альфа", "Арыс", 0.1 + 0.2, "6 040", 10.4, time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)},
			{"b", "Бета", "Арыс", "8,5", 12.0, "0,5", "2024-06-30"},
		},
	}, "Титул", "Объекты")
	env := testEnv(t)
	rec := &recorder{}
	DecodeXLSX("w.xlsx", data, env, rec)
	if len(env.Problems.Problems) != 0 {
		t.Fatalf("problems: %v", env.Problems.Problems)
	}
	if len(rec.facilities) != 2 {
		t.Fatalf("%d facilities", len(rec.facilities))
	}
	a, b := rec.facilities[0], rec.facilities[1]
	if a.AreaHa.M2 != 3000 || a.JobsPlanned.V != 6040 || a.InvestmentPrivate.V != 10_400_000_000 || a.AsOf.String() != "2024-12-31" {
		t.Errorf("a = area %d m², jobs %d, private %d, as_of %s", a.AreaHa.M2, a.JobsPlanned.V, a.InvestmentPrivate.V, a.AsOf)
	}
	if b.AreaHa.M2 != 85000 || b.JobsPlanned.V != 12 || b.InvestmentPrivate.V != 500_000_000 || b.AsOf.String() != "2024-06-30" {
		t.Errorf("b = area %d m², jobs %d, private %d, as_of %s", b.AreaHa.M2, b.JobsPlanned.V, b.InvestmentPrivate.V, b.AsOf)
	}
	if a.At.Pos.String() != "w.xlsx:Объекты!A4" || a.At.Cells[4].String() != "w.xlsx:Объекты!D4" {
		t.Errorf("positions: %v %v", a.At.Pos, a.At.Cells[4])
	}
	if len(env.Inputs) != 2 || env.Inputs[0].Sheet != "Титул" || env.Inputs[0].HeaderRow != 0 || env.Inputs[1].Sheet != "Объекты" || env.Inputs[1].HeaderRow != 3 {
		t.Errorf("inputs: %+v", env.Inputs)
	}
}

var cellRef = regexp.MustCompile(`^[^!]+![A-Z]+[0-9]+$`)

// FuzzDecodeXLSX feeds the workbook decoder arbitrary bytes (seeded with
// real workbooks): it must never panic, and every problem must be at the
// file or at one of its cells.
func FuzzDecodeXLSX(f *testing.F) {
	f.Add(workbook(f, map[string][][]any{"S": {{"id", "name", "district", "area_ha"}, {"a", "A", "Arys", 1.5}}}, "S"))
	f.Add(workbook(f, map[string][][]any{"S": {{"Title"}, {"Идентификатор", "Наименование", "Район", "Площадь, га"}, {"a", "A", "Арыс", "1,234"}, {"a", "A", "Арыс", "1,234"}}}, "S"))
	f.Add(workbook(f, map[string][][]any{"P": {{"id", "facility_id", "name", "as_of"}, {"p", "a", "P", 45000.0}}}, "P"))
	f.Add([]byte("PK\x03\x04not really a zip"))
	f.Add([]byte{})
	akimatSeeds(f, true)
	damagedSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		env := testEnv(t)
		DecodeXLSX("f.xlsx", data, env, &recorder{})
		for _, p := range env.Problems.Problems {
			if p.Pos.File != "f.xlsx" || p.Pos.Cell != "" && !cellRef.MatchString(p.Pos.Cell) || p.Pos.Cell == "" && p.Pos.Line != 0 {
				t.Fatalf("problem at %q: %v", p.Pos, p)
			}
			if strings.TrimSpace(i18n.ProblemMessage(i18n.EN, p)) == "" || p.Rule == "" {
				t.Fatalf("problem without message or rule: %+v", p)
			}
		}
	})
}

// A workbook is read from memory only; an encrypted or old-format file is
// refused with a message, not an excelize error dump.
func TestDecodeXLSXNotAWorkbook(t *testing.T) {
	for name, data := range map[string][]byte{
		"text":  []byte("id,name\n"),
		"empty": nil,
		"ole":   append([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), bytes.Repeat([]byte{0}, 600)...),
	} {
		env := testEnv(t)
		DecodeXLSX("f.xlsx", data, env, &recorder{})
		if len(env.Problems.Problems) != 1 || env.Problems.Problems[0].Rule != "format-error" {
			t.Errorf("%s: %v", name, env.Problems.Problems)
		}
	}
}
