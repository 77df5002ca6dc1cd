package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"
)

func wideTable() *Table {
	return &Table{
		Title:   "Industrial parks and production sites by district",
		Header:  []string{"District", "Parks", "Sites", "Area, ha", "Buildings built / planned", "Jobs created / planned", "Investment, bn ₸", "Private ₸ per budget ₸"},
		Numeric: []bool{false, true, true, true, true, true, true, true},
		Rows: [][]string{
			{"Түркістан қаласы (Turkistan city)", "1", "1", "118", "48 / 182", "1,220 / 6,460", "45.1", "8.2"},
			{"Arys city", "0", "1", "8", "2 / 14", "— / 160", "2.1", "7.2"},
		},
		Footer: []string{"Total", "1", "21", "327.5", "92 / 390", "1,220 / 10,134", "119.8", "12.2"},
		Notes:  []string{"— not reported"},
	}
}

func draw(t *testing.T, tab *Table, style Style) string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteTable(&b, tab, style); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// A boxed table fits the terminal: as it is when it fits, then with
// wrapped headers, then with cut names, then one record after another;
// every line within the width, every value still shown.
func TestFitToWidth(t *testing.T) {
	natural := draw(t, wideTable(), Boxed)
	for _, tc := range []struct {
		width int
		want  []string // in the output
		not   []string
	}{
		{200, []string{"│ Buildings built / planned │"}, nil},
		{120, []string{"│ Buildings │", "│   built / │", "│ Түркістан қаласы (Turkistan city) │"}, []string{"…", "── Arys city"}},
		{110, []string{"│ Түркістан қаласы (Turkistan … │", "│ Buildings │"}, []string{"── Arys city"}},
		{90, []string{"── Arys city ──"}, []string{"┌"}},
		{60, []string{"── Arys city ──", "Jobs created / planned     — / 160", "── Total ──", "Private ₸ per budget ₸     12.2", "— not reported"}, []string{"┌"}},
		{30, []string{"── Arys city ──"}, nil},
	} {
		tab := wideTable()
		tab.MaxWidth = tc.width
		out := draw(t, tab, Boxed)
		if tc.width == 200 && out != natural {
			t.Errorf("a table that fits changed:\n%s", out)
		}
		for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
			if w := runewidth.StringWidth(line); w > tc.width {
				t.Errorf("width %d: line of %d columns: %q", tc.width, w, line)
			}
		}
		for _, s := range tc.want {
			if !strings.Contains(out, s) {
				t.Errorf("width %d: no %q in\n%s", tc.width, s, out)
			}
		}
		for _, s := range tc.not {
			if strings.Contains(out, s) {
				t.Errorf("width %d: %q in\n%s", tc.width, s, out)
			}
		}
		for _, v := range []string{"327.5", "10,134", "12.2", "Arys city"} {
			if !strings.Contains(out, v) {
				t.Errorf("width %d: value %q lost:\n%s", tc.width, v, out)
			}
		}
	}
}

// Piped (plain) and Markdown tables are never fitted.
func TestFitOnlyBoxed(t *testing.T) {
	for _, style := range []Style{Plain, Markdown} {
		tab := wideTable()
		want := draw(t, tab, style)
		tab.MaxWidth = 40
		if got := draw(t, tab, style); got != want {
			t.Errorf("style %d changed with MaxWidth:\n%s", style, got)
		}
	}
}

// A table that wraps its long cells (descriptions, sources) wraps them to
// fit, rather than cutting words off.
func TestFitWrapsWrappingTables(t *testing.T) {
	tab := &Table{
		Header:  []string{"Column", "Description"},
		Numeric: []bool{false, false},
		Rows:    [][]string{{"district", "district or city: a gazetteer name in kk, ru or en, an alias, or the KATO code"}},
		Wrap:    40, MaxWidth: 40,
	}
	out := draw(t, tab, Boxed)
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if runewidth.StringWidth(line) > 40 {
			t.Errorf("line of %d columns: %q", runewidth.StringWidth(line), line)
		}
	}
	for _, word := range strings.Fields("district or city: a gazetteer name in kk, ru or en, an alias, or the KATO code") {
		if !strings.Contains(out, word) {
			t.Errorf("word %q lost:\n%s", word, out)
		}
	}
}

// In the vertical layout a row with an empty first cell goes on with the
// record above it (diff names a district on its first metric only): it is
// set apart by a blank line, not by a rule with no name.
func TestVerticalContinuationRows(t *testing.T) {
	tab := &Table{
		Header:   []string{"District", "Metric", "Old", "New"},
		Numeric:  []bool{false, false, true, true},
		Rows:     [][]string{{"Sairam district", "facilities", "1", "2"}, {"", "sites", "1", "2"}, {"Sozak district", "facilities", "1", "0"}},
		MaxWidth: 24,
	}
	out := draw(t, tab, Boxed)
	if strings.Contains(out, "──  ─") {
		t.Errorf("a continuation row got a rule with no name:\n%s", out)
	}
	want := "New       2\n\nMetric    sites\n"
	if !strings.Contains(out, "── Sairam district ──") || !strings.Contains(out, "── Sozak district ──") || !strings.Contains(out, want) {
		t.Errorf("want the two districts' rules and %q in\n%s", want, out)
	}
}
