package decode

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/parks-kz/parks/pkg/diag"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
)

// The same report as the canonical rows below, in Russian (млн тенге) and
// Kazakh (мың теңге, district headings, «оның ішінде»).
const (
	ruSheet = `Информация о ходе реализации индустриальных зон;;;;;;;;;;
по состоянию на 30.09.2025 г.;;;;;;;;;;
;;;;;;;;;;
№ п/п;Район;Наименование объекта;Тип;Количество зданий, ед.;;;Рабочие места, чел.;;Инвестиции, млн тенге;
;;;;план;построено;строится;план;факт;частные;бюджетные
1;2;3;4;5;6;7;8;9;10;11
1;Кентау;МПП Кентау;малый промышленный парк;10;4;3;500;120;1 200,5;300
2;;Площадка Ащысай;производственная площадка;5;-;2;100;…;200;н/д
;Итого по г. Кентау;;;15;4;5;600;120;1 400,5;300
3;Сауран;ПП Сауран;площадка;2;2;0;50;50;10;0
;Итого по Сауранскому району;;;2;2;0;50;50;10;0
;Всего по области;;;17;6;5;650;170;1 410,5;300
;;;;;;;;;;
Примечание: данные предварительные;;;;;;;;;;
`
	kkSheet = `Түркістан облысының шағын өнеркәсіптік парктері туралы ақпарат;;;;;;;;;
2025 жылғы 30 қыркүйектегі жағдай бойынша;;;;;;;;;
р/с;Нысанның атауы;Түрі;Ғимараттар саны, бірлік;;;Жұмыс орындары, адам;;Инвестиция, мың теңге;
;;;жоспар;салынды;салынуда;жоспар;құрылды;жеке;бюджет
А;Б;В;1;2;3;4;5;6;7
Барлығы;;;17;6;5;650;170;1 410 500;300 000
Кентау қаласы;;;;;;;;;
1;МПП Кентау;шағын өнеркәсіптік парк;10;4;3;500;120;1 200 500;300 000
2;Площадка Ащысай;өндірістік алаң;5;–;2;100;мәлімет жоқ;200 000;х
Кентау қаласы бойынша жиыны;;;15;4;5;600;120;1 400 500;300 000
оның ішінде жұмыс істейтіні;;;10;4;3;500;120;1 200 500;300 000
Сауран ауданы;;;;;;;;;
3;ПП Сауран;алаң;2;2;0;50;50;10 000;0
Сауран ауданы бойынша жиыны;;;2;2;0;50;50;10 000;0
Ескертпе: деректер алдын ала;;;;;;;;;
`
	canonicalRows = `id,name,kind,district,buildings_planned,buildings_built,buildings_under_construction,jobs_planned,jobs_created,investment_private_kzt,investment_budget_kzt,as_of
a,МПП Кентау,park,Кентау,10,4,3,500,120,1200500000,300000000,2025-09-30
b,Площадка Ащысай,site,Кентау,5,0,2,100,,200000000,,2025-09-30
c,ПП Сауран,site,Сауран,2,2,0,50,50,10000000,0,2025-09-30
`
)

// figures are the records' values that the sheet and the canonical file
// share (not id, source, district spelling).
func figures(l *Loaded) []string {
	var out []string
	s := parks.FacilitySchema
	for _, f := range l.Dataset.Facilities {
		v := s.Values(f)
		row := []string{f.KATO}
		for _, c := range []string{"name", "kind", "buildings_planned", "buildings_built", "buildings_under_construction", "jobs_planned", "jobs_created", "investment_private_kzt", "investment_budget_kzt", "as_of"} {
			row = append(row, fmt.Sprint(v[s.Col(c)]))
		}
		out = append(out, strings.Join(row, "|"))
	}
	return out
}

