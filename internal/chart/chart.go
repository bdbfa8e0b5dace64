// Package chart draws the charts of the impact page as SVG, at build time:
// horizontal bars, one per row (a year), optionally stacked by series (a
// recipient). The result is inline SVG for an HTML page, with no script.
//
// A chart is readable without colour and in print: every series has its own
// pattern (lines, dots, hatching) drawn in black over a light fill, a legend
// names the patterns, each bar is labelled with its value, and every segment
// is outlined. It has a text alternative: the svg element is role="img" and
// labelled by its <title> and <desc>, and each segment carries a <title>
// with its series and value. Pages show the underlying table next to it.
//
// Values are exact decimals; only the drawing uses floats. The labels are
// written by the caller, in the site's language.
package chart

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"html/template"
	"strings"

	"github.com/shopspring/decimal"
)

// A Chart is a horizontal bar chart.
type Chart struct {
	ID     string   // prefix of the element ids; unique on the page
	Title  string   // short: "Donations per year"
	Desc   string   // the text alternative: what the chart shows, with its figures
	Series []string // the names of the stacked series, in legend order; none for plain bars
	Bars   []Bar
}

// A Bar is one row of the chart.
type Bar struct {
	Label    string // "2020"
	Value    string // the total, written for people: "£157,000"
	Segments []Segment
}

// A Segment is one series' part of a bar.
type Segment struct {
	Series int // index in Chart.Series
	Size   decimal.Decimal
	Label  string // the value written for people, for its <title>
}

// Layout, in SVG user units (the viewBox scales with the page).
const (
	width      = 420
	labelWidth = 44  // the row labels, left
	valueWidth = 104 // the value after the longest bar
	barHeight  = 22
	rowGap     = 10
	fontSize   = 12
	legendRow  = 20
	swatch     = 14
)

// A pattern fills one series: a light ground and black marks.
type pattern struct {
	ground string
	marks  string // SVG inside a 8×8 pattern tile
}

var patterns = []pattern{
	{"#1f6f4a", ``}, // solid dark green
	{"#cfe6d8", `<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#000" stroke-width="1.2"/>`},
	{"#ffffff", `<circle cx="2" cy="2" r="1.3" fill="#000"/><circle cx="6" cy="6" r="1.3" fill="#000"/>`},
	{"#9cc9ad", `<path d="M0,2 h8 M0,6 h8" stroke="#000" stroke-width="1"/>`},
	{"#ffffff", `<path d="M0,0 l8,8 M8,0 l-8,8" stroke="#000" stroke-width="1"/>`},
	{"#e3efe7", `<path d="M-2,6 l4,4 M0,0 l8,8 M6,-2 l4,4" stroke="#000" stroke-width="1.2"/>`},
	{"#6fae8a", `<path d="M2,0 v8 M6,0 v8" stroke="#000" stroke-width="1"/>`},
	{"#ffffff", `<rect x="0" y="0" width="4" height="4" fill="#000"/><rect x="4" y="4" width="4" height="4" fill="#000"/>`},
	{"#b8d8c4", `<path d="M0,4 l2,-2 l2,2 l2,-2 l2,2" stroke="#000" stroke-width="1" fill="none"/>`},
	{"#ffffff", `<path d="M0,4 h8 M4,0 v8" stroke="#000" stroke-width="1"/>`},
}

// SVG writes the chart as an inline <svg> element.
func (c *Chart) SVG() template.HTML {
	var b bytes.Buffer
	max := decimal.Zero
	for _, bar := range c.Bars {
		if t := bar.total(); t.GreaterThan(max) {
			max = t
		}
	}
	rows := len(c.Bars)
	height := rows*(barHeight+rowGap) + rowGap
	legend := 0
	if len(c.Series) > 1 {
		legend = len(c.Series)*legendRow + rowGap
	}
	height += legend
	id := c.ID
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-labelledby="%s-title %s-desc" font-size="%d">`,
		width, height, width, height, esc(id), esc(id), fontSize)
	fmt.Fprintf(&b, "\n<title id=\"%s-title\">%s</title>\n<desc id=\"%s-desc\">%s</desc>\n", esc(id), esc(c.Title), esc(id), esc(c.Desc))
	b.WriteString("<defs>")
	used := c.patternsUsed()
	for i, p := range patterns {
		if !used[i] {
			continue
		}
		fmt.Fprintf(&b, `<pattern id="%s-p%d" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="%s"/>%s</pattern>`, esc(id), i, p.ground, p.marks)
	}
	b.WriteString("</defs>\n")
	barMax := float64(width - labelWidth - valueWidth)
	scale := 0.0
	if max.IsPositive() {
		scale = barMax / max.InexactFloat64()
	}
	for i, bar := range c.Bars {
		y := rowGap + i*(barHeight+rowGap)
		fmt.Fprintf(&b, `<g class="bar"><text x="%d" y="%d" text-anchor="end" dominant-baseline="central" font-weight="bold">%s</text>`,
			labelWidth-6, y+barHeight/2, esc(bar.Label))
		x := float64(labelWidth)
		for _, s := range bar.Segments {
			w := s.Size.InexactFloat64() * scale
			if s.Size.IsPositive() && w < 2 {
				w = 2 // too small to see, but there
			}
			name := ""
			if s.Series < len(c.Series) {
				name = c.Series[s.Series] + ": "
			}
			fmt.Fprintf(&b, `<rect x="%.2f" y="%d" width="%.2f" height="%d" fill="url(#%s-p%d)" stroke="#000" stroke-width="0.75"><title>%s</title></rect>`,
				x, y, w, barHeight, esc(id), s.Series%len(patterns), esc(bar.Label+", "+name+s.Label))
			x += w
		}
		fmt.Fprintf(&b, `<text x="%.2f" y="%d" dominant-baseline="central">%s</text></g>`+"\n", x+6, y+barHeight/2, esc(bar.Value))
	}
	if legend > 0 {
		y := rows*(barHeight+rowGap) + rowGap
		b.WriteString(`<g class="legend">`)
		for i, name := range c.Series {
			ly := y + i*legendRow
			fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" fill="url(#%s-p%d)" stroke="#000" stroke-width="0.75"/><text x="%d" y="%d" dominant-baseline="central">%s</text>`,
				labelWidth, ly, swatch, swatch, esc(id), i%len(patterns), labelWidth+swatch+6, ly+swatch/2, esc(name))
		}
		b.WriteString("</g>\n")
	}
	b.WriteString("</svg>")
	return template.HTML(b.String())
}

// patternsUsed is the set of pattern indexes to define.
func (c *Chart) patternsUsed() map[int]bool {
	used := map[int]bool{}
	for i := range c.Series {
		used[i%len(patterns)] = true
	}
	for _, bar := range c.Bars {
		for _, s := range bar.Segments {
			used[s.Series%len(patterns)] = true
		}
	}
	return used
}

func (bar Bar) total() decimal.Decimal {
	t := decimal.Zero
	for _, s := range bar.Segments {
		t = t.Add(s.Size)
	}
	return t
}

// esc escapes text for XML (and so for HTML).
func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}
