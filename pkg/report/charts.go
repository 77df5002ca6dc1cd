package report

import (
	"bytes"
	_ "embed"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/parks-kz/parks/pkg/i18n"
	"golang.org/x/image/font/opentype"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// DejaVu Sans covers Cyrillic with every Kazakh letter (ә ғ қ ң ө ұ ү һ і);
// gonum's default Liberation fonts are not embedded in reports. Licence:
// assets/DejaVu-LICENSE.txt (Bitstream Vera licence, changes public domain).
//
//go:embed assets/DejaVuSans.ttf
var dejaVuSans []byte

// fontFamily is the family name inside the TTF; charts' SVG text names it
// and the HTML report declares it with @font-face.
const fontFamily = "DejaVu Sans"

var (
	fontsOnce sync.Once
	fonts     *font.Cache
	fontErr   error
)

// chartFonts is a font cache holding only DejaVu Sans, so text is measured
// with the same font the reader's browser draws it with.
func chartFonts() (*font.Cache, error) {
	fontsOnce.Do(func() {
		f, err := opentype.Parse(dejaVuSans)
		if err != nil {
			fontErr = fmt.Errorf("embedded font: %w", err)
			return
		}
		fonts = font.NewCache(font.Collection{{Font: font.Font{Typeface: "DejaVu"}, Face: f}})
	})
	return fonts, fontErr
}

// Colours: colour-blind safe (Okabe–Ito), in series order.
var palette = []color.Color{
	color.RGBA{0, 114, 178, 255},   // blue
	color.RGBA{230, 159, 0, 255},   // orange
	color.RGBA{0, 158, 115, 255},   // green
	color.RGBA{204, 121, 167, 255}, // pink
}

const (
	chartWidth = 14 * vg.Centimeter
	rowHeight  = 0.62 * vg.Centimeter
)

// newPlot starts a plot whose text is set in the embedded DejaVu Sans (which
// covers Kazakh letters), at the sizes every chart of the report uses; the
// x-axis label size is the caller's.
func newPlot(xLabelSize vg.Length) (*plot.Plot, error) {
	cache, err := chartFonts()
	if err != nil {
		return nil, err
	}
	p := plot.New()
	handler := text.Plain{Fonts: cache}
	p.TextHandler = handler
	for _, st := range []struct {
		style *text.Style
		size  vg.Length
	}{{&p.Title.TextStyle, 11}, {&p.X.Label.TextStyle, xLabelSize}, {&p.Y.Label.TextStyle, 10}, {&p.X.Tick.Label, 9}, {&p.Y.Tick.Label, 9}, {&p.Legend.TextStyle, 10}} {
		st.style.Handler = handler
		st.style.Font = font.Font{Typeface: "DejaVu", Size: st.size}
	}
	return p, nil
}

// chartSVG draws a chart as SVG with gonum/plot. With embed the font is
// inside the SVG (Markdown charts are separate files); the HTML report
// declares it once for every chart instead.
func (r *Report) chartSVG(c *Chart, embed bool) ([]byte, error) {
	p, err := newPlot(10)
	if err != nil {
		return nil, err
	}
	handler := p.TextHandler
	p.X.Label.Text = c.Axis
	p.X.Min = 0

	n := len(c.Labels)
	groups := len(c.Series)
	band := rowHeight * 0.8
	barW := band
	if !c.Stacked && groups > 1 {
		barW = band / vg.Length(groups)
	}
	legend := plot.NewLegend()
	legend.TextStyle.Handler = handler
	legend.TextStyle.Font = font.Font{Typeface: "DejaVu", Size: 10}
	legend.Top, legend.Left = true, true
	legend.Padding = 0.08 * vg.Centimeter
	var prev *plotter.BarChart
	for i, s := range c.Series {
		vals := make(plotter.Values, n)
		for j := range n {
			// NominalY puts the first name at the bottom: reverse so the
			// chart reads top to bottom like the tables.
			v := s.Values[n-1-j]
			if math.IsNaN(v) {
				v = 0 // not reported: no bar; the table next to it says —
			}
			vals[j] = v
		}
		bc, err := plotter.NewBarChart(vals, barW)
		if err != nil {
			return nil, fmt.Errorf("chart %s: %w", c.ID, err)
		}
		bc.Horizontal = true
		bc.Color = palette[i%len(palette)]
		bc.LineStyle.Width = 0
		switch {
		case c.Stacked && prev != nil:
			bc.StackOn(prev)
		case !c.Stacked && groups > 1:
			// the first series on top: a horizontal chart's offsets go up
			bc.Offset = barW * (vg.Length(groups-1)/2 - vg.Length(i))
		}
		p.Add(bc)
		legend.Add(s.Name, bc)
		prev = bc
	}
	if groups == 1 && len(c.Series[0].Texts) == n {
		if err := addValueLabels(p, c.Series[0], handler); err != nil {
			return nil, fmt.Errorf("chart %s: %w", c.ID, err)
		}
	}
	labels := slices.Clone(c.Labels)
	slices.Reverse(labels)
	p.NominalY(labels...)
	p.X.Tick.Marker = langTicks{i18n.Formatter{Lang: r.Lang}}
	p.Add(plotter.NewGrid())
	p.Y.Padding = 0
	// The legend gets its own strip above the plot, so it never covers a bar.
	legendH := vg.Length(0)
	if groups > 1 {
		legendH = vg.Length(groups)*0.58*vg.Centimeter + 0.2*vg.Centimeter
	}
	height := rowHeight*vg.Length(n) + 1.6*vg.Centimeter + legendH
	canvas := vgsvg.NewWith(vgsvg.UseWH(chartWidth, height), vgsvg.EmbedFonts(embed))
	dc := draw.New(canvas)
	p.Draw(draw.Crop(dc, 0, 0, 0, -legendH))
	if groups > 1 {
		legend.Draw(draw.Crop(dc, 0, 0, height-legendH, 0))
	}
	var buf bytes.Buffer
	if _, err := canvas.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// inlineSVG is a chart's SVG for inlining in HTML: no XML prolog, scaled
// to its container, labelled for screen readers.
func inlineSVG(svg []byte, id, title string) string {
	s := string(svg)
	if i := strings.Index(s, "<svg"); i >= 0 {
		s = s[i:]
	}
	attrs := fmt.Sprintf(`<svg id="chart-%s" class="chart" role="img" aria-label="%s"`, id, htmlEscape(title))
	return strings.Replace(s, "<svg", attrs, 1)
}

// langTicks writes the value axis's numbers the way the reader's language
// writes them (decimal comma in kk and ru, no exponents).
type langTicks struct{ f i18n.Formatter }

func (t langTicks) Ticks(min, max float64) []plot.Tick {
	ticks := plot.DefaultTicks{}.Ticks(min, max)
	for i := range ticks {
		if ticks[i].Label != "" {
			v := ticks[i].Value
			d := 0
			for d < 2 && math.Abs(v*math.Pow(10, float64(d))-math.Round(v*math.Pow(10, float64(d)))) > 1e-9 {
				d++
			}
			ticks[i].Label = t.f.Decimal(v, d)
		}
	}
	return ticks
}

// addValueLabels writes each bar's value at its end, and widens the value
// axis so the last label fits.
func addValueLabels(p *plot.Plot, s Series, handler text.Handler) error {
	n := len(s.Values)
	xy := plotter.XYLabels{XYs: make(plotter.XYs, n), Labels: make([]string, n)}
	biggest := 0.0
	for j := range n {
		v := s.Values[n-1-j] // bottom to top, like the bars
		if math.IsNaN(v) {
			v = 0
		}
		biggest = max(biggest, v)
		xy.XYs[j] = plotter.XY{X: v, Y: float64(j)}
		xy.Labels[j] = s.Texts[n-1-j]
	}
	labels, err := plotter.NewLabels(xy)
	if err != nil {
		return err
	}
	for i := range labels.TextStyle {
		labels.TextStyle[i].Handler = handler
		labels.TextStyle[i].Font = font.Font{Typeface: "DejaVu", Size: 8}
		labels.TextStyle[i].XAlign = draw.XLeft
		labels.TextStyle[i].YAlign = draw.YCenter
	}
	labels.Offset = vg.Point{X: 1 * vg.Millimeter}
	p.Add(labels)
	p.X.Max = max(p.X.Max, biggest*1.12)
	return nil
}
