package render

import (
	"math"
	"strings"
	"testing"
)

func TestWriteBars(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name  string
		chart BarChart
		style BarStyle
		want  string
	}{
		{"eighths", BarChart{Bars: []Bar{{Label: "a", Whole: 10, Text: "10"}, {Label: "bb", Whole: 2.5, Text: "2.5"}}},
			BarStyle{Width: 10 + 2 + 3 + 4}, // label + bar + value + two gaps
			"a   ██████████   10\nbb  ██▌         2.5\n"},
		{"two parts", BarChart{TwoPart: true, Bars: []Bar{{Label: "x", Part: 3, Whole: 8, Text: "3 / 8"}, {Label: "y", Part: nan, Whole: 4, Text: "— / 4"}}},
			BarStyle{Width: 16 + 1 + 5 + 4}, // 16 columns: 8 is 16, 3 is 6
			"x  ██████░░░░░░░░░░  3 / 8\ny  ░░░░░░░░          — / 4\n"},
		{"ascii rounds to whole columns", BarChart{TwoPart: true, Bars: []Bar{{Label: "x", Part: 1, Whole: 10, Text: "1/10"}, {Label: "y", Part: 0.1, Whole: 1, Text: "0/1"}}},
			BarStyle{Width: 10 + 1 + 4 + 4, ASCII: true},
			"x  #---------  1/10\ny  #            0/1\n"},
		{"null draws nothing", BarChart{Bars: []Bar{{Label: "x", Whole: 4, Text: "4"}, {Label: "y", Whole: nan, Text: "—"}}},
			BarStyle{Width: 10 + 1 + 1 + 4},
			"x  ██████████  4\ny              —\n"},
		{"colour wraps the solid part", BarChart{Bars: []Bar{{Label: "x", Whole: 1, Text: "1"}}},
			BarStyle{Width: 10 + 1 + 1 + 4, Color: true},
			"x  \x1b[32m██████████\x1b[0m  1\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			if err := WriteBars(&b, &tt.chart, tt.style); err != nil {
				t.Fatal(err)
			}
			if b.String() != tt.want {
				t.Errorf("got\n%q\nwant\n%q", b.String(), tt.want)
			}
		})
	}
}