func TestReportForms(t *testing.T) {
	cp1251, err := charmap.Windows1251.NewEncoder().String(strings.ReplaceAll(ruSheet, "\n", "\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	dir := writeFiles(t, map[string]string{
		"canonical.csv": canonicalRows,
		"ru1251.csv":    cp1251,
		"kk_bom.csv":    "\ufeff" + strings.ReplaceAll(kkSheet, "\n", "\r\n"),
		"ru_utf8.csv":   ruSheet,
	})
	want, err := Load([]string{filepath.Join(dir, "canonical.csv")}, Options{Today: today})
	if err != nil || want.Problems.HasErrors() {
		t.Fatalf("%v %v", err, want.Problems.Problems)
	}
	for _, name := range []string{"ru1251.csv", "kk_bom.csv", "ru_utf8.csv"} {
		l, err := Load([]string{filepath.Join(dir, name)}, Options{Today: today})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range l.Problems.Problems {
			if p.Severity != diag.Info {
				t.Errorf("%s: %s %s %v", name, p.Pos, p.Rule, p.Args)
			}
		}
		if got := figures(l); !reflect.DeepEqual(got, figures(want)) {
			t.Errorf("%s:\n got %q\nwant %q", name, got, figures(want))
		}
		if l.RowsIn+l.RowsRecognised != strings.Count(strings.TrimSpace(map[bool]string{true: kkSheet, false: ruSheet}[strings.HasPrefix(name, "kk")]), "\n")+1 {
			t.Errorf("%s: %d records + %d recognised rows", name, l.RowsIn, l.RowsRecognised)
		}
	}
}

// The check of sums: at the sum's cell, covering the right rows, for
// subtotals below and above their groups; parts are not sums.
func TestReportTotals(t *testing.T) {
	for _, tt := range []struct {
		name, sheet string
		want        []string // cell: rule
	}{
		{"good", ruSheet, nil},
		{"subtotal", strings.Replace(ruSheet, ";Итого по г. Кентау;;;15;4;5;600", ";Итого по г. Кентау;;;15;4;5;1500", 1), []string{"9:30"}},
		{"total", strings.Replace(ruSheet, ";;;17;6;5;650;170;1 410,5;300", ";;;17;6;5;650;170;1 410,6;300", 1), []string{"12:36"}},
		{"leading", "Район;Наименование;Рабочие места, план;Рабочие места, факт\n" +
			"Итого по Кентау;;600;120\nКентау;А;500;120\nКентау;Б;100;\n" +
			"Итого по Сауран;;51;50\nСауран;В;50;50\n", []string{"5:18"}},
		{"part", "Район;Наименование;Рабочие места, план\nКентау;А;500\nКентау;Б;100\nИтого;;600\nв том числе действующие;;7\n", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{"r.csv": tt.sheet})
			l, err := Load([]string{filepath.Join(dir, "r.csv")}, Options{Today: today})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range l.Problems.Problems {
				if p.Rule == "total-mismatch" {
					got = append(got, fmt.Sprintf("%d:%d", p.Pos.Line, p.Pos.Col))
				} else if p.Severity == diag.Error {
					t.Errorf("%s %s %v", p.Pos, p.Rule, p.Args)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("total-mismatch at %v, want %v", got, tt.want)
			}
		})
	}
}

func TestDerivedIDs(t *testing.T) {
	dir := writeFiles(t, map[string]string{"r.csv": "Район;Наименование;Рабочие места, план\nКентау;МПП «Кентау»;1\nКентау;МПП «Кентау»;2\nАтлантида;Цех № 5;3\n"})
	l, err := Load([]string{filepath.Join(dir, "r.csv")}, Options{Today: today})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range l.Problems.Problems {
		if p.RowID != "" {
			ids = append(ids, p.RowID)
		}
	}
	var got []string
	for _, f := range l.Dataset.Facilities {
		got = append(got, string(f.ID))
	}
	if want := []string{"612000000-mpp-kentau", "612000000-mpp-kentau-2"}; !reflect.DeepEqual(got, want) {
		t.Errorf("ids %q, want %q", got, want)
	}
	if !strings.Contains(strings.Join(ids, " "), "atlantida-tseh-5") {
		t.Errorf("the unknown district's row is not reported under its derived id: %v", ids)
	}
}

