package i18n

import (
	"math"
	"testing"

	"github.com/parks-kz/parks/pkg/parks"
)

const nbsp = "\u00a0"

func TestInt(t *testing.T) {
	tests := []struct {
		v          int64
		kk, ru, en string
	}{
		{0, "0", "0", "0"},
		{7, "7", "7", "7"},
		{999, "999", "999", "999"},
		{1220, "1" + nbsp + "220", "1" + nbsp + "220", "1,220"},
		{6040, "6" + nbsp + "040", "6" + nbsp + "040", "6,040"},
		{-6040, "-6" + nbsp + "040", "-6" + nbsp + "040", "-6,040"},
		{1234567, "1" + nbsp + "234" + nbsp + "567", "1" + nbsp + "234" + nbsp + "567", "1,234,567"},
		{math.MaxInt64, "9 223 372 036 854 775 807", "9 223 372 036 854 775 807", "9,223,372,036,854,775,807"},
		{math.MinInt64, "-9 223 372 036 854 775 808", "-9 223 372 036 854 775 808", "-9,223,372,036,854,775,808"},
	}
	for _, tt := range tests {
		for l, want := range map[Lang]string{KK: tt.kk, RU: tt.ru, EN: tt.en} {
			want = nb(want)
			if got := (Formatter{Lang: l}).Int(tt.v); got != want {
				t.Errorf("%s Int(%d) = %q, want %q", l, tt.v, got, want)
			}
		}
	}
}

// nb writes the no-break space CLDR groups kk and ru with as a plain space
// in test tables, for legibility.
func nb(s string) string {
	out := []rune(s)
	for i, r := range out {
		if r == ' ' {
			out[i] = '\u00a0'
		}
	}
	return string(out)
}

func TestDecimal(t *testing.T) {
	tests := []struct {
		v          float64
		decimals   int
		kk, ru, en string
	}{
		{8.5, 1, "8,5", "8,5", "8.5"},
		{-8.5, 1, "-8,5", "-8,5", "-8.5"},
		{8, 1, "8,0", "8,0", "8.0"},
		{0, 1, "0,0", "0,0", "0.0"},
		{-0.04, 1, "0,0", "0,0", "0.0"}, // no "-0,0"
		{1234567.8, 1, "1 234 567,8", "1 234 567,8", "1,234,567.8"},
		{12.210144927536232, 1, "12,2", "12,2", "12.2"},
		// Half away from zero, as people round (x/text alone rounds half to even).
		{0.25, 1, "0,3", "0,3", "0.3"},
		{-0.25, 1, "-0,3", "-0,3", "-0.3"},
		{2.5, 0, "3", "3", "3"},
		{10.5, 2, "10,50", "10,50", "10.50"},
		{math.NaN(), 1, "—", "—", "—"},
		{math.Inf(1), 1, "—", "—", "—"},
	}
	for _, tt := range tests {
		for l, want := range map[Lang]string{KK: tt.kk, RU: tt.ru, EN: tt.en} {
			want = nb(want)
			if got := (Formatter{Lang: l}).Decimal(tt.v, tt.decimals); got != want {
				t.Errorf("%s Decimal(%v, %d) = %q, want %q", l, tt.v, tt.decimals, got, want)
			}
		}
	}
}

func TestPercent(t *testing.T) {
	tests := []struct {
		p          float64
		kk, ru, en string
	}{
		{26.31578947368421, "26%", "26\u00a0%", "26%"},
		{20.198675496688743, "20%", "20\u00a0%", "20%"},
		{0, "0%", "0\u00a0%", "0%"},
		{100, "100%", "100\u00a0%", "100%"},
		{5.25, "5,3%", "5,3\u00a0%", "5.3%"}, // one decimal below 10 %, half away from zero
		{-3.5, "-3,5%", "-3,5\u00a0%", "-3.5%"},
		{14.5, "15%", "15\u00a0%", "15%"},
		{1250, "1\u00a0250%", "1\u00a0250\u00a0%", "1,250%"},
	}
	for _, tt := range tests {
		for l, want := range map[Lang]string{KK: tt.kk, RU: tt.ru, EN: tt.en} {
			if got := (Formatter{Lang: l}).Percent(tt.p); got != want {
				t.Errorf("%s Percent(%v) = %q, want %q", l, tt.p, got, want)
			}
		}
	}
}

func TestMoney(t *testing.T) {
	tests := []struct {
		v          int64
		unit       MoneyUnit
		kk, ru, en string
	}{
		{38_000_000_000, UnitKZT, "38 000 000 000", "38 000 000 000", "38,000,000,000"},
		{38_000_000_000, UnitBn, "38,0", "38,0", "38.0"},
		{119_780_000_000, UnitBn, "119,8", "119,8", "119.8"},
		{119_780_000_000, UnitMln, "119 780,0", "119 780,0", "119,780.0"},
		{250_000_000, UnitBn, "0,3", "0,3", "0.3"}, // 0.25 half away from zero
		{249_999_999, UnitBn, "0,2", "0,2", "0.2"},
		{-250_000_000, UnitBn, "-0,3", "-0,3", "-0.3"},
		{-49_999_999, UnitBn, "0,0", "0,0", "0.0"},
		{-1_250_000, UnitThousand, "-1 250,0", "-1 250,0", "-1,250.0"},
		{0, UnitMln, "0,0", "0,0", "0.0"},
		{256_250_000, UnitMln, "256,3", "256,3", "256.3"},
		{math.MaxInt64, UnitThousand, "9 223 372 036 854 775,8", "9 223 372 036 854 775,8", "9,223,372,036,854,775.8"},
		{math.MinInt64, UnitBn, "-9 223 372 036,9", "-9 223 372 036,9", "-9,223,372,036.9"},
	}
	for _, tt := range tests {
		for l, want := range map[Lang]string{KK: tt.kk, RU: tt.ru, EN: tt.en} {
			want = nb(want)
			if got := (Formatter{Lang: l}).Money(tt.v, tt.unit); got != want {
				t.Errorf("%s Money(%d, %s) = %q, want %q", l, tt.v, tt.unit, got, want)
			}
		}
	}
}

