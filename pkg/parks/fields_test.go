package parks

import (
	"testing"
)

func TestFieldParsing(t *testing.T) {
	type result struct {
		set  bool
		v    int64
		rule string // "" when accepted
	}
	tests := []struct {
		name   string
		parser func() (CellParser, func() (bool, int64))
		in     string
		want   result
	}{}
	countP := func() (CellParser, func() (bool, int64)) {
		c := &Count{}
		return c, func() (bool, int64) { return c.Set, c.V }
	}
	moneyP := func() (CellParser, func() (bool, int64)) {
		m := &Money{}
		return m, func() (bool, int64) { return m.Set, m.V }
	}
	areaP := func() (CellParser, func() (bool, int64)) {
		a := &Area{}
		return a, func() (bool, int64) { return a.Set, a.M2 }
	}
	add := func(name string, p func() (CellParser, func() (bool, int64)), in string, want result) {
		tests = append(tests, struct {
			name   string
			parser func() (CellParser, func() (bool, int64))
			in     string
			want   result
		}{name, p, in, want})
	}
	add("count", countP, "152", result{true, 152, ""})
	add("count blank is not reported", countP, "  ", result{false, 0, ""})
	add("count zero is reported", countP, "0", result{true, 0, ""})
	add("count grouped by space", countP, "6 040", result{true, 6040, ""})
	add("count grouped by nbsp", countP, "6\u00a0040", result{true, 6040, ""})
	add("count grouped by comma is unambiguous for whole numbers", countP, "1,220", result{true, 1220, ""})
	add("count fraction", countP, "1.5", result{false, 0, "type-error"})
	add("count negative", countP, "-3", result{false, 0, "constraint-error"})
	add("count text", countP, "many", result{false, 0, "type-error"})
	add("count bad grouping", countP, "60 40", result{false, 0, "type-error"})
	add("money plain", moneyP, "34000000000", result{true, 34_000_000_000, ""})
	add("money with scale", moneyP, "10,4 млрд", result{true, 10_400_000_000, ""})
	add("money with scale and sign", moneyP, "10.4 bn ₸", result{true, 10_400_000_000, ""})
	add("money thousands", moneyP, "1 200 тыс. тг", result{true, 1_200_000, ""})
	add("money fraction of tenge", moneyP, "100,50", result{false, 0, "type-error"})
	add("money overflow", moneyP, "99999999999 bn", result{false, 0, "constraint-error"})
	add("area decimal", areaP, "10.5", result{true, 105000, ""})
	add("area decimal comma", areaP, "10,5", result{true, 105000, ""})
	add("area ambiguous", areaP, "1,234", result{false, 0, "type-error"})
	add("area zero", areaP, "0", result{false, 0, "constraint-error"})
	add("area absurd", areaP, "250000", result{false, 0, "constraint-error"})
	add("area too precise", areaP, "1.00001", result{false, 0, "type-error"})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, get := tc.parser()
			err := p.ParseCell(tc.in, nil)
			if tc.want.rule != "" {
				ce, ok := err.(*CellError)
				if !ok || ce.Rule != tc.want.rule {
					t.Fatalf("ParseCell(%q) error = %v, want rule %s", tc.in, err, tc.want.rule)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseCell(%q): %v", tc.in, err)
			}
			if set, v := get(); set != tc.want.set || v != tc.want.v {
				t.Errorf("ParseCell(%q) = (%v, %d), want (%v, %d)", tc.in, set, v, tc.want.set, tc.want.v)
			}
		})
	}
}

func TestEnumsDatesIDs(t *testing.T) {
	var k Kind
	if err := k.ParseCell("Park", nil); err != nil || k != KindPark {
		t.Errorf("Kind Park = %q, %v", k, err)
	}
	if err := k.ParseCell("factory", nil); err == nil {
		t.Error("unknown kind accepted")
	}
	var s Status
	if err := s.ParseCell("under construction", nil); err != nil || s != StatusUnderConstruction {
		t.Errorf("Status = %q, %v", s, err)
	}
	var d Date
	if err := d.ParseCell("2025-12-01", nil); err != nil || d.String() != "2025-12-01" {
		t.Errorf("Date = %v, %v", d, err)
	}
	if err := d.ParseCell("2025-13-01", nil); err == nil {
		t.Error("bad date accepted")
	}
	var id ID
	if err := id.ParseCell("a b", nil); err == nil {
		t.Error("id with a space accepted")
	}
	var l List
	_ = l.ParseCell(" furniture | food ||", nil)
	if len(l) != 2 || l[0] != "furniture" || l[1] != "food" {
		t.Errorf("List = %v", l)
	}
	if got := FormatHa(105000); got != "10.5" {
		t.Errorf("FormatHa = %s", got)
	}
}
