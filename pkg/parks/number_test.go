package parks

import (
	"errors"
	"strings"
	"testing"
)

// parseAs parses a cell through the field type named by kind and returns the
// stored integer (tenge, count or square metres).
func parseAs(kind, cell string, ctx *ParseContext) (int64, bool, error) {
	switch kind {
	case "count":
		var c Count
		err := c.ParseCell(cell, ctx)
		return c.V, c.Set, err
	case "money":
		var m Money
		err := m.ParseCell(cell, ctx)
		return m.V, m.Set, err
	case "area":
		var a Area
		err := a.ParseCell(cell, ctx)
		return a.M2, a.Set, err
	}
	panic(kind)
}

var (
	commaCtx = &ParseContext{Decimal: DecimalComma}
	pointCtx = &ParseContext{Decimal: DecimalPoint}
	bnCtx    = &ParseContext{Scale: 1e9}
)

func TestParseNumberAccepted(t *testing.T) {
	tests := []struct {
		kind, cell string
		ctx        *ParseContext
		want       int64
	}{
		// plain and grouped counts
		{"count", "6040", nil, 6040},
		{"count", "6 040", nil, 6040},
		{"count", "6\u00a0040", nil, 6040},
		{"count", "6\u202f040", nil, 6040},
		{"count", "6'040", nil, 6040},
		{"count", "6’040", nil, 6040},
		{"count", "1 234 567", nil, 1234567},
		{"count", "1 234\u00a0567", nil, 1234567}, // spaces of every width are one kind of grouping
		{"count", "  42  ", nil, 42},
		{"count", "+42", nil, 42},
		{"count", "0", nil, 0},
		{"count", "-0", nil, 0},
		{"count", "42.0", nil, 42},
		{"count", "42,00", nil, 42},
		// "1,234" in a whole-number column: only grouping makes it whole
		{"count", "1,234", nil, 1234},
		{"count", "1,234", pointCtx, 1234},
		{"count", "1,234,567", nil, 1234567},
		{"count", "1.234.567", nil, 1234567},
		// money: whole tenge, scale words and currency marks
		{"money", "34 000 000 000", nil, 34000000000},
		{"money", "10,4 млрд", nil, 10400000000},
		{"money", "10.4 млрд", nil, 10400000000},
		{"money", "10,4млрд", nil, 10400000000},
		{"money", "10,4 млрд ₸", nil, 10400000000},
		{"money", "10,4 млрд. тенге", nil, 10400000000},
		{"money", "10,4 bn", nil, 10400000000},
		{"money", "10.4 billion KZT", nil, 10400000000},
		{"money", "1,5 млн", nil, 1500000},
		{"money", "1.5 mln", nil, 1500000},
		{"money", "1.5 million", nil, 1500000},
		{"money", "2 миллиона", nil, 2000000},
		{"money", "250 мың теңге", nil, 250000},
		{"money", "250 тыс. тг", nil, 250000},
		{"money", "250 тыс.тг.", nil, 250000},
		{"money", "250 thousand", nil, 250000},
		{"money", "₸ 5 000", nil, 5000},
		{"money", "₸5000", nil, 5000},
		{"money", "KZT 5000", nil, 5000},
		{"money", "5 000 ₸", nil, 5000},
		{"money", "5000 тг", nil, 5000},
		{"money", "5 000,00 тенге", nil, 5000},
		{"money", "1,234", nil, 1234},
		// the header's scale applies to cells without their own scale word
		{"money", "10,4", bnCtx, 10400000000},
		{"money", "10.4", bnCtx, 10400000000},
		{"money", "3", bnCtx, 3000000000},
		{"money", "500 млн", bnCtx, 500000000},
		{"money", "1,234", &ParseContext{Scale: 1e9, Decimal: DecimalComma}, 1234000000},
		{"money", "1,234", &ParseContext{Scale: 1e3, Decimal: DecimalPoint}, 1234000},
		{"money", "9 223 372 036 854 775 807", nil, 9223372036854775807},
		// area in hectares, kept to the square metre
		{"area", "8,5", nil, 85000},
		{"area", "8.5", nil, 85000},
		{"area", "1 234,5678", nil, 12345678},
		{"area", "1,234.5", nil, 12345000},
		{"area", "1.234,5", nil, 12345000},
		{"area", "1,234", commaCtx, 12340},
		// in a decimal-comma file a single point can only group digits
		{"area", "1.234", commaCtx, 12340000},
		{"count", "6.040", commaCtx, 6040},
		{"area", "1.234", nil, 12340},
		{"area", "1.234", pointCtx, 12340},
		{"area", "1,234", pointCtx, 12340000},
		{"area", "100000", nil, 1000000000},
	}
	for _, tt := range tests {
		got, set, err := parseAs(tt.kind, tt.cell, tt.ctx)
		if err != nil || !set || got != tt.want {
			t.Errorf("%s %q (ctx %+v) = %d, set %v, err %v; want %d", tt.kind, tt.cell, tt.ctx, got, set, err, tt.want)
		}
	}
}

