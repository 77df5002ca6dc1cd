package report

import (
	_ "embed"
	"html"
	"html/template"
	"io"
	"sync"

	"github.com/parks-kz/parks/pkg/render"
)

//go:embed assets/report.html.tmpl
var htmlTemplate string

// htmlTmpl is parsed when a report is written, not at every start.
var htmlTmpl = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("report").Parse(htmlTemplate))
})

type htmlCell struct {
	Text string
	Num  bool
}

type htmlTable struct {
	ID, Title string
	Header    []htmlCell
	Rows      [][]htmlCell
	Footer    []htmlCell
	Notes     []string
}

type htmlChart struct {
	ID, Title, Note string
	SVG             template.HTML
}

type htmlLabels struct {
	Region, AsOf, Sources, Files, Contents, Headline, Tables, Charts, Facilities,
	Quality, QualityOK, LeftOut, Warnings, Figure, Value string
}

type htmlPage struct {
	*Report
	T          htmlLabels
	FontFace   template.CSS
	Tables     []htmlTable
	Charts     []htmlChart
	Facilities htmlTable
}

// WriteHTML writes the report as one self-contained HTML file: inline CSS,
// the font as a data URL, charts as inline SVG; nothing is fetched.
func (r *Report) WriteHTML(w io.Writer) error {
	page := htmlPage{
		Report: r,
		T: htmlLabels{
			Region: r.t("report.region"), AsOf: r.t("report.as_of"), Sources: r.t("report.sources"),
			Files: r.t("report.files"), Contents: r.t("report.contents"), Headline: r.t("report.headline"),
			Tables: r.t("report.tables"), Charts: r.t("report.charts"), Facilities: r.t("title.list"),
			Quality: r.t("report.quality"), QualityOK: r.t("report.quality.ok"),
			LeftOut: r.t("report.quality.left_out"), Warnings: r.t("report.quality.warnings"),
			Figure: r.t("report.figure"), Value: r.t("report.value"),
		},
		// The charts' SVG text names this family; declaring it once here
		// serves every chart and the page's own text.
		FontFace: fontFace(),
	}
	for _, t := range r.Tables {
		page.Tables = append(page.Tables, toHTMLTable(t))
	}
	if r.Facilities != nil {
		page.Facilities = toHTMLTable(r.Facilities)
	}
	for _, c := range r.Charts {
		svg, err := r.chartSVG(c, false)
		if err != nil {
			return err
		}
		// gonum's SVG escapes its text; it is our own output, not input.
		page.Charts = append(page.Charts, htmlChart{ID: c.ID, Title: c.Title, Note: c.Note, SVG: template.HTML(inlineSVG(svg, c.ID, c.Title))})
	}
	return htmlTmpl().Execute(w, page)
}

func toHTMLTable(t *Table) htmlTable {
	h := t.HumanTable()
	out := htmlTable{ID: t.ID, Title: h.Title, Notes: h.Notes}
	cells := func(row []string) []htmlCell {
		cs := make([]htmlCell, len(row))
		for i, s := range row {
			cs[i] = htmlCell{Text: s, Num: numeric(h, i)}
		}
		return cs
	}
	out.Header = cells(h.Header)
	for _, r := range h.Rows {
		out.Rows = append(out.Rows, cells(r))
	}
	if h.Footer != nil {
		out.Footer = cells(h.Footer)
	}
	return out
}

func numeric(t *render.Table, i int) bool { return i < len(t.Numeric) && t.Numeric[i] }

func htmlEscape(s string) string { return html.EscapeString(s) }