// A workbook with merged headers and a district merged down its group.
func TestReportWorkbook(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	rows := [][]any{
		{"Сведения по состоянию на 30.09.2025 г."},
		{},
		{"Район", "Наименование", "Рабочие места, чел.", nil, "Площадь, м²"},
		{nil, nil, "план", "факт"},
		{"Кентау", "А", 500, 120, 5},
		{nil, "Б", 100, "-", 6},
		{"Итого по Кентау", nil, 600, 120},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range [][2]string{{"A3", "A4"}, {"B3", "B4"}, {"C3", "D3"}, {"E3", "E4"}, {"A5", "A6"}} {
		if err := f.MergeCell("Sheet1", m[0], m[1]); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "r.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	l, err := Load([]string{path}, Options{Today: today})
	if err != nil {
		t.Fatal(err)
	}
	var errs []string
	for _, p := range l.Problems.Problems {
		if p.Severity == diag.Error {
			errs = append(errs, p.Pos.String()+" "+p.Rule)
		}
	}
	if want := []string{"r.xlsx:Sheet1!E3 unit-error"}; !reflect.DeepEqual(stripDir(errs, path), want) {
		t.Errorf("errors %q, want %q", errs, want)
	}
	if len(l.Dataset.Facilities) != 2 || l.Dataset.Facilities[1].District != "Кентау" || l.Dataset.Facilities[1].JobsCreated != (parks.Count{V: 0, Set: true}) {
		t.Errorf("%+v", l.Dataset.Facilities)
	}
}

func stripDir(ss []string, path string) []string {
	for i := range ss {
		ss[i] = strings.TrimPrefix(ss[i], filepath.Dir(path)+string(os.PathSeparator))
	}
	return ss
}

// A district column left blank under a district heading takes the heading.
func TestDistrictFromHeading(t *testing.T) {
	dir := writeFiles(t, map[string]string{"r.csv": "Район;Наименование;Рабочие места, план\nКентау;;\n;А;5\n;Б;6\nСауран;;\n;В;7\n"})
	l, err := Load([]string{filepath.Join(dir, "r.csv")}, Options{Today: today})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range l.Dataset.Facilities {
		got = append(got, f.KATO)
	}
	if want := []string{"612000000", "612000000", "615500000"}; !reflect.DeepEqual(got, want) {
		t.Errorf("%v, want %v; %v", got, want, l.Problems.Problems)
	}
}

// Every grid listed in Loaded.Tables has a table (parks import prints it):
// a grid with no header found is not listed, its error says why — the
// sheets read, the tables by district and the ones missing a column are.
func TestTablesUsedHaveTables(t *testing.T) {
	data := workbook(t, map[string][][]any{
		"Notes":  {{"Просто"}, {"какая-то", "таблица", "без"}, {"заголовка", "вовсе", "нет"}},
		"Totals": {{"Отчёт"}, {"Район", "Площадь, га"}, {"Arys city", 2.0}},
		"NoName": {{"Отчёт"}, {"Район", "Вид", "Площадь, га"}, {"Arys city", "парк", 2.0}},
		"Main":   {{"Отчёт"}, {"Район", "Наименование", "Площадь, га"}, {"Arys city", "F", 2.0}},
	}, "Notes", "Totals", "NoName", "Main")
	l := loadBytes(t, "w.xlsx", data)
	if len(l.Tables) == 0 {
		t.Fatal("no table listed")
	}
	for _, tu := range l.Tables {
		if tu.Table == nil {
			t.Errorf("sheet %s is listed without a table (NotRead %v)", tu.Sheet, tu.NotRead)
		}
		if tu.Sheet == "Notes" {
			t.Errorf("sheet Notes, which has no header, is listed")
		}
	}
}