func TestParseNumberBlankIsNotReported(t *testing.T) {
	for _, kind := range []string{"count", "money", "area"} {
		for _, cell := range []string{"", "  ", "\u00a0"} {
			_, set, err := parseAs(kind, cell, commaCtx)
			if set || err != nil {
				t.Errorf("%s %q: set %v, err %v; want not reported", kind, cell, set, err)
			}
		}
	}
}

func TestParseNumberRefused(t *testing.T) {
	tests := []struct {
		kind, cell string
		ctx        *ParseContext
		rule, msg  string // msg: the message id or its start
	}{
		{"count", "abc", nil, "type-error", "number.invalid.count"},
		{"count", "12a", nil, "type-error", "number.invalid.count"},
		{"count", "8,5", nil, "type-error", "number.not_whole."},
		{"count", "8.5", nil, "type-error", "number.not_whole."},
		{"count", "6.040", nil, "type-error", "number.not_whole."},
		{"count", "8.5", commaCtx, "type-error", "number.not_whole."},
		{"count", "-5", nil, "constraint-error", "number.negative."},
		{"count", "−5", nil, "constraint-error", "number.negative."},
		{"count", "60 40", nil, "type-error", "number.invalid.count"},
		{"count", "1234 567", nil, "type-error", "number.invalid.count"},
		{"count", "6  040", nil, "type-error", "number.invalid.count"},
		{"count", "1 234'567", nil, "type-error", "number.invalid.count"},
		{"count", "1,234 567", nil, "type-error", "number.invalid.count"},
		{"count", "1,23,456", nil, "type-error", "number.invalid.count"},
		{"count", "1.2.3", nil, "type-error", "number.invalid.count"},
		{"count", "1,234.5,6", nil, "type-error", "number.invalid.count"},
		{"count", ",5", nil, "type-error", "number.not_whole."},
		{"count", ".", nil, "type-error", "number.invalid.count"},
		{"count", "1e5", nil, "type-error", "number.scientific"},
		{"count", "1,04E+10", nil, "type-error", "number.scientific"},
		{"count", "5 млн", nil, "type-error", "number.invalid.count"},
		{"count", "5 ₸", nil, "type-error", "number.invalid.count"},
		{"count", "99999999999999999999", nil, "constraint-error", "number.too_large"},
		// a file with decimal commas: "1,234" is 1.234, not a whole count
		{"count", "1,234", commaCtx, "type-error", "number.not_whole."},
		{"money", "1,234", commaCtx, "type-error", "number.fraction_of_tenge"},
		{"money", "0,5", nil, "type-error", "number.fraction_of_tenge"},
		{"money", "12,3456789 млн", nil, "type-error", "number.fraction_of_tenge"},
		{"money", "-5 млн", nil, "constraint-error", "number.negative."},
		{"money", "млн", nil, "type-error", "number.invalid.money"},
		{"money", "₸", nil, "type-error", "number.empty"},
		{"money", "5 млн млрд", nil, "type-error", "number.invalid.money"},
		{"money", "5abn", nil, "type-error", "number.invalid.money"},
		{"money", "10 000 000 000 млрд", nil, "constraint-error", "number.too_large"},
		{"money", "9 223 372 036 854 775 808", nil, "constraint-error", "number.too_large"},
		{"money", "$ 5", nil, "type-error", "number.invalid.money"},
		// ambiguous: decimal comma or grouping, and nothing settles it
		{"money", "1,234 млрд", nil, "type-error", "number.ambiguous"},
		{"money", "1,234", bnCtx, "type-error", "number.ambiguous"},
		{"area", "1,234", nil, "type-error", "number.ambiguous"},
		{"area", "1,234", &ParseContext{}, "type-error", "number.ambiguous"},
		{"area", "0", nil, "constraint-error", "area.zero"},
		{"area", "0,0", nil, "constraint-error", "area.zero"},
		{"area", "1,23456", nil, "type-error", "number.too_precise."},
		{"area", "100000,0001", nil, "constraint-error", "area.too_large"},
		{"area", "-3", nil, "constraint-error", "number.negative."},
		{"area", "8,5 га", nil, "type-error", "number.invalid.area"},
	}
	for _, tt := range tests {
		got, set, err := parseAs(tt.kind, tt.cell, tt.ctx)
		var ce *CellError
		if !errors.As(err, &ce) {
			t.Errorf("%s %q = %d (set %v), err %v; want %s", tt.kind, tt.cell, got, set, err, tt.rule)
			continue
		}
		if ce.Rule != tt.rule || !strings.HasPrefix(ce.ID, tt.msg) {
			t.Errorf("%s %q: [%s] %s; want [%s] %s…", tt.kind, tt.cell, ce.Rule, ce.ID, tt.rule, tt.msg)
		}
		if set {
			t.Errorf("%s %q: refused but marked set", tt.kind, tt.cell)
		}
	}
}

