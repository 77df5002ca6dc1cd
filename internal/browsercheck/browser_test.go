//go:build browser

// Package browsercheck renders the HTML report of the built-in data (and
// the trend page of the dated snapshots) in a real browser (headless Chromium) in every language and fails when a
// chart or table is missing, the embedded font does not cover Kazakh
// letters, or the page is wider than a phone screen. Run it with
// `make test-browser`; screenshots and DOM dumps are left in bin/browser/.
package browsercheck

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/parks-kz/parks/pkg/cli"
	"golang.org/x/net/html"
)

// Headless Chromium will not make a window narrower than 500 px, so the
// report is shown at phone width in an iframe of a wrapper page. The probe
// measures the rendered report after the load event and the fonts, and
// writes the result into the wrapper's DOM, where --dump-dom shows it.
const wrapper = `<!DOCTYPE html>
<html><head><meta charset="utf-8"></head>
<body style="margin:0">
<iframe id="report" src="%s" style="border:0;width:%dpx;height:%dpx"></iframe>
<script>
var frame = document.getElementById("report");
frame.addEventListener("load", function () {
  var doc = frame.contentDocument, win = frame.contentWindow;
  doc.fonts.ready.then(function () {
    var d = doc.documentElement;
    var r = {scrollWidth: d.scrollWidth, innerWidth: win.innerWidth, scrollHeight: d.scrollHeight,
      fontOK: doc.fonts.check('16px "DejaVu Sans"', "әғқңөұүһі"), charts: [], tables: []};
    doc.querySelectorAll("svg.chart").forEach(function (c) {
      var b = c.getBoundingClientRect();
      r.charts.push({id: c.id, w: b.width, h: b.height, texts: c.querySelectorAll("text").length});
    });
    doc.querySelectorAll("table").forEach(function (t) {
      var b = t.getBoundingClientRect();
      r.tables.push({id: t.id, w: b.width, h: b.height, rows: t.tBodies.length ? t.tBodies[0].rows.length : 0});
    });
    var out = document.createElement("pre");
    out.id = "parks-check";
    out.textContent = JSON.stringify(r);
    document.body.appendChild(out);
  });
});
</script>
</body></html>
`

type measured struct {
	ScrollWidth, InnerWidth, ScrollHeight float64
	FontOK                                bool
	Charts                                []struct {
		ID    string
		W, H  float64
		Texts int
	}
	Tables []struct {
		ID   string
		W, H float64
		Rows int
	}
}

func chromium(t *testing.T, args ...string) []byte {
	t.Helper()
	bin := os.Getenv("CHROMIUM")
	if bin == "" {
		bin = "/usr/bin/chromium"
	}
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("no Chromium at %s (install Debian's chromium package, or set CHROMIUM): %v", bin, err)
	}
	profile := t.TempDir() // a fresh profile every run
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--hide-scrollbars", "--allow-file-access-from-files", "--user-data-dir=" + profile}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, append(base, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %v: %v\n%s", args, err, stderr.String())
	}
	return stdout.Bytes()
}

func findID(n *html.Node, id string) *html.Node {
	if n.Type == html.ElementNode {
		for _, a := range n.Attr {
			if a.Key == "id" && a.Val == id {
				return n
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findID(c, id); f != nil {
			return f
		}
	}
	return nil
}

// inked counts the pixels of a screenshot that are not white.
func inked(t *testing.T, path string) (image.Rectangle, int) {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			if r, g, bl, _ := img.At(x, y).RGBA(); r < 0xf000 || g < 0xf000 || bl < 0xf000 {
				n++
			}
		}
	}
	return b, n
}

