package layout

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// grid reads a sheet written as lines of ;-separated cells, as Excel
// saves it (merged cells: the value, then empty cells).
func grid(text string) *Grid {
	g := &Grid{Name: "report.csv"}
	for _, line := range strings.Split(strings.TrimPrefix(text, "\n"), "\n") {
		g.Rows = append(g.Rows, strings.Split(line, ";"))
	}
	return g
}

const ruReport = `
Информация о ходе реализации индустриальных зон Туркестанской области;;;;;;;;;;
по состоянию на 30.09.2025 г.;;;;;;;;;;
;;;;;;;;;;
№ п/п;Район;Наименование объекта;Тип;Количество зданий, ед.;;;Рабочие места, чел.;;Инвестиции, млн тенге;
;;;;план;построено;строится;план;факт;частные;бюджетные
1;2;3;4;5;6;7;8;9;10;11
1;Кентау;МПП Кентау;малый промышленный парк;10;4;3;500;120;1 200,5;300
2;Кентау;Площадка Ащысай;производственная площадка;5;-;2;100;…;200;н/д
;Итого по г. Кентау;;;15;4;5;600;120;1 400,5;300
3;Сауран;ПП Сауран;площадка;2;2;0;50;50;10;0
;Итого по Сауранскому району;;;2;2;0;50;50;10;0
;Всего по области;;;17;6;5;650;170;1 410,5;300
;;;;;;;;;;
Примечание: данные предварительные;;;;;;;;;;
Исп. Иванов А., тел. 8 (72533) 5-12-34;;;;;;;;;;`

const kkReport = `
Түркістан облысының шағын өнеркәсіптік парктері туралы ақпарат
2025 жылғы 30 қыркүйектегі жағдай бойынша
р/с;Аудан/қала;Нысанның атауы;Ғимараттар саны, бірлік;;;Жұмыс орындары, адам;;Жеке инвестиция, мың теңге
;;;жоспар;салынды;салынуда;жоспар;құрылды;
А;Б;В;1;2;3;4;5;6
Кентау қаласы;;;;;;;;
1;Кентау;ШӨП Кентау;10;4;3;500;120;1200
Кентау қаласы бойынша жиыны;;;10;4;3;500;120;1200
оның ішінде жұмыс істейтіндері;;;1;1;1;1;1;1
Барлығы;;;10;4;3;500;120;1200
Ескертпе: * алдын ала деректер`

func TestFindRussian(t *testing.T) {
	tab, err := Find(grid(ruReport), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]string{0: "", 1: "district", 2: "name", 3: "kind", 4: "buildings_planned", 5: "buildings_built", 6: "buildings_under_construction",
		7: "jobs_planned", 8: "jobs_created", 9: "investment_private_kzt", 10: "investment_budget_kzt"}
	for c, f := range want {
		if got := tab.Columns[c].Field; got != f {
			t.Errorf("column %d %q: field %q, want %q (%s)", c, tab.Columns[c].Label, got, f, tab.Columns[c].Why)
		}
	}
	if tab.Columns[9].Scale != 1e6 || tab.Columns[10].Scale != 1e6 || tab.Columns[7].Scale != 0 {
		t.Errorf("scales: %d %d %d", tab.Columns[9].Scale, tab.Columns[10].Scale, tab.Columns[7].Scale)
	}
	if got := tab.Columns[5].Label; got != "Количество зданий, ед. / построено" {
		t.Errorf("label %q", got)
	}
	roles := []Role{Title, Title, Spacer, Header, Header, Numbering, Data, Data, Subtotal, Data, Subtotal, Total, Spacer, Note, Note}
	checkRoles(t, tab, roles)
	if tab.AsOf != "2025-09-30" {
		t.Errorf("as_of %q", tab.AsOf)
	}
	if tab.Rows[8].Group == "" || tab.Rows[8].Label != "Итого по г. Кентау" {
		t.Errorf("subtotal row %+v", tab.Rows[8])
	}
}

