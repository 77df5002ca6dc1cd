package report

import (
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"path/filepath"
	"strings"
	"sync"

	_ "embed"

	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/parks-kz/parks/pkg/render"
	"github.com/parks-kz/parks/pkg/safefile"
)

// Trend is `parks trend` drawn as lines: per metric a line chart and the
// table of the values it draws, both from rows the command computed.
type Trend struct {
	Lang      i18n.Lang
	Title     string
	Region    string
	Snapshots []Snapshot // in date order
	Metrics   []TrendMetric
}

// Snapshot is one dataset of a trend.
type Snapshot struct{ AsOf, Path string }

// TrendMetric is one metric of a trend: its chart and its table (the
// chart's ID is the metric key).
type TrendMetric struct {
	Chart *LineChart
	Table *render.Table
}

// TrendFormats lists the formats a trend is drawn in.
var TrendFormats = []string{"html", "svg"}

// TrendFormatOf tells a trend's format from a file name's extension.
func TrendFormatOf(path string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".html", ".htm":
		return "html"
	case ".svg":
		return "svg"
	}
	return ""
}

// Outputs lists every file the trend writes: the page; or the SVG itself
// for one metric, else one SVG per metric next to out (trend.svg →
// trend-jobs_created.svg, …).
func (t *Trend) Outputs(format, out string) []string {
	if format != "svg" || len(t.Metrics) == 1 {
		return []string{out}
	}
	var files []string
	for _, m := range t.Metrics {
		files = append(files, ChartPath(out, m.Chart.ID))
	}
	return files
}

// Save writes the trend, every file atomically (a temporary file in the
// same directory, then a rename) and the SVG files as a set (package
// safefile).
func (t *Trend) Save(format, out string) error {
	switch format {
	case "html":
		return writeAtomic(out, func(w io.Writer) error { return t.WriteHTML(w) })
	case "svg":
		files := t.Outputs(format, out)
		var set safefile.Set // the charts are replaced as a whole
		defer set.Abort()
		for i, m := range t.Metrics {
			svg, err := lineChartSVG(t.Lang, m.Chart, true)
			if err != nil {
				return err
			}
			if err := set.Add(files[i], func(w io.Writer) error {
				_, err := w.Write(svg)
				return err
			}); err != nil {
				return err
			}
		}
		return set.Commit()
	}
	return fmt.Errorf("unknown trend format %q", format)
}

//go:embed assets/trend.html.tmpl
var trendTemplate string

// The trend page shares the report's head (CSS, font) and table.
var trendTmpl = sync.OnceValue(func() *template.Template {
	// its own parse of the report's templates: a template cannot be
	// cloned once it has executed, and the report page may have been
	// written first
	return template.Must(template.Must(template.New("report").Parse(htmlTemplate)).New("trend").Parse(trendTemplate))
})

type trendLabels struct{ Region, Snapshots, Contents string }

type trendSection struct {
	ID, Title, Note string
	SVG             template.HTML
	Table           htmlTable
}

type trendPage struct {
	Lang      i18n.Lang
	Title     string
	Region    string
	T         trendLabels
	FontFace  template.CSS
	Snapshots []Snapshot
	Metrics   []trendSection
}

// WriteHTML writes the trend as one self-contained HTML page in the
// report's style: inline CSS, the font as a data URL, charts as inline SVG.
func (t *Trend) WriteHTML(w io.Writer) error {
	page := trendPage{
		Lang: t.Lang, Title: t.Title, Region: t.Region, Snapshots: t.Snapshots,
		T: trendLabels{Region: i18n.T(t.Lang, "report.region"), Snapshots: i18n.T(t.Lang, "trend.snapshots"),
			Contents: i18n.T(t.Lang, "report.contents")},
		FontFace: fontFace(),
	}
	for _, m := range t.Metrics {
		svg, err := lineChartSVG(t.Lang, m.Chart, false)
		if err != nil {
			return err
		}
		c := m.Chart
		page.Metrics = append(page.Metrics, trendSection{
			ID: c.ID, Title: c.Title, Note: c.Note,
			// gonum's SVG escapes its text; it is our own output, not input.
			SVG:   template.HTML(inlineSVG(svg, c.ID, c.Title)),
			Table: toHTMLTable(&Table{ID: c.ID, Human: m.Table}),
		})
	}
	return trendTmpl().ExecuteTemplate(w, "trend", page)
}

// fontFace declares the embedded font for a page; the charts' SVG text
// names its family.
func fontFace() template.CSS {
	return template.CSS(fmt.Sprintf(`@font-face { font-family: %q; src: url(data:font/ttf;base64,%s) format("truetype"); }`,
		fontFamily, base64.StdEncoding.EncodeToString(dejaVuSans)))
}
