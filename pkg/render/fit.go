package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/mattn/go-runewidth"
)

// Fitting a boxed table to a terminal of Table.MaxWidth columns, the way
// DuckDB's and gh's tables do, step by step until it fits:
//
//  1. headers wrap at their spaces to the width of their column's values
//     ("Investment, mln ₸" over two lines above "10,4");
//  2. text columns (names, districts) are cut, widest first, to no less
//     than minTextWidth, with "…" — or, in a table that wraps its long
//     cells (Table.Wrap: descriptions, sources), wrapped onto more lines;
//  3. what still does not fit is written one record after another, a
//     "label  value" line per column (vertical layout).
//
// Only boxed tables (a terminal) are fitted: piped and Markdown output are
// never changed.

const minTextWidth = 12

// boxedWidth is the width tablewriter draws a light-boxed table of these
// column widths in: a border, a space each side of every cell.
func boxedWidth(widths []int) int {
	n := 1
	for _, w := range widths {
		n += w + 3
	}
	return n
}

func textWidth(s string) int {
	w := 0
	for _, line := range strings.Split(s, "\n") {
		w = max(w, runewidth.StringWidth(line))
	}
	return w
}

// columnWidths are the widths of a table's columns: of the values (rows
// and footer) and of the headers.
func columnWidths(t *Table) (values, headers []int) {
	values, headers = make([]int, len(t.Header)), make([]int, len(t.Header))
	for i, h := range t.Header {
		headers[i] = textWidth(h)
	}
	for _, r := range append(append([][]string{}, t.Rows...), t.Footer) {
		for i, c := range r {
			if i < len(values) {
				values[i] = max(values[i], textWidth(c))
			}
		}
	}
	return values, headers
}

// fit returns the table as it fits in t.MaxWidth columns, or nil when only
// the vertical layout fits.
func fit(t *Table) *Table {
	values, headers := columnWidths(t)
	widths := make([]int, len(values))
	for i := range widths {
		widths[i] = max(values[i], headers[i])
	}
	if boxedWidth(widths) <= t.MaxWidth {
		return t
	}
	c := *t
	c.Header = make([]string, len(t.Header))
	for i, h := range t.Header {
		c.Header[i] = wrapWords(h, max(values[i], longestWord(h)))
		widths[i] = max(values[i], textWidth(c.Header[i]))
	}
	if boxedWidth(widths) <= t.MaxWidth {
		return &c
	}
	// cut text columns, the widest first, a character at a time
	cut := make([]int, len(widths))
	copy(cut, widths)
	for boxedWidth(cut) > t.MaxWidth {
		widest := -1
		for i, w := range cut {
			if (i >= len(t.Numeric) || !t.Numeric[i]) && w > minTextWidth && (widest < 0 || w > cut[widest]) {
				widest = i
			}
		}
		if widest < 0 {
			return nil
		}
		cut[widest]--
	}
	shorten := func(cells []string) []string {
		if cells == nil {
			return nil
		}
		out := make([]string, len(cells))
		for i, s := range cells {
			out[i] = s
			if i < len(cut) && cut[i] < widths[i] {
				out[i] = shortenCell(s, cut[i], t.Wrap > 0)
			}
		}
		return out
	}
	for i := range c.Header {
		if cut[i] < widths[i] {
			c.Header[i] = wrapWords(t.Header[i], cut[i])
			if textWidth(c.Header[i]) > cut[i] {
				c.Header[i] = runewidth.Truncate(strings.ReplaceAll(t.Header[i], "\n", " "), cut[i], "…")
			}
		}
	}
	c.Rows = make([][]string, len(t.Rows))
	for i, r := range t.Rows {
		c.Rows[i] = shorten(r)
	}
	c.Footer = shorten(t.Footer)
	return &c
}

func longestWord(s string) int {
	w := 0
	for _, f := range strings.Fields(s) {
		w = max(w, runewidth.StringWidth(f))
	}
	return w
}

// wrapWords breaks s at spaces into lines of at most width columns (a
// longer word gets a line of its own).
func wrapWords(s string, width int) string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		switch {
		case line == "":
			line = word
		case runewidth.StringWidth(line)+1+runewidth.StringWidth(word) <= width:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

// writeVertical writes each record as a block of "label  value" lines
// (values left-aligned, as psql's expanded display has them),
// under a rule with the record's first cell, for a table too wide for the
// terminal even with cut names (psql's \x, DuckDB's .mode line).
func writeVertical(w io.Writer, t *Table) error {
	if t.Title != "" {
		if _, err := fmt.Fprintln(w, t.Title); err != nil {
			return err
		}
	}
	labels := make([]string, len(t.Header))
	lw := 0
	for i, h := range t.Header {
		labels[i] = strings.Join(strings.Fields(h), " ")
		lw = max(lw, runewidth.StringWidth(labels[i]))
	}
	records := append([][]string{}, t.Rows...)
	if t.Footer != nil {
		records = append(records, t.Footer)
	}
	vw := 0 // the values come first: labels are cut to leave them room
	for _, r := range records {
		for i := 1; i < len(r); i++ {
			vw = max(vw, runewidth.StringWidth(r[i]))
		}
	}
	lw = min(lw, max(t.MaxWidth-vw-2, t.MaxWidth/3, 8))
	room := max(t.MaxWidth-lw-2, 1)
	for k, r := range records {
		if len(r) == 0 {
			continue
		}
		// A row with an empty first cell goes on with the record above
		// (diff writes a district's name on its first metric only): a
		// blank line, not a rule with no name, sets it apart.
		rule := ""
		if r[0] != "" || k == 0 {
			title := runewidth.Truncate(r[0], max(t.MaxWidth-4, 1), "…")
			rule = "── " + title + " "
			rule += strings.Repeat("─", max(t.MaxWidth-runewidth.StringWidth(rule), 0))
		}
		if _, err := fmt.Fprintln(w, rule); err != nil {
			return err
		}
		for i := 1; i < len(r) && i < len(labels); i++ {
			label := runewidth.FillRight(runewidth.Truncate(labels[i], lw, "…"), lw)
			value := runewidth.Truncate(r[i], room, "…")
			if _, err := fmt.Fprintln(w, strings.TrimRight(label+"  "+value, " ")); err != nil {
				return err
			}
		}
	}
	for _, n := range t.Notes {
		if _, err := fmt.Fprintln(w, n); err != nil {
			return err
		}
	}
	return nil
}

// wrapNotes is the table with its title and notes wrapped at the
// terminal's width.
func wrapNotes(t *Table) *Table {
	c := *t
	if runewidth.StringWidth(t.Title) > t.MaxWidth {
		c.Title = wrapWords(t.Title, t.MaxWidth)
	}
	c.Notes = make([]string, len(t.Notes))
	for i, n := range t.Notes {
		c.Notes[i] = n
		if runewidth.StringWidth(n) > t.MaxWidth {
			c.Notes[i] = wrapWords(n, t.MaxWidth)
		}
	}
	return &c
}

// shortenCell fits a cell in width columns: cut with "…", or wrapped at
// spaces (each line still cut) when the table wraps its cells.
func shortenCell(s string, width int, wrap bool) string {
	if !wrap {
		return runewidth.Truncate(s, width, "…")
	}
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		for _, line := range strings.Split(wrapWords(para, width), "\n") {
			lines = append(lines, runewidth.Truncate(line, width, "…"))
		}
	}
	return strings.Join(lines, "\n")
}
