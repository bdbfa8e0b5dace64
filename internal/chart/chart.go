// Package chart draws the charts of the impact page as SVG, at build time:
// horizontal bars, one per row (a year), optionally stacked by series (a
// recipient). The result is inline SVG for an HTML page, with no script.
//
// A chart is readable without colour and in print: every series has its own
// pattern (lines, dots, hatching) drawn over a plain ground, a legend names
// the patterns (of the series that are in a bar), each bar is labelled with its value, and every segment is
// outlined. It has a text alternative: the svg element is role="img" and
// labelled by its <title> and <desc>, and each segment carries a <title>
// with its series and value. Pages show the underlying table next to it.
//
// # Colours come from the page
//
// The chart names no colour of its own: its parts carry classes that the
// page's stylesheet colours, so a chart follows the site's theme, dark mode
// included. The default theme (templates/static/style.css) colours them
// from custom properties, which a theme may set:
//
//	--chart-1 … --chart-4  the grounds of the patterns: a solid one and three
//	                       lighter ones (by default mixes of --accent and --paper)
//	--chart-ink            the marks of the patterns and the outlines (--ink)
//
// and the classes are
//
//	.g1 … .g4   a pattern's ground (fill)
//	.mk         a pattern's marks drawn as lines (stroke)
//	.mkf        a pattern's marks drawn as shapes (fill)
//	.seg        the outline of a segment or of a legend swatch (stroke)
//
// Where no stylesheet applies (a feed reader, a saved SVG) the presentation
// attributes give a neutral grey chart with black marks.
//
// # A series keeps its pattern
//
// A series' pattern follows from its name, not from its place in the
// legend: a series asks for the pattern that a hash of its name gives, and
// takes the next free one when an earlier series holds it. Series ask in the
// order they first appear in the bars (oldest year first, for the impact
// page), and in the order of their hashes within one bar. So a recipient
// first given to in a new year never changes the pattern of another; only a
// series new to an old bar can, and only when it asks for a pattern another
// holds. With more series than patterns, patterns repeat.
//
// # Sizes
//
// The labels are measured with an estimate of their width in a sans-serif
// font, a generous one, and the chart leaves them that room: a row label, a
// bar's value and a legend line (wrapped between words when long) stay
// inside the chart's viewBox. The svg scales with the width of the page, so
// on a phone the whole chart shows, its text a little smaller.
//
// Values are exact decimals; only the drawing uses floats. The labels are
// written by the caller, in the site's language.
package chart

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"hash/fnv"
	"html/template"
	"math"
	"slices"
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
	width      = 380
	margin     = 2 // room for the outlines at the edges
	barHeight  = 24
	rowGap     = 10
	fontSize   = 14
	lineHeight = 18 // of a wrapped legend line
	legendGap  = 6  // between legend entries
	swatch     = 14
	textGap    = 6 // between a label and what it labels
)

// A pattern fills one series: a ground and marks over it.
type pattern struct {
	ground int    // the class of the ground: 1 (solid) to 4
	marks  string // SVG inside a 8×8 pattern tile
}

// The marks' classes are mk (stroked) and mkf (filled); their presentation
// attributes are the colours with no stylesheet.
var patterns = []pattern{
	{1, ``}, // solid
	{2, `<path class="mk" d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#000" stroke-width="1.2"/>`},
	{4, `<circle class="mkf" cx="2" cy="2" r="1.3" fill="#000"/><circle class="mkf" cx="6" cy="6" r="1.3" fill="#000"/>`},
	{3, `<path class="mk" d="M0,2 h8 M0,6 h8" stroke="#000" stroke-width="1"/>`},
	{4, `<path class="mk" d="M0,0 l8,8 M8,0 l-8,8" stroke="#000" stroke-width="1"/>`},
	{2, `<path class="mk" d="M-2,6 l4,4 M0,0 l8,8 M6,-2 l4,4" stroke="#000" stroke-width="1.2"/>`},
	{3, `<path class="mk" d="M2,0 v8 M6,0 v8" stroke="#000" stroke-width="1"/>`},
	{4, `<rect class="mkf" x="0" y="0" width="4" height="4" fill="#000"/><rect class="mkf" x="4" y="4" width="4" height="4" fill="#000"/>`},
	{2, `<path class="mk" d="M0,4 l2,-2 l2,2 l2,-2 l2,2" stroke="#000" stroke-width="1" fill="none"/>`},
	{4, `<path class="mk" d="M0,4 h8 M4,0 v8" stroke="#000" stroke-width="1"/>`},
}

