package report

import (
	"math"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/parks-kz/parks/pkg/i18n"
)

// A not-reported value breaks a line into runs; every reported value gets a
// mark; the dates label the axis and only the dates.
func TestLineChartSVG(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	c := &LineChart{ID: "x", Title: "Заголовок", Axis: "млрд ₸",
		Dates: []time.Time{day("2025-01-01"), day("2025-04-01"), day("2025-07-01"), day("2025-10-01"), day("2026-01-01")},
		Lines: []Line{
			{Name: "Сайрам", Values: []float64{1, 2, math.NaN(), 4, 5}},
			{Name: "Түркістан", Values: []float64{math.NaN(), math.NaN(), 3, math.NaN(), math.NaN()}},
			{Name: "Итого", Values: []float64{1, 2, 3, 4, 5.5}, Total: true},
		},
		Note: "Линия прерывается там, где нет данных."}
	svg, err := lineChartSVG(i18n.RU, c, false)
	if err != nil {
		t.Fatal(err)
	}
	s := string(svg)
	strokes := func(colour, width string) []string {
		re := regexp.MustCompile(`<path d="([^"]*)" style="fill:none;stroke:` + colour + `;stroke-width:` + width + `"`)
		var out []string
		for _, m := range re.FindAllStringSubmatch(s, -1) {
			out = append(out, m[1])
		}
		return out
	}
	// blue: two runs of two points, and the legend's sample
	if got := strokes("#0072B2", "1.5"); len(got) != 3 {
		t.Errorf("first line: %d stroked paths, want 2 runs and the legend sample: %q", len(got), got)
	}
	// orange: a lone point is a mark, no line; only the legend sample
	if got := strokes("#E69F00", "1.5"); len(got) != 1 {
		t.Errorf("lone point drawn as %d lines", len(got)-1)
	}
	if got := strokes("#000000", "2.5"); len(got) != 2 || strings.Count(got[0], "L") != 4 {
		t.Errorf("total: %q, want one 5-point line and the legend sample", got)
	}
	for _, want := range []string{">Сайрам<", ">Түркістан<", ">Итого<", ">млрд ₸<", ">2025-01-01<", ">2026-01-01<"} {
		if !strings.Contains(s, want) {
			t.Errorf("chart has no %q", want)
		}
	}
	if strings.Contains(s, "Заголовок") || strings.Contains(s, "прерывается") || strings.Contains(s, "@font-face") {
		t.Error("the HTML chart repeats its caption, note or font")
	}
	standalone, err := lineChartSVG(i18n.RU, c, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{">Заголовок<", "прерывается", "@font-face"} {
		if !strings.Contains(string(standalone), want) {
			t.Errorf("standalone chart lacks %q", want)
		}
	}
	c.Lines[0].Values = c.Lines[0].Values[:3]
	if _, err := lineChartSVG(i18n.RU, c, false); err == nil {
		t.Error("a line with fewer values than dates was drawn")
	}
}

func TestDateTicks(t *testing.T) {
	var dates []time.Time
	for i := range 12 {
		dates = append(dates, time.Date(2025, time.Month(i+1), 1, 0, 0, 0, 0, time.UTC))
	}
	ticks := dateTicks{dates: dates[:3]}.Ticks(0, 1)
	if len(ticks) != 3 || ticks[1].Label != "2025-02-01" || ticks[1].Value != float64(dates[1].Unix()) {
		t.Errorf("3 dates: %+v", ticks)
	}
	ticks = dateTicks{dates: dates}.Ticks(0, 1)
	var labels []string
	for _, tk := range ticks {
		if tk.Label != "" {
			labels = append(labels, tk.Label)
		}
	}
	// 12 dates do not fit: every second is labelled, every one is marked
	if len(ticks) != 12 || len(labels) != 6 || labels[1] != "2025-03-01" {
		t.Errorf("12 dates: %d ticks, labels %q", len(ticks), labels)
	}
}

func TestWrapWords(t *testing.T) {
	if got := wrapWords("aa bb cc dd", 5); got != "aa bb\ncc dd" {
		t.Errorf("%q", got)
	}
	if got := wrapWords("долгоесловоцеликом x", 5); got != "долгоесловоцеликом\nx" {
		t.Errorf("%q", got)
	}
}
