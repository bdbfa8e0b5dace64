package chart

import (
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func sample() *Chart {
	d := decimal.RequireFromString
	return &Chart{
		ID:     "donations",
		Title:  "Donations per year, in GBP",
		Desc:   "2019: £8,193; 2020: £157,000 & more",
		Series: []string{"PUR Projet", "WWF <Panda>", "Finsbury Fixers"},
		Bars: []Bar{
			{Label: "2019", Value: "£8,193", Segments: []Segment{{Series: 2, Size: d("8193.41"), Label: "£8,193.41"}}},
			{Label: "2020", Value: "£157,000", Segments: []Segment{{Series: 0, Size: d("112000"), Label: "£112,000"}, {Series: 1, Size: d("45000"), Label: "£45,000"}}},
		},
	}
}

// TestSVGIsXMLWithTextAlternative parses the chart as XML and checks the
// text alternative: role="img", aria-labelledby naming a <title> and a
// <desc> with the chart's title and description, and a <title> per segment.
func TestSVGIsXMLWithTextAlternative(t *testing.T) {
	c := sample()
	svg := string(c.SVG())
	dec := xml.NewDecoder(strings.NewReader(svg))
	ids := map[string]string{} // id → text of the element
	var root *xml.StartElement
	var stack []xml.StartElement
	segmentTitles := 0
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not XML: %v\n%s", err, svg)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if root == nil {
				e := tok.Copy()
				root = &e
			}
			stack = append(stack, tok.Copy())
			text.Reset()
		case xml.CharData:
			text.Write(tok)
		case xml.EndElement:
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, a := range top.Attr {
				if a.Name.Local == "id" {
					ids[a.Value] = text.String()
				}
			}
			if top.Name.Local == "title" && len(stack) > 0 && stack[len(stack)-1].Name.Local == "rect" {
				segmentTitles++
			}
		}
	}
	if root == nil || root.Name.Local != "svg" || root.Name.Space != "http://www.w3.org/2000/svg" {
		t.Fatalf("root: have %v, want svg in the SVG namespace", root)
	}
	attr := map[string]string{}
	for _, a := range root.Attr {
		attr[a.Name.Local] = a.Value
	}
	if attr["role"] != "img" {
		t.Errorf("role: have %q, want img", attr["role"])
	}
	labels := strings.Fields(attr["aria-labelledby"])
	if len(labels) != 2 {
		t.Fatalf("aria-labelledby: have %q, want a title and a desc", attr["aria-labelledby"])
	}
	if have := ids[labels[0]]; have != c.Title {
		t.Errorf("title: have %q, want %q", have, c.Title)
	}
	if have := ids[labels[1]]; have != c.Desc {
		t.Errorf("desc: have %q, want %q", have, c.Desc)
	}
	if segmentTitles != 3 {
		t.Errorf("segments with a <title>: have %d, want 3", segmentTitles)
	}
	for _, want := range []string{"WWF &lt;Panda&gt;", "£157,000", "2020, PUR Projet: £112,000"} {
		if !strings.Contains(svg, want) {
			t.Errorf("the chart lacks %q", want)
		}
	}
}

// TestSeriesHaveDistinctPatterns: readable without colour.
func TestSeriesHaveDistinctPatterns(t *testing.T) {
	seen := map[string]bool{}
	for i, p := range patterns {
		if seen[p.marks] {
			t.Errorf("pattern %d repeats the marks of another", i)
		}
		seen[p.marks] = true
	}
	c := sample()
	svg := string(c.SVG())
	pat := c.assign()
	distinct := map[int]bool{}
	for i, p := range pat {
		distinct[p] = true
		id := fmt.Sprintf(`id="donations-p%d"`, p)
		if strings.Count(svg, id) != 1 {
			t.Errorf("%s (the pattern of %s) defined %d times, want once", id, c.Series[i], strings.Count(svg, id))
		}
	}
	if len(distinct) != len(c.Series) {
		t.Errorf("patterns: have %v for %d series, want distinct", pat, len(c.Series))
	}
	if a, b := sample().SVG(), sample().SVG(); a != b {
		t.Error("two charts of the same data differ")
	}
}

// TestColoursFromTheStylesheet: the chart's parts carry the classes the
// stylesheet colours, and the only colours written into it are the
// neutral ones for where no stylesheet applies.
func TestColoursFromTheStylesheet(t *testing.T) {
	svg := string(sample().SVG())
	for _, want := range []string{`<svg xmlns="http://www.w3.org/2000/svg" class="chart"`, `class="seg"`, `<rect class="g`, `class="mk`} {
		if !strings.Contains(svg, want) {
			t.Errorf("the chart has no %s", want)
		}
	}
	allowed := map[string]bool{"#000": true, "#ffffff": true}
	for _, g := range grounds[1:] {
		allowed[g] = true
	}
	for _, m := range regexp.MustCompile(`#[0-9a-fA-F]{3,6}\b`).FindAllString(svg, -1) {
		if !allowed[m] {
			t.Errorf("the chart names the colour %s", m)
		}
	}
	for i, p := range patterns {
		if p.ground < 1 || p.ground >= len(grounds) {
			t.Errorf("pattern %d: ground class g%d has no fallback", i, p.ground)
		}
		if strings.Contains(p.marks, "<") && !strings.Contains(p.marks, `class="mk`) {
			t.Errorf("pattern %d: marks without a class: %s", i, p.marks)
		}
	}
}