func TestReportInChromium(t *testing.T) {
	out := os.Getenv("BROWSER_OUT")
	if out == "" {
		out = filepath.Join("..", "..", "bin", "browser")
	}
	out, _ = filepath.Abs(out)
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	const phone, desktop = 360, 1024
	for _, lang := range []string{"en", "kk", "ru"} {
		t.Run(lang, func(t *testing.T) {
			report := filepath.Join(out, "report-"+lang+".html")
			var stderr bytes.Buffer
			if code := cli.Main([]string{"report", "--out", report, "--lang", lang}, &cli.IO{Out: &bytes.Buffer{}, Err: &stderr}); code != 0 {
				t.Fatalf("parks report: exit %d: %s", code, stderr.String())
			}
			check := filepath.Join(out, "check-"+lang+".html")
			if err := os.WriteFile(check, fmt.Appendf(nil, wrapper, filepath.Base(report), phone, 800), 0o644); err != nil {
				t.Fatal(err)
			}
			dom := chromium(t, "--window-size=800,900", "--virtual-time-budget=20000", "--dump-dom", "file://"+check)
			domFile := filepath.Join(out, "dom-"+lang+".html")
			if err := os.WriteFile(domFile, dom, 0o644); err != nil {
				t.Fatal(err)
			}
			doc, err := html.Parse(bytes.NewReader(dom))
			if err != nil {
				t.Fatal(err)
			}
			node := findID(doc, "parks-check")
			if node == nil || node.FirstChild == nil {
				t.Fatalf("the page did not finish loading in Chromium (no probe result in %s)", domFile)
			}
			var m measured
			if err := json.Unmarshal([]byte(node.FirstChild.Data), &m); err != nil {
				t.Fatalf("probe result %q: %v", node.FirstChild.Data, err)
			}
			t.Logf("%s at %.0f px: scrollWidth %.0f, height %.0f, %d charts, %d tables", lang, m.InnerWidth, m.ScrollWidth, m.ScrollHeight, len(m.Charts), len(m.Tables))
			if m.ScrollWidth > m.InnerWidth {
				t.Errorf("the page overflows a %.0f px phone screen: %.0f px wide", m.InnerWidth, m.ScrollWidth)
			}
			if !m.FontOK {
				t.Error("the embedded font does not cover the Kazakh letters")
			}
			if len(m.Charts) != 4 {
				t.Errorf("%d charts rendered, want 4", len(m.Charts))
			}
			for _, c := range m.Charts {
				if c.W < 200 || c.H < 100 || c.Texts < 10 { // wider than the screen is fine: its figure scrolls
					t.Errorf("chart %s renders %.0f×%.0f px with %d labels", c.ID, c.W, c.H, c.Texts)
				}
			}
			wantTables := map[string]bool{"table-headline": true, "table-buildings": true, "table-investment": true, "table-jobs": true, "table-leverage": true, "table-facilities": true}
			for _, tb := range m.Tables {
				if tb.Rows == 0 || tb.H == 0 || tb.W == 0 {
					t.Errorf("table %s renders empty (%d rows, %.0f×%.0f)", tb.ID, tb.Rows, tb.W, tb.H)
				}
				delete(wantTables, tb.ID)
			}
			for id := range wantTables {
				t.Errorf("table %s missing", id)
			}
			// Printed: A4 pages, each section starting on a new one.
			pdf := filepath.Join(out, "report-"+lang+".pdf")
			chromium(t, "--no-pdf-header-footer", "--virtual-time-budget=20000", "--print-to-pdf="+pdf, "file://"+report)
			checkPDF(t, pdf)
			// Screenshots of the whole page, for people to look at: on a
			// phone (through the wrapper) and on a desktop.
			phoneShot := filepath.Join(out, "phone-"+lang+".html")
			if err := os.WriteFile(phoneShot, fmt.Appendf(nil, wrapper, filepath.Base(report), phone, int(m.ScrollHeight)), 0o644); err != nil {
				t.Fatal(err)
			}
			shots := []struct {
				file, page string
				w, h       int
			}{
				{fmt.Sprintf("report-%s-phone.png", lang), phoneShot, 500, int(m.ScrollHeight)},
				{fmt.Sprintf("report-%s-desktop.png", lang), report, desktop, int(m.ScrollHeight*0.55) + 400},
			}
			for _, sh := range shots {
				file := filepath.Join(out, sh.file)
				chromium(t, fmt.Sprintf("--window-size=%d,%d", sh.w, sh.h), "--virtual-time-budget=20000", "--screenshot="+file, "file://"+sh.page)
				b, n := inked(t, file)
				if b.Dx() < sh.w || n < b.Dx()*b.Dy()/4/50 {
					t.Errorf("screenshot %s is %v with only %d inked pixels", file, b, n)
				}
			}
		})
	}
}

