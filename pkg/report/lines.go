package report

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"strings"
	"time"

	"github.com/parks-kz/parks/pkg/i18n"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// LineChart is a line chart over time: x is the dates in order, placed by
// their distance in time; one line per series.
type LineChart struct {
	ID    string
	Title string
	Axis  string // what the value axis measures, with its unit
	Dates []time.Time
	Lines []Line
	Note  string // drawn under the plot: which lines are shown, gaps
}

// Line is one line of a line chart; NaN is "not reported" and leaves a gap.
// The total is drawn black and thicker than the groups.
type Line struct {
	Name   string
	Values []float64
	Total  bool
}

// lineGlyphs tell lines apart without colour (print, colour blindness).
var lineGlyphs = []draw.GlyphDrawer{draw.CircleGlyph{}, draw.BoxGlyph{}, draw.PyramidGlyph{}, draw.RingGlyph{},
	draw.SquareGlyph{}, draw.TriangleGlyph{}, draw.CrossGlyph{}, draw.PlusGlyph{}}

// linePalette continues the bar charts' Okabe–Ito colours; black is kept
// for the total.
var linePalette = append(append([]color.Color{}, palette...),
	color.RGBA{213, 94, 0, 255},   // vermillion
	color.RGBA{86, 180, 233, 255}, // sky blue
)

// LineColors is how many groups get a colour of their own.
var LineColors = len(linePalette)

const (
	lineWidth   = 1.5 // points
	totalWidth  = 2.5
	plotHeight  = 7 * vg.Centimeter
	legendLineH = 0.5 * vg.Centimeter
)

