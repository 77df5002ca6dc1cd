// Package report writes finished reports — one self-contained HTML file, a
// GitHub-flavoured Markdown file with SVG charts next to it, an Excel
// workbook — from tables and values that are already computed. It computes
// no metric: the command hands it the same rows the aggregate commands
// print, and it only lays them out and draws them.
package report

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/parks-kz/parks/pkg/i18n"
	"github.com/parks-kz/parks/pkg/parks"
	"github.com/parks-kz/parks/pkg/render"
	"github.com/parks-kz/parks/pkg/safefile"
)

// Report is everything a report shows, in its order.
type Report struct {
	Lang       i18n.Lang
	Title      string
	Region     string
	AsOf       string
	Sources    []string
	Files      []string
	Headline   []Figure
	Tables     []*Table // the per-district tables
	Charts     []*Chart
	Facilities *Table
	Quality    Quality
}

// Figure is one headline figure, formatted for the reader, and the same
// figure as numbers for the workbook (money in whole tenge; "built /
// planned" is two numbers).
type Figure struct {
	Label string
	Text  string
	Sheet []SheetFigure
}

// SheetFigure is a headline number of the workbook.
type SheetFigure struct {
	Label string
	Value parks.Value
}

// Table is one table of the report in two forms: Human as the commands
// print it (money in the automatic unit), Sheet as numbers for the workbook.
// The facility list makes its Human form when a format asks for it
// (HumanTable): a workbook of a million facilities does not hold it.
type Table struct {
	ID    string // anchor in HTML, sheet name in the workbook
	Human *render.Table
	human func() *render.Table // makes Human, when it is nil
	Sheet *Sheet
	// Chart is the workbook's native chart of this sheet: the columns it
	// draws (indexes into Sheet.Header) and whether they stack.
	Chart   []int
	Stacked bool
}

// HumanTable is the table as the commands print it.
func (t *Table) HumanTable() *render.Table {
	if t.Human == nil && t.human != nil {
		t.Human = t.human()
	}
	return t.Human
}

// Sheet is a table as typed cells.
type Sheet struct {
	Header []string
	Rows   [][]Cell
	Total  []Cell // nil when there is no total row
	// Len and Row, when Row is set, stand for Rows: Row appends the cells
	// of row i to dst when they are written (the facility list: a million
	// facilities are not held as cells).
	Len int
	Row func(i int, dst []Cell) []Cell
}

// NumRows is how many rows the sheet has, its total aside.
func (s *Sheet) NumRows() int {
	if s.Row != nil {
		return s.Len
	}
	return len(s.Rows)
}

// RowAt is row i's cells, appended to dst (which Rows' rows are not).
func (s *Sheet) RowAt(i int, dst []Cell) []Cell {
	if s.Row != nil {
		return s.Row(i, dst[:0])
	}
	return s.Rows[i]
}

// Cell is a text or a metric value.
type Cell struct {
	Text    string
	Value   parks.Value
	Numeric bool
}

// TextCell and ValueCell build cells.
func TextCell(s string) Cell       { return Cell{Text: s} }
func ValueCell(v parks.Value) Cell { return Cell{Value: v, Numeric: true} }
func (c Cell) String(f i18n.Formatter) string {
	if !c.Numeric {
		return c.Text
	}
	return f.Value(c.Value, i18n.UnitKZT)
}

// Chart is a horizontal bar chart: one bar (or group or stack of bars) per
// label, top to bottom.
type Chart struct {
	ID      string
	Title   string
	Axis    string // what the value axis measures, with its unit
	Labels  []string
	Series  []Series
	Stacked bool
	Note    string // under the chart, e.g. why some labels have no bar
}

// Series is one colour of a chart; NaN is "not reported" and draws nothing.
// Texts, when given, label each bar with its value as the tables write it
// (used for one-series charts).
type Series struct {
	Name   string
	Values []float64
	Texts  []string
}

// Quality is the data-quality section.
type Quality struct {
	Rows     string   // rows read, used, left out
	LeftOut  []string // errors whose rows were left out (--skip-invalid)
	Warnings []string
}

// Formats lists the report formats.
var Formats = []string{"html", "markdown", "xlsx"}

// FormatOf guesses a format from a file name's extension.
func FormatOf(path string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".html", ".htm":
		return "html"
	case ".md", ".markdown":
		return "markdown"
	case ".xlsx":
		return "xlsx"
	}
	return ""
}

// ChartPath is where the Markdown report's chart id is written.
func ChartPath(out, id string) string {
	ext := filepath.Ext(out)
	return strings.TrimSuffix(out, ext) + "-" + id + ".svg"
}

// Outputs lists every file a report in a format writes.
func (r *Report) Outputs(format, out string) []string {
	files := []string{out}
	if format == "markdown" {
		for _, c := range r.Charts {
			files = append(files, ChartPath(out, c.ID))
		}
	}
	return files
}

// Save writes the report to out (and, for Markdown, its charts next to
// it). Every file is written to a temporary file in the same directory and
// renamed into place, so a reader never sees half a report.
func (r *Report) Save(format, out string) error {
	switch format {
	case "html":
		return writeAtomic(out, func(w io.Writer) error { return r.WriteHTML(w) })
	case "markdown":
		// the page and its charts are replaced as a whole: every file is
		// written before any is renamed into place
		var set safefile.Set
		defer set.Abort()
		for _, c := range r.Charts {
			svg, err := r.chartSVG(c, true)
			if err != nil {
				return err
			}
			if err := set.Add(ChartPath(out, c.ID), func(w io.Writer) error {
				_, err := w.Write(svg)
				return err
			}); err != nil {
				return err
			}
		}
		if err := set.Add(out, func(w io.Writer) error {
			return r.WriteMarkdown(w, func(id string) string { return filepath.Base(ChartPath(out, id)) })
		}); err != nil {
			return err
		}
		return set.Commit()
	case "xlsx":
		return writeAtomic(out, func(w io.Writer) error { return r.WriteXLSX(w) })
	}
	return fmt.Errorf("unknown report format %q", format)
}

// writeAtomic writes one file as package safefile does: only a regular
// file (or a link to one) is replaced, atomically, keeping its mode.
func writeAtomic(path string, write func(io.Writer) error) error {
	return safefile.Write(path, write)
}

// t is a message in the report's language.
func (r *Report) t(id string, args ...any) string { return i18n.T(r.Lang, id, args...) }