// The page of `parks trend --out FILE.html` over the dated snapshots, at
// phone width in every language: four line charts and their tables, the
// font, no overflow.
func TestTrendInChromium(t *testing.T) {
	out := os.Getenv("BROWSER_OUT")
	if out == "" {
		out = filepath.Join("..", "..", "bin", "browser")
	}
	out, _ = filepath.Abs(out)
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	snaps := filepath.Join("..", "..", "testdata", "snapshots")
	const phone = 360
	for _, lang := range []string{"en", "kk", "ru"} {
		t.Run(lang, func(t *testing.T) {
			page := filepath.Join(out, "trend-"+lang+".html")
			args := []string{"trend", filepath.Join(snaps, "2025-12-01.yaml"), filepath.Join(snaps, "2026-03-01.yaml"), filepath.Join(snaps, "2026-06-01.yaml"),
				"--out", page, "--lang", lang}
			var stderr bytes.Buffer
			if code := cli.Main(args, &cli.IO{Out: &bytes.Buffer{}, Err: &stderr}); code != 0 {
				t.Fatalf("parks trend: exit %d: %s", code, stderr.String())
			}
			check := filepath.Join(out, "trend-check-"+lang+".html")
			if err := os.WriteFile(check, fmt.Appendf(nil, wrapper, filepath.Base(page), phone, 800), 0o644); err != nil {
				t.Fatal(err)
			}
			dom := chromium(t, "--window-size=800,900", "--virtual-time-budget=20000", "--dump-dom", "file://"+check)
			doc, err := html.Parse(bytes.NewReader(dom))
			if err != nil {
				t.Fatal(err)
			}
			node := findID(doc, "parks-check")
			if node == nil || node.FirstChild == nil {
				t.Fatal("the trend page did not finish loading in Chromium")
			}
			var m measured
			if err := json.Unmarshal([]byte(node.FirstChild.Data), &m); err != nil {
				t.Fatalf("probe result %q: %v", node.FirstChild.Data, err)
			}
			if m.ScrollWidth > m.InnerWidth {
				t.Errorf("the page overflows a %.0f px phone screen: %.0f px wide", m.InnerWidth, m.ScrollWidth)
			}
			if !m.FontOK {
				t.Error("the embedded font does not cover the Kazakh letters")
			}
			if len(m.Charts) != 4 || len(m.Tables) != 4 {
				t.Errorf("%d charts and %d tables rendered, want 4 and 4", len(m.Charts), len(m.Tables))
			}
			for _, c := range m.Charts {
				if c.W < 200 || c.H < 100 || c.Texts < 10 {
					t.Errorf("chart %s renders %.0f×%.0f px with %d labels", c.ID, c.W, c.H, c.Texts)
				}
			}
			shot := filepath.Join(out, "trend-"+lang+"-desktop.png")
			chromium(t, "--window-size=1024,2400", "--virtual-time-budget=20000", "--screenshot="+shot, "file://"+page)
			if b, n := inked(t, shot); n < b.Dx()*b.Dy()/4/50 {
				t.Errorf("screenshot %s has only %d inked pixels", shot, n)
			}
		})
	}
}

var (
	pdfPage     = regexp.MustCompile(`/Type\s*/Page\b`)
	pdfMediaBox = regexp.MustCompile(`/MediaBox\s*\[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]`)
)

// checkPDF wants at least one A4 page per section of the report.
func checkPDF(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pages := len(pdfPage.FindAll(b, -1))
	if pages < 5 {
		t.Errorf("%s: %d printed pages; every section (headline, tables, charts, facilities, data quality) starts a page", path, pages)
	}
	for _, m := range pdfMediaBox.FindAllSubmatch(b, -1) {
		w, _ := strconv.ParseFloat(string(m[1]), 64)
		h, _ := strconv.ParseFloat(string(m[2]), 64)
		if math.Abs(w-595.3) > 2 || math.Abs(h-841.9) > 2 {
			t.Errorf("%s: page %.1f×%.1f pt, want A4 (595×842)", path, w, h)
			return
		}
	}
}
