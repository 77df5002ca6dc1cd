package parks

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

// plainPairs gives, for a fresh field of every PlainParser type, the
// ParsePlain and ParseCell views of it, so tests can compare the two paths.
func plainPairs() []struct {
	name  string
	plain func() (PlainParser, CellParser)
} {
	return []struct {
		name  string
		plain func() (PlainParser, CellParser)
	}{
		{"count", func() (PlainParser, CellParser) { var a, b Count; return &a, &b }},
		{"money", func() (PlainParser, CellParser) { var a, b Money; return &a, &b }},
		{"area", func() (PlainParser, CellParser) { var a, b Area; return &a, &b }},
		{"kind", func() (PlainParser, CellParser) { var a, b Kind; return &a, &b }},
		{"status", func() (PlainParser, CellParser) { var a, b Status; return &a, &b }},
		{"date", func() (PlainParser, CellParser) { var a, b Date; return &a, &b }},
	}
}

// samePlain checks the contract of ParsePlain on one cell: when it accepts
// the cell, ParseCell accepts it too and gives the same value.
func samePlain(t *testing.T, cell string, ctx *ParseContext) (accepted []string) {
	t.Helper()
	for _, p := range plainPairs() {
		fast, slow := p.plain()
		if !fast.ParsePlain([]byte(cell), ctx) {
			continue
		}
		accepted = append(accepted, p.name)
		if err := slow.ParseCell(cell, ctx); err != nil {
			t.Fatalf("%s %q: ParsePlain accepts what ParseCell refuses (%v)", p.name, cell, err)
		}
		if !reflect.DeepEqual(fast, slow) {
			t.Fatalf("%s %q: ParsePlain gives %+v, ParseCell %+v", p.name, cell, fast, slow)
		}
	}
	sameDigits(t, cell, ctx)
	return accepted
}

// sameDigits checks ParseDigits against ParsePlain on a cell of 1 to 18
// digits: the same answer and the same value.
func sameDigits(t *testing.T, cell string, ctx *ParseContext) {
	t.Helper()
	if len(cell) == 0 || len(cell) > 18 || strings.Trim(cell, "0123456789") != "" {
		return
	}
	v, _ := strconv.ParseInt(cell, 10, 64)
	for _, p := range plainPairs() {
		plain, _ := p.plain()
		if _, ok := plain.(DigitsParser); !ok {
			continue
		}
		other, _ := p.plain()
		okPlain, okDigits := plain.ParsePlain([]byte(cell), ctx), other.(DigitsParser).ParseDigits(v, ctx)
		if okPlain != okDigits || okPlain && !reflect.DeepEqual(plain, other) {
			t.Fatalf("%s %q: ParseDigits gives %v %+v, ParsePlain %v %+v", p.name, cell, okDigits, other, okPlain, plain)
		}
	}
}

func TestParsePlain(t *testing.T) {
	comma := &ParseContext{Decimal: DecimalComma}
	scaled := &ParseContext{Scale: 1e6}
	for _, tc := range []struct {
		cell string
		ctx  *ParseContext
		want []string // the types whose ParsePlain accepts the cell
	}{
		{"", nil, []string{"count", "money", "area", "kind", "status", "date"}},
		{"1659", nil, []string{"count", "money", "area"}},
		{"1659", scaled, []string{"count", "money", "area"}},
		{"0", nil, []string{"count", "money"}}, // an area of 0 is an error ParseCell words
		{"176.7657", nil, []string{"area"}},
		{"1.234", nil, []string{"area"}},
		{"1.234", comma, nil}, // grouping in a file of decimal commas
		{"1.5", comma, []string{"area"}},
		{"0.0001", nil, []string{"area"}},
		{"0.00001", nil, nil},   // finer than a square metre
		{"176.76570", nil, nil}, // five decimals: ParseCell decides
		{"100000", nil, []string{"count", "money", "area"}},
		{"100001", nil, []string{"count", "money"}}, // implausibly large area
		{"12.", nil, nil},
		{".5", nil, nil},
		{" 12", nil, nil},
		{"1 234", nil, nil},
		{"999999999999999999", nil, []string{"count", "money"}},
		{"999999999999999999", scaled, []string{"count"}}, // money overflows once scaled
		{"000000000000000123", scaled, []string{"count", "money"}},
		{"9999999999999999999", nil, nil},
		{"park", nil, []string{"kind"}},
		{"site", nil, []string{"kind"}},
		{"Park", nil, nil},
		{"парк", nil, nil},
		{"operating", nil, []string{"status"}},
		{"under_construction", nil, []string{"status"}},
		{"planned", nil, []string{"status"}},
		{"under construction", nil, nil},
		{"2025-12-01", nil, []string{"date"}},
		{"2024-02-29", nil, []string{"date"}},
		{"2023-02-29", nil, nil},
		{"1900-02-29", nil, nil},
		{"2000-02-29", nil, []string{"date"}},
		{"0000-02-29", nil, []string{"date"}},
		{"0000-01-01", nil, []string{"date"}},
		{"1969-12-31", nil, []string{"date"}},
		{"9999-12-31", nil, []string{"date"}},
		{"2025-13-01", nil, nil},
		{"2025-00-10", nil, nil},
		{"01.12.2025", nil, nil},
		{"2025-1-01x", nil, nil},
	} {
		got := samePlain(t, tc.cell, tc.ctx)
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q (ctx %+v): ParsePlain accepts it as %v, want %v", tc.cell, tc.ctx, got, tc.want)
		}
	}
}

func FuzzParsePlain(f *testing.F) {
	for _, s := range []string{"", "1659", "176.7657", "1.234", "0.0001", "park", "operating", "2025-12-01", "2024-02-29", "0000-01-01", "999999999999999999"} {
		f.Add(s, uint8(0))
	}
	f.Fuzz(func(t *testing.T, s string, mode uint8) {
		ctx := &ParseContext{Decimal: Decimal(mode % 3)}
		if mode&4 != 0 {
			ctx.Scale = 1e6
		}
		samePlain(t, s, ctx)
	})
}

// TestDaysIn holds the month lengths to the time package's calendar,
// leap years of every kind included (1900 no, 2000 yes, 2024 yes).
func TestDaysIn(t *testing.T) {
	for year := 1600; year <= 2400; year++ {
		for m := time.January; m <= time.December; m++ {
			if got, want := daysIn(m, year), time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day(); got != want {
				t.Fatalf("daysIn(%v, %d) = %d, want %d", m, year, got, want)
			}
		}
	}
}
