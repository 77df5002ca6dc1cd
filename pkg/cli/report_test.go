package cli

import (
	"archive/zip"
	"bytes"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/net/html"
)

// runParks runs the CLI with buffers and returns stdout, stderr and the
// exit code.
func runParks(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, &IO{In: strings.NewReader(""), Out: &out, Err: &errb,
		Getenv: func(string) string { return "" }, Now: func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }})
	return out.String(), errb.String(), code
}

// plainTable splits the plain table a command prints into cells (columns
// are separated by two or more spaces), without its title line.
func plainTable(out string) [][]string {
	var rows [][]string
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	sep := regexp.MustCompile(`\s{2,}`)
	for _, l := range lines[1:] {
		if strings.HasPrefix(l, "—") { // the note under the table
			continue
		}
		rows = append(rows, sep.Split(strings.TrimSpace(l), -1))
	}
	return rows
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func find(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func byID(root *html.Node, id string) *html.Node {
	if ns := find(root, func(n *html.Node) bool { return attr(n, "id") == id }); len(ns) == 1 {
		return ns[0]
	}
	return nil
}

func tag(name string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Data == name }
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.TrimSpace(b.String())
}

// htmlRows are the cells of a table's header, body and footer rows.
func htmlRows(table *html.Node) [][]string {
	var rows [][]string
	for _, tr := range find(table, tag("tr")) {
		var cells []string
		for c := tr.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && (c.Data == "td" || c.Data == "th") {
				cells = append(cells, textOf(c))
			}
		}
		rows = append(rows, cells)
	}
	return rows
}

func TestReportHTML(t *testing.T) {
	for _, lang := range []string{"en", "kk", "ru"} {
		t.Run(lang, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "report.html")
			if _, stderr, code := runParks(t, "report", "--out", out, "--lang", lang); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
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
			// Offline: no script, no external resource.
			if s := find(doc, func(n *html.Node) bool {
				return n.Data == "script" || n.Data == "link" || n.Data == "img" || n.Data == "iframe" ||
					strings.HasPrefix(attr(n, "src"), "http") || strings.HasPrefix(attr(n, "href"), "http")
			}); len(s) > 0 {
				t.Errorf("report fetches or runs something: <%s>", s[0].Data)
			}
			for _, id := range []string{"title", "headline", "tables", "charts", "facilities", "quality"} {
				if byID(doc, id) == nil {
					t.Errorf("section #%s missing", id)
				}
			}
			// Every table with a head and a body, numbers right-aligned.
			for _, id := range []string{"headline", "buildings", "investment", "jobs", "leverage", "facilities"} {
				tb := byID(doc, "table-"+id)
				if tb == nil {
					t.Errorf("table %s missing", id)
					continue
				}
				if len(find(tb, tag("thead"))) != 1 || len(find(tb, tag("tbody"))) != 1 {
					t.Errorf("table %s: no thead/tbody", id)
				}
				if len(find(tb, func(n *html.Node) bool { return n.Data == "td" && attr(n, "class") == "num" })) == 0 {
					t.Errorf("table %s: no right-aligned number cells", id)
				}
			}
			// The per-district tables are exactly what the commands print.
			for _, cmd := range []string{"buildings", "investment", "jobs", "leverage"} {
				stdout, _, code := runParks(t, cmd, "--lang", lang)
				if code != 0 {
					t.Fatalf("parks %s: exit %d", cmd, code)
				}
				want := plainTable(stdout)
				got := htmlRows(byID(doc, "table-"+cmd))
				if !slices.EqualFunc(got, want, slices.Equal) {
					t.Errorf("table %s differs from `parks %s`:\n got %q\nwant %q", cmd, cmd, got, want)
				}
			}
			// Four charts drawn by gonum/plot: bars, and the labels in the
			// reader's language.
			charts := find(doc, func(n *html.Node) bool { return n.Data == "svg" && attr(n, "class") == "chart" })
			if len(charts) != 4 {
				t.Fatalf("%d charts, want 4", len(charts))
			}
			districtLabel := map[string]string{"en": "Turkistan city", "kk": "Түркістан қ.", "ru": "г. Туркестан"}[lang]
			for _, c := range charts {
				id := attr(c, "id")
				if len(find(c, tag("path"))) < 10 {
					t.Errorf("%s: too few shapes for a bar chart", id)
				}
				if attr(c, "viewBox") == "" {
					t.Errorf("%s: no viewBox, cannot scale to a phone", id)
				}
				labels := textOf(c)
				if id != "chart-leverage" && !strings.Contains(labels, districtLabel) {
					t.Errorf("%s: no label %q", id, districtLabel)
				}
			}
			if lang == "kk" && !strings.Contains(textOf(byID(doc, "chart-leverage")), "Шағын өнеркәсіптік парк") {
				t.Errorf("leverage chart does not name the park")
			}
			// Headline figures of the article.
			head := map[string]string{}
			for _, r := range htmlRows(byID(doc, "table-headline"))[1:] {
				head[r[0]] = r[1]
			}
			wantHead := map[string]map[string]string{
				"en": {"Sites": "21", "Buildings under construction": "192", "Jobs created / planned": "1,220 / 10,134", "Land area, ha": "327.5"},
				"ru": {"Зданий строится": "192", "Рабочих мест создано / запланировано": "1\u00a0220 / 10\u00a0134"},
				"kk": {"Салынып жатқан ғимараттар": "192"},
			}[lang]
			for k, v := range wantHead {
				if head[k] != v {
					t.Errorf("headline %q = %q, want %q (all: %q)", k, head[k], v, head)
				}
			}
			if facs := htmlRows(byID(doc, "table-facilities")); len(facs) != 1+22 {
				t.Errorf("facility list has %d rows, want 22", len(facs)-1)
			}
		})
	}
}

