package render

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"
)

// FuzzCellsMatchObject: Cells writes any text, list of texts and number
// as the holding path does: CSVLines.Append of the values in every CSV
// dialect, and json.Marshal in JSON.
func FuzzCellsMatchObject(f *testing.F) {
	for _, s := range []string{"", "plain", "=1+2", " x", "a,b;c\td", "q\"q", "a\nb\r\nc\r", `\.`, "<&>\u2028\u2029", "\xff\xfe", "\x00\x1f\x7f", "'x", "§"} {
		f.Add(s, 1.5)
	}
	f.Add("", 1e-7)
	f.Add("", 1e21)
	f.Add("", -0.0)
	f.Add("", 123456789.125)
	f.Add("", math.Inf(1))
	dialects := []CSVDialect{{}, DialectOf(Excel, "ru", 0, false), DialectOf(Excel, "en", 0, true), DialectOf(RFC4180, "en", '\t', false), DialectOf(RFC4180, "en", '§', false), DialectOf(RFC4180, "en", ' ', false)}
	f.Fuzz(func(t *testing.T, s string, x float64) {
		for _, d := range dialects {
			want, err := NewCSVLines(d).Append(nil, []any{s, []string{s, "b"}, x, []string{s}, nil, true, s})
			if err != nil {
				t.Fatal(err)
			}
			c := &Cells{CSV: d}
			c.Start(nil)
			c.Text(s)
			c.List([]string{s, "b"})
			c.Float(x)
			c.List([]string{s})
			c.Null()
			c.Bool(true)
			c.Text(s)
			if got := c.End(); string(got) != string(want) {
				t.Fatalf("%+v:\ngot  %q\nwant %q", d, got, want)
			}
		}
		obj := Object{{Key: "s", Value: s}, {Key: "x", Value: x}, {Key: "l", Value: []string{s, s}}, {Key: "o", Value: Object{{Key: "from", Value: s}, {Key: "to", Value: "t"}}}, {Key: "n", Value: nil}, {Key: "i", Value: int64(-7)}, {Key: "b", Value: false}, {Key: "e", Value: []string{}}}
		compact, err := obj.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		if err := IndentItem(&want, compact); err != nil {
			t.Fatal(err)
		}
		c := &Cells{JSON: true}
		c.Start(nil)
		c.Text(s)
		c.Float(x)
		c.List([]string{s, s})
		c.TextObject([]string{"from", "to"}, []string{s, "t"})
		c.Null()
		c.Int(-7)
		c.Bool(false)
		c.List(nil)
		if got := NewJSONFields([]string{"s", "x", "l", "o", "n", "i", "b", "e"}).Append(nil, c.End()); string(got) != want.String() {
			t.Fatalf("JSON:\ngot  %s\nwant %s", got, want.String())
		}
		if m, _ := json.Marshal(s); string(AppendJSONString(nil, s)) != string(m) {
			t.Fatalf("string %q: got %s, want %s", s, AppendJSONString(nil, s), m)
		}
	})
}