func TestFindKazakh(t *testing.T) {
	tab, err := Find(grid(kkReport), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]string{0: "", 1: "district", 2: "name", 3: "buildings_planned", 4: "buildings_built", 5: "buildings_under_construction",
		6: "jobs_planned", 7: "jobs_created", 8: "investment_private_kzt"}
	for c, f := range want {
		if got := tab.Columns[c].Field; got != f {
			t.Errorf("column %d %q: field %q, want %q (%s)", c, tab.Columns[c].Label, got, f, tab.Columns[c].Why)
		}
	}
	if tab.Columns[8].Scale != 1e3 {
		t.Errorf("scale %d", tab.Columns[8].Scale)
	}
	checkRoles(t, tab, []Role{Title, Title, Header, Header, Numbering, Group, Data, Subtotal, Part, Total, Note})
	if tab.AsOf != "2025-09-30" {
		t.Errorf("as_of %q", tab.AsOf)
	}
}

// Merged ranges (XLSX) name the parents; the cells under them are blank.
func TestFindMerged(t *testing.T) {
	g := grid(`
Отчёт;;;;
Район;Наименование;Количество зданий;;Площадь, га
;;план;факт;
Кентау;А;1;2;3`)
	g.Merges = []Range{{0, 0, 0, 4}, {1, 0, 2, 0}, {1, 1, 2, 1}, {1, 2, 1, 3}, {1, 4, 2, 4}}
	tab, err := Find(g, nil)
	if err != nil {
		t.Fatal(err)
	}
	for c, f := range []string{"district", "name", "buildings_planned", "buildings_built", "area_ha"} {
		if tab.Columns[c].Field != f {
			t.Errorf("column %d %q: %q, want %q", c, tab.Columns[c].Label, tab.Columns[c].Field, f)
		}
	}
	checkRoles(t, tab, []Role{Title, Header, Header, Data})
}

func TestFindNotRecognised(t *testing.T) {
	for _, text := range []string{
		"Район;Зданий план;Зданий факт\nКентау;1;2",
		"a;b;c\n1;2;3",
		"",
	} {
		_, err := Find(grid(text), nil)
		var nr *NotRecognised
		if !errors.As(err, &nr) {
			t.Fatalf("%q: %v", text, err)
		}
		if !strings.Contains(err.Error(), "--map") {
			t.Errorf("%q: %v", text, err)
		}
	}
	_, err := Find(grid("Район;Зданий план;Зданий факт\nКентау;1;2"), nil)
	if nr := err.(*NotRecognised); len(nr.Missing) != 1 || nr.Missing[0] != "name" || !nr.Aggregate {
		t.Errorf("%+v", nr)
	}
}

func TestMappingOverrides(t *testing.T) {
	m, err := LoadMapping([]byte("header_rows: [1]\ncolumns: {A: district, B: name, C: jobs_planned}\nskip_rows: [3]\nas_of: 2025-06-30\n"))
	if err != nil {
		t.Fatal(err)
	}
	tab, err := Find(grid("x;y;z\nКентау;А;10\nпропуск;;\nКентау;Б;5"), m)
	if err != nil {
		t.Fatal(err)
	}
	if tab.Col("jobs_planned") != 2 || tab.AsOf != "2025-06-30" {
		t.Errorf("%+v", tab)
	}
	checkRoles(t, tab, []Role{Header, Data, Note, Data})
	back := tab.Mapping()
	if back.Columns["C"] != "jobs_planned" || len(back.SkipRows) != 1 || back.SkipRows[0] != 3 {
		t.Errorf("%+v", back)
	}
	if _, err := LoadMapping([]byte("colums: {}")); err == nil {
		t.Error("a misspelt key passed")
	}
}

func TestMarkerAndWords(t *testing.T) {
	for s, want := range map[string][2]bool{"-": {true, false}, " — ": {true, false}, "…": {false, true}, "Н/Д": {false, true}, "нет данных": {false, true}, "мәлімет жоқ": {false, true}, "х": {false, true}, "0": {false, false}} {
		z, n := Marker(s)
		if [2]bool{z, n} != want {
			t.Errorf("Marker(%q) = %v %v", s, z, n)
		}
	}
	if KindWord("Малый промышленный парк") != "park" || KindWord("өндірістік алаң") != "site" || StatusWord("жұмыс істеп тұр") != "operating" || StatusWord("Строится") != "under_construction" {
		t.Error("kind/status words")
	}
}