// patternsByName is the pattern of each series of c, by name.
func patternsByName(c *Chart) map[string]int {
	m := map[string]int{}
	for i, p := range c.assign() {
		m[c.Series[i]] = p
	}
	return m
}

// TestPatternsStayWhenARecipientIsAdded: a recipient given to for the first
// time in a new year, whatever its name (here one that sorts first, so that
// every other recipient moves down the legend), leaves the others' patterns
// as they were.
func TestPatternsStayWhenARecipientIsAdded(t *testing.T) {
	before := patternsByName(sample())
	for _, name := range []string{"Aardvark Trust", "Zoological Society", "WWF", "PUR Projet (2)"} {
		c := sample()
		c.Series = append([]string{name}, c.Series...)
		for i := range c.Bars {
			for j := range c.Bars[i].Segments {
				c.Bars[i].Segments[j].Series++
			}
		}
		c.Bars = append(c.Bars, Bar{Label: "2021", Value: "£10", Segments: []Segment{{Series: 1, Size: decimal.NewFromInt(5)}, {Series: 0, Size: decimal.NewFromInt(5)}}})
		after := patternsByName(c)
		for n, p := range before {
			if after[n] != p {
				t.Errorf("adding %q: %s changed from pattern %d to %d", name, n, p, after[n])
			}
		}
		if len(slicesCompact(c.assign())) != len(c.Series) {
			t.Errorf("adding %q: patterns %v are not distinct", name, c.assign())
		}
	}
}

// TestPatternsStayAtScale: for many sets of recipients, one per year, a
// new recipient in a new year never changes the others' patterns, and up
// to len(patterns) recipients have patterns of their own.
func TestPatternsStayAtScale(t *testing.T) {
	for trial := range 200 {
		c := &Chart{}
		prev := map[string]int{}
		for k := range len(patterns) {
			name := fmt.Sprintf("Recipient %d-%d", trial, k*7919%1000)
			c.Series = append(c.Series, name)
			c.Bars = append(c.Bars, Bar{Label: fmt.Sprint(2000 + k), Segments: []Segment{{Series: k, Size: decimal.NewFromInt(1)}}})
			now := patternsByName(c)
			for n, p := range prev {
				if now[n] != p {
					t.Fatalf("trial %d: adding %s changed %s from %d to %d", trial, name, n, p, now[n])
				}
			}
			if len(slicesCompact(c.assign())) != len(c.Series) {
				t.Fatalf("trial %d: patterns %v are not distinct", trial, c.assign())
			}
			prev = now
		}
	}
}

func slicesCompact(s []int) []int {
	s = slices.Clone(s)
	slices.Sort(s)
	return slices.Compact(s)
}

// TestLabelsFit: with long values and long series names, every label is
// estimated to lie inside the viewBox, a long legend name wrapping.
func TestLabelsFit(t *testing.T) {
	d := decimal.RequireFromString
	c := &Chart{
		ID:     "c",
		Series: []string{"The Very Long Name of a Foundation for the Repair of Everything, Registered", "WWF"},
		Bars: []Bar{
			{Label: "2019", Value: "€1,234,567.89 + £1,234,567.89", Segments: []Segment{{Series: 0, Size: d("1")}}},
			{Label: "2020", Value: "£157,000", Segments: []Segment{{Series: 1, Size: d("157000")}}},
		},
	}
	svg := string(c.SVG())
	xs := regexp.MustCompile(`<text x="([0-9.]+)"[^>]*>([^<]*)<`).FindAllStringSubmatch(svg, -1)
	if len(xs) == 0 {
		t.Fatalf("no text in\n%s", svg)
	}
	for _, m := range xs {
		x, _ := strconv.ParseFloat(m[1], 64)
		if m[2] != "" && !strings.Contains(m[0], "text-anchor") && x+textWidth(m[2], false) > width {
			t.Errorf("%q at x=%s ends past %d", m[2], m[1], width)
		}
	}
	if !strings.Contains(svg, "<tspan") {
		t.Errorf("the long name is not wrapped:\n%s", svg)
	}
	for _, line := range wrap(c.Series[0], 200) {
		if textWidth(line, false) > 200 {
			t.Errorf("wrapped line %q is wider than 200", line)
		}
	}
}

// TestBarsAreToScale: the longest bar fills the bar area, the others in proportion.
func TestBarsAreToScale(t *testing.T) {
	svg := string(sample().SVG())
	for _, want := range []string{
		`x="45.00" y="10" width="13.46"`,  // 8193.41 / 157000 × 258
		`x="45.00" y="44" width="184.05"`, // 112000 / 157000 × 258
		`x="229.05" y="44" width="73.95"`, // then 45000
	} {
		if !strings.Contains(svg, want) {
			t.Errorf("no segment at %s in\n%s", want, svg)
		}
	}
}

// TestLegendOnlyOfSeriesInBars: a series with no segment (a recipient
// given only things in kind) takes no pattern and is not in the legend.
func TestLegendOnlyOfSeriesInBars(t *testing.T) {
	c := sample()
	c.Series = append(c.Series, "Given in kind only")
	if p := c.assign()[3]; p != -1 {
		t.Errorf("pattern of a series in no bar: have %d, want -1", p)
	}
	svg := string(c.SVG())
	if strings.Contains(svg, "Given in kind only") {
		t.Errorf("the legend names a series in no bar:\n%s", svg)
	}
	if n := strings.Count(svg, `<g class="legend">`); n != 1 || !strings.Contains(svg, ">Finsbury Fixers</text>") {
		t.Errorf("the legend lacks the series in bars:\n%s", svg)
	}
}