func TestReportXLSX(t *testing.T) {
	out := filepath.Join(t.TempDir(), "report.xlsx")
	if _, stderr, code := runParks(t, "report", "--out", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{"README", "Buildings by district", "Investment by district", "Jobs by district",
		"Leverage of private on budget i", "Facilities"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Fatalf("sheets %q, want %q", got, want)
	}
	// find returns the row of a label in column A.
	rowOf := func(sheet, label string) int {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range rows {
			if len(r) > 0 && r[0] == label {
				return i + 1
			}
		}
		t.Fatalf("%s: no row %q", sheet, label)
		return 0
	}
	numFmt := func(sheet, cell string) string {
		id, err := f.GetCellStyle(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		if st.CustomNumFmt == nil {
			return ""
		}
		return *st.CustomNumFmt
	}
	raw := func(sheet, cell string) string {
		v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		sheet, label, col, raw, format string
	}{
		{"Investment by district", "Turkistan city", "B", "40200000000", `#,##0 "₸"`}, // private money, whole tenge
		{"Investment by district", "Total", "D", "119780000000", `#,##0 "₸"`},
		{"Buildings by district", "Total", "D", "192", `#,##0`},
		{"Buildings by district", "Sauran district", "B", "", ""},                // not reported stays empty
		{"Jobs by district", "Turkistan city", "D", "0.201986754966887", `0.0%`}, // 1,220 of the park's 6,040: records reporting both
		{"Leverage of private on budget i", "Total", "D", "", `0.0`},
		{"README", "Buildings under construction", "B", "192", `#,##0`},
	}
	for _, tc := range tests {
		cell := tc.col + strconv.Itoa(rowOf(tc.sheet, tc.label))
		got := raw(tc.sheet, cell)
		if tc.sheet == "Leverage of private on budget i" {
			// a ratio of sums: 101.1 bn private ÷ 8.28 bn budget
			x, err := strconv.ParseFloat(got, 64)
			if err != nil || x < 12.2 || x > 12.22 {
				t.Errorf("%s %s = %q, want about 12.21", tc.sheet, cell, got)
			}
		} else if strings.Contains(tc.raw, ".") {
			x, err1 := strconv.ParseFloat(got, 64)
			y, _ := strconv.ParseFloat(tc.raw, 64)
			if err1 != nil || math.Abs(x-y) > 1e-12 {
				t.Errorf("%s %s = %q, want %q", tc.sheet, cell, got, tc.raw)
			}
		} else if got != tc.raw {
			t.Errorf("%s %s = %q, want %q", tc.sheet, cell, got, tc.raw)
		}
		if tc.format != "" {
			if nf := numFmt(tc.sheet, cell); nf != tc.format {
				t.Errorf("%s %s format %q, want %q", tc.sheet, cell, nf, tc.format)
			}
			if ct, _ := f.GetCellType(tc.sheet, cell); ct == excelize.CellTypeSharedString || ct == excelize.CellTypeInlineString {
				t.Errorf("%s %s is stored as text", tc.sheet, cell)
			}
		}
	}
	for _, sheet := range want[1:] {
		panes, err := f.GetPanes(sheet)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: header row not frozen (%+v, %v)", sheet, panes, err)
		}
		if w, _ := f.GetColWidth(sheet, "A"); w < 15 {
			t.Errorf("%s: column A only %.0f wide", sheet, w)
		}
	}
	// The package parts: one native bar chart per metric sheet, filters.
	z, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	charts, filters, stacked := 0, 0, 0
	for _, zf := range z.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		b.ReadFrom(rc)
		rc.Close()
		switch {
		case strings.HasPrefix(zf.Name, "xl/charts/chart"):
			charts++
			x := b.String()
			if !strings.Contains(x, "barChart>") || !strings.Contains(x, `barDir val="bar"`) {
				t.Errorf("%s is not a horizontal bar chart", zf.Name)
			}
			// Rows read top to bottom as in the table; bars grow to the right.
			cat := regexp.MustCompile(`<catAx>.*?orientation val="(\w+)"`).FindStringSubmatch(x)
			val := regexp.MustCompile(`<valAx>.*?orientation val="(\w+)"`).FindStringSubmatch(x)
			if cat == nil || val == nil || cat[1] != "maxMin" || val[1] != "minMax" {
				t.Errorf("%s: axis orientation category %v, value %v", zf.Name, cat, val)
			}
			if strings.Contains(x, `grouping val="stacked"`) {
				stacked++
				if !strings.Contains(x, "Buildings by district") && !strings.Contains(x, "Investment by district") {
					t.Errorf("%s is stacked", zf.Name)
				}
			}
		case strings.HasPrefix(zf.Name, "xl/worksheets/sheet"):
			if strings.Contains(b.String(), "<autoFilter ") {
				filters++
			}
		}
	}
	if charts != 4 {
		t.Errorf("%d charts, want 4 (one per metric sheet)", charts)
	}
	if stacked != 2 {
		t.Errorf("%d stacked charts, want 2 (buildings, investment)", stacked)
	}
	if filters != 5 {
		t.Errorf("%d sheets with an autofilter, want 5", filters)
	}
}