func checkRoles(t *testing.T, tab *Table, want []Role) {
	t.Helper()
	if len(tab.Rows) != len(want) {
		t.Fatalf("%d rows, want %d", len(tab.Rows), len(want))
	}
	for i, r := range tab.Rows {
		if r.Role != want[i] {
			t.Errorf("row %d: %s, want %s (label %q)", i+1, r.Role, want[i], r.Label)
		}
	}
}

func FuzzFind(f *testing.F) {
	f.Add(ruReport, false)
	f.Add(kkReport, true)
	f.Add("Район;Наименование\n;\n1;2\nИтого;;", true)
	f.Fuzz(func(t *testing.T, text string, merges bool) {
		g := grid(text)
		if merges && len(g.Rows) > 1 {
			g.Merges = []Range{{0, 0, 1, 1}, {1, 2, 1, 5}, {-1, -1, 1000000, 3}}
		}
		tab, err := Find(g, nil)
		if err != nil {
			var nr *NotRecognised
			if !errors.As(err, &nr) {
				t.Fatalf("error of another type: %v", err)
			}
			if tab == nil {
				return
			}
		}
		if len(tab.Rows) != len(g.Rows) {
			t.Fatalf("%d roles for %d rows", len(tab.Rows), len(g.Rows))
		}
		for i, r := range tab.Rows {
			if r.Index != i || r.Role < Data || r.Role > Group {
				t.Fatalf("row %d: %+v", i, r)
			}
		}
	})
}

// A grid whose labels are all unknown: the error shows the labels of the
// most header-like row, for the user to name in a mapping.
func TestFindNoHeaderSeen(t *testing.T) {
	g := grid("Сведения о чём-то;;;\n;;;\nФу;Бар;Баз;Квакс\nАльфа;Бета;3;4\n1;2;3;4")
	_, err := Find(g, nil)
	var nr *NotRecognised
	if !errors.As(err, &nr) || nr.ID != "layout.no_header" {
		t.Fatalf("err = %v, want layout.no_header", err)
	}
	if want := []string{"A «Фу»", "B «Бар»", "C «Баз»", "D «Квакс»"}; nr.SeenRow != 2 || strings.Join(nr.Seen, "|") != strings.Join(want, "|") {
		t.Errorf("seen row %d %q, want row 2 %q", nr.SeenRow, nr.Seen, want)
	}
	if !strings.Contains(err.Error(), "row 3 reads: A «Фу» | B «Бар»") {
		t.Errorf("error %q does not show the labels", err)
	}
}

func TestHeaderRow(t *testing.T) {
	tests := []struct {
		rows [][]string
		want int
	}{
		{[][]string{{"id", "name", "district"}}, 0},
		{[][]string{{"Отчёт за 2024"}, {}, {"Идентификатор", "Наименование", "Район"}}, 2},
		{[][]string{{"id"}, {"id", "name"}}, 1},         // one known cell is not a header
		{[][]string{{"id", "name", "x", "y", "z"}}, -1}, // less than half known
		{[][]string{{"a", "b"}, {"1", "2"}}, -1},
	}
	for _, tt := range tests {
		if got := HeaderRow(tt.rows); got != tt.want {
			t.Errorf("HeaderRow(%q) = %d, want %d", tt.rows, got, tt.want)
		}
	}
}

// One bound for every reader: a header in the last row searched is found
// by the one-row search (HeaderRow, the format readers' fast path) and by
// Find alike; one row lower, by neither.
func TestHeaderSearchOneBound(t *testing.T) {
	header := []string{"Наименование", "Район", "Площадь, га"}
	for _, tc := range []struct {
		at    int
		found bool
	}{{0, true}, {20, true}, {HeaderSearchRows - 1, true}, {HeaderSearchRows, false}} {
		rows := make([][]string, tc.at)
		for i := range rows {
			rows[i] = []string{fmt.Sprintf("примечание %d", i)}
		}
		rows = append(rows, header, []string{"Парк", "Кентау", "12"})
		hr := HeaderRow(rows)
		tab, err := Find(&Grid{Name: "g", Rows: rows}, nil)
		if got := hr == tc.at; got != tc.found {
			t.Errorf("header at row %d: HeaderRow = %d", tc.at+1, hr)
		}
		if got := err == nil && tab != nil && tab.HeaderRows[0] == tc.at; got != tc.found {
			t.Errorf("header at row %d: Find = %v, %v", tc.at+1, tab, err)
		}
	}
}