// grounds are the fills of the ground classes with no stylesheet: greys.
var grounds = [...]string{1: "#555555", 2: "#dddddd", 3: "#aaaaaa", 4: "#ffffff"}

// SVG writes the chart as an inline <svg> element.
func (c *Chart) SVG() template.HTML {
	var b bytes.Buffer
	top := decimal.Zero
	labelW, valueW := 0.0, 0.0
	for _, bar := range c.Bars {
		if t := bar.total(); t.GreaterThan(top) {
			top = t
		}
		labelW = max(labelW, textWidth(bar.Label, true))
		valueW = max(valueW, textWidth(bar.Value, false))
	}
	left := float64(margin)
	if labelW > 0 {
		left = math.Ceil(labelW) + textGap
	}
	// The bars take what the labels leave, but never less than a third.
	barMax := max(float64(width)-left-math.Ceil(valueW)-textGap-margin, width/3)
	pat := c.assign()

	height := len(c.Bars)*(barHeight+rowGap) + rowGap
	// The legend: a swatch and the series' name, wrapped, per line.
	type entry struct {
		series int
		lines  []string
		y      int
	}
	var legend []entry // of the series in the bars
	lx := left         // the swatches line up with the bars, unless that leaves the names too little room
	if width-lx-swatch-textGap < width/2 {
		lx = margin
	}
	if len(c.Series) > 1 {
		y := height
		for i, name := range c.Series {
			if pat[i] < 0 {
				continue
			}
			lines := wrap(name, float64(width)-lx-swatch-textGap-margin)
			legend = append(legend, entry{i, lines, y})
			y += max(swatch, len(lines)*lineHeight) + legendGap
		}
		height = y - legendGap + rowGap
	}

	id := esc(c.ID)
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-labelledby="%s-title %s-desc" font-size="%d">`,
		width, height, width, height, id, id, fontSize)
	fmt.Fprintf(&b, "\n<title id=\"%s-title\">%s</title>\n<desc id=\"%s-desc\">%s</desc>\n", id, esc(c.Title), id, esc(c.Desc))
	b.WriteString("<defs>")
	used := map[int]bool{}
	for _, bar := range c.Bars {
		for _, s := range bar.Segments {
			used[patternOf(pat, s.Series)] = true
		}
	}
	for i, p := range patterns {
		if !used[i] {
			continue
		}
		fmt.Fprintf(&b, `<pattern id="%s-p%d" width="8" height="8" patternUnits="userSpaceOnUse"><rect class="g%d" width="8" height="8" fill="%s"/>%s</pattern>`,
			id, i, p.ground, grounds[p.ground], p.marks)
	}
	b.WriteString("</defs>\n")
	scale := 0.0
	if top.IsPositive() {
		scale = barMax / top.InexactFloat64()
	}
	for i, bar := range c.Bars {
		y := rowGap + i*(barHeight+rowGap)
		b.WriteString(`<g class="bar">`)
		if bar.Label != "" {
			fmt.Fprintf(&b, `<text x="%.0f" y="%d" text-anchor="end" dominant-baseline="central" font-weight="bold">%s</text>`,
				left-textGap, y+barHeight/2, esc(bar.Label))
		}
		x := left
		for _, s := range bar.Segments {
			w := s.Size.InexactFloat64() * scale
			if s.Size.IsPositive() && w < 2 {
				w = 2 // too small to see, but there
			}
			name := ""
			if s.Series < len(c.Series) {
				name = c.Series[s.Series] + ": "
			}
			fmt.Fprintf(&b, `<rect class="seg" x="%.2f" y="%d" width="%.2f" height="%d" fill="url(#%s-p%d)" stroke="#000" stroke-width="0.75"><title>%s</title></rect>`,
				x, y, w, barHeight, id, patternOf(pat, s.Series), esc(bar.Label+", "+name+s.Label))
			x += w
		}
		fmt.Fprintf(&b, `<text x="%.2f" y="%d" dominant-baseline="central">%s</text></g>`+"\n", x+textGap, y+barHeight/2, esc(bar.Value))
	}
	if len(legend) > 0 {
		b.WriteString(`<g class="legend">`)
		for _, e := range legend {
			fmt.Fprintf(&b, `<rect class="seg" x="%.0f" y="%d" width="%d" height="%d" fill="url(#%s-p%d)" stroke="#000" stroke-width="0.75"/>`,
				lx, e.y, swatch, swatch, id, pat[e.series])
			tx := lx + swatch + textGap
			if len(e.lines) == 1 {
				fmt.Fprintf(&b, `<text x="%.0f" y="%d" dominant-baseline="central">%s</text>`, tx, e.y+swatch/2, esc(e.lines[0]))
				continue
			}
			fmt.Fprintf(&b, `<text x="%.0f" y="%d" dominant-baseline="central">`, tx, e.y+swatch/2)
			for j, line := range e.lines {
				dy := 0
				if j > 0 {
					dy = lineHeight
				}
				fmt.Fprintf(&b, `<tspan x="%.0f" dy="%d">%s</tspan>`, tx, dy, esc(line))
			}
			b.WriteString(`</text>`)
		}
		b.WriteString("</g>\n")
	}
	b.WriteString("</svg>")
	return template.HTML(b.String())
}

// patternOf is the pattern of series i, for a segment whose series may be
// out of range.
func patternOf(pat []int, i int) int {
	if i >= 0 && i < len(pat) {
		return pat[i]
	}
	return max(i, 0) % len(patterns)
}

// assign returns the index of the pattern of each series (in the order of
// Series), or -1 for a series in no bar, which the legend leaves out: as
// the package comment says, the pattern that the series' name asks for
// when it is free, asked for in the order the series first appear in the
// bars.
func (c *Chart) assign() []int {
	// The order of asking: by first bar, then by hash.
	first := make([]int, len(c.Series))
	for i := range first {
		first[i] = len(c.Bars)
	}
	for bi, bar := range c.Bars {
		for _, s := range bar.Segments {
			if s.Series >= 0 && s.Series < len(first) && bi < first[s.Series] {
				first[s.Series] = bi
			}
		}
	}
	order := make([]int, len(c.Series))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		if first[a] != first[b] {
			return first[a] - first[b]
		}
		ha, hb := hash(c.Series[a]), hash(c.Series[b])
		switch {
		case ha < hb:
			return -1
		case ha > hb:
			return 1
		}
		return strings.Compare(c.Series[a], c.Series[b])
	})
	n := len(patterns)
	pat := make([]int, len(c.Series))
	taken := map[int]bool{}
	for _, i := range order {
		if first[i] == len(c.Bars) {
			pat[i] = -1
			continue
		}
		want := hash(c.Series[i]) % n
		p := want
		for k := range n {
			if q := (want + k) % n; !taken[q] {
				p = q
				break
			}
		}
		taken[p] = true
		pat[i] = p
	}
	return pat
}

// hash is the FNV-1a hash of a series' name.
func hash(name string) int {
	h := fnv.New32a()
	h.Write([]byte(name))
	return int(h.Sum32() & 0x7fffffff)
}

// textWidth estimates the width of s in user units, at the chart's font
// size, in a sans-serif font, erring wide: a label given this room is not
// cut in the fonts a browser picks for system-ui.
func textWidth(s string, bold bool) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case strings.ContainsRune(" .,:;'|!ilIjft()[]/-", r):
			w += 0.34
		case r >= '0' && r <= '9':
			w += 0.6
		case strings.ContainsRune("MWmw@%", r):
			w += 0.95
		case r >= 'A' && r <= 'Z' || strings.ContainsRune("£€$¥₂", r):
			w += 0.72
		case r < 0x80:
			w += 0.58
		default:
			w += 0.8 // accented letters are as wide as their base; other scripts may be wider
		}
	}
	if bold {
		w *= 1.08
	}
	return w * fontSize * 1.05
}

// wrap breaks s between words into lines no wider than room; a word wider
// than room is broken where it must be.
func wrap(s string, room float64) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		if line != "" && textWidth(line+" "+word, false) > room {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		for _, r := range word {
			if line != "" && textWidth(line+string(r), false) > room {
				lines = append(lines, line)
				line = ""
			}
			line += string(r)
		}
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
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