// lineChartSVG draws a line chart as SVG with gonum/plot. With standalone
// the SVG carries its font and its title (it is a file of its own); in the
// HTML page the title is the figure's caption and the page declares the
// font once.
func lineChartSVG(lang i18n.Lang, c *LineChart, standalone bool) ([]byte, error) {
	p, err := newPlot(8)
	if err != nil {
		return nil, err
	}
	handler := p.TextHandler
	p.Y.Label.Text = c.Axis

	xs := make([]float64, len(c.Dates))
	for i, d := range c.Dates {
		xs[i] = float64(d.Unix())
	}
	p.X.Tick.Marker = dateTicks{dates: c.Dates}
	p.Y.Tick.Marker = langTicks{i18n.Formatter{Lang: lang}}
	p.Y.Min = 0 // counts and money start at zero; a line's height reads as its size
	p.Add(plotter.NewGrid())
	if len(xs) == 1 {
		// one date: widen the axis a day either side so the point sits mid-chart
		p.X.Min, p.X.Max = xs[0]-86400, xs[0]+86400
	} else if len(xs) > 1 {
		pad := (xs[len(xs)-1] - xs[0]) * 0.03
		p.X.Min, p.X.Max = xs[0]-pad, xs[len(xs)-1]+pad
	}

	legend := plot.NewLegend()
	legend.TextStyle.Handler = handler
	legend.TextStyle.Font = font.Font{Typeface: "DejaVu", Size: 10}
	legend.Top, legend.Left = true, true
	legend.Padding = 0.06 * vg.Centimeter
	legend.ThumbnailWidth = 0.9 * vg.Centimeter
	colour := 0
	for i, l := range c.Lines {
		if len(l.Values) != len(xs) {
			return nil, fmt.Errorf("chart %s: line %q has %d values for %d dates", c.ID, l.Name, len(l.Values), len(xs))
		}
		style := draw.LineStyle{Width: vg.Points(lineWidth)}
		glyph := draw.GlyphStyle{Radius: vg.Points(2.5)}
		if l.Total {
			style.Color, style.Width = color.Black, vg.Points(totalWidth)
			glyph.Color, glyph.Shape, glyph.Radius = color.Black, draw.CircleGlyph{}, vg.Points(3)
		} else {
			style.Color = linePalette[colour%len(linePalette)]
			glyph.Color, glyph.Shape = style.Color, lineGlyphs[i%len(lineGlyphs)]
			colour++
		}
		// A not-reported value breaks the line: one path per run of
		// reported values, and a mark on every reported point.
		var points plotter.XYs
		var thumbs []plot.Thumbnailer
		flush := func() error {
			if len(points) > 1 {
				ln, err := plotter.NewLine(points)
				if err != nil {
					return err
				}
				ln.LineStyle = style
				p.Add(ln)
			}
			points = nil
			return nil
		}
		var marks plotter.XYs
		for j, v := range l.Values {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				if err := flush(); err != nil {
					return nil, fmt.Errorf("chart %s: %w", c.ID, err)
				}
				continue
			}
			points = append(points, plotter.XY{X: xs[j], Y: v})
			marks = append(marks, plotter.XY{X: xs[j], Y: v})
		}
		if err := flush(); err != nil {
			return nil, fmt.Errorf("chart %s: %w", c.ID, err)
		}
		if len(marks) > 0 {
			sc, err := plotter.NewScatter(marks)
			if err != nil {
				return nil, fmt.Errorf("chart %s: %w", c.ID, err)
			}
			sc.GlyphStyle = glyph
			p.Add(sc)
		}
		sample := &plotter.Line{LineStyle: style}
		thumbs = append(thumbs, sample, &plotter.Scatter{GlyphStyle: glyph})
		legend.Add(l.Name, thumbs...)
	}
	// The legend gets its own strip above the plot, so it never covers a line.
	legendH := vg.Length(len(c.Lines))*legendLineH + 0.2*vg.Centimeter
	// A standalone chart says under the plot what its note says under the
	// HTML figure: which lines are drawn, and why some break.
	var note string
	noteH := vg.Length(0)
	noteStyle := text.Style{Handler: handler, Font: font.Font{Typeface: "DejaVu", Size: 8}, Color: color.Gray{Y: 0x57}, XAlign: draw.XLeft, YAlign: draw.YTop}
	if standalone && c.Note != "" {
		note = wrapWords(c.Note, 80)
		noteH = vg.Length(strings.Count(note, "\n")+1)*0.4*vg.Centimeter + 0.3*vg.Centimeter
	}
	// A standalone chart carries its title above the legend.
	titleH := vg.Length(0)
	titleStyle := text.Style{Handler: handler, Font: font.Font{Typeface: "DejaVu", Size: 11}, Color: color.Black, XAlign: draw.XLeft, YAlign: draw.YTop}
	if standalone && c.Title != "" {
		titleH = 0.7 * vg.Centimeter
	}
	height := titleH + legendH + plotHeight + noteH
	canvas := vgsvg.NewWith(vgsvg.UseWH(chartWidth, height), vgsvg.EmbedFonts(standalone))
	dc := draw.New(canvas)
	if titleH > 0 {
		dc.FillText(titleStyle, vg.Point{X: 0.2 * vg.Centimeter, Y: height - 0.15*vg.Centimeter}, c.Title)
	}
	p.Draw(draw.Crop(dc, 0, 0, noteH, -legendH-titleH))
	if note != "" {
		dc.FillText(noteStyle, vg.Point{X: 0.2 * vg.Centimeter, Y: noteH - 0.15*vg.Centimeter}, note)
	}
	legend.Draw(draw.Crop(dc, 0.2*vg.Centimeter, 0, height-legendH-titleH, -titleH))
	var buf bytes.Buffer
	if _, err := canvas.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// dateTicks marks the snapshots' dates, and only them: a label under each,
// or under every second, third … one when there are too many to fit.
type dateTicks struct{ dates []time.Time }

func (t dateTicks) Ticks(min, max float64) []plot.Tick {
	// about eight ISO dates fit side by side under a 14 cm chart
	step := (len(t.dates) + 7) / 8
	ticks := make([]plot.Tick, 0, len(t.dates))
	for i, d := range t.dates {
		tk := plot.Tick{Value: float64(d.Unix())}
		if i%step == 0 {
			tk.Label = d.Format(time.DateOnly)
		}
		ticks = append(ticks, tk)
	}
	return ticks
}

// wrapWords breaks a sentence into lines of at most n runes (a word longer
// than n stays whole).
func wrapWords(s string, n int) string {
	var lines []string
	var cur []rune
	for _, w := range strings.Fields(s) {
		rw := []rune(w)
		if len(cur) > 0 && len(cur)+1+len(rw) > n {
			lines = append(lines, string(cur))
			cur = nil
		}
		if len(cur) > 0 {
			cur = append(cur, ' ')
		}
		cur = append(cur, rw...)
	}
	if len(cur) > 0 {
		lines = append(lines, string(cur))
	}
	return strings.Join(lines, "\n")
}