func TestValue(t *testing.T) {
	tests := []struct {
		v          parks.Value
		unit       MoneyUnit
		kk, ru, en string
	}{
		{parks.Value{Null: true, Unit: parks.UnitRatio}, UnitAuto, "—", "—", "—"},
		{parks.Value{Null: true, Unit: parks.UnitMoney}, UnitBn, "—", "—", "—"},
		{parks.Value{Int: 0, Unit: parks.UnitCount}, UnitAuto, "0", "0", "0"},
		{parks.Value{Int: 10134, Unit: parks.UnitCount}, UnitAuto, "10 134", "10 134", "10,134"},
		{parks.Value{Float: 8.5, Unit: parks.UnitRatio}, UnitAuto, "8,5", "8,5", "8.5"},
		{parks.Value{Float: 12.210144927536232, Unit: parks.UnitRatio}, UnitAuto, "12,2", "12,2", "12.2"},
		{parks.Value{Float: 327.5, Unit: parks.UnitArea}, UnitAuto, "327,5", "327,5", "327.5"},
		{parks.Value{Float: 1000, Unit: parks.UnitArea}, UnitAuto, "1 000", "1 000", "1,000"},
		{parks.Value{Float: 0.25, Unit: parks.UnitArea}, UnitAuto, "0,25", "0,25", "0.25"},
		{parks.Value{Float: 26.3, Unit: parks.UnitPercent}, UnitAuto, "26%", "26 %", "26%"},
		{parks.Value{Int: 119_780_000_000, Unit: parks.UnitMoney}, UnitBn, "119,8", "119,8", "119.8"},
		{parks.Value{Int: 119_780_000_000, Unit: parks.UnitMoney}, UnitAuto, "119 780 000 000", "119 780 000 000", "119,780,000,000"},
	}
	for _, tt := range tests {
		for l, want := range map[Lang]string{KK: tt.kk, RU: tt.ru, EN: tt.en} {
			want = nb(want)
			if got := (Formatter{Lang: l}).Value(tt.v, tt.unit); got != want {
				t.Errorf("%s Value(%+v, %s) = %q, want %q", l, tt.v, tt.unit, got, want)
			}
		}
	}
}

func TestUnitLabel(t *testing.T) {
	want := map[Lang]map[MoneyUnit]string{
		KK: {UnitKZT: "₸", UnitAuto: "₸", UnitThousand: "мың ₸", UnitMln: "млн ₸", UnitBn: "млрд ₸"},
		RU: {UnitKZT: "₸", UnitAuto: "₸", UnitThousand: "тыс. ₸", UnitMln: "млн ₸", UnitBn: "млрд ₸"},
		EN: {UnitKZT: "₸", UnitAuto: "₸", UnitThousand: "thousand ₸", UnitMln: "mln ₸", UnitBn: "bn ₸"},
	}
	for l, units := range want {
		for u, w := range units {
			if got := (Formatter{Lang: l}).UnitLabel(u); got != w {
				t.Errorf("%s UnitLabel(%s) = %q, want %q", l, u, got, w)
			}
		}
	}
}

func TestAutoUnit(t *testing.T) {
	tests := []struct {
		name    string
		amounts []int64
		want    MoneyUnit
	}{
		{"nothing", nil, UnitKZT},
		{"only zeros", []int64{0, 0}, UnitKZT},
		{"small amounts in tenge", []int64{5_000, 9_999}, UnitKZT},
		{"thousands", []int64{10_000, 750_000}, UnitThousand},
		{"all billions", []int64{1_020_000_000, 45_100_000_000, 119_780_000_000}, UnitBn},
		{"zero does not pull the unit down", []int64{0, 1_100_000_000, 30_000_000_000}, UnitBn},
		// A budget of 120 mln would read 0.1 bn: two digits lost.
		{"millions beside billions", []int64{120_000_000, 111_500_000_000}, UnitMln},
		{"negative amounts count by size", []int64{-120_000_000, 2_000_000_000}, UnitMln},
		// One small amount must not turn billions into a 10-digit column.
		{"width cap", []int64{50_000, 119_780_000_000}, UnitMln},
		{"width cap in billions", []int64{5, 2_000_000_000_000_000}, UnitBn},
		{"extremes", []int64{math.MinInt64, math.MaxInt64}, UnitBn},
	}
	for _, tt := range tests {
		if got := AutoUnit(tt.amounts); got != tt.want {
			t.Errorf("%s: AutoUnit(%v) = %s, want %s", tt.name, tt.amounts, got, tt.want)
		}
	}
}
