package decode

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/parks-kz/parks/internal/testkit"
	"github.com/parks-kz/parks/pkg/parks"
	"golang.org/x/text/encoding/charmap"
)

// Benchmarks of what reading real-world files adds: the decimal-separator
// pass, the Russian-locale dialect, transcoding and workbooks. Compare with
// BenchmarkDecodeCSV (the canonical file of the same rows).

// russianExport rewrites a canonical CSV as a Russian-locale Excel export:
// semicolons, decimal commas, Russian headers.
func russianExport(tb testing.TB, data []byte) []byte {
	tb.Helper()
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	ru := map[string]string{"id": "Идентификатор", "name": "Наименование", "kind": "Тип", "district": "Район",
		"area_ha": "Площадь, га", "jobs_planned": "Рабочие места (план)", "jobs_created": "Рабочие места (факт)",
		"investment_private_kzt": "Частные инвестиции, тенге", "investment_budget_kzt": "Бюджетные инвестиции, тенге"}
	for i, h := range recs[0] {
		if r, ok := ru[h]; ok {
			recs[0][i] = r
		}
	}
	area := -1
	for i, h := range recs[0] {
		if h == "Площадь, га" {
			area = i
		}
	}
	for _, r := range recs[1:] {
		if area >= 0 && area < len(r) {
			r[area] = strings.Replace(r[area], ".", ",", 1)
		}
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Comma = ';'
	if err := w.WriteAll(recs); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

func benchDecode(b *testing.B, data []byte, want int) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		env := benchEnv(b)
		s := &countSink{}
		DecodeCSV("f.csv", data, CSVOptions{}, env, s)
		if s.n != want {
			b.Fatalf("decoded %d rows; %v", s.n, env.Problems.Problems[:min(3, len(env.Problems.Problems))])
		}
	}
}

// BenchmarkDecimalPass is the pass alone that works out each column's
// decimal separator (run when a "1,234" or "1.234" form occurs, as in the
// generated data): compare with BenchmarkDecodeCSV, which includes it.
func BenchmarkDecimalPass(b *testing.B) {
	data := testkit.Facilities(b, benchRows, 0)
	if !mayBeAmbiguous(data) {
		b.Fatal("the generated file does not trigger the decimal pass")
	}
	header, _ := csv.NewReader(bytes.NewReader(data)).Read()
	cols := make([]int, len(header))
	for i, h := range header {
		cols[i] = parks.FacilitySchema.Col(h)
	}
	scales := make([]int64, len(header))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		columnContexts(cols, scales, parks.FacilitySchema, csvRecords(data, ','))
	}
}

// BenchmarkDecodeCSVRussianExport: semicolons, decimal commas, Russian headers.
func BenchmarkDecodeCSVRussianExport(b *testing.B) {
	benchDecode(b, russianExport(b, testkit.Facilities(b, benchRows, 0)), benchRows)
}

// BenchmarkToUTF8Windows1251 transcodes Russian text found not to be UTF-8.
func BenchmarkToUTF8Windows1251(b *testing.B) {
	text := strings.Repeat("Сауранский район;Площадка «Темирлан»;10,5;6 040;10,4 млрд\n", 20000)
	data, err := charmap.Windows1251.NewEncoder().Bytes([]byte(text))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, enc, ok := toUTF8("f.csv", data, "", benchEnv(b)); !ok || enc != EncCP1251 {
			b.Fatal("not read as Windows-1251")
		}
	}
}

// BenchmarkDecodeXLSX reads a workbook of 2,000 generated facilities
// (BenchmarkDecodeXLSXGenerated reads 99,999).
func BenchmarkDecodeXLSX(b *testing.B) { benchDecodeXLSX(b, 2000) }
