package render

import (
	"bytes"
	"testing"
)

// TestRowWritersMatchWrite: the row writers write the bytes Writer.Write
// writes of the whole output, with no row, one and several, in every CSV
// dialect.
func TestRowWritersMatchWrite(t *testing.T) {
	rows := []Object{
		{{Key: "id", Value: "F1"}, {Key: "name", Value: "=SUM(A1) «Сайрам»\n2"}, {Key: "n", Value: int64(3)}, {Key: "r", Value: 1.5}, {Key: "l", Value: []string{"a", "b"}}, {Key: "x", Value: nil}, {Key: "as_of", Value: Object{{Key: "from", Value: "2024-01-01"}}}, {Key: "t", Value: true}},
		{{Key: "id", Value: "F2"}, {Key: "name", Value: `"q" <&>`}, {Key: "n", Value: nil}, {Key: "r", Value: 0.25}, {Key: "l", Value: []string(nil)}, {Key: "x", Value: "x;y"}, {Key: "as_of", Value: nil}, {Key: "t", Value: false}},
	}
	for n := 0; n <= len(rows); n++ {
		objs := append([]Object{}, rows[:n]...)
		for _, d := range []CSVDialect{{}, DialectOf(Excel, "ru", 0, false), DialectOf(Excel, "en", 0, false), DialectOf(RFC4180, "en", '\t', true)} {
			flat := make([]Object, 0, n)
			for _, o := range objs {
				flat = append(flat, o[:6])
			}
			g := GridOf(flat)
			g.Columns = []string{"id", "name", "n", "r", "l", "x"}
			var want bytes.Buffer
			if err := WriteGridCSV(&want, g, d); err != nil {
				t.Fatal(err)
			}
			l := NewCSVLines(d)
			got, err := l.Head(g.Columns)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range g.Rows {
				if got, err = l.Append(got, r); err != nil {
					t.Fatal(err)
				}
			}
			if string(got) != want.String() {
				t.Errorf("%d rows, %+v:\ngot  %q\nwant %q", n, d, got, want.String())
			}
		}
		for _, after := range []bool{false, true} {
			doc := Object{{Key: "schema_version", Value: SchemaVersion}, {Key: "rows", Value: objs}}
			if after {
				doc = append(doc, Field{Key: "total", Value: rows[0]})
			}
			var want, got bytes.Buffer
			if err := WriteJSON(&want, doc); err != nil {
				t.Fatal(err)
			}
			l, err := NewJSONList(&got, doc, "rows")
			if err != nil {
				t.Fatal(err)
			}
			for _, o := range objs {
				b, err := o.MarshalJSON()
				if err != nil {
					t.Fatal(err)
				}
				if err := l.Item(b); err != nil {
					t.Fatal(err)
				}
			}
			if err := l.Close(); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Errorf("JSON, %d rows:\ngot  %s\nwant %s", n, got.String(), want.String())
			}
		}
	}
}
