package cli

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

var snapshotFiles = []string{"../../testdata/snapshots/2026-06-01.yaml", "../../testdata/snapshots/2025-12-01.yaml", "../../testdata/snapshots/2026-03-01.yaml"}

// runTrend runs the CLI on a day after the last snapshot (their as_of
// would otherwise be in the future of runParks' clock).
func runTrendCLI(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, &IO{In: strings.NewReader(""), Out: &out, Err: &errb,
		Getenv: func(string) string { return "" }, Now: func() time.Time { return time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC) }})
	return out.String(), errb.String(), code
}

// strokePath matches a stroked path of gonum's SVG: its points and style.
var strokePath = regexp.MustCompile(`^fill:none;stroke:(#[0-9A-Fa-f]{6});stroke-width:([0-9.]+)`)

// polylines are the lines of a chart with one point per date: the data
// lines (the legend's samples and the grid have two points), by colour.
func polylines(svg *html.Node, dates int) map[string][][]float64 {
	out := map[string][][]float64{}
	for _, p := range find(svg, tag("path")) {
		m := strokePath.FindStringSubmatch(attr(p, "style"))
		if m == nil {
			continue
		}
		d := attr(p, "d")
		pts := strings.FieldsFunc(d, func(r rune) bool { return r == 'M' || r == 'L' })
		if len(pts) != dates || strings.ContainsAny(d, "AZ") {
			continue
		}
		var ys []float64
		for _, pt := range pts {
			xy := strings.Split(pt, ",")
			y, _ := strconv.ParseFloat(xy[1], 64)
			ys = append(ys, y)
		}
		out[strings.ToUpper(m[1])] = append(out[strings.ToUpper(m[1])], ys)
	}
	return out
}

// parks trend --out FILE.html: one chart per metric, a line per group the
// table lists (with a value) and the total, the legend naming them; the
// table under each chart is the one `parks trend` prints, and the total
// line is drawn at the table's values.
func TestTrendHTML(t *testing.T) {
	metrics := []string{"jobs_created", "buildings_built", "investment_total_kzt", "jobs_planned"}
	for _, lang := range []string{"en", "kk", "ru"} {
		t.Run(lang, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "trend.html")
			args := append([]string{"trend"}, snapshotFiles...)
			args = append(args, "--top", "3", "--lang", lang, "--metric", strings.Join(metrics, ","))
			if stdout, stderr, code := runTrendCLI(t, append(args, "--out", out)...); code != 0 || stdout != "" {
				t.Fatalf("exit %d, stdout %q: %s", code, stdout, stderr)
			}
			f, err := os.Open(out)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			doc, err := html.Parse(f)
			if err != nil {
				t.Fatal(err)
			}
			if h := find(doc, tag("html")); len(h) != 1 || attr(h[0], "lang") != lang {
				t.Errorf("html lang is not %q", lang)
			}
			if s := find(doc, func(n *html.Node) bool {
				return n.Data == "script" || n.Data == "link" || n.Data == "img" || strings.HasPrefix(attr(n, "src"), "http")
			}); len(s) > 0 {
				t.Errorf("page fetches or runs something: <%s>", s[0].Data)
			}
			charts := find(doc, func(n *html.Node) bool { return n.Data == "svg" && attr(n, "class") == "chart" })
			if len(charts) != len(metrics) {
				t.Fatalf("%d charts, want %d", len(charts), len(metrics))
			}
			total := map[string]string{"en": "Total", "kk": "Барлығы", "ru": "Итого"}[lang]
			for i, m := range metrics {
				c := charts[i]
				if attr(c, "id") != "chart-"+m {
					t.Errorf("chart %d is %q, want chart-%s", i, attr(c, "id"), m)
				}
				// The table is exactly what `parks trend --top 3` prints for
				// the metric, without the sparkline column.
				stdout, _, code := runTrendCLI(t, append(slices.Clone(args[:len(args)-1]), m)...)
				if code != 0 {
					t.Fatalf("parks trend --metric %s: exit %d", m, code)
				}
				want := plainTable(stdout)
				got := htmlRows(byID(doc, "table-"+m))
				if len(got) != len(want) || len(got) != 1+3+1 {
					t.Fatalf("%s: table has %d rows, `parks trend` %d, want 5:\n%q\n%q", m, len(got), len(want), got, want)
				}
				var lines []string // the groups with a value on some date, then the total
				full := 0          // lines with a value on every date: one polyline each
				for j := range got {
					if !slices.Equal(got[j], want[j][:min(len(want[j]), 4)]) {
						t.Errorf("%s row %d: %q, `parks trend` prints %q", m, j, got[j], want[j])
					}
					if j > 0 && slices.ContainsFunc(got[j][1:], func(s string) bool { return s != "—" }) {
						lines = append(lines, got[j][0])
					}
					if j > 0 && !slices.Contains(got[j][1:], "—") {
						full++
					}
				}
				if lines[len(lines)-1] != total {
					t.Fatalf("%s: last row %q is not the total", m, lines[len(lines)-1])
				}
				// Every line named in the legend.
				labels := textOf(c)
				for _, l := range lines {
					if !strings.Contains(labels, l) {
						t.Errorf("%s: legend has no %q", m, l)
					}
				}
				// A polyline through every date for each line reported on
				// every date; the total black.
				polys := polylines(c, 3)
				n := 0
				for _, ps := range polys {
					n += len(ps)
				}
				if n != full || m != "jobs_created" && full != len(lines) {
					t.Errorf("%s: %d polylines, want %d (%q)", m, n, full, lines)
				}
				black := polys["#000000"]
				if len(black) != 1 {
					t.Fatalf("%s: %d black total lines", m, len(black))
				}
				// The total drawn at the table's values: on a linear axis from
				// zero, heights are in the ratio of the values.
				foot := got[len(got)-1]
				var vals []float64
				for _, s := range foot[1:] {
					s = strings.NewReplacer(",", "", "\u00a0", "", " ", "").Replace(s)
					v, err := strconv.ParseFloat(s, 64)
					if err != nil {
						// kk and ru write a decimal comma: the en run checks it
						vals = nil
						break
					}
					vals = append(vals, v)
				}
				if lang == "en" && len(vals) == 3 {
					ys := black[0]
					// y = y0 + k·v: the same k between every pair of dates
					k1 := (ys[1] - ys[0]) / (vals[1] - vals[0])
					k2 := (ys[2] - ys[0]) / (vals[2] - vals[0])
					if vals[1] != vals[0] && vals[2] != vals[0] && math.Abs(k1-k2) > 0.05*math.Abs(k2) {
						t.Errorf("%s: total drawn at %v, not in the ratio of %v", m, ys, vals)
					}
				}
			}
			// Lines the chart leaves out are said under it.
			if !strings.Contains(textOf(byID(doc, "figure-buildings_built")), map[string]string{"en": "(3 of 17)", "kk": "(3 / 17)", "ru": "(3 из 17)"}[lang]) {
				t.Errorf("no note on the cut under buildings_built")
			}
		})
	}
}

