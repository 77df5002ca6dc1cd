package render

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/mattn/go-runewidth"
)

// Bar is one row of a terminal bar chart. In a two-part chart Part is drawn
// solid inside a lighter bar of length Whole (created of planned, built of
// planned); a one-part chart draws Whole solid. Values not reported are NaN
// and draw nothing.
type Bar struct {
	Label string
	Part  float64 // ignored in a one-part chart
	Whole float64 // NaN when not reported
	Text  string  // the value as the reader should see it, e.g. "1,220 / 6,460"
}

// BarChart is a horizontal bar chart, already labelled for its reader.
type BarChart struct {
	Title   string
	TwoPart bool // bars are Part of Whole
	Bars    []Bar
	Legend  string // explains the two parts; empty for one-part charts
	Notes   []string
}

// BarStyle is how bars are drawn.
type BarStyle struct {
	Width int  // total line width in columns
	ASCII bool // '#' and '-' instead of block characters
	Color bool // ANSI colour on the solid part
}

// eighths are the left-aligned partial blocks from 1/8 to 7/8.
var eighths = []string{"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"}

const (
	fullBlock  = "█"
	lightShade = "░"
	colorOn    = "\x1b[32m"
	colorOff   = "\x1b[0m"
)

// WriteBars draws a horizontal bar chart: label, bar, value on each line.
// Bar lengths are to scale with the largest value, in eighths of a column
// (whole columns with ASCII).
func WriteBars(w io.Writer, c *BarChart, st BarStyle) error {
	labelW, textW := 0, 0
	biggest := 0.0
	for _, b := range c.Bars {
		labelW = max(labelW, runewidth.StringWidth(b.Label))
		textW = max(textW, runewidth.StringWidth(b.Text))
		for _, v := range []float64{b.Part, b.Whole} {
			if !math.IsNaN(v) && v > biggest {
				biggest = v
			}
		}
	}
	barW := max(st.Width-labelW-textW-4, 10)
	var out strings.Builder
	if c.Title != "" {
		fmt.Fprintln(&out, c.Title)
	}
	for _, b := range c.Bars {
		out.WriteString(runewidth.FillRight(b.Label, labelW))
		out.WriteString("  ")
		bar, used := drawBar(b, c.TwoPart, biggest, barW, st)
		out.WriteString(bar)
		out.WriteString(strings.Repeat(" ", barW-used+2))
		out.WriteString(runewidth.FillLeft(b.Text, textW))
		out.WriteString("\n")
	}
	if c.Legend != "" {
		fmt.Fprintln(&out, c.Legend)
	}
	for _, n := range c.Notes {
		fmt.Fprintln(&out, n)
	}
	// no trailing spaces: stable output for pipes and golden files
	var clean strings.Builder
	for _, line := range strings.SplitAfter(out.String(), "\n") {
		nl := strings.HasSuffix(line, "\n")
		clean.WriteString(strings.TrimRight(line, " \n"))
		if nl {
			clean.WriteString("\n")
		}
	}
	_, err := io.WriteString(w, clean.String())
	return err
}

// drawBar returns a bar and the number of columns it takes.
func drawBar(b Bar, twoPart bool, biggest float64, width int, st BarStyle) (string, int) {
	if biggest <= 0 {
		return "", 0
	}
	scale := func(v float64) int { // length in eighths of a column
		if math.IsNaN(v) || v <= 0 {
			return 0
		}
		n := int(math.Round(v / biggest * float64(width*8)))
		if st.ASCII {
			n = (n + 4) / 8 * 8
		}
		if n == 0 {
			n = 8 // a reported, non-zero value is never invisible
			if !st.ASCII {
				n = 1
			}
		}
		return n
	}
	solid, whole := b.Part, b.Whole
	if !twoPart {
		solid, whole = b.Whole, math.NaN()
	}
	s8 := scale(solid)
	solidChar, shade := fullBlock, lightShade
	if st.ASCII {
		solidChar, shade = "#", "-"
	}
	var sb strings.Builder
	if st.Color && s8 > 0 {
		sb.WriteString(colorOn)
	}
	full, rest := s8/8, s8%8
	sb.WriteString(strings.Repeat(solidChar, full))
	used := full
	if rest > 0 {
		sb.WriteString(eighths[rest])
		used++
	}
	if st.Color && s8 > 0 {
		sb.WriteString(colorOff)
	}
	if wholeCols := (scale(whole) + 7) / 8; wholeCols > used {
		sb.WriteString(strings.Repeat(shade, wholeCols-used))
		used = wholeCols
	}
	return sb.String(), used
}