func TestReportRefusals(t *testing.T) {
	dir := t.TempDir()
	csv := filepath.Join(dir, "facilities.csv")
	stdout, _, _ := runParks(t, "list", "-o", "csv")
	if err := os.WriteFile(csv, []byte(stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(csv)
	if _, stderr, code := runParks(t, "report", csv, "--format", "html", "--out", csv); code != ExitError || !strings.Contains(stderr, "it is an input file") {
		t.Errorf("overwriting the input: exit %d, %s", code, stderr)
	}
	if after, _ := os.ReadFile(csv); !bytes.Equal(before, after) {
		t.Error("the input file was changed")
	}
	if _, stderr, code := runParks(t, "report", "--out", filepath.Join(dir, "r.pdf")); code != ExitError || !strings.Contains(stderr, "cannot tell the format") {
		t.Errorf("unknown extension: exit %d, %s", code, stderr)
	}
	if _, _, code := runParks(t, "report"); code != ExitError {
		t.Errorf("no --out: exit %d", code)
	}
	// No temporary files are left next to the report.
	if _, _, code := runParks(t, "report", "--out", filepath.Join(dir, "r.md")); code != 0 {
		t.Fatal("markdown report failed")
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	wantNames := []string{"facilities.csv", "r-buildings.svg", "r-investment.svg", "r-jobs.svg", "r-leverage.svg", "r.md"}
	if !slices.Equal(names, wantNames) {
		t.Errorf("files %q, want %q", names, wantNames)
	}
}

// With many facilities the leverage chart keeps the highest ones and says so.
func TestReportLeverageChartTopFacilities(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("id,name,kind,district,investment_private_kzt,investment_budget_kzt,as_of,source\n")
	for i := 1; i <= 35; i++ {
		// leverage i: F35 is the highest
		b.WriteString("f" + strconv.Itoa(i) + ",F" + strconv.Itoa(i) + ",site,Keles," + strconv.Itoa(i*1000) + ",1000,2025-12-01,test\n")
	}
	in := filepath.Join(dir, "many.csv")
	if err := os.WriteFile(in, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "r.md")
	if _, stderr, code := runParks(t, "report", in, "--out", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	md, _ := os.ReadFile(out)
	if !strings.Contains(string(md), "The 30 facilities with the highest leverage, of 35.") {
		t.Errorf("no note on the cut:\n%s", md)
	}
	svg, _ := os.ReadFile(filepath.Join(dir, "r-leverage.svg"))
	for _, want := range []string{">F35<", ">F6<", ">35.0<"} {
		if !bytes.Contains(svg, []byte(want)) {
			t.Errorf("leverage chart lacks %q", want)
		}
	}
	for _, cut := range []string{">F5<", ">F1<"} {
		if bytes.Contains(svg, []byte(cut)) {
			t.Errorf("leverage chart still has %q", cut)
		}
	}
}

// Two runs of the same report write the same workbook parts, style ids
// included. [Content_Types].xml is left out: excelize writes its entries
// in the order of a sync.Map (excelize issue #1732).
func TestReportXLSXRepeatable(t *testing.T) {
	dir := t.TempDir()
	parts := func(name string) map[string]string {
		out := filepath.Join(dir, name)
		if _, stderr, code := runParks(t, "report", "--out", out); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		zr, err := zip.OpenReader(out)
		if err != nil {
			t.Fatal(err)
		}
		defer zr.Close()
		m := map[string]string{}
		for _, f := range zr.File {
			if f.Name == "[Content_Types].xml" || strings.HasPrefix(f.Name, "docProps/") {
				continue
			}
			r, _ := f.Open()
			b, _ := io.ReadAll(r)
			r.Close()
			m[f.Name] = string(b)
		}
		return m
	}
	a, b := parts("a.xlsx"), parts("b.xlsx")
	for name, pa := range a {
		if pa != b[name] {
			t.Errorf("%s differs between two runs", name)
		}
	}
	if len(a) != len(b) {
		t.Errorf("%d parts, then %d", len(a), len(b))
	}
}