// Without --top the chart still keeps to the readable number of lines; one
// metric to .svg is the file itself, several are files next to it; an input
// is never overwritten.
func TestTrendSVG(t *testing.T) {
	dir := t.TempDir()
	args := append([]string{"trend"}, snapshotFiles...)
	one := filepath.Join(dir, "jobs.svg")
	if _, stderr, code := runTrendCLI(t, append(args, "--metric", "buildings_built", "--out", one)...); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	svg, err := os.ReadFile(one)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(strings.NewReader(string(svg)))
	if err != nil {
		t.Fatal(err)
	}
	s := find(doc, tag("svg"))[0]
	if n := len(polylines(s, 3)); n != 6+1 {
		t.Errorf("%d line colours, want 6 groups and the total", n)
	}
	for _, want := range []string{"buildings_built by district", "Turkistan city", "Total", "(6 of 17)", "@font-face"} {
		if !strings.Contains(string(svg), want) {
			t.Errorf("standalone chart lacks %q", want)
		}
	}
	if _, stderr, code := runTrendCLI(t, append(args, "--out", filepath.Join(dir, "t.svg"))...); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := []string{"jobs.svg", "t-buildings_built.svg", "t-investment_total_kzt.svg", "t-jobs_created.svg", "t-jobs_planned.svg"}
	if !slices.Equal(names, want) {
		t.Errorf("files %q, want %q", names, want)
	}

	// An output that is an input under another name (a hard link) is refused.
	src, _ := os.ReadFile(snapshotFiles[1])
	in := filepath.Join(dir, "s.yaml")
	if err := os.WriteFile(in, src, 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.svg")
	if err := os.Link(in, link); err != nil {
		t.Skip("no hard links here:", err)
	}
	if _, stderr, code := runTrendCLI(t, "trend", in, "--metric", "jobs_created", "--out", link); code != ExitError || !strings.Contains(stderr, "it is an input file") {
		t.Errorf("overwriting an input: exit %d, %s", code, stderr)
	}
	if after, _ := os.ReadFile(in); string(after) != string(src) {
		t.Error("the input was changed")
	}
}
