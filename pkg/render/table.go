// Package render writes tables and documents: human tables through
// tablewriter, and the machine formats (JSON, YAML, CSV) with a stable,
// language-independent shape.
package render

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
)

// Table is a human table, already formatted for its reader.
type Table struct {
	Title   string
	Header  []string
	Rows    [][]string
	Footer  []string // the total row; nil for none
	Numeric []bool   // right-aligned columns
	Notes   []string // lines under the table
	// Wrap, when > 0, wraps cells wider than this many characters (long
	// notes and sources) instead of stretching the table.
	Wrap int
	// MaxWidth, when > 0, is the width of the terminal a boxed table must
	// fit in: wrapped headers, cut names, else one record after another
	// (fit.go). Plain and Markdown tables ignore it.
	MaxWidth int
}

// Style is how a human table is drawn.
type Style int

const (
	// Boxed draws borders, for a terminal.
	Boxed Style = iota
	// Plain aligns columns with spaces only: stable and easy to pipe.
	Plain
	// Markdown is a GitHub-flavoured table.
	Markdown
)

// WriteTable draws a table. Plain tables lose trailing spaces, so piped
// output is stable and diff-friendly.
func WriteTable(w io.Writer, t *Table, style Style) error {
	if style != Plain {
		return writeTable(w, t, style)
	}
	var buf bytes.Buffer
	if err := writeTable(&buf, t, style); err != nil {
		return err
	}
	for _, line := range strings.SplitAfter(buf.String(), "\n") {
		trimmed := strings.TrimRight(line, " \n")
		if strings.HasSuffix(line, "\n") {
			trimmed += "\n"
		}
		if _, err := io.WriteString(w, trimmed); err != nil {
			return err
		}
	}
	return nil
}

// MarkdownText escapes text for a Markdown table cell or line: a | would
// end the cell, and HTML (<script>, &lt;) would be run or rendered by
// GitHub and by Markdown viewers; a backslash is doubled so it escapes
// nothing.
func MarkdownText(s string) string {
	return markdownEscaper.Replace(s)
}

var markdownEscaper = strings.NewReplacer(`\`, `\\`, "|", `\|`, "<", "&lt;", "&", "&amp;")

// markdownTable is a copy of t with every text escaped for Markdown.
func markdownTable(t *Table) *Table {
	esc := func(cells []string) []string {
		if cells == nil {
			return nil
		}
		out := make([]string, len(cells))
		for i, c := range cells {
			out[i] = MarkdownText(c)
		}
		return out
	}
	c := *t
	c.Title = MarkdownText(t.Title)
	c.Header = esc(t.Header)
	c.Footer = esc(t.Footer)
	c.Notes = esc(t.Notes)
	c.Rows = make([][]string, len(t.Rows))
	for i, r := range t.Rows {
		c.Rows[i] = esc(r)
	}
	return &c
}

func writeTable(w io.Writer, t *Table, style Style) error {
	if style == Markdown {
		t = markdownTable(t)
	}
	if style == Boxed && t.MaxWidth > 0 {
		t = wrapNotes(t)
		fitted := fit(t)
		if fitted == nil {
			return writeVertical(w, t)
		}
		t = fitted
	}
	if t.Title != "" {
		if style == Markdown {
			fmt.Fprintf(w, "### %s\n\n", t.Title)
		} else {
			fmt.Fprintln(w, t.Title)
		}
	}
	align := make([]tw.Align, len(t.Header))
	for i := range align {
		align[i] = tw.AlignLeft
		if i < len(t.Numeric) && t.Numeric[i] {
			align[i] = tw.AlignRight
		}
	}
	var rend tw.Renderer
	switch style {
	case Markdown:
		rend = renderer.NewMarkdown()
	case Plain:
		rend = renderer.NewBlueprint(tw.Rendition{
			Borders: tw.BorderNone,
			Symbols: tw.NewSymbols(tw.StyleNone),
			Settings: tw.Settings{
				Separators: tw.Separators{BetweenColumns: tw.On, BetweenRows: tw.Off},
				Lines:      tw.Lines{ShowHeaderLine: tw.Off, ShowFooterLine: tw.Off},
			},
		})
	default:
		rend = renderer.NewBlueprint(tw.Rendition{Symbols: tw.NewSymbols(tw.StyleLight)})
	}
	wrap := tw.WrapNone
	if t.Wrap > 0 {
		wrap = tw.WrapNormal
	}
	cell := func() tw.CellConfig {
		return tw.CellConfig{
			Formatting: tw.CellFormatting{AutoFormat: tw.Off, AutoWrap: wrap},
			Alignment:  tw.CellAlignment{PerColumn: align},
		}
	}
	opts := []tablewriter.Option{
		tablewriter.WithRenderer(rend),
		tablewriter.WithConfig(tablewriter.Config{Header: cell(), Row: cell(), Footer: cell()}),
	}
	if t.Wrap > 0 {
		// A per-cell maximum: WithColumnMax fixes the width of the whole
		// table in tablewriter v1 and squeezed every column to a few letters.
		opts = append(opts, tablewriter.WithRowMaxWidth(t.Wrap), tablewriter.WithHeaderMaxWidth(t.Wrap))
	}
	table := tablewriter.NewTable(w, opts...)
	table.Header(toAny(t.Header)...)
	for _, r := range t.Rows {
		if err := table.Append(toAny(r)...); err != nil {
			return err
		}
	}
	if t.Footer != nil {
		if style == Markdown {
			// GitHub tables have no footer: the total is the last row, in bold.
			bold := make([]string, len(t.Footer))
			for i, c := range t.Footer {
				if c != "" {
					bold[i] = "**" + c + "**"
				}
			}
			if err := table.Append(toAny(bold)...); err != nil {
				return err
			}
		} else {
			table.Footer(toAny(t.Footer)...)
		}
	}
	if err := table.Render(); err != nil {
		return err
	}
	for _, n := range t.Notes {
		if style == Markdown {
			fmt.Fprintf(w, "\n%s\n", n)
		} else {
			fmt.Fprintln(w, n)
		}
	}
	return nil
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		// tablewriter treats a lone "-" specially in some versions; keep cells literal
		out[i] = strings.TrimRight(s, " ")
	}
	return out
}
