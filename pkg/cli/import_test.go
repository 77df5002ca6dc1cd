package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/parks-kz/parks/pkg/decode"
	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/parks-kz/parks/pkg/layout"
)

// A table as layout gives it for a small Russian report: printTable names
// every column and every row that is not data, in the reader's language,
// and the mapping file written for it reads back as the same mapping.
func importTable() *decode.TableUsed {
	g := &layout.Grid{Name: "r.xlsx:Отчёт", Rows: [][]string{
		{"Информация … по состоянию на 30.09.2025 г."},
		{"№ п/п", "Район", "Наименование объекта", "Рабочие места, чел.", "", "Инвестиции, млн тенге"},
		{"", "", "", "план", "факт", "частные"},
		{"1", "2", "3", "4", "5", "6"},
		{"1", "г. Кентау", "Кеншi", "100", "50", "1,5"},
		{"", "", "Итого по г. Кентау", "100", "50", "1,5"},
		{},
		{"Примечание: данные предварительные"},
	}}
	t := &layout.Table{Kind: "facilities", HeaderRows: []int{1, 2}, AsOf: "2025-09-30",
		Columns: []layout.Column{
			{Index: 0, Label: "№ п/п", Why: "row numbers"},
			{Index: 1, Label: "Район", Field: "district", Why: "alias «район»"},
			{Index: 2, Label: "Наименование объекта", Field: "name", Why: "alias"},
			{Index: 3, Label: "Рабочие места, чел. / план", Field: "jobs_planned", Why: "words"},
			{Index: 4, Label: "Рабочие места, чел. / факт", Field: "jobs_created", Why: "words"},
			{Index: 5, Label: "Инвестиции, млн тенге / частные", Field: "investment_private_kzt", Scale: 1e6, Why: "words"},
		},
		Rows: []layout.Row{
			{Index: 0, Role: layout.Title, Label: g.Rows[0][0]},
			{Index: 1, Role: layout.Header}, {Index: 2, Role: layout.Header},
			{Index: 3, Role: layout.Numbering},
			{Index: 4, Role: layout.Data},
			{Index: 5, Role: layout.Subtotal, Label: "Итого по г. Кентау", Group: "г. Кентау", Col: 2},
			{Index: 6, Role: layout.Spacer},
			{Index: 7, Role: layout.Note, Label: g.Rows[7][0]},
		}}
	return &decode.TableUsed{File: "r.xlsx", Sheet: "Отчёт", Grid: g, Table: t}
}

func TestImportPrintsEveryColumnAndRow(t *testing.T) {
	for _, lang := range i18n.Langs {
		var b bytes.Buffer
		printTable(&b, lang, importTable())
		out := b.String()
		for _, want := range []string{"r.xlsx:Отчёт", "2–3", "2025-09-30", "F  Инвестиции, млн тенге / частные", "investment_private_kzt", "×1 000 000",
			"6  " + i18n.T(lang, "role.subtotal"), "Итого по г. Кентау", "8  " + i18n.T(lang, "role.note"), "7  " + i18n.T(lang, "role.spacer"),
			"A  № п/п", i18n.T(lang, "import.not_read"), i18n.T(lang, "import.count", 8, 1, 7)} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: no %q in\n%s", lang, want, out)
			}
		}
		if strings.Contains(out, "\n  5  ") {
			t.Errorf("%s: the data row is listed as not data:\n%s", lang, out)
		}
	}
}

func TestImportMappingFileReadsBack(t *testing.T) {
	tu := importTable()
	m := tu.Table.Mapping()
	m.Sheet = tu.Sheet
	data, err := mappingYAML(m, i18n.T(i18n.RU, "import.map_header", "r.xlsx", "columns", "scales"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(data), "# Как parks читает r.xlsx") {
		t.Errorf("no comment first:\n%s", data)
	}
	if a, f := strings.Index(string(data), "  A: "), strings.Index(string(data), "  F: "); a < 0 || f < a {
		t.Errorf("columns not in sheet order:\n%s", data)
	}
	back, err := layout.LoadMapping(data)
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	if back.Sheet != "Отчёт" || back.Columns["F"] != "investment_private_kzt" || back.Columns["A"] != "-" || back.Scales["F"] == "" ||
		len(back.HeaderRows) != 2 || back.HeaderRows[0] != 2 || back.AsOf != "2025-09-30" {
		t.Errorf("read back %+v from\n%s", back, data)
	}
}
