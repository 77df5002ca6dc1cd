package render

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"
)

func TestObjectKeepsKeyOrderAndNulls(t *testing.T) {
	o := Object{{"group", "Сауран"}, {"b", int64(30000000000)}, {"a", nil}, {"r", 8.5}, {"rows", []Object{{{"x", int64(1)}}}}}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, o); err != nil {
		t.Fatal(err)
	}
	want := `{
  "group": "Сауран",
  "b": 30000000000,
  "a": null,
  "r": 8.5,
  "rows": [
    {
      "x": 1
    }
  ]
}
`
	if buf.String() != want {
		t.Errorf("JSON:\n%s\nwant:\n%s", buf.String(), want)
	}
	buf.Reset()
	if err := WriteYAML(&buf, o); err != nil {
		t.Fatal(err)
	}
	wantYAML := "group: Сауран\nb: 30000000000\na: null\nr: 8.5\nrows:\n  - x: 1\n"
	if buf.String() != wantYAML {
		t.Errorf("YAML:\n%s\nwant:\n%s", buf.String(), wantYAML)
	}
}

func TestCSVWritesNullAsEmpty(t *testing.T) {
	var buf bytes.Buffer
	rows := []Object{{{"group", "A, B"}, {"v", nil}, {"r", 0.25}}, {{"group", "Total"}, {"v", int64(3)}, {"r", nil}}}
	if err := WriteCSV(&buf, rows); err != nil {
		t.Fatal(err)
	}
	if want := "group,v,r\n\"A, B\",,0.25\nTotal,3,\n"; buf.String() != want {
		t.Errorf("CSV:\n%q\nwant\n%q", buf.String(), want)
	}
}

// Every line of a table must have the same display width, whatever the
// script of its cells, or columns do not line up in a terminal.
func TestTableAlignment(t *testing.T) {
	tbl := &Table{
		Header:  []string{"Аудан", "Жұмыс орындары", "Инвестиция, млрд ₸"},
		Rows:    [][]string{{"Сауран ауданы", "1\u00a0124", "30,0"}, {"Arys city", "—", "2,1"}},
		Footer:  []string{"Барлығы", "10\u00a0134", "119,8"},
		Numeric: []bool{false, true, true},
	}
	for _, style := range []Style{Boxed, Markdown} {
		var buf bytes.Buffer
		if err := WriteTable(&buf, tbl, style); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimRight(buf.String(), "\n"), "\n")
		w := runewidth.StringWidth(lines[0])
		for _, l := range lines {
			if runewidth.StringWidth(l) != w {
				t.Errorf("style %d: line %q has width %d, want %d", style, l, runewidth.StringWidth(l), w)
			}
		}
	}
	var buf bytes.Buffer
	if err := WriteTable(&buf, tbl, Plain); err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(buf.String(), "\n") {
		if strings.HasSuffix(l, " ") {
			t.Errorf("plain line has trailing spaces: %q", l)
		}
	}
	if !strings.Contains(buf.String(), "Барлығы") || strings.Contains(buf.String(), "│") {
		t.Errorf("plain table:\n%s", buf.String())
	}
}

// TestObjectJSONAsEncodingJSON: Object's own writing of nested values is
// what json.Marshal of them writes.
func TestObjectJSONAsEncodingJSON(t *testing.T) {
	vals := []any{nil, int64(-3), 7, true, false, "a<b>&\u2028\xff", 1.5, "", "plain", "Сауран «ауданы» é", "q\"", `b\s`, "t\tn\n\x01", "\u2029", "ok\x7f", "\xe2\x80", 1e21, 1e-7, -0.0, math.Inf(1), []string{"x", "<"}, []string(nil),
		Object(nil), Object{}, Object{{Key: "k", Value: Object{{Key: "n", Value: nil}}}}, []Object(nil), []Object{}, []Object{{{Key: "a", Value: int64(1)}}}}
	for _, v := range vals {
		got, err := Object{{Key: "v", Value: v}}.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		want, err := marshalValue(v)
		if err != nil {
			t.Fatal(err)
		}
		if f, ok := v.(float64); !ok || !math.IsInf(f, 0) {
			if want, err = json.Marshal(v); err != nil {
				t.Fatal(err)
			}
		}
		if string(got) != `{"v":`+string(want)+`}` {
			t.Errorf("%#v: got %s, want {\"v\":%s}", v, got, want)
		}
	}
}