func TestDecimalOf(t *testing.T) {
	tests := []struct {
		cell string
		want Decimal
	}{
		{"8,5", DecimalComma},
		{"1 234,56", DecimalComma},
		{"1.234,5", DecimalComma},
		{"1.234.567", DecimalComma},
		{"10,4 млрд ₸", DecimalComma},
		{"-0,25", DecimalComma},
		{"8.5", DecimalPoint},
		{"1,234,567", DecimalPoint},
		{"1,234.5", DecimalPoint},
		{"10.4 bn", DecimalPoint},
		{"1,234", DecimalUnknown},
		{"1.234", DecimalUnknown},
		{"6 040", DecimalUnknown},
		{"42", DecimalUnknown},
		{"", DecimalUnknown},
		{"n/a", DecimalUnknown},
		{"2024-01-01", DecimalUnknown},
		{",", DecimalUnknown},
	}
	for _, tt := range tests {
		if got := DecimalOf(tt.cell); got != tt.want {
			t.Errorf("DecimalOf(%q) = %v, want %v", tt.cell, got, tt.want)
		}
	}
	var v DecimalVote
	if v.Decimal() != DecimalUnknown {
		t.Error("empty vote must be unknown")
	}
	v.Add("8,5")
	v.Add("1,234")
	if v.Decimal() != DecimalComma {
		t.Errorf("vote %+v = %v, want comma", v, v.Decimal())
	}
	v.Add("1.5")
	if v.Decimal() != DecimalUnknown {
		t.Errorf("conflicting vote %+v = %v, want unknown", v, v.Decimal())
	}
}

func TestScaleWordAndCurrency(t *testing.T) {
	for w, want := range map[string]int64{"млрд": 1e9, "млрд.": 1e9, "bn": 1e9, "млн": 1e6, "mln": 1e6, "мың": 1e3, "тыс": 1e3, "тыс.": 1e3, "thousand": 1e3} {
		if got, ok := ScaleWord(w); !ok || got != want {
			t.Errorf("ScaleWord(%q) = %d, %v; want %d", w, got, ok, want)
		}
	}
	if _, ok := ScaleWord("га"); ok {
		t.Error("га is not a scale word")
	}
	for _, w := range []string{"₸", "тг", "тг.", "тенге", "теңге", "kzt"} {
		if !CurrencyMark(w) {
			t.Errorf("CurrencyMark(%q) = false", w)
		}
	}
	if CurrencyMark("usd") {
		t.Error("usd is not tenge")
	}
}

// FuzzParseNumber checks that parsing never panics, that an accepted value
// is never negative, and that a value written back canonically parses to
// itself.
func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"6 040", "8,5", "10,4 млрд", "1,234", "₸ 5 000", "1.234,5", "-0", "1e5", "99999999999999999999", "1 234,5678", "250 тыс. тг"} {
		f.Add(s, uint8(0))
	}
	f.Fuzz(func(t *testing.T, s string, mode uint8) {
		ctx := &ParseContext{Decimal: Decimal(mode % 3)}
		if mode&4 != 0 {
			ctx.Scale = 1e6
		}
		var m Money
		if err := m.ParseCell(s, ctx); err == nil && m.Set {
			if m.V < 0 {
				t.Fatalf("%q: negative money %d", s, m.V)
			}
			var back Money
			if err := back.ParseCell(m.String(), nil); err != nil || back.V != m.V {
				t.Fatalf("%q: %d does not round-trip: %v %d", s, m.V, err, back.V)
			}
		}
		var a Area
		if err := a.ParseCell(s, ctx); err == nil && a.Set {
			var back Area
			if err := back.ParseCell(a.String(), pointCtx); err != nil || back.M2 != a.M2 {
				t.Fatalf("%q: %d m² does not round-trip via %q: %v %d", s, a.M2, a.String(), err, back.M2)
			}
		}
		var c Count
		if err := c.ParseCell(s, ctx); err == nil && c.Set && c.V < 0 {
			t.Fatalf("%q: negative count", s)
		}
	})
}
