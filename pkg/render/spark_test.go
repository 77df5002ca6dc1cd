package render

import "testing"

func TestSparkline(t *testing.T) {
	all := func(n int) []bool {
		p := make([]bool, n)
		for i := range p {
			p[i] = true
		}
		return p
	}
	tests := []struct {
		name    string
		values  []float64
		present []bool
		want    string
	}{
		{"rising", []float64{1220, 1575, 1610}, all(3), "▁▇█"},
		{"falling then rising", []float64{10, 0, 5}, all(3), "█▁▄"},
		{"flat", []float64{8.5, 8.5}, all(2), "▄▄"},
		{"missing values are blank", []float64{0, 40, 0}, []bool{false, true, true}, " █▁"},
		{"a single value is mid height", []float64{5, 0}, []bool{true, false}, "▄"},
		{"missing at the start", []float64{0, 0, 40}, []bool{false, false, true}, "  ▄"},
		{"nothing", []float64{0, 0}, []bool{false, false}, ""},
		{"negative", []float64{-2, 0, 2}, all(3), "▁▄█"},
	}
	for _, tt := range tests {
		if got := Sparkline(tt.values, tt.present); got != tt.want {
			t.Errorf("%s: Sparkline(%v) = %q, want %q", tt.name, tt.values, got, tt.want)
		}
	}
}
