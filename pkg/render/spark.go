package render

import "strings"

// sparkLevels are the eight heights of a sparkline, lowest first.
var sparkLevels = []rune("▁▂▃▄▅▆▇█")

// Sparkline draws a series as a one-line chart, one character per value,
// scaled from the series' smallest to its largest value; a missing value
// (present[i] false) is a space and a flat series is drawn at mid height.
func Sparkline(values []float64, present []bool) string {
	lo, hi, any := 0.0, 0.0, false
	for i, v := range values {
		if !present[i] {
			continue
		}
		if !any || v < lo {
			lo = v
		}
		if !any || v > hi {
			hi = v
		}
		any = true
	}
	var b strings.Builder
	for i, v := range values {
		switch {
		case !present[i]:
			b.WriteRune(' ')
		case hi == lo:
			b.WriteRune(sparkLevels[len(sparkLevels)/2-1])
		default:
			level := int((v - lo) / (hi - lo) * float64(len(sparkLevels)-1))
			b.WriteRune(sparkLevels[level])
		}
	}
	return strings.TrimRight(b.String(), " ")
}
