package report

import (
	"bytes"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parks-kz/parks/pkg/i18n"
)

func TestFormatOfAndChartPath(t *testing.T) {
	for path, want := range map[string]string{
		"r.html": "html", "R.HTM": "html", "out/r.md": "markdown", "x.markdown": "markdown",
		"book.xlsx": "xlsx", "r.pdf": "", "noext": "",
	} {
		if got := FormatOf(path); got != want {
			t.Errorf("FormatOf(%q) = %q, want %q", path, got, want)
		}
	}
	if got := ChartPath("out/q3.report.md", "jobs"); got != "out/q3.report-jobs.svg" {
		t.Errorf("ChartPath = %q", got)
	}
}

func TestSheetName(t *testing.T) {
	used := map[string]bool{}
	tests := []struct{ in, want string }{
		{"Buildings by district", "Buildings by district"},
		{"Leverage of private on budget investment by district", "Leverage of private on budget i"},
		{"Leverage of private on budget investment by facility", "Leverage of private on budget 2"},
		{"a/b: c?*[d]", "a b c d"},
		{"BUILDINGS BY DISTRICT", "BUILDINGS BY DISTRICT 2"}, // Excel names ignore case
		{"Аудандар бойынша жұмыс орындары және тағы басқа", "Аудандар бойынша жұмыс орындары"},
	}
	for _, tc := range tests {
		if got := sheetName(tc.in, used); got != tc.want {
			t.Errorf("sheetName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestWriteAtomicLeavesNothingOnError(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "r.html")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := writeAtomic(path, func(w io.Writer) error {
		io.WriteString(w, "half a rep")
		return errors.New("disk on fire")
	})
	if err == nil || !strings.Contains(err.Error(), "cannot write "+path) {
		t.Fatalf("err = %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("the old file was touched: %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
	if err := writeAtomic(path, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Errorf("got %q", b)
	}
}

// A chart draws one bar per reported value and nothing for NaN, with the
// labels in the reader's language and numbers in its format.
func TestChartSVG(t *testing.T) {
	r := &Report{Lang: i18n.RU}
	c := &Chart{ID: "x", Axis: "млрд ₸", Labels: []string{"Сауран", "Түркістан", "Ордабасы"}, Stacked: true,
		Series: []Series{{Name: "Частные", Values: []float64{30, 40.2, 10.4}}, {Name: "Бюджет", Values: []float64{0, 4.9, math.NaN()}}}}
	svg, err := r.chartSVG(c, false)
	if err != nil {
		t.Fatal(err)
	}
	s := string(svg)
	for _, want := range []string{">Сауран<", ">Түркістан<", ">Частные<", ">Бюджет<", ">млрд ₸<", "font-family:DejaVu Sans", ">40<"} {
		if !strings.Contains(s, want) {
			t.Errorf("chart has no %q", want)
		}
	}
	if strings.Contains(s, "@font-face") {
		t.Error("the HTML chart embeds the font (the page declares it once)")
	}
	embedded, err := r.chartSVG(c, true)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(embedded, []byte("@font-face")) {
		t.Error("a standalone chart does not carry its font")
	}
	// the decimal comma of Russian on the value axis
	c.Series = []Series{{Name: "x", Values: []float64{0.4, 1.2, 0.8}}}
	svg, _ = r.chartSVG(c, false)
	if !strings.Contains(string(svg), ">0,4<") && !strings.Contains(string(svg), ">0,5<") {
		t.Errorf("value axis not in Russian number format:\n%s", svg)
	}
}
