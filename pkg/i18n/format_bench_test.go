package i18n

import "testing"

// Formatting goes through x/text's message printer; these measure what one
// cell costs (a table of the built-in data formats a few hundred).
func BenchmarkFormatterInt(b *testing.B) {
	f := Formatter{Lang: KK}
	for i := 0; b.Loop(); i++ {
		_ = f.Int(int64(i) * 7919)
	}
}

func BenchmarkFormatterMoney(b *testing.B) {
	f := Formatter{Lang: RU}
	for i := 0; b.Loop(); i++ {
		_ = f.Money(int64(i)*123_456_789, UnitMln)
	}
}

func BenchmarkFormatterDecimal(b *testing.B) {
	f := Formatter{Lang: EN}
	for i := 0; b.Loop(); i++ {
		_ = f.Decimal(float64(i)/7, 1)
	}
}

func BenchmarkFormatterPercent(b *testing.B) {
	f := Formatter{Lang: RU}
	for i := 0; b.Loop(); i++ {
		_ = f.Percent(float64(i%1000) / 7)
	}
}
